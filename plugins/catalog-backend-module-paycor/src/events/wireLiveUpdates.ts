import {
  LifecycleService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { PaycorProviderConfig } from '../config/types';
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
}): Promise<Map<string, LiveUpdates>> {
  const { store, stores, knex, logger } = deps;
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
      syncPerson: (employeeId, trigger) =>
        wired.engine.syncPerson(employeeId, undefined, trigger),
      requestFullSync: () => wired.task.requestSync('event'),
      peopleChangedBy: async runId => {
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
          .countDistinct({ count: 'employee_id' });
        return Number(count);
      },
      addRunCounts: (runId, counts) => stores.runs.addCounts(runId, counts),
      removalBudgetLeft: async () => {
        const last = await stores.runs.latestFinishedSync(config.id);
        const users =
          last?.counts.users ?? (await stores.state.get(config.id)).userCount;
        const budget = Math.floor(
          (users * config.removalGuard.maxRemovalPercent) / 100,
        );
        const since = await knex('paycor_runs')
          .where({ provider_id: config.id, trigger: 'event' })
          .andWhere('started_at', '>', last?.startedAt ?? '')
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

  const dispatcher = new EventDispatcher({ connections, store, logger });
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
