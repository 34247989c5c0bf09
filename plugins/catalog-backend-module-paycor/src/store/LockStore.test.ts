import { Knex } from 'knex';
import {
  createTestClock,
  createTestDb,
  TestClock,
} from '../__testUtils__/testDb';
import { LeaseLostError, LockStore, LockTimeoutError } from './LockStore';

describe('LockStore', () => {
  let knex: Knex;
  let clock: TestClock;
  let locks: LockStore;

  beforeEach(async () => {
    knex = await createTestDb();
    clock = createTestClock();
    locks = new LockStore(knex, clock);
  });

  afterEach(async () => {
    await knex.destroy();
  });

  async function holderOf(name: string) {
    return (await knex('paycor_locks').where({ name }).first())?.holder;
  }

  it('grants a free lease', async () => {
    expect(await locks.tryAcquire('sync:acme', 'replica-a', 60_000)).toBe(true);
    expect(await holderOf('sync:acme')).toBe('replica-a');
  });

  it('refuses a lease someone else holds', async () => {
    await locks.tryAcquire('sync:acme', 'replica-a', 60_000);
    expect(await locks.tryAcquire('sync:acme', 'replica-b', 60_000)).toBe(
      false,
    );
    expect(await holderOf('sync:acme')).toBe('replica-a');
  });

  it('lets the holder take its own lease again', async () => {
    await locks.tryAcquire('sync:acme', 'replica-a', 60_000);
    expect(await locks.tryAcquire('sync:acme', 'replica-a', 60_000)).toBe(true);
  });

  it('keeps different names independent', async () => {
    await locks.tryAcquire('sync:acme', 'replica-a', 60_000);
    expect(await locks.tryAcquire('sync:globex', 'replica-b', 60_000)).toBe(
      true,
    );
  });

  it('lets another holder steal an expired lease (a crashed holder never blocks)', async () => {
    await locks.tryAcquire('sync:acme', 'replica-a', 60_000);
    clock.advance(59_000);
    expect(await locks.tryAcquire('sync:acme', 'replica-b', 60_000)).toBe(
      false,
    );
    clock.advance(2_000);
    expect(await locks.tryAcquire('sync:acme', 'replica-b', 60_000)).toBe(true);
    expect(await holderOf('sync:acme')).toBe('replica-b');
  });

  it('extends and releases only for the holder', async () => {
    await locks.tryAcquire('sync:acme', 'replica-a', 60_000);
    expect(await locks.extend('sync:acme', 'replica-b', 60_000)).toBe(false);
    clock.advance(50_000);
    expect(await locks.extend('sync:acme', 'replica-a', 60_000)).toBe(true);
    clock.advance(50_000); // past the first expiry, within the extension
    expect(await locks.tryAcquire('sync:acme', 'replica-b', 60_000)).toBe(
      false,
    );

    await locks.release('sync:acme', 'replica-b');
    expect(await holderOf('sync:acme')).toBe('replica-a');
    await locks.release('sync:acme', 'replica-a');
    expect(await holderOf('sync:acme')).toBeUndefined();
  });

  describe('withLock', () => {
    it('runs the function under the lease and releases it afterwards', async () => {
      const result = await locks.withLock(
        'sync:acme',
        'replica-a',
        { ttlMs: 60_000, waitMs: 1_000 },
        async () => holderOf('sync:acme'),
      );
      // the row names the process, then this call
      expect(result).toMatch(/^replica-a\//);
      expect(await holderOf('sync:acme')).toBeUndefined();
    });

    it('releases the lease when the function throws', async () => {
      await expect(
        locks.withLock(
          'sync:acme',
          'replica-a',
          { ttlMs: 60_000, waitMs: 1_000 },
          async () => {
            throw new Error('boom');
          },
        ),
      ).rejects.toThrow('boom');
      expect(await holderOf('sync:acme')).toBeUndefined();
    });

    it('waits for the current holder to release, then runs', async () => {
      await locks.tryAcquire('sync:acme', 'replica-a', 60_000);
      const order: string[] = [];
      const waiting = locks.withLock(
        'sync:acme',
        'replica-b',
        { ttlMs: 60_000, waitMs: 5_000, pollMs: 20 },
        async () => {
          order.push('b runs');
        },
      );
      await new Promise(r => setTimeout(r, 100));
      order.push('a releases');
      await locks.release('sync:acme', 'replica-a');
      await waiting;
      expect(order).toEqual(['a releases', 'b runs']);
    });

    it('times out with LockTimeoutError when the holder never lets go', async () => {
      await locks.tryAcquire('sync:acme', 'replica-a', 60_000);
      const fn = jest.fn();
      const waiting = locks.withLock(
        'sync:acme',
        'replica-b',
        { ttlMs: 60_000, waitMs: 150, pollMs: 20 },
        fn,
      );
      await expect(waiting).rejects.toBeInstanceOf(LockTimeoutError);
      await expect(waiting).rejects.toThrow(
        'Timed out waiting for the lock "sync:acme"',
      );
      expect(fn).not.toHaveBeenCalled();
      expect(await holderOf('sync:acme')).toBe('replica-a');
    });

    it('serialises concurrent callers', async () => {
      let inside = 0;
      let maxInside = 0;
      const run = (holder: string) =>
        locks.withLock(
          'sync:acme',
          holder,
          { ttlMs: 60_000, waitMs: 5_000, pollMs: 10 },
          async () => {
            inside += 1;
            maxInside = Math.max(maxInside, inside);
            await new Promise(r => setTimeout(r, 20));
            inside -= 1;
          },
        );
      await Promise.all([run('a'), run('b'), run('c')]);
      expect(maxInside).toBe(1);
    });

    it('serialises concurrent callers of one process (same holder) too', async () => {
      let inside = 0;
      let maxInside = 0;
      const run = () =>
        locks.withLock(
          'token:acme',
          'process-1',
          { ttlMs: 60_000, waitMs: 5_000, pollMs: 10 },
          async () => {
            inside += 1;
            maxInside = Math.max(maxInside, inside);
            await new Promise(r => setTimeout(r, 20));
            inside -= 1;
          },
        );
      await Promise.all([run(), run(), run()]);
      expect(maxInside).toBe(1);
    });
  });

  describe('the lease withLock hands to its function', () => {
    const NAME = 'writer:acme';
    /** What another replica does once our lease has expired: takes the row. */
    const takeOver = () =>
      knex('paycor_locks').where({ name: NAME }).update({
        holder: 'replica-b/1',
        expires_at: '9999-01-01T00:00:00.000Z',
      });
    const expiryOf = async () =>
      (await knex('paycor_locks').where({ name: NAME }).first())?.expires_at;

    it('confirms a lease that is still ours, renewing it from now', async () => {
      await locks.withLock(
        NAME,
        'replica-a',
        { ttlMs: 60_000, waitMs: 1_000 },
        async lease => {
          const before = await expiryOf();
          clock.advance(30_000);
          await lease.confirm('applying the mutation');
          expect(Date.parse(await expiryOf())).toBe(
            Date.parse(before) + 30_000,
          );
        },
      );
      expect(await holderOf(NAME)).toBeUndefined();
    });

    it('refuses once another holder has taken it, and leaves their lease alone', async () => {
      const steps: string[] = [];
      const run = locks.withLock(
        NAME,
        'replica-a',
        { ttlMs: 60_000, waitMs: 1_000 },
        async lease => {
          await takeOver();
          await lease.confirm('applying the mutation');
          steps.push('applied');
        },
      );
      await expect(run).rejects.toBeInstanceOf(LeaseLostError);
      await expect(run).rejects.toThrow(
        'Lost the lease "writer:acme" before applying the mutation (it expired and another holder took it)',
      );
      expect(steps).toEqual([]);
      expect(await holderOf(NAME)).toBe('replica-b/1');
    });

    it('refuses when it cannot renew it (the database unreachable)', async () => {
      const run = locks.withLock(
        NAME,
        'replica-a',
        { ttlMs: 60_000, waitMs: 1_000 },
        async lease => {
          jest
            .spyOn(locks, 'extend')
            .mockRejectedValueOnce(new Error('connect ECONNREFUSED'));
          await lease.confirm('saving the emission');
        },
      );
      await expect(run).rejects.toThrow(
        'Lost the lease "writer:acme" before saving the emission (it could not be renewed: connect ECONNREFUSED)',
      );
    });

    it('stays refused after a background renewal found it taken, even if the row names us again', async () => {
      const run = locks.withLock(
        NAME,
        'replica-a',
        { ttlMs: 60_000, waitMs: 1_000, renewEveryMs: 10 },
        async lease => {
          const ours = await holderOf(NAME);
          await takeOver();
          await new Promise(r => setTimeout(r, 100)); // a few renewals
          // what replica B wrote meanwhile is unknown: the row is no proof
          await knex('paycor_locks')
            .where({ name: NAME })
            .update({ holder: ours });
          await lease.confirm('applying the mutation');
        },
      );
      await expect(run).rejects.toThrow(
        '(a renewal found it held by another holder)',
      );
    });
  });
});
