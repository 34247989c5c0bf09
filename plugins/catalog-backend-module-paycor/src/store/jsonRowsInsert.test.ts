import { Knex } from 'knex';
import { createTestDb } from '../__testUtils__/testDb';
import { insertJsonRows, JSON_ROWS_PER_STATEMENT } from './jsonRowsInsert';

describe('insertJsonRows', () => {
  let knex: Knex;

  beforeEach(async () => {
    knex = await createTestDb();
  });

  afterEach(async () => {
    await knex.destroy();
  });

  const insertRuns = (rows: Array<[string, string | null]>) =>
    insertJsonRows(knex, {
      table: 'paycor_person_history',
      shared: [
        ['provider_id', 'acme'],
        ['run_id', 'run-1'],
        ['at', '2024-06-15T12:00:00.000Z'],
      ],
      columns: ['employee_id', 'change', 'entity_ref'],
      rows,
      valuesOf: ([id, ref]) => [id, 'added', ref],
    });

  const stored = () =>
    knex('paycor_person_history')
      .orderBy('id')
      .select('provider_id', 'run_id', 'employee_id', 'change', 'entity_ref');

  // SQLite stands in for a database without a JSON expansion (MySQL):
  // the same rows go in as multi-row VALUES.
  it.each([
    ['its JSON functions', undefined],
    ['multi-row VALUES', 'mysql'],
  ])('inserts rows in order with %s', async (_, dialect) => {
    // an own property shadows the dialect's prototype one
    if (dialect) Object.assign(knex.client, { dialect });
    const rows = Array.from(
      { length: JSON_ROWS_PER_STATEMENT + 3 },
      (_x, i): [string, string | null] => [
        `e${i}`,
        i % 2 ? null : `user:default/p${i}`,
      ],
    );
    rows.push(['nul\u0000', 'it\'s \\ "quoted"']);
    const statements: string[] = [];
    knex.on('query', (q: { sql: string }) => statements.push(q.sql));
    await insertRuns(rows);
    expect(statements).toHaveLength(dialect ? 5 : 2);
    for (const sql of statements) {
      expect(sql).toContain(dialect ? ' values (' : 'from json_each(');
    }
    const all = await stored();
    expect(all).toHaveLength(rows.length);
    expect(all[0]).toEqual({
      provider_id: 'acme',
      run_id: 'run-1',
      employee_id: 'e0',
      change: 'added',
      entity_ref: 'user:default/p0',
    });
    expect(all[1].entity_ref).toBeNull();
    expect(all.map(r => r.employee_id)).toEqual([
      ...rows.slice(0, -1).map(([id]) => id),
      'nul',
    ]);
    expect(all[all.length - 1].entity_ref).toBe('it\'s \\ "quoted"');
  });
});
