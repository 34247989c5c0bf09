// @ts-check

/**
 * What each run changed for each person (added, which fields updated,
 * renamed, removed, removal held, newly skipped): the history the People tab
 * shows. One row per person per run that changed something for them; runs
 * that change nothing write nothing. Rows older than the provider's
 * `history.retentionDays` are deleted after each run.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('paycor_person_history', table => {
    table.bigIncrements('id').primary();
    table.string('provider_id', 255).notNullable();
    table.string('employee_id', 255).notNullable();
    table.string('run_id', 36).notNullable();
    table.string('trigger', 32);
    table.string('at', 32).notNullable();
    table.string('change', 16).notNullable();
    table.string('entity_ref', 512);
    // JSON: { fields?, reason?, from?, detail? }
    table.text('details');
    table.index(
      ['provider_id', 'employee_id', 'at'],
      'paycor_person_history_person_idx',
    );
    table.index(['provider_id', 'at'], 'paycor_person_history_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTableIfExists('paycor_person_history');
};
