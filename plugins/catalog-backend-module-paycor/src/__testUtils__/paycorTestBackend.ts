import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { PaycorSandbox } from '@paycor-backstage/paycor-sandbox';
import { ProviderStatus, SyncRun } from '@paycor-backstage/plugin-paycor-common';
import request from 'supertest';
import { createCatalogModulePaycor, CatalogModulePaycorOptions } from '../module';

export const PROVIDER_ID = 'acme';
export const ADMIN = 'user:default/admin';

export interface TestBackendOptions {
  sandbox: PaycorSandbox;
  /** merged into catalog.providers.paycor.acme */
  provider?: Record<string, unknown>;
  /** extra catalog locations (e.g. a catalog-info.yaml with hand-written groups) */
  locations?: Array<{ type: string; target: string }>;
  /** a directory for SQLite files, to survive restarts; default in memory */
  sqliteDirectory?: string;
  /** a PostgreSQL connection instead of SQLite */
  database?: { client: string; connection: any };
  /** permission names to deny (everything else is allowed) */
  denyPermissions?: string[];
  module?: CatalogModulePaycorOptions;
  /** receives every notification the module sends */
  notifications?: NotificationSendOptions[];
  extraConfig?: Record<string, unknown>;
}

type Backend = Awaited<ReturnType<typeof startTestBackend>>;

/** HTTP helpers over the backend, as an admin user by default. */
export class PaycorTestApi {
  constructor(readonly backend: Backend) {}

  get server() {
    return this.backend.server;
  }

  stop() {
    return this.backend.stop();
  }

  api(
    method: 'get' | 'post' | 'put' | 'delete',
    path: string,
    user: string | null = ADMIN,
  ) {
    const req = request(this.server)[method](`/api/catalog/paycor${path}`);
    return user ? req.set('Authorization', mockCredentials.user.header(user)) : req;
  }

  async status(): Promise<ProviderStatus> {
    const res = await this.api('get', `/providers/${PROVIDER_ID}`);
    if (res.status !== 200) throw new Error(`status: ${res.status} ${res.text}`);
    return res.body;
  }

  /**
   * "Sync now" through the real scheduler, then waits for that run to finish.
   * Returns the run (which may have failed).
   */
  async syncNow(timeoutMs = 60_000): Promise<SyncRun> {
    const before = (await this.status()).lastRun?.id;
    const res = await this.api('post', `/providers/${PROVIDER_ID}/sync`);
    if (res.status !== 202) throw new Error(`sync: ${res.status} ${res.text}`);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { lastRun } = await this.status();
      if (
        lastRun &&
        lastRun.id !== before &&
        lastRun.trigger !== 'reapply' &&
        lastRun.status !== 'running'
      ) {
        return lastRun;
      }
      await new Promise(r => setTimeout(r, 200));
    }
    throw new Error(`no sync finished within ${timeoutMs} ms`);
  }

  async entities(kind: 'user' | 'group'): Promise<Entity[]> {
    const res = await request(this.server)
      .get(`/api/catalog/entities?filter=kind=${kind}`)
      .set('Authorization', mockCredentials.user.header());
    if (res.status !== 200) throw new Error(`entities: ${res.status}`);
    return res.body;
  }

  async entity(ref: string): Promise<Entity | undefined> {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    const res = await request(this.server)
      .get(`/api/catalog/entities/by-name/${kind}/${namespace}/${name}`)
      .set('Authorization', mockCredentials.user.header());
    return res.status === 200 ? res.body : undefined;
  }

  /**
   * Waits until the catalog has processed everything the provider emitted:
   * as many Users and Groups as the provider reports, every User with its
   * memberOf relation.
   */
  async settled(timeoutMs = 90_000) {
    const status = await this.status();
    const { users, groups } = status.entityCounts;
    await this.eventually(
      async () => ({
        users: await this.entities('user'),
        groups: await this.entities('group'),
      }),
      state =>
        state.users.length === users &&
        state.groups.filter(g => g.metadata.annotations?.['paycor.com/provider-id']).length === groups &&
        state.users.every(u => (u.relations ?? []).some(r => r.type === 'memberOf')),
      timeoutMs,
    );
  }

  /** Polls the catalog until `check` passes (catalog processing is asynchronous). */
  async eventually<T>(
    read: () => Promise<T>,
    check: (value: T) => boolean,
    timeoutMs = 60_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let value = await read();
    while (!check(value)) {
      if (Date.now() > deadline) {
        throw new Error(`condition not met within ${timeoutMs} ms`);
      }
      await new Promise(r => setTimeout(r, 250));
      value = await read();
    }
    return value;
  }
}

/**
 * Backstage's own database service, except that SQLite connections are closed
 * when the backend stops. Backstage keeps them open (harmless when the process
 * exits), but a test that restarts a backend in-process on the same SQLite
 * files would otherwise contend with the stopped backend's connections.
 */
const closingDatabaseServiceFactory = createServiceFactory({
  service: coreServices.database,
  deps: {
    config: coreServices.rootConfig,
    lifecycle: coreServices.lifecycle,
    logger: coreServices.logger,
    pluginMetadata: coreServices.pluginMetadata,
    rootLifecycle: coreServices.rootLifecycle,
    rootLogger: coreServices.rootLogger,
  },
  async createRootContext({ config, rootLifecycle, rootLogger }) {
    const manager = DatabaseManager.fromConfig(config, { rootLifecycle, rootLogger });
    const clients: Array<Promise<{ destroy(): Promise<void> }>> = [];
    rootLifecycle.addShutdownHook(async () => {
      await Promise.allSettled(clients.map(async c => (await c).destroy()));
    });
    return { manager, clients };
  },
  async factory({ pluginMetadata, lifecycle, logger }, { manager, clients }) {
    const service = manager.forPlugin(pluginMetadata.getId(), { lifecycle, logger });
    let client: ReturnType<typeof service.getClient> | undefined;
    return {
      ...service,
      getClient() {
        if (!client) {
          client = service.getClient();
          clients.push(client);
        }
        return client;
      },
    };
  },
});

/**
 * A real Backstage backend: the catalog plugin, this module, the real
 * scheduler and a real database (SQLite by default), pointed at a Paycor
 * sandbox over HTTP. Only auth is mocked (test tokens) and, optionally, the
 * permission decisions.
 */
export async function startPaycorTestBackend(options: TestBackendOptions) {
  const { sandbox } = options;
  const database: { client: string; connection: any } = options.database ?? {
    client: 'better-sqlite3',
    connection: options.sqliteDirectory
      ? { directory: options.sqliteDirectory }
      : ':memory:',
  };
  const deny = new Set(options.denyPermissions ?? []);
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      createCatalogModulePaycor(options.module),
      schedulerServiceFactory,
      closingDatabaseServiceFactory,
      // requests without a token are unauthenticated, as in a real backend
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () => ({
          async authorize(requests: any[]) {
            return requests.map(r => ({
              result: deny.has(r.permission.name)
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
            }));
          },
          async authorizeConditional(requests: any[]) {
            return requests.map(r => ({
              result: deny.has(r.permission.name)
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
            }));
          },
        }) as any,
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          async send(notification: NotificationSendOptions) {
            options.notifications?.push(notification);
          },
        }),
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: { database: database as any },
          app: { baseUrl: 'http://localhost:3000' },
          catalog: {
            rules: [
              { allow: ['User', 'Group', 'Component', 'System', 'Location'] },
            ],
            locations: options.locations ?? [],
            providers: {
              paycor: {
                [PROVIDER_ID]: {
                  baseUrl: sandbox.url,
                  legalEntityId: sandbox.credentials.legalEntityId,
                  clientId: sandbox.credentials.clientId,
                  clientSecret: sandbox.credentials.clientSecret,
                  subscriptionKey: sandbox.credentials.subscriptionKey,
                  refreshToken: sandbox.credentials.refreshToken,
                  // Tests trigger syncs themselves ("Sync now").
                  schedule: {
                    frequency: { trigger: 'manual' },
                    timeout: { minutes: 3 },
                  },
                  request: { timeoutMs: 5000, maxRetries: 2 },
                  ...options.provider,
                },
              },
            },
          },
          ...options.extraConfig,
        },
      }),
    ],
  });
  return new PaycorTestApi(backend);
}
