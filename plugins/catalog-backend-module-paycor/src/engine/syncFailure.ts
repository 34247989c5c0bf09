import { Duration } from 'luxon';
import {
  DatabaseUnavailableError,
  SyncAbortedError,
  SyncTimeoutError,
  WriterLeaseTimeoutError,
} from '../errors';
import { LockTimeoutError } from '../store/LockStore';

function human(ms: number) {
  return Duration.fromMillis(ms)
    .shiftTo('minutes', 'seconds')
    .normalize()
    .toHuman({ unitDisplay: 'short', maximumFractionDigits: 0 })
    .replace(/^0 min, /, '')
    .replace(/, 0 sec$/, '');
}

/**
 * The error a failed sync is recorded with. Most failures already say what
 * happened (typed Paycor errors); the two the scheduler or the lease cause
 * would otherwise read "This operation was aborted" or name a lock, so they
 * are reworded to say what happened and what to do.
 */
export function describeSyncFailure(
  error: unknown,
  context: {
    providerId: string;
    timeoutMs: number;
    /** how long the sync ran before it failed */
    elapsedMs: number;
    signal?: AbortSignal;
  },
): Error {
  const { providerId, timeoutMs, elapsedMs, signal } = context;
  if (error instanceof LockTimeoutError) {
    return new WriterLeaseTimeoutError(
      `Another sync, re-apply or approval of Paycor provider "${providerId}" (on this replica or another) held the writer lease for the whole ${human(
        timeoutMs,
      )} this sync may take; nothing was applied. A lease of a replica that died expires within a minute; the next sync will try again.`,
    );
  }
  const e = error as Error | undefined;
  // Whatever the aborted request threw (AbortError, a cancelled retry), the
  // abort is the cause.
  if (signal?.aborted) {
    // The scheduler aborts on its timeout and when the backend shuts down.
    if (elapsedMs < timeoutMs * 0.95) {
      return new SyncAbortedError(
        `The sync was stopped after ${human(
          elapsedMs,
        )} because the backend is shutting down; nothing was applied. The next scheduled sync will run on whichever replica is up.`,
      );
    }
    return new SyncTimeoutError(
      `The sync did not finish within its schedule timeout (${human(
        timeoutMs,
      )}) and was stopped while reading Paycor; nothing was applied. If Paycor is slow or the legal entity is large, raise catalog.providers.paycor.${providerId}.schedule.timeout.`,
    );
  }
  if (isDatabaseUnavailable(error)) {
    return new DatabaseUnavailableError(
      `The database was unavailable during the sync (${
        e!.message
      }); the run stopped there and the catalog keeps the last good org. The next sync will try again.`,
    );
  }
  if (e instanceof Error) return e;
  return new Error(String(error));
}

// Connection-level failures of the database client (node's socket errors,
// PostgreSQL's "admin shutdown" / connection-exception SQLSTATEs, knex's pool
// timeout). Paycor's own network errors are PaycorNetworkError by now.
const DB_CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

function isDatabaseUnavailable(error: unknown) {
  const e = error as { code?: unknown; name?: unknown; message?: unknown };
  if (!e || typeof e !== 'object' || String(e.name).startsWith('Paycor')) {
    return false;
  }
  return (
    DB_CONNECTION_CODES.has(String(e.code)) ||
    /^Knex: Timeout acquiring a connection|Connection terminated/.test(
      String(e.message),
    )
  );
}
