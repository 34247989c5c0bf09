import { PaycorApiError } from '../errors';
import { LockTimeoutError } from '../store/LockStore';
import { describeSyncFailure } from './syncFailure';

const aborted = () => {
  const controller = new AbortController();
  controller.abort();
  return controller.signal;
};
const abortError = () =>
  Object.assign(new Error('This operation was aborted'), {
    name: 'AbortError',
  });

describe('describeSyncFailure', () => {
  const base = { providerId: 'acme', timeoutMs: 15 * 60_000 };

  it('names the writer lease and says nothing was applied', () => {
    const error = describeSyncFailure(new LockTimeoutError('writer:acme'), {
      ...base,
      elapsedMs: 15 * 60_000,
    });
    expect(error.name).toBe('WriterLeaseTimeoutError');
    expect(error.message).toMatch(
      /^Another sync, re-apply or approval of Paycor provider "acme" .* held the writer lease for the whole 15 min this sync may take; nothing was applied\./,
    );
  });

  it('turns an abort at the schedule timeout into a timeout naming the setting', () => {
    const error = describeSyncFailure(abortError(), {
      ...base,
      elapsedMs: 15 * 60_000 + 20,
      signal: aborted(),
    });
    expect(error.name).toBe('SyncTimeoutError');
    expect(error.message).toContain('schedule timeout (15 min)');
    expect(error.message).toContain(
      'catalog.providers.paycor.acme.schedule.timeout',
    );
  });

  it('says an early abort was a shutdown, not a timeout', () => {
    const error = describeSyncFailure(abortError(), {
      ...base,
      elapsedMs: 65_000,
      signal: aborted(),
    });
    expect(error.name).toBe('SyncAbortedError');
    expect(error.message).toContain(
      'stopped after 1 min, 5 sec because the backend is shutting down',
    );
  });

  it('says when the database itself failed', () => {
    const refused = Object.assign(
      new Error('connect ECONNREFUSED 127.0.0.1:5432'),
      {
        code: 'ECONNREFUSED',
      },
    );
    const error = describeSyncFailure(refused, { ...base, elapsedMs: 10 });
    expect(error.name).toBe('DatabaseUnavailableError');
    expect(error.message).toMatch(
      /^The database was unavailable during the sync \(connect ECONNREFUSED 127.0.0.1:5432\); .*catalog keeps the last good org/,
    );
    const adminShutdown = Object.assign(
      new Error('terminating connection due to administrator command'),
      { code: '57P01' },
    );
    expect(
      describeSyncFailure(adminShutdown, { ...base, elapsedMs: 10 }).name,
    ).toBe('DatabaseUnavailableError');
  });

  it('keeps every other error as it is', () => {
    const original = new PaycorApiError('employees answered 500', {
      endpoint: 'employees',
      status: 500,
    });
    expect(
      describeSyncFailure(original, {
        ...base,
        elapsedMs: 10,
        signal: new AbortController().signal,
      }),
    ).toBe(original);
    expect(
      describeSyncFailure('boom', { ...base, elapsedMs: 10 }).message,
    ).toBe('boom');
    const network = Object.assign(new Error('Could not reach Paycor'), {
      name: 'PaycorNetworkError',
      code: 'ECONNREFUSED',
    });
    expect(describeSyncFailure(network, { ...base, elapsedMs: 10 })).toBe(
      network,
    );
  });
});
