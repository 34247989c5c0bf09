import {
  coreServices,
  createBackendModule,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { paycorPermissions } from '@paycor-backstage/plugin-paycor-common';
import { PaycorAdminService } from './admin/PaycorAdminService';
import { syncTaskId } from './admin/syncTask';
import { readProviderConfigs } from './config/readProviderConfigs';
import { PaycorProviderConfig } from './config/types';
import { CatalogState } from './engine/CatalogState';
import { LegalEntityDirectory } from './engine/legalEntityDirectory';
import { STALE_RUN_MS } from './engine/SyncEngine';
import type { PlanWorkListener } from './engine/work';
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

          const appBaseUrl = deps.config.getOptionalString('app.baseUrl') ?? '';
          // one per module: a provider's managers may work for another's legal entity
          const directory = new LegalEntityDirectory();
          const services = new Map<string, PaycorAdminService>();
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
            });
            deps.catalog.addEntityProvider(wired.provider);
            services.set(providerConfig.id, wired.admin);
            await scheduleSync(
              providerConfig,
              wired,
              deps.scheduler,
              deps.logger,
            );
          }
          // Reporting lines become relations while the catalog processes
          // each User (the provider writes the manager's ref on it).
          if (providerConfigs.some(c => c.reportingLines.enabled)) {
            deps.catalog.addProcessor(new PaycorReportingLinesProcessor());
          }
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
            }),
          );
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
      await engine.sync(await task.currentTrigger(), signal);
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
