import pThrottle from 'p-throttle';

/**
 * Paycor counts 1000 calls per minute per APIm subscription key, across all of
 * its APIs (api.md §6.3). Every provider of this process that uses the same key
 * shares one budget; `strict` throttling guarantees no rolling 60 s window
 * exceeds it, unlike a fixed window that can double up at its edges.
 */
export interface RateBudget {
  /** Resolves when one more call may be sent. */
  take(signal?: AbortSignal): Promise<void>;
  /** Holds every call on this key until `until` (after a 429). */
  pauseUntil(until: number): void;
}

const budgets = new Map<string, RateBudget>();

export function rateBudgetFor(
  subscriptionKey: string,
  callsPerMinute: number,
): RateBudget {
  const id = `${subscriptionKey}\u0000${callsPerMinute}`;
  let budget = budgets.get(id);
  if (!budget) {
    budget = createRateBudget(callsPerMinute, 60_000);
    budgets.set(id, budget);
  }
  return budget;
}

export function createRateBudget(limit: number, intervalMs: number): RateBudget {
  // `weight` switches p-throttle to its weighted path, which re-checks the
  // window when each call actually runs: a late timer (a stalled event loop)
  // can then not let an extra call through.
  const throttled = pThrottle({
    limit,
    interval: intervalMs,
    strict: true,
    weight: () => 1,
  })(() => undefined);
  let pausedUntil = 0;
  return {
    async take(signal) {
      await throttled();
      const wait = pausedUntil - Date.now();
      if (wait > 0) await sleep(wait, signal);
    },
    pauseUntil(until) {
      pausedUntil = Math.max(pausedUntil, until);
    },
  };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
