import { SyncRun, SyncTrigger } from '@paycor-backstage/plugin-paycor-common';
import { Knex } from 'knex';
import {
  createTestClock,
  createTestDb,
  TestClock,
} from '../__testUtils__/testDb';
import { EMPTY_COUNTS, RunStore } from './RunStore';

describe('RunStore', () => {
  let knex: Knex;
  let clock: TestClock;
  let runs: RunStore;

  beforeEach(async () => {
    knex = await createTestDb();
    clock = createTestClock('2024-06-15T12:00:00.000Z');
    runs = new RunStore(knex, clock);
  });

  afterEach(async () => {
    await knex.destroy();
  });

  /** Starts a run one minute after the previous one and finishes it. */
  async function finishedRun(
    trigger: SyncTrigger,
    status: 'succeeded' | 'failed' | 'held' = 'succeeded',
    providerId = 'acme',
  ): Promise<SyncRun> {
    clock.advance(60_000);
    const run = await runs.start(providerId, trigger);
    clock.advance(1_000);
    return runs.finish(run, { status, counts: EMPTY_COUNTS, apiCalls: 1 });
  }

  it('starts a run as running, with empty counts', async () => {
    const run = await runs.start('acme', 'manual');
    expect(run).toEqual({
      id: expect.any(String),
      providerId: 'acme',
      trigger: 'manual',
      status: 'running',
      startedAt: '2024-06-15T12:00:00.000Z',
      counts: EMPTY_COUNTS,
      apiCalls: 0,
    });
    expect(await runs.get(run.id)).toEqual(run);
    expect(await runs.isRunning('acme')).toBe(true);
    expect(await runs.isRunning('globex')).toBe(false);
  });

  it('tells a live run from one whose process stopped heartbeating', async () => {
    const run = await runs.start('acme', 'schedule');
    clock.advance(50_000);
    expect(await runs.isRunning('acme', 60_000)).toBe(true);
    clock.advance(20_000);
    expect(await runs.isRunning('acme', 60_000)).toBe(false);
    expect(await runs.isRunning('acme')).toBe(true);
    await runs.heartbeat(run.id);
    expect(await runs.isRunning('acme', 60_000)).toBe(true);
  });

  it('strips NUL from a recorded error (PostgreSQL text cannot hold it)', async () => {
    const run = await runs.start('acme', 'schedule');
    await runs.finish(run, {
      status: 'failed',
      counts: EMPTY_COUNTS,
      apiCalls: 1,
      error: { name: 'PaycorPayloadError', message: 'bad name "a\u0000b"' },
    });
    expect((await runs.get(run.id))?.error?.message).toBe('bad name "ab"');
  });

  it('finishes a run with its outcome and duration from the clock', async () => {
    const run = await runs.start('acme', 'schedule');
    clock.advance(42_000);
    const outcome = {
      status: 'failed' as const,
      counts: { ...EMPTY_COUNTS, fetchedEmployees: 600, skipped: 3 },
      apiCalls: 7,
      mutation: 'delta' as const,
      skippedByReason: { terminated: 3 },
      error: { name: 'PaycorApiError', message: 'employees answered 500' },
    };
    const finished = await runs.finish(run, outcome);

    const expected = {
      ...run,
      ...outcome,
      finishedAt: '2024-06-15T12:00:42.000Z',
      durationMs: 42_000,
    };
    expect(finished).toEqual(expected);
    expect(await runs.get(run.id)).toEqual(expected);
    expect(await runs.isRunning('acme')).toBe(false);
  });

  it('lists runs newest first, one page at a time, per provider', async () => {
    const made: SyncRun[] = [];
    for (let i = 0; i < 5; i++) made.push(await finishedRun('schedule'));
    await finishedRun('schedule', 'succeeded', 'globex');
    const newestFirst = made.map(r => r.id).reverse();

    const first = await runs.list('acme', 2, 0);
    expect(first.items.map(r => r.id)).toEqual(newestFirst.slice(0, 2));
    expect(first).toMatchObject({ totalCount: 5, limit: 2, offset: 0 });

    const last = await runs.list('acme', 2, 4);
    expect(last.items.map(r => r.id)).toEqual(newestFirst.slice(4));
    expect((await runs.latest('acme'))?.id).toBe(newestFirst[0]);
    expect(await runs.latest('initech')).toBeUndefined();
  });

  it('latestFinishedSync skips running runs, re-applies and approvals', async () => {
    const failed = await finishedRun('manual', 'failed');
    await finishedRun('reapply');
    await finishedRun('approval');
    clock.advance(60_000);
    await runs.start('acme', 'schedule');

    expect((await runs.latestFinishedSync('acme'))?.id).toBe(failed.id);
    expect(await runs.latestFinishedSync('globex')).toBeUndefined();
  });

  it('abandons runs whose heartbeat went stale, and only those', async () => {
    const dead = await runs.start('acme', 'schedule');
    const alive = await runs.start('globex', 'schedule');
    clock.advance(10 * 60_000);
    await runs.heartbeat(alive.id);

    expect(await runs.abandonStale(5 * 60_000)).toBe(1);
    expect(await runs.get(dead.id)).toMatchObject({
      status: 'abandoned',
      finishedAt: clock().toISOString(),
      error: {
        name: 'RunAbandoned',
        message: expect.stringMatching(/nothing from it was applied/),
      },
    });
    expect((await runs.get(alive.id))?.status).toBe('running');
  });

  it('never abandons finished runs', async () => {
    const done = await finishedRun('schedule');
    clock.advance(24 * 3_600_000);
    expect(await runs.abandonStale(60_000)).toBe(0);
    expect((await runs.get(done.id))?.status).toBe('succeeded');
  });

  it('does not move the heartbeat of a finished run', async () => {
    const done = await finishedRun('schedule');
    const before = await knex('paycor_runs').where({ id: done.id }).first();
    clock.advance(60_000);
    await runs.heartbeat(done.id);
    const after = await knex('paycor_runs').where({ id: done.id }).first();
    expect(after.heartbeat_at).toBe(before.heartbeat_at);
  });
});
