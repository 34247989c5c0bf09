import { Knex } from 'knex';
import {
  createTestClock,
  createTestDb,
  TestClock,
} from '../__testUtils__/testDb';
import { PersonHistoryStore } from './PersonHistoryStore';

describe('PersonHistoryStore', () => {
  let knex: Knex;
  let clock: TestClock;
  let history: PersonHistoryStore;

  beforeEach(async () => {
    knex = await createTestDb();
    clock = createTestClock('2024-06-15T12:00:00.000Z');
    history = new PersonHistoryStore(knex, clock);
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it("lists one person's changes newest first, with their details", async () => {
    await history.record('acme', { id: 'run-1', trigger: 'schedule' }, [
      { employeeId: 'e1', change: 'added', entityRef: 'user:default/ana' },
      { employeeId: 'e2', change: 'skipped', reason: 'duplicate-email' },
    ]);
    clock.advance(3_600_000);
    await history.record('acme', { id: 'run-2', trigger: 'person' }, [
      {
        employeeId: 'e1',
        change: 'updated',
        entityRef: 'user:default/ana',
        fields: ['metadata.description'],
      },
    ]);
    await history.record('other', { id: 'run-3', trigger: 'manual' }, [
      { employeeId: 'e1', change: 'removed', reason: 'terminated' },
    ]);

    expect(await history.list('acme', 'e1')).toEqual([
      {
        employeeId: 'e1',
        runId: 'run-2',
        trigger: 'person',
        at: '2024-06-15T13:00:00.000Z',
        change: 'updated',
        entityRef: 'user:default/ana',
        fields: ['metadata.description'],
      },
      {
        employeeId: 'e1',
        runId: 'run-1',
        trigger: 'schedule',
        at: '2024-06-15T12:00:00.000Z',
        change: 'added',
        entityRef: 'user:default/ana',
      },
    ]);
    expect(await history.list('acme', 'e2')).toEqual([
      expect.objectContaining({ change: 'skipped', reason: 'duplicate-email' }),
    ]);
  });

  it('writes many changes in batches and purges what is older than the retention', async () => {
    const many = Array.from({ length: 1234 }, (_, i) => ({
      employeeId: `e${i}`,
      change: 'added' as const,
      entityRef: `user:default/u${i}`,
    }));
    await history.record('acme', { id: 'run-1', trigger: 'schedule' }, many);
    clock.advance(10 * 86_400_000);
    await history.record('acme', { id: 'run-2', trigger: 'schedule' }, [
      { employeeId: 'e1', change: 'removed', reason: 'gone' },
    ]);
    expect(await history.count('acme')).toBe(1235);

    const removed = await history.purge(
      'acme',
      new Date('2024-06-20T00:00:00.000Z'),
    );
    expect(removed).toBe(1234);
    expect(await history.list('acme', 'e1')).toEqual([
      expect.objectContaining({ runId: 'run-2', change: 'removed' }),
    ]);
  });

  it('records nothing for a run that changed nobody', async () => {
    await history.record('acme', { id: 'run-1', trigger: 'reapply' }, []);
    expect(await history.count('acme')).toBe(0);
  });
});
