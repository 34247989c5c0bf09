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
   * just as two replicas do.
   */
  async withLock<T>(
    name: string,
    processHolder: string,
    options: { ttlMs: number; waitMs: number; pollMs?: number },
    fn: () => Promise<T>,
  ): Promise<T> {
    const deadline = Date.now() + options.waitMs;
    const holder = `${processHolder}/${randomUUID()}`;
    while (!(await this.tryAcquire(name, holder, options.ttlMs))) {
      if (Date.now() >= deadline) {
        throw new LockTimeoutError(name);
      }
      await new Promise(r => setTimeout(r, options.pollMs ?? 250));
    }
    const renew = setInterval(() => {
      this.extend(name, holder, options.ttlMs).catch(() => {});
    }, Math.max(1000, Math.floor(options.ttlMs / 3)));
    try {
      return await fn();
    } finally {
      clearInterval(renew);
      await this.release(name, holder);
    }
  }
}
