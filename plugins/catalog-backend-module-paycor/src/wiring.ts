/**
 * How one configured provider is put together, in one place: the module
 * wires every provider with this, and the benchmark wires its measured
 * provider with it too (a module-internal entry point, not the package's
 * public API).
 */
import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { randomUUID } from 'node:crypto';
import { PaycorAdminService } from './admin/PaycorAdminService';
import { SyncTask } from './admin/syncTask';
import { createNodeTransport, Transport } from './client/httpTransport';
import { PaycorClient } from './client/PaycorClient';
import { PaycorHttp } from './client/PaycorHttp';
import { paycorKeys } from './client/paycorSchemas';
import { rateBudgetFor } from './client/rateBudget';
import { TokenManager } from './client/TokenManager';
import { PaycorProviderConfig } from './config/types';
import { CatalogState } from './engine/CatalogState';
import { createWriterLock, EngineContext } from './engine/context';
import { HealthNotifier } from './engine/HealthNotifier';
import { LegalEntityDirectory } from './engine/legalEntityDirectory';
import { Planner } from './engine/planning';
import { PlanSources } from './engine/planSources';
import { SyncEngine } from './engine/SyncEngine';
import { EventStore } from './events/EventStore';
import { PlanWorkListener } from './engine/work';
import { meteredStores, meteredTransport } from './metrics/metered';
import { PaycorMetrics } from './metrics/PaycorMetrics';
import { PaycorEntityProvider } from './provider/PaycorEntityProvider';
import { Clock, PaycorStores } from './store';

export interface WireProviderDeps {
  logger: LoggerService;
  scheduler: SchedulerService;
  notifications?: NotificationService;
  stores: PaycorStores;
  catalogState: CatalogState;
  clock: Clock;
  /** the sync page of this provider in the app */
  link: string;
  mutationMode?: 'auto' | 'full' | 'delta';
  onWork?: PlanWorkListener;
  /** replaces the HTTP transport to Paycor (the benchmark timestamps requests) */
  transport?: Transport;
  /** the module's providers, shared: managers across legal entities */
  directory?: LegalEntityDirectory;
  /** live updates' events (the status shows them) */
  eventStore?: EventStore;
  /** whether the backend serves Paycor's notification ingress; none: not known */
  ingressRegistered?: () => boolean;
  /** records runs and Paycor requests; none: nothing is metered */
  metrics?: PaycorMetrics;
}

export interface WiredProvider {
  /** what the catalog connects */
  provider: PaycorEntityProvider;
  /** syncs and re-applies */
  engine: SyncEngine;
  /** every admin operation */
  admin: PaycorAdminService;
  /** the sync as a scheduler task */
  task: SyncTask;
  client: PaycorClient;
}

/** Every replica's process holds leases under its own id. */
const PROCESS_HOLDER = randomUUID();

export function wireProvider(
  config: PaycorProviderConfig,
  deps: WireProviderDeps,
): WiredProvider {
  const logger = deps.logger.child({ paycorProvider: config.id });
  const { metrics } = deps;
  const stores = metrics ? meteredStores(deps.stores, metrics) : deps.stores;
  const transport = metrics
    ? meteredTransport(
        deps.transport ?? createNodeTransport(),
        config.id,
        metrics,
      )
    : deps.transport;
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
    ...(transport ? { transport } : {}),
  });
  const tokens = new TokenManager({
    providerId: config.id,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    subscriptionKey: config.subscriptionKey,
    seedRefreshToken: config.refreshToken,
    http,
    tokens: stores.tokens,
    locks: stores.locks,
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
  const locationKey = PaycorEntityProvider.providerName(config.id);
  const ctx: EngineContext = {
    config,
    stores,
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
    locationKey,
    planner: new Planner({ config, onWork: deps.onWork }),
    sources: new PlanSources({
      config,
      stores,
      catalog: deps.catalogState,
      locationKey,
      onWork: deps.onWork,
      directory: deps.directory,
    }),
    withWriterLock: createWriterLock(stores, config.id, PROCESS_HOLDER),
  };
  // what was planned from a snapshot goes with it
  ctx.sources.onForget(() => ctx.planner.forget());
  const engine = new SyncEngine(ctx, {
    client,
    mutationMode: deps.mutationMode,
  });
  const task = new SyncTask({
    config,
    stores,
    scheduler: deps.scheduler,
    catalog: deps.catalogState,
    clock: deps.clock,
    logger,
  });
  const admin = new PaycorAdminService({
    ctx,
    engine,
    task,
    client,
    tokens,
    events: deps.eventStore,
    ingressRegistered: deps.ingressRegistered,
  });
  return { provider, engine, admin, task, client };
}

// What a host outside the module (the benchmark) needs to wire a provider the
// way the module does.
export { createNodeTransport } from './client/httpTransport';
export type { Transport } from './client/httpTransport';
export { readProviderConfigsFromData } from './config/readProviderConfigs';
export { CatalogState } from './engine/CatalogState';
export { applyMigrations, createStores, systemClock } from './store';
