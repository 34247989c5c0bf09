import { useEffect, useState } from 'react';

/** Whether an entity the sync just emitted can be opened in the catalog yet. */
export type CatalogArrival = 'idle' | 'waiting' | 'arrived' | 'timed-out';

/**
 * After a person sync, their User is served by the catalog only once the
 * catalog has processed it (a second or a few). Its entity page does not
 * retry a 404, so the link waits for it: while `since` is set (the time of
 * the sync) this asks `served` every `intervalMs`, for at most `timeoutMs`.
 * `served` asks our backend, which reads the catalog's own state; the
 * catalog client batches and caches lookups, so polling it would not see
 * the entity arrive.
 */
export function useCatalogArrival(
  served: (() => Promise<boolean>) | undefined,
  since: number | undefined,
  options: { intervalMs?: number; timeoutMs?: number } = {},
): CatalogArrival {
  const { intervalMs = 500, timeoutMs = 30_000 } = options;
  const [state, setState] = useState<CatalogArrival>('idle');

  useEffect(() => {
    if (!served || since === undefined) {
      setState('idle');
      return undefined;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState('waiting');
    const check = async () => {
      const ok = await served().catch(() => false);
      if (stopped) return;
      if (ok) setState('arrived');
      else if (Date.now() - since > timeoutMs) setState('timed-out');
      else timer = setTimeout(check, intervalMs);
    };
    check();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [served, since, intervalMs, timeoutMs]);

  return state;
}
