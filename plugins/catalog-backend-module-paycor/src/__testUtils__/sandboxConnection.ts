import { PaycorSandbox } from '@paycor-backstage/paycor-sandbox';
import { Knex } from 'knex';
import { PaycorClient } from '../client/PaycorClient';
import { PaycorHttp } from '../client/PaycorHttp';
import { paycorKeys } from '../client/paycorSchemas';
import { createRateBudget } from '../client/rateBudget';
import { TokenManager } from '../client/TokenManager';
import { Clock } from '../store/clock';
import { LockStore } from '../store/LockStore';
import { TokenStore } from '../store/TokenStore';
import { createTestLogger } from './testDb';

export interface SandboxConnectionOptions {
  /** the configured (seed) refresh token; default a freshly minted one */
  seedRefreshToken?: string;
  providerId?: string;
  subscriptionKey?: string;
  maxRetries?: number;
  clock?: Clock;
}

/**
 * The client stack the module wires per provider (http → token manager →
 * client), against a sandbox and a test database, without a backend.
 * Each call mints its own refresh token unless one is given, so tests never
 * spend each other's tokens.
 */
export function connectToSandbox(
  sandbox: PaycorSandbox,
  knex: Knex,
  options: SandboxConnectionOptions = {},
) {
  const clock = options.clock ?? (() => new Date());
  const logger = createTestLogger();
  const seedRefreshToken =
    options.seedRefreshToken ?? sandbox.control.mintTokens().refreshToken;
  const subscriptionKey =
    options.subscriptionKey ?? sandbox.credentials.subscriptionKey;
  const http = new PaycorHttp({
    baseUrl: sandbox.url,
    subscriptionKey,
    timeoutMs: 10_000,
    maxRetries: options.maxRetries ?? 0,
    budget: createRateBudget(10_000, 1_000),
    logger,
  });
  const tokenStore = new TokenStore(knex, clock);
  const lockStore = new LockStore(knex, clock);
  const providerId = options.providerId ?? 'acme';
  const tokens = new TokenManager({
    providerId,
    clientId: sandbox.credentials.clientId,
    clientSecret: sandbox.credentials.clientSecret,
    subscriptionKey,
    seedRefreshToken,
    http,
    tokens: tokenStore,
    locks: lockStore,
    clock,
    logger,
  });
  const client = new PaycorClient({
    legalEntityId: sandbox.credentials.legalEntityId,
    http,
    tokens,
    keys: paycorKeys,
  });
  return {
    http,
    tokens,
    client,
    tokenStore,
    lockStore,
    logger,
    seedRefreshToken,
    providerId,
  };
}

/** Token endpoint calls the sandbox has answered since its call log was reset. */
export function tokenCalls(sandbox: PaycorSandbox): number {
  return sandbox.control.getCallLog().byEndpoint.token ?? 0;
}
