import knexFactory, { Knex } from 'knex';
import { applyMigrations } from '../store';
import {
  PersonChangeRecord,
  PersonHistoryStore,
} from '../store/PersonHistoryStore';
import { JSON_ROWS_PER_STATEMENT } from '../store/jsonRowsInsert';
import {
  dropPostgresDatabases,
  postgresConnectionFromEnv,
  testDatabaseKind,
  uniqueDatabasePrefix,
} from '../__testUtils__/paycorTestBackend';
import { createTestClock } from '../__testUtils__/testDb';

jest.setTimeout(120_000);

/*
 * The person history's rows travel to the database as one JSON parameter per
 * statement (store/jsonRowsInsert.ts), which each database expands with its
 * own JSON functions: what comes back must be what was recorded, on SQLite
 * and (`yarn test:postgres`) on PostgreSQL.
 */
describe(`person history rows (${testDatabaseKind()})`, () => {
  const prefix = uniqueDatabasePrefix();
  let knex: Knex;

  beforeAll(async () => {
    if (testDatabaseKind() === 'postgres') {
      const connection = postgresConnectionFromEnv();
      const admin = knexFactory({
        client: 'pg',
        connection: { ...connection, database: 'postgres' },
        pool: { min: 0, max: 1 },
      });
      await admin.raw('CREATE DATABASE ??', [`${prefix}history`]);
      await admin.destroy();
      knex = knexFactory({
        client: 'pg',
        connection: { ...connection, database: `${prefix}history` },
      });
    } else {
      knex = knexFactory({
        client: 'better-sqlite3',
        connection: ':memory:',
        useNullAsDefault: true,
      });
    }
    await applyMigrations(knex);
  });

  afterAll(async () => {
    await knex?.destroy();
    if (testDatabaseKind() === 'postgres') await dropPostgresDatabases(prefix);
  });

  it('stores text as recorded, in order, across statements', async () => {
    const clock = createTestClock('2024-06-15T12:00:00.000Z');
    const history = new PersonHistoryStore(knex, clock);
    const odd = [
      `quote ' double " backslash \\ slash /`,
      'JSON-looking {"a":[1,2]} and \\u0041',
      'emoji 😀, accents ëñ, CJK 漢字, RTL שלום',
      'line\nbreak\ttab',
    ];
    const count = JSON_ROWS_PER_STATEMENT + 7;
    const changes: PersonChangeRecord[] = Array.from(
      { length: count },
      (_, i) => ({
        employeeId: `e${i}`,
        change: 'updated',
        entityRef: `user:default/p${i}`,
        fields: [odd[i % odd.length]],
      }),
    );
    changes.push({
      employeeId: 'odd\u0000id\ud800',
      change: 'updated',
      fields: ['lone \ud800 surrogate', 'nul \u0000 inside'],
    });
    await history.record('acme', { id: 'run-1', trigger: 'schedule' }, changes);

    expect(await history.count('acme')).toBe(count + 1);
    for (const i of [0, 1, 2, 3, JSON_ROWS_PER_STATEMENT + 6]) {
      expect(await history.list('acme', `e${i}`)).toEqual([
        {
          employeeId: `e${i}`,
          runId: 'run-1',
          trigger: 'schedule',
          at: '2024-06-15T12:00:00.000Z',
          change: 'updated',
          entityRef: `user:default/p${i}`,
          fields: [odd[i % odd.length]],
        },
      ]);
    }
    // In a column, NUL is dropped (PostgreSQL cannot hold it) and a lone
    // surrogate becomes U+FFFD, as a bound string would; the details are JSON
    // text, where both are escapes and come back as recorded.
    const [oddRow] = await history.list('acme', 'oddid\ufffd');
    expect(oddRow).toEqual(
      expect.objectContaining({
        employeeId: 'oddid\ufffd',
        fields: ['lone \ud800 surrogate', 'nul \u0000 inside'],
      }),
    );
    expect(oddRow.entityRef).toBeUndefined();

    // ids follow the order given: the newest-first listing breaks ties of
    // `at` by id
    const ids = await knex('paycor_person_history')
      .whereIn('employee_id', ['e0', 'e1', `e${count - 1}`])
      .orderBy('id')
      .pluck('employee_id');
    expect(ids).toEqual(['e0', 'e1', `e${count - 1}`]);
  });
});
