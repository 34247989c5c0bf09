// @ts-check

/**
 * Live updates from Paycor's event notifications.
 *
 * `paycor_events`: every event a connection accepted, keyed by Paycor's
 * event id, so a redelivery (Paycor's retry, a duplicate, another replica)
 * is applied once; it is also the queue the replicas drain (a claim with a
 * lease per person) and what the next full sync reconciles.
 *
 * `paycor_event_counts`: per connection and UTC day, how many events were
 * received, applied, ignored, refused, ... (the status card's "today").
 * Provider id '' holds what belongs to no connection (an unknown legal
 * entity, a refused delivery naming none).
 *
 * `paycor_provider_state.sync_requested_by`: who asked for the pending full
 * sync ("Sync now" or an event), so its run shows the right trigger.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('paycor_events', table => {
    table.string('provider_id', 255).notNullable();
    table.string('event_id', 255).notNullable();
    table.string('event_type', 64).notNullable();
    // the employee id for Employee.Modified; '' for a full sync
    table.string('subject', 255).notNullable();
    table.string('received_at', 32).notNullable();
    // pending | applied | full-sync | failed | reconciled
    table.string('status', 16).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.string('next_attempt_at', 32).notNullable();
    table.string('claimed_by', 64);
    table.string('claimed_until', 32);
    table.string('run_id', 36);
    table.string('finished_at', 32);
    table.text('error');
    table.primary(['provider_id', 'event_id']);
    table.index(
      ['provider_id', 'status', 'next_attempt_at'],
      'paycor_events_due_idx',
    );
    table.index(['provider_id', 'received_at'], 'paycor_events_received_idx');
  });
  await knex.schema.createTable('paycor_event_counts', table => {
    table.string('provider_id', 255).notNullable();
    table.string('day', 10).notNullable();
    table.string('kind', 16).notNullable();
    table.integer('count').notNullable().defaultTo(0);
    table.string('last_at', 32);
    table.primary(['provider_id', 'day', 'kind']);
  });
  await knex.schema.alterTable('paycor_provider_state', table => {
    table.string('sync_requested_by', 16);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('paycor_provider_state', table => {
    table.dropColumn('sync_requested_by');
  });
  await knex.schema.dropTableIfExists('paycor_event_counts');
  await knex.schema.dropTableIfExists('paycor_events');
};
