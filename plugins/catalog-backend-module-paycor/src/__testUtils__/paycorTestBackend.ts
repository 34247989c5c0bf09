import {
  coreServices,
  createBackendModule,
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
import eventsPlugin from '@backstage/plugin-events-backend';
import {
  DefaultEventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { PaycorSandbox } from '@paycor-backstage/paycor-sandbox';
import {
  ProviderStatus,
  SyncRun,
} from '@paycor-backstage/plugin-paycor-common';
import knexFactory, { Knex } from 'knex';
import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { eventsModulePaycor } from '../events/eventsModule';
import {
  createCatalogModulePaycor,
  CatalogModulePaycorOptions,
} from '../module';

export const PROVIDER_ID = 'acme';
export const ADMIN = 'user:default/admin';

export interface TestBackendOptions {
  sandbox: PaycorSandbox;
  /** merged into catalog.providers.paycor.acme */
  provider?: Record<string, unknown>;
  /** extra catalog locations (e.g. a catalog-info.yaml with hand-written groups) */
  locations?: Array<{ type: string; target: string }>;
  /**
   * A directory for SQLite files, to survive restarts; default in memory.
   * On PostgreSQL (`PAYCOR_TEST_DATABASE=postgres`) the same directory maps to
   * the same database prefix, so a restart finds its data again.
   */
  sqliteDirectory?: string;
  /**
   * A database connection instead of the default (SQLite in memory, or
   * PostgreSQL from the POSTGRES_* env when `PAYCOR_TEST_DATABASE=postgres`).
   */
  database?: { client: string; connection: any };
  /**
   * PostgreSQL only: `backend.database.prefix` (Backstage creates
   * `<prefix>catalog`). Pass the same prefix to restart on the same data.
   * Default: derived from `sqliteDirectory`, else unique per backend.
   */
  prefix?: string;
  /** permission names to deny (everything else is allowed) */
  denyPermissions?: string[];
  /** permission names to deny to one user only (by user entity ref) */
  denyPermissionsTo?: Record<string, string[]>;
  /** extra features and service factories (e.g. a mock auditor), added last */
  features?: Array<
    Parameters<typeof startTestBackend>[0]['features'] extends
      | Array<infer F>
      | undefined
      ? F
      : never
  >;
  module?: CatalogModulePaycorOptions;
  /** receives every notification the module sends */
  notifications?: NotificationSendOptions[];
  extraConfig?: Record<string, unknown>;
  /**
   * Installs the events plugin and this package's events module, with one
   * events service shared by all plugins (startTestBackend otherwise gives
   * each plugin its own, and nothing published by the events plugin would
   * reach the catalog module).
   */
  events?: boolean;
}

type Backend = Awaited<ReturnType<typeof startTestBackend>>;

/** Which database the integration tests run on (`PAYCOR_TEST_DATABASE`). */
export function testDatabaseKind(): 'sqlite' | 'postgres' {
  const wanted = (process.env.PAYCOR_TEST_DATABASE ?? 'sqlite').toLowerCase();
  if (wanted === 'postgres' || wanted === 'pg' || wanted === 'postgresql') {
    return 'postgres';
  }
  if (wanted !== 'sqlite' && wanted !== 'better-sqlite3') {
    throw new Error(
      `PAYCOR_TEST_DATABASE must be sqlite or postgres, got "${process.env.PAYCOR_TEST_DATABASE}"`,
    );
  }
  return 'sqlite';
}

/** The PostgreSQL server from the POSTGRES_* env (see scripts/postgres.sh). */
export function postgresConnectionFromEnv() {
  const { POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER, POSTGRES_PASSWORD } =
    process.env;
  if (!POSTGRES_HOST || !POSTGRES_USER) {
    throw new Error(
      'PAYCOR_TEST_DATABASE=postgres needs POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER and POSTGRES_PASSWORD ' +
        '(eval "$(scripts/postgres.sh start)" starts a local server and prints them)',
    );
  }
  return {
    host: POSTGRES_HOST,
    port: Number(POSTGRES_PORT ?? 5432),
    user: POSTGRES_USER,
    password: POSTGRES_PASSWORD ?? '',
  };
}

/** A database prefix no other backend (jest worker, run) uses. */
export function uniqueDatabasePrefix(): string {
  return `paycor_t_${randomBytes(5).toString('hex')}_`;
}

/** The prefix a SQLite directory maps to on PostgreSQL (stable across restarts). */
export function databasePrefixFor(directory: string): string {
  const hash = createHash('sha256')
    .update(directory)
    .digest('hex')
    .slice(0, 10);
  return `paycor_t_${hash}_`;
}

/**
 * Drops every database whose name starts with `prefix` (Backstage makes one
 * per plugin), closing whatever connections are still open to them.
 */
export async function dropPostgresDatabases(
  prefix: string,
  connection: ReturnType<
    typeof postgresConnectionFromEnv
  > = postgresConnectionFromEnv(),
) {
  if (!/^[a-z0-9_]+$/.test(prefix)) {
    throw new Error(`refusing to drop databases with prefix "${prefix}"`);
  }
  const admin = knexFactory({
    client: 'pg',
    connection: { ...connection, database: 'postgres' },
    pool: { min: 0, max: 1 },
  });
  try {
    const { rows } = await admin.raw(
      'SELECT datname FROM pg_database WHERE starts_with(datname, ?)',
      [prefix],
    );
    for (const { datname } of rows as Array<{ datname: string }>) {
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [datname]);
    }
  } finally {
    await admin.destroy();
  }
}

// Prefixes this test file created on PostgreSQL; dropped when the file ends
// (restartable ones cannot be dropped when one backend stops).
const createdPrefixes = new Set<string>();
if (typeof afterAll === 'function') {
  afterAll(async () => {
    const prefixes = [...createdPrefixes];
    createdPrefixes.clear();
    for (const prefix of prefixes) await dropPostgresDatabases(prefix);
  });
}

/** HTTP helpers over the backend, as an admin user by default. */
export class PaycorTestApi {
  constructor(
    readonly backend: Backend,
    /** PostgreSQL: the database prefix, to restart on the same data */
    readonly databasePrefix?: string,
    private readonly onStop?: () => Promise<void>,
    private readonly catalogDb?: Promise<Knex>,
  ) {}

  /**
   * The catalog plugin's own database connection (the module's tables and the
   * scheduler's live there), for tests that stage what a crashed replica or
   * another writer would leave behind.
   */
  async db(): Promise<Knex> {
    if (!this.catalogDb) throw new Error('no catalog database captured');
    return this.catalogDb;
  }

  get server() {
    return this.backend.server;
  }

  async stop() {
    await this.backend.stop();
    await this.onStop?.();
  }

  api(
    method: 'get' | 'post' | 'put' | 'delete',
    path: string,
    user: string | null = ADMIN,
  ) {
    const req = request(this.server)[method](`/api/catalog/paycor${path}`);
    return user
      ? req.set('Authorization', mockCredentials.user.header(user))
      : req;
  }

  async status(): Promise<ProviderStatus> {
    const res = await this.api('get', `/providers/${PROVIDER_ID}`);
    if (res.status !== 200)
      throw new Error(`status: ${res.status} ${res.text}`);
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
        state.groups.filter(
          g => g.metadata.annotations?.['paycor.com/provider-id'],
        ).length === groups &&
        state.users.every(u =>
          (u.relations ?? []).some(r => r.type === 'memberOf'),
        ),
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
    const manager = DatabaseManager.fromConfig(config, {
      rootLifecycle,
      rootLogger,
    });
    const clients: Array<Promise<{ destroy(): Promise<void> }>> = [];
    rootLifecycle.addShutdownHook(async () => {
      await Promise.allSettled(clients.map(async c => (await c).destroy()));
    });
    return { manager, clients };
  },
  async factory({ pluginMetadata, lifecycle, logger }, { manager, clients }) {
    const service = manager.forPlugin(pluginMetadata.getId(), {
      lifecycle,
      logger,
    });
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

/** The events plugin, the Paycor events module and one shared events bus. */
function sharedEventsFeatures() {
  const shared = DefaultEventsService.create({
    logger: mockServices.logger.mock(),
    useEventBus: 'never',
  });
  return [
    eventsPlugin,
    eventsModulePaycor,
    createServiceFactory({
      service: eventsServiceRef,
      deps: { plugin: coreServices.pluginMetadata },
      factory: ({ plugin }) => shared.forPlugin(plugin.getId()),
    }),
  ];
}

/**
 * A real Backstage backend: the catalog plugin, this module, the real
 * scheduler and a real database (SQLite by default), pointed at a Paycor
 * sandbox over HTTP. Only auth is mocked (test tokens) and, optionally, the
 * permission decisions.
 */
export async function startPaycorTestBackend(options: TestBackendOptions) {
  const { sandbox } = options;
  let database: { client: string; connection: any; prefix?: string };
  let prefix: string | undefined;
  let dropOnStop = false;
  if (options.database) {
    database = { ...options.database };
    if (options.prefix) database.prefix = options.prefix;
  } else if (testDatabaseKind() === 'postgres') {
    const persistent = Boolean(options.prefix || options.sqliteDirectory);
    prefix =
      options.prefix ??
      (options.sqliteDirectory
        ? databasePrefixFor(options.sqliteDirectory)
        : uniqueDatabasePrefix());
    database = {
      client: 'pg',
      connection: postgresConnectionFromEnv(),
      prefix,
    };
    // A backend that may be restarted keeps its databases until the file ends.
    dropOnStop = !persistent;
    createdPrefixes.add(prefix);
  } else {
    database = {
      client: 'better-sqlite3',
      connection: options.sqliteDirectory
        ? { directory: options.sqliteDirectory }
        : ':memory:',
    };
  }
  const deny = new Set(options.denyPermissions ?? []);
  const denied = (permission: string, credentials: any) =>
    deny.has(permission) ||
    (options.denyPermissionsTo?.[
      credentials?.principal?.userEntityRef
    ]?.includes(permission) ??
      false);
  let captureDb: (db: Promise<Knex>) => void = () => {};
  const catalogDb = new Promise<Knex>(resolve => {
    captureDb = resolve;
  });
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      createBackendModule({
        pluginId: 'catalog',
        moduleId: 'paycor-test-database',
        register(reg) {
          reg.registerInit({
            deps: { catalogDatabase: coreServices.database },
            async init({ catalogDatabase }) {
              captureDb(catalogDatabase.getClient());
            },
          });
        },
      }),
      createCatalogModulePaycor(options.module),
      ...(options.events ? sharedEventsFeatures() : []),
      schedulerServiceFactory,
      closingDatabaseServiceFactory,
      // requests without a token are unauthenticated, as in a real backend
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () =>
          ({
            async authorize(requests: any[], opts?: { credentials?: any }) {
              return requests.map(r => ({
                result: denied(r.permission.name, opts?.credentials)
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
              }));
            },
            async authorizeConditional(
              requests: any[],
              opts?: { credentials?: any },
            ) {
              return requests.map(r => ({
                result: denied(r.permission.name, opts?.credentials)
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
              }));
            },
          } as any),
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
          backend: {
            database: database as any,
            // the module's actions, listed and invoked through the actions service
            actions: { pluginSources: ['catalog'] },
          },
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
      ...(options.features ?? []),
    ],
  });
  return new PaycorTestApi(
    backend,
    prefix,
    async () => {
      if (prefix && dropOnStop) {
        createdPrefixes.delete(prefix);
        await dropPostgresDatabases(prefix);
      }
    },
    catalogDb,
  );
}
