import { HeldRemoval } from '@paycor-backstage/plugin-paycor-common';
import { Knex } from 'knex';
import {
  createTestClock,
  createTestDb,
  TestClock,
} from '../__testUtils__/testDb';
import { ApprovalStore, removalSetHash } from './ApprovalStore';

const removal = (name: string): HeldRemoval => ({
  entityRef: `user:default/${name}`,
  kind: 'User',
  displayName: name,
  employeeId: `id-${name}`,
});

describe('removalSetHash', () => {
  it('does not depend on order', () => {
    expect(removalSetHash(['user:default/a', 'user:default/b'])).toBe(
      removalSetHash(['user:default/b', 'user:default/a']),
    );
    expect(removalSetHash(new Set(['x', 'y']))).toBe(
      removalSetHash(['y', 'x']),
    );
  });

  it('differs for different sets', () => {
    expect(removalSetHash(['user:default/a'])).not.toBe(
      removalSetHash(['user:default/a', 'user:default/b']),
    );
  });
});

describe('ApprovalStore', () => {
  let knex: Knex;
  let clock: TestClock;
  let approvals: ApprovalStore;

  beforeEach(async () => {
    knex = await createTestDb();
    clock = createTestClock('2024-06-15T12:00:00.000Z');
    approvals = new ApprovalStore(knex, clock);
  });

  afterEach(async () => {
    await knex.destroy();
  });

  const hold = (runId: string, removals: HeldRemoval[], providerId = 'acme') =>
    approvals.createPending({
      runId,
      providerId,
      userCount: 100,
      thresholdPercent: 10,
      reason: `would remove ${removals.length}`,
      removals,
    });

  it('creates a pending approval and reads it back', async () => {
    const created = await hold('run-1', [removal('a'), removal('b')]);
    expect(created).toMatchObject({
      status: 'pending',
      removalCount: 2,
      createdAt: '2024-06-15T12:00:00.000Z',
    });
    expect(await approvals.get('acme', 'run-1')).toEqual({
      runId: 'run-1',
      providerId: 'acme',
      status: 'pending',
      createdAt: '2024-06-15T12:00:00.000Z',
      userCount: 100,
      removalCount: 2,
      thresholdPercent: 10,
      reason: 'would remove 2',
      removals: [removal('a'), removal('b')],
      decidedBy: undefined,
      decidedAt: undefined,
      note: undefined,
    });
    expect((await approvals.pending('acme'))?.runId).toBe('run-1');
    expect(await approvals.get('globex', 'run-1')).toBeUndefined();
  });

  it('keeps one pending approval per provider: a newer hold supersedes the older', async () => {
    await hold('run-1', [removal('a')]);
    await hold('run-x', [removal('z')], 'globex');
    clock.advance(60_000);
    await hold('run-2', [removal('a'), removal('b')]);

    expect((await approvals.pending('acme'))?.runId).toBe('run-2');
    expect(await approvals.get('acme', 'run-1')).toMatchObject({
      status: 'superseded',
      decidedAt: '2024-06-15T12:01:00.000Z',
    });
    expect((await approvals.pending('globex'))?.runId).toBe('run-x');
    expect((await approvals.list('acme', 'pending')).map(a => a.runId)).toEqual(
      ['run-2'],
    );
    expect((await approvals.list('acme', 'all')).map(a => a.runId)).toEqual([
      'run-2',
      'run-1',
    ]);
  });

  it('decides only a pending approval, once', async () => {
    await hold('run-1', [removal('a')]);
    clock.advance(60_000);
    await hold('run-2', [removal('a')]);

    // run-1 was superseded: too late to decide it
    expect(
      await approvals.decide('acme', 'run-1', {
        status: 'approved',
        by: 'user:default/admin',
      }),
    ).toBe(false);

    clock.advance(60_000);
    expect(
      await approvals.decide('acme', 'run-2', {
        status: 'rejected',
        by: 'user:default/admin',
        note: 'not now',
      }),
    ).toBe(true);
    expect(await approvals.get('acme', 'run-2')).toMatchObject({
      status: 'rejected',
      decidedBy: 'user:default/admin',
      decidedAt: '2024-06-15T12:02:00.000Z',
      note: 'not now',
    });
    expect(
      await approvals.decide('acme', 'run-2', {
        status: 'approved',
        by: 'user:default/other',
      }),
    ).toBe(false);
    expect((await approvals.get('acme', 'run-2'))?.status).toBe('rejected');
    expect(await approvals.pending('acme')).toBeUndefined();
    expect(
      await approvals.decide('acme', 'no-such-run', {
        status: 'approved',
        by: 'x',
      }),
    ).toBe(false);
  });

  it('supersedePending clears the pending approval', async () => {
    await hold('run-1', [removal('a')]);
    await approvals.supersedePending('acme');
    expect(await approvals.pending('acme')).toBeUndefined();
    expect((await approvals.get('acme', 'run-1'))?.status).toBe('superseded');
  });

  it('latestRejectedHash is the order-independent hash of the newest rejected set', async () => {
    expect(await approvals.latestRejectedHash('acme')).toBeUndefined();

    await hold('run-1', [removal('a')]);
    await approvals.decide('acme', 'run-1', {
      status: 'rejected',
      by: 'admin',
    });
    clock.advance(60_000);
    await hold('run-2', [removal('b'), removal('c')]);
    await approvals.decide('acme', 'run-2', {
      status: 'rejected',
      by: 'admin',
    });
    clock.advance(60_000);
    await hold('run-3', [removal('d')]);
    await approvals.decide('acme', 'run-3', {
      status: 'approved',
      by: 'admin',
    });

    expect(await approvals.latestRejectedHash('acme')).toBe(
      removalSetHash(['user:default/c', 'user:default/b']),
    );
    expect(await approvals.latestRejectedHash('globex')).toBeUndefined();
  });

  it('stores the reason, the note and removal names without NUL (PostgreSQL cannot hold it)', async () => {
    const created = await approvals.createPending({
      runId: 'run-1',
      providerId: 'acme',
      userCount: 100,
      thresholdPercent: 10,
      reason: 'would remove Ana\u0000 Okafor',
      removals: [{ ...removal('a'), displayName: 'Ana\u0000 Okafor' }],
    });
    expect(created.reason).toBe('would remove Ana Okafor');
    await approvals.decide('acme', 'run-1', {
      status: 'rejected',
      by: 'user:default/admin',
      note: 'not\u0000 now',
    });
    const rows = await knex('paycor_approvals').select();
    // removals are JSON text: the NUL is written as an escape, which any database holds
    expect(rows[0].removals).toContain('Ana\\u0000 Okafor');
    expect(rows[0].reason).toBe('would remove Ana Okafor');
    expect(rows[0].note).toBe('not now');
    const stored = await approvals.get('acme', 'run-1');
    expect(stored).toMatchObject({
      reason: 'would remove Ana Okafor',
      note: 'not now',
      removals: [expect.objectContaining({ displayName: 'Ana\u0000 Okafor' })],
    });
  });
});
