import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { Clock, iso } from './clock';

export class LockTimeoutError extends Error {
  name = 'LockTimeoutError';
  constructor(lockName: string) {
    super(`Timed out waiting for the lock "${lockName}"`);
  }
}

/**
 * The lease may have passed to another holder: a writer must stop before its
 * next irreversible step rather than write beside them.
 */
export class LeaseLostError extends Error {
  name = 'LeaseLostError';
  constructor(
    readonly lockName: string,
    readonly step: string,
    readonly why: string,
  ) {
    super(
      `Lost the lease "${lockName}" before ${step} (${why}); stopped there so that another replica, which may hold it now, is not written beside. Nothing more is written by this run; the next one starts from what is stored.`,
    );
  }
}

/** A lease held by `withLock`'s function. */
export interface Lease {
  /**
   * Renews the lease and confirms it is still ours, or throws LeaseLostError.
   * Call it right before each write that cannot be taken back: a renewal in
   * the background can fail (the database unreachable, the event loop
   * stalled) for longer than the lease lives, and another replica may have
   * taken it since. A confirmed lease stays ours for its whole time-to-live,
   * so the guarded write has that long (and the background renewals go on).
   */
  confirm(step: string): Promise<void>;
}

/**
 * Named leases in the database. They serialise the writers of one provider's
 * entities (scheduled sync, re-apply after a re-home, approvals) across
 * replicas. A lease expires, so a crashed holder never blocks for long.
 */
export class LockStore {
  constructor(private readonly knex: Knex, private readonly clock: Clock) {}

  async tryAcquire(name: string, holder: string, ttlMs: number) {
    const now = this.clock();
    const expiresAt = iso(new Date(now.getTime() + ttlMs));
    const stolen = await this.knex('paycor_locks')
      .where({ name })
      .andWhere(q =>
        q.where('expires_at', '<', iso(now)).orWhere('holder', holder),
      )
      .update({ holder, expires_at: expiresAt });
    if (stolen > 0) return true;
    try {
      await this.knex('paycor_locks').insert({
        name,
        holder,
        expires_at: expiresAt,
      });
      return true;
    } catch (error) {
      if (isDatabaseConflictError(error)) return false;
      throw error;
    }
  }

  async extend(name: string, holder: string, ttlMs: number) {
    const expiresAt = iso(new Date(this.clock().getTime() + ttlMs));
    const updated = await this.knex('paycor_locks')
      .where({ name, holder })
      .update({ expires_at: expiresAt });
    return updated > 0;
  }

  async release(name: string, holder: string) {
    await this.knex('paycor_locks').where({ name, holder }).delete();
  }

  /**
   * Runs `fn` while holding the lease, renewing it until `fn` settles. Waits
   * up to `waitMs` for another holder to finish. Each call holds the lease
   * under its own id (`holder` names the process in the row): two calls from
   * one process, say Verify's token refresh and a sync's, exclude each other
   * just as two replicas do. `fn` gets the lease to confirm before each
   * write it cannot take back (see Lease).
   */
  async withLock<T>(
    name: string,
    processHolder: string,
    options: {
      ttlMs: number;
      waitMs: number;
      pollMs?: number;
      /** default a third of the time-to-live */
      renewEveryMs?: number;
    },
    fn: (lease: Lease) => Promise<T>,
  ): Promise<T> {
    const deadline = Date.now() + options.waitMs;
    const holder = `${processHolder}/${randomUUID()}`;
    while (!(await this.tryAcquire(name, holder, options.ttlMs))) {
      if (Date.now() >= deadline) {
        throw new LockTimeoutError(name);
      }
      await new Promise(r => setTimeout(r, options.pollMs ?? 250));
    }
    // Set when a renewal finds the row naming someone else: it stays so.
    let takenBy: string | undefined;
    const renew = setInterval(() => {
      this.extend(name, holder, options.ttlMs).then(
        extended => {
          if (!extended) takenBy ??= 'a renewal';
        },
        () => {}, // tried again at the next tick and by confirm()
      );
    }, options.renewEveryMs ?? Math.max(1000, Math.floor(options.ttlMs / 3)));
    const lease: Lease = {
      confirm: async step => {
        if (takenBy) {
          throw new LeaseLostError(
            name,
            step,
            `${takenBy} found it held by another holder`,
          );
        }
        let extended: boolean;
        try {
          extended = await this.extend(name, holder, options.ttlMs);
        } catch (error) {
          throw new LeaseLostError(
            name,
            step,
            `it could not be renewed: ${(error as Error).message}`,
          );
        }
        if (!extended) {
          takenBy = 'a check';
          throw new LeaseLostError(
            name,
            step,
            'it expired and another holder took it',
          );
        }
      },
    };
    try {
      return await fn(lease);
    } finally {
      clearInterval(renew);
      await this.release(name, holder);
    }
  }
}
