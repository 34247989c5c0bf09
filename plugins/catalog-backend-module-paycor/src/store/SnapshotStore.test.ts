import { Knex } from 'knex';
import { gunzipSync } from 'node:zlib';
import { PaycorSnapshot } from '../ingest/types';
import {
  createTestClock,
  createTestDb,
  TestClock,
} from '../__testUtils__/testDb';
import { Emission, SnapshotStore } from './SnapshotStore';

const snapshot = (fetchedAt: string, names: string[]): PaycorSnapshot => ({
  fetchedAt,
  legalEntity: { id: 501123, name: 'Acme Corp', timeZone: 'America/New_York' },
  departments: [
    { id: 'd1', code: '110', description: 'Sales – Nördlingen 東京' },
  ],
  employees: names.map((name, i) => ({
    id: `e${i}`,
    firstName: name,
    email: `${name}@acme.com`,
  })),
  invalid: [
    { resource: 'employee', issues: [{ path: 'id', message: 'is required' }] },
  ],
});

const emission = (refs: string[]): Emission => ({
  version: 1,
  entities: refs.map(ref => [ref, `hash-${ref}`, `Label ${ref}`, `id-${ref}`]),
  userNames: [['e0', 'ana']],
  groupNames: [['d1', 'sales']],
});

describe('SnapshotStore', () => {
  let knex: Knex;
  let clock: TestClock;
  let snapshots: SnapshotStore;

  beforeEach(async () => {
    knex = await createTestDb();
    clock = createTestClock('2024-06-15T12:00:00.000Z');
    snapshots = new SnapshotStore(knex, clock);
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('has nothing before the first save', async () => {
    expect(await snapshots.load('acme')).toBeUndefined();
    expect(await snapshots.loadEmission('acme')).toBeUndefined();
  });

  it('round-trips the snapshot and emission, gzip-compressed in the database', async () => {
    const value = {
      runId: 'run-1',
      snapshot: snapshot('2024-06-15T11:59:00.000Z', ['ana', 'bo']),
      emission: emission(['user:default/ana', 'user:default/bo']),
    };
    await snapshots.save('acme', value);

    expect(await snapshots.load('acme')).toEqual({
      ...value,
      fetchedAt: '2024-06-15T11:59:00.000Z',
    });
    expect(await snapshots.loadEmission('acme')).toEqual(value.emission);

    const row = await knex('paycor_snapshots')
      .where({ provider_id: 'acme' })
      .first();
    const stored = Buffer.from(row.snapshot);
    expect(stored.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b])); // gzip magic
    expect(JSON.parse(gunzipSync(stored).toString('utf8'))).toEqual(
      value.snapshot,
    );
  });

  it('replaces the previous snapshot on save (one row per provider)', async () => {
    await snapshots.save('acme', {
      runId: 'run-1',
      snapshot: snapshot('2024-06-15T11:00:00.000Z', ['ana']),
      emission: emission(['user:default/ana']),
    });
    await snapshots.save('globex', {
      runId: 'run-g',
      snapshot: snapshot('2024-06-15T11:00:00.000Z', ['zed']),
      emission: emission(['user:default/zed']),
    });
    clock.advance(3_600_000);
    await snapshots.save('acme', {
      runId: 'run-2',
      snapshot: snapshot('2024-06-15T12:59:00.000Z', ['bo']),
      emission: emission(['user:default/bo']),
    });

    const loaded = await snapshots.load('acme');
    expect(loaded?.runId).toBe('run-2');
    expect(loaded?.fetchedAt).toBe('2024-06-15T12:59:00.000Z');
    expect(loaded?.snapshot.employees.map(e => e.firstName)).toEqual(['bo']);
    expect((await snapshots.load('globex'))?.runId).toBe('run-g');
    expect(await knex('paycor_snapshots').count({ n: '*' })).toEqual([
      { n: 2 },
    ]);
  });

  it('saveEmission replaces the emission and run, keeping the snapshot', async () => {
    const original = snapshot('2024-06-15T11:00:00.000Z', ['ana']);
    await snapshots.save('acme', {
      runId: 'run-1',
      snapshot: original,
      emission: emission(['user:default/ana']),
    });
    clock.advance(60_000);
    const reapplied = emission(['user:default/ana', 'group:default/division']);
    await snapshots.saveEmission('acme', 'run-2', reapplied);

    expect(await snapshots.load('acme')).toEqual({
      runId: 'run-2',
      fetchedAt: '2024-06-15T11:00:00.000Z',
      snapshot: original,
      emission: reapplied,
    });
    const row = await knex('paycor_snapshots')
      .where({ provider_id: 'acme' })
      .first();
    expect(row.updated_at).toBe('2024-06-15T12:01:00.000Z');
  });

  it('saveEmission without a stored snapshot stores nothing', async () => {
    await snapshots.saveEmission('acme', 'run-1', emission([]));
    expect(await snapshots.load('acme')).toBeUndefined();
  });
});
