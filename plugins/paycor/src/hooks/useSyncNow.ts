import { useApi } from '@backstage/core-plugin-api';
import {
  ProviderStatus,
  SyncRun,
} from '@paycor-backstage/plugin-paycor-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { paycorSyncApiRef } from '../api';

/**
 * Where a "Sync now" request is.
 *
 * @public
 */
export type SyncNowState =
  | { phase: 'idle' }
  /** the sync request is being sent */
  | { phase: 'requesting' }
  /** the backend accepted it; polling until a newer run has finished */
  | { phase: 'waiting'; requestedAt: string }
  /** a newer run finished (any status: succeeded, held, failed, abandoned) */
  | { phase: 'finished'; run: SyncRun }
  /** the request itself was refused */
  | { phase: 'failed'; error: Error }
  /** no finished run was seen within `maxWaitMs` */
  | { phase: 'timed-out'; waitedMs: number };

/**
 * Options of {@link useSyncNow}.
 *
 * @public
 */
export interface UseSyncNowOptions {
  /** how often to poll the provider status, default 2000 ms (at least 250 ms) */
  pollIntervalMs?: number;
  /** when to stop polling and say so, default 10 minutes */
  maxWaitMs?: number;
}

const DEFAULT_POLL_INTERVAL_MS = 2000;
const DEFAULT_MAX_WAIT_MS = 10 * 60 * 1000;

function isNewerRun(run: SyncRun, baseline: SyncRun | undefined): boolean {
  if (!baseline) {
    return true;
  }
  if (run.id === baseline.id) {
    return false;
  }
  return Date.parse(run.startedAt) >= Date.parse(baseline.startedAt);
}

/**
 * "Sync now" for one provider: requests a run, then polls the provider status
 * until a run newer than the one known at click time has finished. Polling is
 * bounded and stops when the component unmounts.
 *
 * @public
 */
export function useSyncNow(
  provider: ProviderStatus,
  options: UseSyncNowOptions = {},
): {
  state: SyncNowState;
  /** the freshest status seen while polling, if any */
  latest?: ProviderStatus;
  /** true while requesting or waiting */
  inProgress: boolean;
  start: () => Promise<void>;
} {
  const api = useApi(paycorSyncApiRef);
  const pollIntervalMs = Math.max(
    250,
    options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
  );
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;

  const [state, setState] = useState<SyncNowState>({ phase: 'idle' });
  const [latest, setLatest] = useState<ProviderStatus | undefined>();
  const mounted = useRef(true);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>();
  const busy = useRef(false);
  const known = useRef<ProviderStatus>(provider);
  known.current = latest ?? provider;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (timer.current) {
        clearTimeout(timer.current);
      }
    };
  }, []);

  const start = useCallback(async () => {
    if (busy.current) {
      return;
    }
    busy.current = true;
    const providerId = known.current.id;
    const baseline = known.current.lastRun;
    const baselineSuccessAt = known.current.lastSuccessAt;
    setState({ phase: 'requesting' });

    let requestedAt: string;
    try {
      requestedAt = (await api.requestSync(providerId)).requestedAt;
    } catch (error) {
      busy.current = false;
      if (mounted.current) {
        setState({ phase: 'failed', error: error as Error });
      }
      return;
    }
    if (!mounted.current) {
      busy.current = false;
      return;
    }
    setState({ phase: 'waiting', requestedAt });

    const startedPolling = Date.now();
    const poll = async () => {
      timer.current = undefined;
      if (!mounted.current) {
        busy.current = false;
        return;
      }
      try {
        const status = await api.getProvider(providerId);
        if (!mounted.current) {
          busy.current = false;
          return;
        }
        setLatest(status);
        const run = status.lastRun;
        // A re-apply (an admin changed re-homing meanwhile) is not our sync,
        // unless the last success moved past the request.
        const isSync = run?.trigger === 'manual' || run?.trigger === 'schedule';
        const successAdvanced =
          Boolean(status.lastSuccessAt) &&
          status.lastSuccessAt !== baselineSuccessAt &&
          Date.parse(status.lastSuccessAt!) >= Date.parse(requestedAt);
        if (
          run &&
          isNewerRun(run, baseline) &&
          run.status !== 'running' &&
          !status.running &&
          (isSync || successAdvanced)
        ) {
          busy.current = false;
          setState({ phase: 'finished', run });
          return;
        }
      } catch {
        // A replica restarting or a network blip: keep polling until the bound.
      }
      const waitedMs = Date.now() - startedPolling;
      if (waitedMs >= maxWaitMs) {
        busy.current = false;
        setState({ phase: 'timed-out', waitedMs });
        return;
      }
      timer.current = setTimeout(poll, pollIntervalMs);
    };
    timer.current = setTimeout(poll, pollIntervalMs);
  }, [api, pollIntervalMs, maxWaitMs]);

  return {
    state,
    latest,
    inProgress: state.phase === 'requesting' || state.phase === 'waiting',
    start,
  };
}
