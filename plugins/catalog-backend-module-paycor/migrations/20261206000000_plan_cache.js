// @ts-check

/**
 * Identities that let a replica keep the last plan in memory and know when it
 * is stale: the id of the stored snapshot (it changes only when a sync stores
 * a new read; `run_id` also changes on every re-apply), and a revision of the
 * admin settings (re-homes, admin groups, exclusions) bumped by every write of
 * them on any replica.
 *
 * The emission in chunks (store/emissionChunks.ts): a re-apply after a small
 * change writes the chunks that changed, not 100k rows. `paycor_snapshots.
 * emission` then holds the list of chunks; an emission stored before this
 * migration stays readable as it is.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('paycor_snapshots', table => {
    table.string('snapshot_id', 36);
  });
  await knex('paycor_snapshots').update({ snapshot_id: knex.ref('run_id') });
  await knex.schema.alterTable('paycor_provider_state', table => {
    table.integer('settings_revision').notNullable().defaultTo(0);
  });
  await knex.schema.createTable('paycor_emission_chunks', table => {
    table.string('provider_id', 255).notNullable();
    table.string('chunk_key', 64).notNullable();
    // gzip'd JSON array of the chunk's items
    table.binary('data').notNullable();
    table.primary(['provider_id', 'chunk_key']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTableIfExists('paycor_emission_chunks');
  await knex.schema.alterTable('paycor_provider_state', table => {
    table.dropColumn('settings_revision');
  });
  await knex.schema.alterTable('paycor_snapshots', table => {
    table.dropColumn('snapshot_id');
  });
};
