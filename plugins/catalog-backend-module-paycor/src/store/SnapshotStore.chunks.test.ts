import { Knex } from 'knex';
import { createTestClock, createTestDb } from '../__testUtils__/testDb';
import { CHUNK_MEAN } from './emissionChunks';
import { pack } from './snapshotCodec';
import { Emission, SnapshotStore } from './SnapshotStore';

const snapshot = {
  fetchedAt: '2024-06-15T11:55:00.000Z',
  legalEntity: { id: 501123 },
  departments: [],
  employees: [],
  invalid: [],
};

function emission(users: number, groupTitle = 'Sales'): Emission {
  const refs = Array.from(
    { length: users },
    (_, i) => `user:default/u${String(i).padStart(6, '0')}`,
  );
  return {
    version: 1,
    entities: [
      ['group:default/sales', 'hash-sales', groupTitle, 'd1'],
      ...refs.map(
        (ref, i) =>
          [ref, `hash-${i}`, `User ${i}`, `e${i}`] as [
            string,
            string,
            string,
            string,
          ],
      ),
    ],
    userNames: refs.map((ref, i) => [`e${i}`, ref.slice(13)]),
    groupNames: [['d1', 'sales']],
  };
}

describe('SnapshotStore: the emission in chunks', () => {
  let knex: Knex;
  let snapshots: SnapshotStore;
  const chunkRows = async () =>
    (await knex('paycor_emission_chunks').where({ provider_id: 'acme' }))
      .length;

  beforeEach(async () => {
    knex = await createTestDb();
    snapshots = new SnapshotStore(knex, createTestClock());
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('writes only the chunks a small change touched, and reads back exactly what was written', async () => {
    const first = emission(20 * CHUNK_MEAN);
    await snapshots.save('acme', { runId: 'run-1', snapshot, emission: first });
    const chunks = await chunkRows();
    expect(chunks).toBeGreaterThan(10);

    const writes: string[] = [];
    knex.on('query', q => {
      if (/paycor_emission_chunks/.test(q.sql) && /insert/i.test(q.sql)) {
        writes.push(
          ...q.bindings.filter(
            (b: unknown) =>
              typeof b === 'string' &&
              /^(entities|userNames|groupNames):/.test(b as string),
          ),
        );
      }
    });
    // a re-home: one Group row changes
    const second = emission(20 * CHUNK_MEAN, 'Sales and Marketing');
    await snapshots.saveEmission('acme', 'run-2', second, {
      emissionId: 'run-1',
      emission: first,
    });
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^entities:/);
    expect(await snapshots.loadEmission('acme')).toEqual(second);

    // an exclusion: one User row and one name go
    writes.length = 0;
    const third: Emission = {
      ...second,
      entities: second.entities.filter(
        ([ref]) => ref !== 'user:default/u000100',
      ),
      userNames: second.userNames.filter(([id]) => id !== 'e100'),
    };
    await snapshots.saveEmission('acme', 'run-3', third, {
      emissionId: 'run-2',
      emission: second,
    });
    expect(writes.map(w => w.split(':')[0]).sort()).toEqual([
      'entities',
      'userNames',
    ]);
    expect(await snapshots.loadEmission('acme')).toEqual(third);
    expect(await chunkRows()).toBe(chunks);
  });

  it('writes everything when the emission it is told is stored is not', async () => {
    const first = emission(3 * CHUNK_MEAN);
    await snapshots.save('acme', { runId: 'run-1', snapshot, emission: first });
    const changed = emission(3 * CHUNK_MEAN, 'Renamed');
    // another writer stored run-2 meanwhile; the caller still believes run-1
    await snapshots.saveEmission('acme', 'run-2', changed);
    await snapshots.saveEmission('acme', 'run-3', first, {
      emissionId: 'run-1',
      emission: first,
    });
    expect(await snapshots.loadEmission('acme')).toEqual(first);
  });

  it('still reads an emission stored whole, before emissions were chunked', async () => {
    const legacy = emission(5);
    await snapshots.save('acme', {
      runId: 'run-1',
      snapshot,
      emission: legacy,
    });
    await knex('paycor_snapshots')
      .where({ provider_id: 'acme' })
      .update({ emission: await pack(legacy) });
    await knex('paycor_emission_chunks').delete();
    expect(await snapshots.loadEmission('acme')).toEqual(legacy);
    expect((await snapshots.head('acme'))?.emissionId).toBe('run-1');
  });

  it('keeps who was skipped and why, in chunks of their own', async () => {
    const skipped: Array<[string, string]> = Array.from(
      { length: 3 * CHUNK_MEAN },
      (_, i) => [`s${String(i).padStart(6, '0')}`, 'terminated'],
    );
    const first = { ...emission(10), skipped };
    await snapshots.save('acme', { runId: 'run-1', snapshot, emission: first });
    expect(await snapshots.loadEmission('acme')).toEqual(first);

    // one more person skipped: only a skipped chunk is written again
    const second = {
      ...first,
      skipped: [...skipped, ['z-new', 'duplicate-email']] as Array<
        [string, string]
      >,
    };
    const writes: string[] = [];
    knex.on('query', q => {
      if (/insert into .paycor_emission_chunks./i.test(q.sql)) {
        writes.push(
          ...q.bindings.filter(
            (b: unknown) =>
              typeof b === 'string' &&
              /^skipped:|^entities:|^userNames:/.test(b as string),
          ),
        );
      }
    });
    await snapshots.saveEmission('acme', 'run-2', second, {
      emissionId: 'run-1',
      emission: first,
    });
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^skipped:/);
    expect(await snapshots.loadEmission('acme')).toEqual(second);
  });
});
