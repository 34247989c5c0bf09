import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { paycorPermissions } from '@paycor-backstage/plugin-paycor-common';
import { paycorKeys } from './client/paycorSchemas';
import { PaycorClient } from './client/PaycorClient';
import { PaycorHttp } from './client/PaycorHttp';
import { rateBudgetFor } from './client/rateBudget';
import { TokenManager } from './client/TokenManager';
import { readProviderConfigs } from './config/readProviderConfigs';
import { PaycorProviderConfig } from './config/types';
import { PaycorEntityProvider } from './provider/PaycorEntityProvider';
import { PaycorProviderService } from './service/PaycorProviderService';
import { createPaycorRouter } from './service/router';
import { applyMigrations, Clock, createStores, systemClock } from './store';
import { CatalogState } from './sync/CatalogState';
import { HealthNotifier } from './sync/HealthNotifier';
import { STALE_RUN_MS, SyncRunner } from './sync/SyncRunner';

/**
 * Options for tests and benchmarks; a production backend needs none.
 *
 * @public
 */
export interface CatalogModulePaycorOptions {
  /** Replaces the wall clock (effective dating, token expiry). */
  clock?: Clock;
  /** See SyncRunner: `auto` (default), `full` or `delta`. */
  mutationMode?: 'auto' | 'full' | 'delta';
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
          const services = new Map<string, PaycorProviderService>();
          for (const providerConfig of providerConfigs) {
            const { service, provider, runner } = wireProvider(providerConfig, {
              ...deps,
              stores,
              catalogState,
              clock,
              link: `${appBaseUrl}/paycor?provider=${encodeURIComponent(
                providerConfig.id,
              )}`,
              mutationMode: options.mutationMode,
            });
            deps.catalog.addEntityProvider(provider);
            services.set(providerConfig.id, service);
            await scheduleSync(
              providerConfig,
              deps.scheduler,
              service,
              runner,
              deps.logger,
            );
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
              logger: deps.logger,
            }),
          );
        },
      });
    },
  });
}

function wireProvider(
  config: PaycorProviderConfig,
  deps: {
    logger: typeof coreServices.logger.T;
    scheduler: typeof coreServices.scheduler.T;
    notifications: typeof notificationService.T;
    stores: ReturnType<typeof createStores>;
    catalogState: CatalogState;
    clock: Clock;
    link: string;
    mutationMode?: CatalogModulePaycorOptions['mutationMode'];
  },
) {
  const logger = deps.logger.child({ paycorProvider: config.id });
  const http = new PaycorHttp({
    baseUrl: config.baseUrl,
    subscriptionKey: config.subscriptionKey,
    timeoutMs: config.request.timeoutMs,
    maxRetries: config.request.maxRetries,
    budget: rateBudgetFor(
      config.subscriptionKey,
      config.request.maxCallsPerMinute,
    ),
    logger,
  });
  const tokens = new TokenManager({
    providerId: config.id,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    subscriptionKey: config.subscriptionKey,
    seedRefreshToken: config.refreshToken,
    http,
    tokens: deps.stores.tokens,
    locks: deps.stores.locks,
    clock: deps.clock,
    logger,
  });
  const mappedSegments = [
    ...Object.values(config.fieldMapping.annotations),
    ...Object.values(config.fieldMapping.labels),
  ].flatMap(path => path.split('.'));
  const client = new PaycorClient({
    legalEntityId: config.legalEntityId,
    http,
    tokens,
    keys:
      mappedSegments.length > 0
        ? paycorKeys.extend(mappedSegments)
        : paycorKeys,
  });

  const provider = new PaycorEntityProvider(config.id);
  const runner = new SyncRunner({
    config,
    client,
    stores: deps.stores,
    catalog: deps.catalogState,
    notifier: new HealthNotifier({
      logger,
      recipients: config.notifications.recipients,
      notifications: deps.notifications,
      link: deps.link,
    }),
    logger,
    clock: deps.clock,
    connection: () => provider.connection(),
    locationKey: PaycorEntityProvider.providerName(config.id),
    mutationMode: deps.mutationMode,
  });
  const service = new PaycorProviderService(config, runner, deps.stores, {
    client,
    tokens,
    scheduler: deps.scheduler,
    catalog: deps.catalogState,
    clock: deps.clock,
    logger,
  });
  return { service, provider, runner };
}

/**
 * Registers the sync with the scheduler. The task is global: one replica runs
 * it at a time, coordinated through the database. Its first run waits for the
 * catalog to connect the provider.
 */
async function scheduleSync(
  config: PaycorProviderConfig,
  scheduler: typeof coreServices.scheduler.T,
  service: PaycorProviderService,
  runner: SyncRunner,
  logger: typeof coreServices.logger.T,
) {
  if (!config.enabled) {
    logger.info(
      `Paycor provider ${config.id} is disabled (enabled: false); not scheduled`,
    );
    return;
  }
  await scheduler.scheduleTask({
    id: PaycorProviderService.taskId(config.id),
    ...config.schedule,
    scope: 'global',
    fn: async signal => {
      await runner.sync(await service.currentTrigger(), signal);
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
      await service
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
