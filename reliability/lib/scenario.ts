import { readFileSync, existsSync } from 'node:fs';
import {
  NO_DIRTY_DATA,
  PaycorSandbox,
  SandboxOptions,
  startPaycorSandbox,
} from '@paycor-backstage/paycor-sandbox';
import { BackendProcess, PaycorCredentials, TOKENS } from './backendProcess';
import { DbKind, DbTarget } from './database';
import { PaycorProxy } from './proxy';
import { workPath, writeFragment } from './results';

export interface ScenarioOptions {
  name: string;
  kind: DbKind;
  sandbox?: SandboxOptions;
  /** merged into every backend's provider config */
  provider?: Record<string, unknown>;
}

export interface StoredTokenRow {
  refresh_token: string;
  access_token: string | null;
  rotated_at: string | null;
}

/**
 * One scenario's world: a Paycor sandbox (in this process, random
 * credentials), a proxy in front of it, a database, and the backend
 * processes on it. Collects every secret the scenario ever handled so the
 * captured logs and responses can be scanned for them.
 */
export class Scenario {
  readonly backends: BackendProcess[] = [];
  /** credentials the next backend start uses (the refresh token can be re-seeded) */
  credentials!: PaycorCredentials;
  /** moves the sandbox's clock (token expiry), not ours */
  sandboxOffsetMs = 0;
  private readonly secrets = new Map<string, string>();
  private sandboxInstance?: PaycorSandbox;
  private proxyInstance?: PaycorProxy;
  readonly db: DbTarget;
  readonly captureName: string;

  constructor(readonly options: ScenarioOptions) {
    this.db = new DbTarget(options.kind, options.name);
    this.captureName = `responses/${options.name}-${options.kind}.log`;
  }

  get sandbox() {
    return this.sandboxInstance!;
  }

  get proxy() {
    return this.proxyInstance!;
  }

  async init() {
    this.sandboxInstance = await startPaycorSandbox({
      employees: 300,
      seed: 7,
      dirtyData: NO_DIRTY_DATA,
      ...this.options.sandbox,
      now: () => new Date(Date.now() + this.sandboxOffsetMs),
    });
    this.proxyInstance = await PaycorProxy.start(this.sandbox.url);
    const c = this.sandbox.credentials;
    this.credentials = {
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      subscriptionKey: c.subscriptionKey,
      refreshToken: c.refreshToken,
      legalEntityId: c.legalEntityId,
    };
    this.secret('client secret', c.clientSecret);
    this.secret('subscription key', c.subscriptionKey);
    this.secret('initial refresh token', c.refreshToken);
    this.secret('backend static token (admin)', TOKENS.admin);
    this.secret('backend static token (reader)', TOKENS.reader);
    // empty the capture file of an earlier run of this scenario
    workPath('captures', this.captureName);
    require('node:fs').writeFileSync(
      workPath('captures', this.captureName),
      '',
    );
    return this;
  }

  secret(label: string, value: string | undefined | null) {
    if (value && value.length >= 8) this.secrets.set(value, label);
  }

  backend(
    name: string,
    provider?: Record<string, unknown>,
    options: { exportMetricsEveryMs?: number; events?: boolean } = {},
  ) {
    const backend = new BackendProcess({
      name: `${this.options.name}-${this.options.kind}-${name}`,
      db: this.db,
      paycorUrl: this.proxy.url,
      credentials: this.credentials,
      provider: { ...this.options.provider, ...provider },
      captureName: this.captureName,
      ...options,
    });
    this.backends.push(backend);
    return backend;
  }

  /** A fresh refresh token from Paycor, as an admin re-activating the app gets. */
  reseed() {
    const minted = this.sandbox.control.mintTokens();
    this.credentials.refreshToken = minted.refreshToken;
    this.secret('re-seeded refresh token', minted.refreshToken);
    return minted.refreshToken;
  }

  /** The module's stored tokens (paycor_tokens), remembered for the secret scan. */
  async storedTokens(): Promise<StoredTokenRow | undefined> {
    const row = await this.db.query(knex =>
      knex('paycor_tokens').where({ provider_id: 'acme' }).first(),
    );
    if (row) {
      this.secret('stored refresh token', row.refresh_token);
      this.secret('stored access token', row.access_token);
    }
    return row;
  }

  /**
   * Greps every log line of every backend process this scenario started and
   * every response body the suite received for every secret it handled:
   * client secret, subscription key, the initial, rotated and re-seeded
   * refresh tokens, every access token Paycor issued, the static tokens.
   */
  scanSecrets() {
    const { refresh, access } = this.proxy.issuedTokens();
    for (const t of refresh) this.secret('rotated refresh token', t);
    for (const t of access) this.secret('access token', t);
    const texts: Array<{ where: string; lines: string[] }> = [];
    for (const b of this.backends)
      texts.push({ where: `log ${b.options.name}`, lines: b.logLines });
    const capture = workPath('captures', this.captureName);
    const responses = existsSync(capture)
      ? readFileSync(capture, 'utf8').split('\n').filter(Boolean)
      : [];
    texts.push({ where: 'responses', lines: responses });
    const leaks: Array<{ secret: string; where: string; line: number }> = [];
    let logLines = 0;
    for (const { where, lines } of texts) {
      if (where.startsWith('log')) logLines += lines.length;
      lines.forEach((line, i) => {
        for (const [value, label] of this.secrets) {
          if (line.includes(value))
            leaks.push({ secret: label, where, line: i + 1 });
        }
      });
    }
    const result = {
      scenario: `${this.options.name} (${this.options.kind})`,
      logLines,
      responseBodies: responses.length,
      secretsChecked: this.secrets.size,
      tokenRefreshesObserved: this.proxy.exchanges.length,
      leaks,
    };
    writeFragment(`secrets-${this.options.name}-${this.options.kind}`, result);
    return result;
  }

  async teardown() {
    await Promise.allSettled(this.backends.map(b => b.dispose()));
    await this.proxyInstance?.stop().catch(() => {});
    await this.sandboxInstance?.stop().catch(() => {});
    await this.db.drop().catch(() => {});
  }
}
