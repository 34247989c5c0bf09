import type {
  MetricsService,
  MetricsServiceCounter,
  MetricsServiceGauge,
  MetricsServiceHistogram,
} from '@backstage/backend-plugin-api/alpha';
import { SyncRun } from '@paycor-backstage/plugin-paycor-common';

/**
 * The module's OpenTelemetry instruments, in one place; the README's
 * "Actions, audit and metrics" section lists the same names and units.
 * Attributes are kept to low-cardinality values: the provider id (a handful
 * per installation), a trigger, an outcome, a kind or a type; never a person,
 * an entity ref or a run id.
 */
export const PAYCOR_METRICS = {
  syncDuration: 'catalog.paycor.sync.duration',
  syncChanges: 'catalog.paycor.sync.changes',
  syncHeld: 'catalog.paycor.sync.held',
  entities: 'catalog.paycor.entities',
  conflicts: 'catalog.paycor.conflicts.open',
  apiCalls: 'catalog.paycor.api.calls',
  apiThrottled: 'catalog.paycor.api.throttled',
  eventLag: 'catalog.paycor.events.lag',
} as const;

/** How one call to Paycor's API ended, as the calls metric counts it. */
export type PaycorCallOutcome =
  | 'success'
  | 'throttled'
  | 'client-error'
  | 'server-error'
  | 'network-error';

type ProviderAttrs = { provider: string };

/**
 * Records what the sync does. Created once per module from the metrics
 * service; every provider shares it and tells it its id.
 */
export class PaycorMetrics {
  private readonly syncDuration: MetricsServiceHistogram<
    ProviderAttrs & { trigger: string; outcome: string }
  >;
  private readonly syncChanges: MetricsServiceHistogram<
    ProviderAttrs & { trigger: string; change: string }
  >;
  private readonly syncHeld: MetricsServiceCounter<
    ProviderAttrs & { trigger: string }
  >;
  private readonly entities: MetricsServiceGauge<
    ProviderAttrs & { kind: string }
  >;
  private readonly apiCalls: MetricsServiceCounter<
    ProviderAttrs & { outcome: PaycorCallOutcome }
  >;
  private readonly apiThrottled: MetricsServiceCounter<ProviderAttrs>;
  private readonly eventLag: MetricsServiceHistogram<
    ProviderAttrs & { type: string }
  >;

  constructor(
    metrics: MetricsService,
    /** open conflicts of every provider by type; read when metrics are collected */
    openConflicts?: () => Promise<
      Array<{ providerId: string; type: string; count: number }>
    >,
  ) {
    this.syncDuration = metrics.createHistogram(PAYCOR_METRICS.syncDuration, {
      description:
        'Duration of a Paycor sync run (full sync, person sync, re-apply or approval)',
      unit: 's',
      advice: {
        explicitBucketBoundaries: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      },
    });
    this.syncChanges = metrics.createHistogram(PAYCOR_METRICS.syncChanges, {
      description:
        'Catalog changes per finished run, by change (added, updated, removed, held)',
      unit: '{entity}',
      advice: {
        explicitBucketBoundaries: [0, 1, 5, 10, 50, 100, 500, 1000, 5000],
      },
    });
    this.syncHeld = metrics.createCounter(PAYCOR_METRICS.syncHeld, {
      description: 'Runs whose removals the safety guard held for approval',
      unit: '{run}',
    });
    this.entities = metrics.createGauge(PAYCOR_METRICS.entities, {
      description:
        'Users and Groups the provider emits, by kind, as of its last finished run',
      unit: '{entity}',
    });
    this.apiCalls = metrics.createCounter(PAYCOR_METRICS.apiCalls, {
      description:
        "Requests to Paycor's API (token refreshes and retries included), by outcome",
      unit: '{request}',
    });
    this.apiThrottled = metrics.createCounter(PAYCOR_METRICS.apiThrottled, {
      description: 'Paycor responses 429 Too Many Requests',
      unit: '{response}',
    });
    this.eventLag = metrics.createHistogram(PAYCOR_METRICS.eventLag, {
      description:
        'Time from a Paycor event arriving to the sync acting on it (applied alone, or handed to a full sync)',
      unit: 's',
      advice: {
        explicitBucketBoundaries: [0.5, 1, 5, 10, 30, 60, 300, 900, 3600],
      },
    });
    if (openConflicts) {
      metrics
        .createObservableGauge<ProviderAttrs & { type: string }>(
          PAYCOR_METRICS.conflicts,
          { description: 'Open conflicts, by type', unit: '{conflict}' },
        )
        .addCallback(async result => {
          // a failing read leaves this collection without the gauge rather
          // than failing the export of every other metric
          const rows = await openConflicts().catch(() => []);
          for (const row of rows) {
            result.observe(row.count, {
              provider: row.providerId,
              type: row.type,
            });
          }
        });
    }
  }

  /** A run finished (any trigger, any outcome). */
  runFinished(run: SyncRun) {
    const provider = run.providerId;
    const { trigger, status } = run;
    if (run.durationMs !== undefined) {
      this.syncDuration.record(run.durationMs / 1000, {
        provider,
        trigger,
        outcome: status,
      });
    }
    if (status === 'failed' || status === 'abandoned') return;
    const { counts } = run;
    for (const change of ['added', 'updated', 'removed', 'held'] as const) {
      this.syncChanges.record(counts[change], { provider, trigger, change });
    }
    if (status === 'held') this.syncHeld.add(1, { provider, trigger });
    this.entities.record(counts.users, { provider, kind: 'user' });
    this.entities.record(counts.groups, { provider, kind: 'group' });
  }

  /** One HTTP request to Paycor ended (`status` undefined: no response). */
  paycorCall(provider: string, status: number | undefined) {
    const outcome = callOutcome(status);
    this.apiCalls.add(1, { provider, outcome });
    if (outcome === 'throttled') this.apiThrottled.add(1, { provider });
  }

  /**
   * How long after Paycor raised an event the sync acted on it. For the
   * events receiver: `type` is the event's type (a small fixed set).
   */
  recordEventLag(provider: string, seconds: number, type: string) {
    if (!Number.isFinite(seconds) || seconds < 0) return;
    this.eventLag.record(seconds, { provider, type });
  }
}

function callOutcome(status: number | undefined): PaycorCallOutcome {
  if (status === undefined || status === 0) return 'network-error';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server-error';
  if (status >= 400) return 'client-error';
  return 'success';
}
