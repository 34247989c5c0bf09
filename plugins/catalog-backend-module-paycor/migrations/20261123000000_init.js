// @ts-check

/**
 * The Paycor module's own tables in the catalog's database. Every table is
 * prefixed `paycor_` and migrations are tracked in `paycor__knex_migrations`,
 * never in the catalog's own migrations table. Times are ISO-8601 UTC strings
 * so SQLite and PostgreSQL store and sort them the same way.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('paycor_tokens', table => {
    table.string('provider_id', 255).primary();
    table.text('refresh_token').notNullable();
    // sha256 of the configured refresh token that seeded this row: when the
    // config value changes, the new value replaces the stored (rotated) one.
    table.string('seed_hash', 64).notNullable();
    table.text('access_token');
    table.string('access_expires_at', 32);
    table.string('rotated_at', 32);
    table.string('lock_holder', 255);
    table.string('lock_expires_at', 32);
    table.string('updated_at', 32).notNullable();
  });

  await knex.schema.createTable('paycor_runs', table => {
    table.string('id', 36).primary();
    table.string('provider_id', 255).notNullable();
    table.string('trigger', 32).notNullable();
    table.string('status', 32).notNullable();
    table.string('started_at', 32).notNullable();
    table.string('finished_at', 32);
    table.string('heartbeat_at', 32);
    table.integer('duration_ms');
    table.text('counts').notNullable();
    table.text('skipped_by_reason');
    table.integer('api_calls').notNullable().defaultTo(0);
    table.string('mutation', 16);
    table.string('error_name', 255);
    table.text('error_message');
    table.index(['provider_id', 'started_at'], 'paycor_runs_provider_started_idx');
  });

  await knex.schema.createTable('paycor_conflicts', table => {
    table.string('id', 36).primary();
    table.string('provider_id', 255).notNullable();
    // type + subject: the identity of a conflict across runs
    table.string('fingerprint', 512).notNullable();
    table.string('type', 64).notNullable();
    table.string('subject_kind', 32).notNullable();
    table.string('subject_id', 255).notNullable();
    table.text('subject_label');
    table.string('entity_ref', 512);
    table.text('message').notNullable();
    table.text('resolution').notNullable();
    table.string('status', 16).notNullable();
    table.string('first_seen_at', 32).notNullable();
    table.string('last_seen_at', 32).notNullable();
    table.string('resolved_at', 32);
    table.integer('occurrences').notNullable().defaultTo(1);
    table.string('last_run_id', 36);
    table.unique(['provider_id', 'fingerprint'], {
      indexName: 'paycor_conflicts_fingerprint_uq',
    });
    table.index(['provider_id', 'status'], 'paycor_conflicts_status_idx');
  });

  await knex.schema.createTable('paycor_department_overrides', table => {
    table.string('provider_id', 255).notNullable();
    table.string('department_id', 255).notNullable();
    table.string('parent_ref', 512).notNullable();
    table.text('note');
    table.string('set_by', 512).notNullable();
    table.string('set_at', 32).notNullable();
    table.primary(['provider_id', 'department_id']);
  });

  await knex.schema.createTable('paycor_admin_groups', table => {
    table.string('provider_id', 255).notNullable();
    table.string('name', 63).notNullable();
    table.string('title', 255).notNullable();
    table.text('description');
    table.string('parent_ref', 512);
    table.string('type', 64).notNullable();
    table.string('created_by', 512).notNullable();
    table.string('created_at', 32).notNullable();
    table.primary(['provider_id', 'name']);
  });

  await knex.schema.createTable('paycor_exclusions', table => {
    table.string('id', 36).primary();
    table.string('provider_id', 255).notNullable();
    table.string('kind', 32).notNullable();
    table.string('value', 320).notNullable();
    table.text('note');
    table.string('created_by', 512).notNullable();
    table.string('created_at', 32).notNullable();
    table.unique(['provider_id', 'kind', 'value'], {
      indexName: 'paycor_exclusions_value_uq',
    });
  });

  await knex.schema.createTable('paycor_approvals', table => {
    table.string('run_id', 36).primary();
    table.string('provider_id', 255).notNullable();
    table.string('status', 16).notNullable();
    table.string('created_at', 32).notNullable();
    table.integer('user_count').notNullable();
    table.integer('removal_count').notNullable();
    table.float('threshold_percent').notNullable();
    table.text('reason').notNullable();
    table.text('removals').notNullable();
    table.string('removal_set_hash', 64).notNullable();
    table.string('decided_by', 512);
    table.string('decided_at', 32);
    table.text('note');
    table.index(['provider_id', 'status'], 'paycor_approvals_status_idx');
  });

  await knex.schema.createTable('paycor_snapshots', table => {
    table.string('provider_id', 255).primary();
    table.string('run_id', 36).notNullable();
    table.string('fetched_at', 32).notNullable();
    // gzip'd JSON of the compact Paycor snapshot (employees, departments, …)
    table.binary('snapshot').notNullable();
    // gzip'd JSON of what the catalog holds from us: ref → hash, names
    table.binary('emission').notNullable();
    table.string('updated_at', 32).notNullable();
  });

  await knex.schema.createTable('paycor_provider_state', table => {
    table.string('provider_id', 255).primary();
    table.string('health', 32);
    table.text('health_reason');
    table.string('health_changed_at', 32);
    table.string('sync_requested_at', 32);
    table.string('last_success_at', 32);
    table.string('legal_entity_name', 255);
    table.integer('user_count').notNullable().defaultTo(0);
    table.integer('group_count').notNullable().defaultTo(0);
    table.string('updated_at', 32).notNullable();
  });

  // Serialises the writers of one provider's entities (sync, re-apply,
  // approval) across replicas. Rows expire so a crashed holder never blocks.
  await knex.schema.createTable('paycor_locks', table => {
    table.string('name', 255).primary();
    table.string('holder', 255).notNullable();
    table.string('expires_at', 32).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'paycor_locks',
    'paycor_provider_state',
    'paycor_snapshots',
    'paycor_approvals',
    'paycor_exclusions',
    'paycor_admin_groups',
    'paycor_department_overrides',
    'paycor_conflicts',
    'paycor_runs',
    'paycor_tokens',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
};
