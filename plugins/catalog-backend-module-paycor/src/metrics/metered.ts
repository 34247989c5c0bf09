import { Transport } from '../client/httpTransport';
import { PaycorStores } from '../store';
import { RunStore } from '../store/RunStore';
import { PaycorMetrics } from './PaycorMetrics';

/**
 * A transport that counts every request to Paycor and its status. Wrapping
 * the transport (rather than the client) sees every request on the wire:
 * token refreshes, retries after a 429 or a 5xx, the read itself.
 */
export function meteredTransport(
  transport: Transport,
  provider: string,
  metrics: PaycorMetrics,
): Transport {
  return async (url, request) => {
    let status: number | undefined;
    try {
      const response = await transport(url, request);
      status = response.status;
      return response;
    } finally {
      metrics.paycorCall(provider, status);
    }
  };
}

/**
 * The stores of one provider with every finished run reported to the
 * metrics. Every run (sync, person sync, re-apply, approval) ends in
 * `runs.finish`, so this one hook sees them all without the engine knowing
 * about metrics.
 */
export function meteredStores(
  stores: PaycorStores,
  metrics: PaycorMetrics,
): PaycorStores {
  const inner = stores.runs;
  // the store's other methods, unchanged, through the prototype chain
  const runs: RunStore = Object.create(inner);
  runs.finish = async (run, outcome) => {
    const finished = await inner.finish(run, outcome);
    metrics.runFinished(finished);
    return finished;
  };
  return { ...stores, runs };
}
