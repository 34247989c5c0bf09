import {
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { PaycorAudit } from '../audit/PaycorAudit';
import { PaycorProviderConfig } from '../config/types';
import { PaycorMetrics } from '../metrics/PaycorMetrics';
import { PaycorStores } from '../store';
import type { WiredProvider } from '../wiring';
import { EventDispatcher, LiveConnection } from './EventDispatcher';
import { EventStore } from './EventStore';
import { LiveUpdates, LiveUpdatesTiming } from './LiveUpdates';
import { PAYCOR_REFUSED_TOPIC, PAYCOR_TOPIC } from './topics';

/** Redeliveries come within minutes; a week of event ids is plenty. */
const KEEP_EVENTS_MS = 7 * 24 * 3600_000;

/**
 * Live updates for every connection with `events.enabled` (and the
 * connection enabled): one LiveUpdates each, one subscription to the
 * `paycor` topic for the module (the events service delivers each event to
 * one replica), and on every replica a sweep that applies what another
 * replica left (its claim lapsed) and forgets old event ids. Returns the
 * connections' LiveUpdates by provider id.
 */
export async function wireLiveUpdates(deps: {
  providers: ReadonlyArray<{
    config: PaycorProviderConfig;
    wired: WiredProvider;
  }>;
  knex: Knex;
  store: EventStore;
  stores: PaycorStores;
  events: EventsService;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  logger: LoggerService;
  timing?: Partial<LiveUpdatesTiming>;
  /** records how long events waited to be acted on */
  metrics?: PaycorMetrics;
  /** audits deliveries the ingress refused */
  audit?: PaycorAudit;
}): Promise<Map<string, LiveUpdates>> {
  const { store, stores, knex, logger, metrics } = deps;
  const holder = randomUUID();
  const live = new Map<string, LiveUpdates>();
  const connections: LiveConnection[] = [];
  for (const { config, wired } of deps.providers) {
    if (!config.events.enabled || !config.enabled) continue;
    const updates = new LiveUpdates({
      providerId: config.id,
      store,
      holder,
      logger: logger.child({ paycorProvider: config.id }),
      timing: deps.timing,
      syncPerson: (employeeId, trigger, removalBudget) =>
        wired.engine.syncPerson(employeeId, undefined, trigger, removalBudget),
      requestFullSync: () => wired.task.requestSync('event'),
      recordLag: metrics
        ? (seconds, type) => metrics.recordEventLag(config.id, seconds, type)
        : undefined,
      peopleChangedBy: async runId => {
        // What a scheduled or manual run had to correct: a run an event
        // asked for applies what events brought, and a held removal is not
        // a correction (yet).
        const run = await knex('paycor_runs').where({ id: runId }).first();
        if (!run || run.trigger === 'event-sync') return 0;
        // the first full sync adds everyone: nothing events could have brought
        const earlier = await knex('paycor_runs')
          .where({ provider_id: config.id })
          .whereIn('trigger', ['schedule', 'manual', 'event-sync'])
          .whereIn('status', ['succeeded', 'held'])
          .whereNot({ id: runId })
          .first('id');
        if (!earlier) return 0;
        const [{ count }] = await knex('paycor_person_history')
          .where({ provider_id: config.id, run_id: runId })
          .whereIn('change', ['added', 'updated', 'renamed', 'removed'])
          .countDistinct({ count: 'employee_id' });
        return Number(count);
      },
      addRunCounts: (runId, counts) => stores.runs.addCounts(runId, counts),
      removalBudgetLeft: async () => {
        // while removals wait for an admin, events remove no one alone
        if (await stores.approvals.pending(config.id)) return 0;
        // the Users of the last full sync that applied (a failed or
        // abandoned run counts nothing), else what the catalog holds now
        const last = await knex('paycor_runs')
          .where({ provider_id: config.id })
          .whereIn('trigger', ['schedule', 'manual', 'event-sync'])
          .whereIn('status', ['succeeded', 'held'])
          .orderBy([
            { column: 'started_at', order: 'desc' },
            { column: 'id', order: 'desc' },
          ])
          .first('started_at', 'counts');
        const lastUsers = last
          ? Number(JSON.parse(last.counts).users ?? NaN)
          : NaN;
        const users = Number.isFinite(lastUsers)
          ? lastUsers
          : (await stores.state.get(config.id)).userCount;
        const budget = Math.floor(
          (users * config.removalGuard.maxRemovalPercent) / 100,
        );
        const since = await knex('paycor_runs')
          .where({ provider_id: config.id, trigger: 'event' })
          .andWhere('started_at', '>', last?.started_at ?? '')
          .select('counts');
        const removed = since.reduce(
          (sum, row) => sum + Number(JSON.parse(row.counts).removed ?? 0),
          0,
        );
        return budget - removed;
      },
    });
    live.set(config.id, updates);
    connections.push({
      providerId: config.id,
      legalEntityId: config.legalEntityId,
      live: updates,
    });
  }
  if (connections.length === 0) return live;

  const dispatcher = new EventDispatcher({
    connections,
    store,
    logger,
    audit: deps.audit,
  });
  await deps.events.subscribe({
    id: 'paycor',
    topics: [PAYCOR_TOPIC, PAYCOR_REFUSED_TOPIC],
    onEvent: params =>
      params.topic === PAYCOR_REFUSED_TOPIC
        ? dispatcher.onRefused(params)
        : dispatcher.onEvent(params),
  });
  await deps.scheduler.scheduleTask({
    id: 'paycor-live-updates-sweep',
    frequency: { seconds: 30 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 5 },
    scope: 'local',
    fn: async () => {
      await Promise.all([...live.values()].map(l => l.drain()));
      await store.prune(KEEP_EVENTS_MS);
    },
  });
  deps.lifecycle.addShutdownHook(() => {
    for (const updates of live.values()) updates.stop();
  });
  logger.info(
    `Paycor live updates on for ${connections
      .map(c => c.providerId)
      .join(', ')} (events topic "${PAYCOR_TOPIC}")`,
  );
  return live;
}
