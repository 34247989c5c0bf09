import { Knex } from 'knex';
import {
  makeConfig,
  makeEmployee,
  makeSnapshot,
} from '../ingest/__testUtils__/builders';
import { createStores } from '../store';
import { createTestClock, createTestDb } from '../__testUtils__/testDb';
import { CatalogState } from './CatalogState';
import { loadStoredSnapshot, toPaycorSnapshot } from './loadedSnapshot';
import { PlanSources } from './planSources';
import { PlanWorkKind } from './work';

describe('PlanSources', () => {
  let knex: Knex;
  const config = makeConfig({ timeZone: 'UTC' });
  // stored out of order, with a second copy of an id and fields in another
  // order than the records the sync builds
  const stored = makeSnapshot({
    employees: [
      makeEmployee({ id: 'e2', firstName: 'Bo' }),
      { email: 'ana@acme.com', firstName: 'Ana', id: 'e1' } as any,
      makeEmployee({ id: 'e2', firstName: 'Bo the second copy' }),
    ],
  });

  beforeEach(async () => {
    knex = await createTestDb();
  });

  afterEach(async () => {
    await knex.destroy();
  });

  async function sourcesWithStoredSnapshot() {
    const stores = createStores(knex, createTestClock());
    await stores.snapshots.save(config.id, {
      runId: 'run-1',
      fetchedAt: stored.fetchedAt,
      snapshot: stored,
      emission: { version: 1, entities: [], userNames: [], groupNames: [] },
    });
    const work: PlanWorkKind[] = [];
    const sources = new PlanSources({
      config,
      stores,
      catalog: {} as CatalogState,
      locationKey: 'paycor-provider:test',
      onWork: (_id, kind) => work.push(kind),
    });
    return { sources, work };
  }

  it('gives the stored records as a snapshot in memory gives them, decoded or not', async () => {
    const { sources, work } = await sourcesWithStoredSnapshot();
    const expected = toPaycorSnapshot(
      loadStoredSnapshot('run-1', stored, config.userNaming),
    );
    // not in memory: decoded, not kept
    const decoded = await sources.storedRecords();
    expect(decoded).toEqual(expected);
    expect(decoded!.employees.map(e => JSON.stringify(e))).toEqual(
      expected.employees.map(e => JSON.stringify(e)),
    );
    expect(work).toEqual(['snapshot-decode']);
    // in memory (a plan decoded it): the same, without decoding
    await sources.stored();
    work.length = 0;
    expect(await sources.storedRecords()).toEqual(expected);
    expect(work).toEqual([]);
  });

  it('lets go of the snapshot and tells who keeps parts of it', async () => {
    const { sources, work } = await sourcesWithStoredSnapshot();
    const first = await sources.stored();
    let told = 0;
    sources.onForget(() => {
      told += 1;
    });
    sources.forgetSnapshot();
    expect(told).toBe(1);
    work.length = 0;
    const again = await sources.stored();
    expect(work).toContain('snapshot-decode');
    expect(again!.snapshot).not.toBe(first!.snapshot);
    expect(again!.snapshot.employees.list()).toEqual(
      first!.snapshot.employees.list(),
    );
  });
});
