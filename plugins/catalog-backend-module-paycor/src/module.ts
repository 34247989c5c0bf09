import {
  coreServices,
  createBackendModule,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { paycorPermissions } from '@paycor-backstage/plugin-paycor-common';
import { registerPaycorActions } from './actions/registerPaycorActions';
import { PaycorAdminService } from './admin/PaycorAdminService';
import { PaycorAudit } from './audit/PaycorAudit';
import { syncTaskId } from './admin/syncTask';
import { readProviderConfigs } from './config/readProviderConfigs';
import { PaycorProviderConfig } from './config/types';
import { CatalogState } from './engine/CatalogState';
import { LegalEntityDirectory } from './engine/legalEntityDirectory';
import { STALE_RUN_MS } from './engine/SyncEngine';
import { EventStore } from './events/EventStore';
import {
  INGRESS_MISSING,
  paycorIngressPresenceServiceRef,
} from './events/ingressPresence';
import type { LiveUpdates, LiveUpdatesTiming } from './events/LiveUpdates';
import { wireLiveUpdates } from './events/wireLiveUpdates';
import type { PlanWorkListener } from './engine/work';
import { PaycorMetrics } from './metrics/PaycorMetrics';
import { PaycorReportingLinesProcessor } from './provider/PaycorReportingLinesProcessor';
import { createPaycorRouter } from './service/router';
import { applyMigrations, Clock, createStores, systemClock } from './store';
import { WiredProvider, wireProvider } from './wiring';

/**
 * Options for tests and benchmarks; a production backend needs none.
 *
 * @public
 */
export interface CatalogModulePaycorOptions {
  /** Replaces the wall clock (effective dating, token expiry). */
  clock?: Clock;
  /**
   * `auto` (default): a full mutation on the first apply of the process,
   * deltas afterwards; `full` or `delta` always.
   */
  mutationMode?: 'auto' | 'full' | 'delta';
  /**
   * Told of every expensive planning step (snapshot decoded, people or Groups
   * transformed), e.g. to count what an admin edit costs.
   */
  onWork?: PlanWorkListener;
  /** Live updates' pacing and retries (tests shorten them). */
  liveUpdates?: Partial<LiveUpdatesTiming>;
}

/**
 * Builds the catalog module. `catalogModulePaycor` (the default export) is
 * this with no options.
 *
 * @public
 */
export function createCatalogModulePaycor(
  options: CatalogModulePaycorOptions = {},
) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'paycor',
    register(reg) {
      reg.registerInit({
        deps: {
          catalog: catalogProcessingExtensionPoint,
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          scheduler: coreServices.scheduler,
          database: coreServices.database,
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          permissions: coreServices.permissions,
          permissionsRegistry: coreServices.permissionsRegistry,
          notifications: notificationService,
          events: eventsServiceRef,
          lifecycle: coreServices.lifecycle,
          rootLifecycle: coreServices.rootLifecycle,
          auditor: coreServices.auditor,
          metrics: metricsServiceRef,
          actionsRegistry: actionsRegistryServiceRef,
          ingressPresence: paycorIngressPresenceServiceRef,
        },
        async init(deps) {
          // Fail start-up on bad config: a half-configured sync is worse than none.
          const providerConfigs = readProviderConfigs(deps.config);
          deps.permissionsRegistry.addPermissions(paycorPermissions);

          const knex = await deps.database.getClient();
          if (!deps.database.migrations?.skip) {
            await applyMigrations(knex);
          }
          const clock = options.clock ?? systemClock;
          const stores = createStores(knex, clock);
          const catalogState = new CatalogState(knex, deps.logger);
          await stores.runs.abandonStale(STALE_RUN_MS);
          const metrics = new PaycorMetrics(deps.metrics, () =>
            stores.conflicts.countOpenByType(),
          );
          const audit = new PaycorAudit(deps.auditor);

          const appBaseUrl = deps.config.getOptionalString('app.baseUrl') ?? '';
          // one per module: a provider's managers may work for another's legal entity
          const directory = new LegalEntityDirectory();
          const services = new Map<string, PaycorAdminService>();
          const eventStore = new EventStore(knex, clock);
          const wiredProviders: Array<{
            config: PaycorProviderConfig;
            wired: WiredProvider;
          }> = [];
          // filled once every provider is wired; syncs look it up when they run
          const live = new Map<string, LiveUpdates>();
          for (const providerConfig of providerConfigs) {
            const wired = wireProvider(providerConfig, {
              logger: deps.logger,
              scheduler: deps.scheduler,
              notifications: deps.notifications,
              stores,
              catalogState,
              clock,
              link: `${appBaseUrl}/paycor?provider=${encodeURIComponent(
                providerConfig.id,
              )}`,
              mutationMode: options.mutationMode,
              onWork: options.onWork,
              directory,
              eventStore,
              ingressRegistered: () => deps.ingressPresence.isRegistered,
              metrics,
            });
            deps.catalog.addEntityProvider(wired.provider);
            services.set(providerConfig.id, wired.admin);
            wiredProviders.push({ config: providerConfig, wired });
            await scheduleSync(
              providerConfig,
              wired,
              deps.scheduler,
              deps.logger,
              live,
            );
          }
          // Reporting lines become relations while the catalog processes
          // each User (the provider writes the manager's ref on it).
          if (providerConfigs.some(c => c.reportingLines.enabled)) {
            deps.catalog.addProcessor(new PaycorReportingLinesProcessor());
          }
          for (const [id, updates] of await wireLiveUpdates({
            providers: wiredProviders,
            knex,
            store: eventStore,
            stores,
            events: deps.events,
            scheduler: deps.scheduler,
            lifecycle: deps.lifecycle,
            logger: deps.logger,
            timing: options.liveUpdates,
            metrics,
            audit,
          })) {
            live.set(id, updates);
          }
          // The root lifecycle starts once every plugin has (a plugin's own
          // startup hooks run when it alone is up): by then the events module
          // has registered the ingress or never will.
          deps.rootLifecycle.addStartupHook(() => {
            const listening = providerConfigs.filter(
              c => c.enabled && c.events.enabled,
            );
            if (listening.length > 0 && !deps.ingressPresence.isRegistered) {
              deps.logger.warn(
                `Paycor ${listening
                  .map(c => c.id)
                  .join(', ')}: ${INGRESS_MISSING}`,
              );
            }
          });
          if (providerConfigs.length === 0) {
            deps.logger.info(
              'No Paycor providers configured (catalog.providers.paycor); the module is idle',
            );
          }

          deps.httpRouter.use(
            createPaycorRouter({
              providers: services,
              httpAuth: deps.httpAuth,
              permissions: deps.permissions,
              audit,
            }),
          );
          registerPaycorActions(deps.actionsRegistry, {
            providers: services,
            permissions: deps.permissions,
            audit,
          });
        },
      });
    },
  });
}

/**
 * Registers the sync with the scheduler. The task is global: one replica runs
 * it at a time, coordinated through the database. Its first run waits for the
 * catalog to connect the provider.
 */
async function scheduleSync(
  config: PaycorProviderConfig,
  { engine, task }: WiredProvider,
  scheduler: SchedulerService,
  logger: LoggerService,
  live: ReadonlyMap<string, LiveUpdates>,
) {
  if (!config.enabled) {
    logger.info(
      `Paycor provider ${config.id} is disabled (enabled: false); not scheduled`,
    );
    return;
  }
  await scheduler.scheduleTask({
    id: syncTaskId(config.id),
    ...config.schedule,
    scope: 'global',
    fn: async signal => {
      const trigger = await task.currentTrigger();
      // live updates: events that arrived before this read are covered by it
      const readStartedAt = live.get(config.id)?.now();
      const run = await engine.sync(trigger, signal);
      if (readStartedAt === undefined) return;
      await live
        .get(config.id)
        ?.afterFullSync(run, readStartedAt)
        .catch(error =>
          logger.warn(
            `Paycor provider ${config.id}: could not reconcile events after the sync: ${error}`,
          ),
        );
    },
  });
  // On every replica: frees the task when the replica running a sync died, so
  // the schedule resumes without waiting for the task timeout.
  await scheduler.scheduleTask({
    id: `paycor-watchdog:${config.id}`,
    frequency: { seconds: 30 },
    timeout: { seconds: 25 },
    initialDelay: { seconds: 30 },
    scope: 'local',
    fn: async () => {
      await task
        .recoverStaleTask()
        .catch(error =>
          logger.warn(
            `Paycor provider ${config.id}: could not check for a dead sync: ${
              (error as Error).message
            }`,
          ),
        );
    },
  });
}
