import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { SubscriptionKeys } from './auth/SubscriptionKeys';
import { ALL_SCOPES, TokenService } from './auth/TokenService';
import { buildOrg, SandboxController } from './control/SandboxController';
import type { SandboxControl } from './control/types';
import { EventHub } from './events/EventHub';
import { FaultInjector } from './faults/FaultInjector';
import { createSandboxApp } from './http/app';
import { CallLog } from './http/CallLog';
import { ContinuationTokens } from './http/paging';
import { PendingTimers } from './http/PendingTimers';
import { RecordRenderer } from './http/RecordRenderer';
import type { DirtyDataShares } from './org/dirtyData';
import { OrgStore } from './org/OrgStore';
import type { DataAccessScope } from './paycor/scopes';
import type { SandboxOrgFixture } from './paycor/types';
import { DEFAULT_RATE_LIMIT, RateLimiter } from './rateLimit';
import type { SandboxRuntime } from './runtime';
import { SandboxInputError } from './errors';
import { isDataAccessScope } from './paycor/scopes';

/** @public */
export interface SandboxCredentials {
  clientId: string;
  clientSecret: string;
  subscriptionKey: string;
  refreshToken: string;
  legalEntityId: number;
  tenantId: number;
}

/** @public */
export interface SandboxOptions {
  /** Default '127.0.0.1' (never all interfaces unless asked). */
  host?: string;
  /** Default 0: a random free port. */
  port?: number;
  /** Generator seed; default 1. */
  seed?: number;
  /** Generator size; default 200. Departments ≈ 2% of it (one per ~12 people in small orgs), at least 5. */
  employees?: number;
  /** An org (fixture format) or the path of a JSON file with one; replaces the generator. */
  fixture?: SandboxOrgFixture | string;
  /** Dirty-data shares for generated orgs; default small non-zero shares. */
  dirtyData?: Partial<DirtyDataShares>;
  /** Fixed credentials; anything not given is random. legalEntityId/tenantId shape generated orgs. */
  credentials?: Partial<SandboxCredentials>;
  /** The initial refresh token never rotates away (dev backends with in-memory state). */
  stickyInitialRefreshToken?: boolean;
  /** How long a rotated-away refresh token keeps working; default 0. */
  refreshTokenGraceSeconds?: number;
  /** Default 1800 (api.md §2.2). */
  accessTokenTtlSeconds?: number;
  /** Default 1000 calls per 60 s per subscription key; false = off. */
  rateLimit?: { limit: number; windowMs: number } | false;
  /** Added to every Paycor-API call; default 0. */
  latencyMs?: number;
  /** Data Access of tokens minted from now on; default every scope the sandbox knows. */
  scopes?: string[];
  /** Clock for token expiry, rate-limit windows, fault windows and generated dates. */
  now?: () => Date;
  /** Default true: no logging. false logs one line per request (never secrets). */
  quiet?: boolean;
  /** Deliver event notifications to hosts other than loopback; default false. */
  allowExternalEventTargets?: boolean;
}

/** @public */
export interface PaycorSandbox {
  /** e.g. 'http://127.0.0.1:7010' */
  readonly url: string;
  /** The initial credentials. The refresh token rotates on use (unless sticky)! */
  readonly credentials: SandboxCredentials;
  readonly control: SandboxControl;
  stop(): Promise<void>;
}

function resolveScopes(scopes: string[] | undefined): DataAccessScope[] {
  if (!scopes) return [...ALL_SCOPES];
  scopes.forEach((scope, i) => {
    if (!isDataAccessScope(scope))
      throw SandboxInputError.forField(
        `scopes.${i}`,
        `unknown Data Access scope '${scope}'`,
      );
  });
  return scopes as DataAccessScope[];
}

function baseUrlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/**
 * Starts a Paycor sandbox: generates (or loads) an org and serves Paycor's API for it
 * plus the `/_sandbox` control API, on 127.0.0.1 and a random port unless told otherwise.
 *
 * @public
 */
export async function startPaycorSandbox(
  options: SandboxOptions = {},
): Promise<PaycorSandbox> {
  const now = options.now ?? (() => new Date());
  const host = options.host ?? '127.0.0.1';
  const given = options.credentials ?? {};
  const orgSource = {
    seed: options.seed ?? 1,
    employees: options.employees ?? 200,
    dirtyData: options.dirtyData,
    legalEntityId: given.legalEntityId,
    tenantId: given.tenantId,
  };
  const fixture = await buildOrg(orgSource, options.fixture, now());

  const state = {
    store: new OrgStore(fixture),
    orgSource,
    subscriptionKeys: new SubscriptionKeys(
      given.subscriptionKey ?? randomBytes(16).toString('hex'),
    ),
    rateLimiter: new RateLimiter(
      options.rateLimit === undefined
        ? { ...DEFAULT_RATE_LIMIT }
        : options.rateLimit,
      now,
    ),
    faults: new FaultInjector(now),
    callLog: new CallLog(),
    continuations: new ContinuationTokens(now),
    renderer: new RecordRenderer(),
    timers: new PendingTimers(),
    events: new EventHub({
      now,
      allowExternalTargets: options.allowExternalEventTargets ?? false,
    }),
    latencyMs: options.latencyMs ?? 0,
    now,
    baseUrl: '',
  };
  // The token service reads the live org (replaced on reset) and URL through `state`.
  const tokens = new TokenService({
    clientId: given.clientId ?? randomUUID(),
    clientSecret: given.clientSecret ?? randomBytes(32).toString('base64url'),
    legalEntityId: () => state.store.legalEntityId,
    tenantId: () => state.store.tenantId,
    issuerBase: () => state.baseUrl,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 1800,
    refreshTokenGraceSeconds: options.refreshTokenGraceSeconds ?? 0,
    scopes: resolveScopes(options.scopes),
    now,
  });
  const runtime: SandboxRuntime = Object.assign(state, { tokens });
  // Pre-serialize the employees: even the first listing never pays for JSON.stringify.
  runtime.renderer.preRender(runtime.store);
  const refreshToken =
    given.refreshToken ?? randomBytes(32).toString('hex').toUpperCase();
  tokens.registerRefreshToken(refreshToken, {
    sticky: options.stickyInitialRefreshToken ?? false,
  });

  const control = new SandboxController(
    runtime,
    options.fixture ? fixture : undefined,
  );
  const app = createSandboxApp(runtime, control, {
    // eslint-disable-next-line no-console
    log: options.quiet === false ? line => console.log(line) : undefined,
  });
  const server = createServer(app);
  const sockets = new Set<Socket>();
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server, options.port ?? 0, host);
  runtime.baseUrl = baseUrlOf(host, port);

  let stopping: Promise<void> | undefined;
  return {
    url: runtime.baseUrl,
    credentials: {
      clientId: tokens.clientId,
      clientSecret: tokens.clientSecret,
      subscriptionKey: runtime.subscriptionKeys.primary,
      refreshToken,
      legalEntityId: runtime.store.legalEntityId,
      tenantId: runtime.store.tenantId ?? 0,
    },
    control,
    stop() {
      stopping ??= new Promise<void>(resolve => {
        runtime.timers.cancelAll();
        runtime.events.stop();
        server.close(() => resolve());
        // Held (timeout-fault) and keep-alive connections would keep close() waiting.
        for (const socket of sockets) socket.destroy();
      });
      return stopping;
    },
  };
}
