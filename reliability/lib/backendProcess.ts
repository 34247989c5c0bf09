import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  createWriteStream,
  mkdtempSync,
  rmSync,
  writeFileSync,
  WriteStream,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import type {
  ProviderStatus,
  SyncRun,
} from '@paycor-backstage/plugin-paycor-common';
import { DbTarget } from './database';
import {
  appendCapture,
  ROOT,
  short,
  sleep,
  waitFor,
  workPath,
} from './results';

export const PROVIDER_ID = 'acme';
export const P = `/api/catalog/paycor/providers/${PROVIDER_ID}`;

/** Static external-access tokens of every backend the suite starts. */
export const TOKENS = {
  /** unrestricted service token (an admin script) */
  admin: `rel-admin-${randomBytes(16).toString('hex')}`,
  /** may only read the sync's status and the catalog */
  reader: `rel-reader-${randomBytes(16).toString('hex')}`,
};

export interface PaycorCredentials {
  clientId: string;
  clientSecret: string;
  subscriptionKey: string;
  refreshToken: string;
  legalEntityId: number;
}

export interface BackendOptions {
  /** a label for logs and capture files */
  name: string;
  db: DbTarget;
  /** Paycor (the proxy in front of the sandbox) */
  paycorUrl: string;
  credentials: PaycorCredentials;
  /** merged into catalog.providers.paycor.acme */
  provider?: Record<string, unknown>;
  /** the file every response body is appended to, for the secret scan */
  captureName: string;
  /**
   * Export the backend's OpenTelemetry metrics to its stdout this often (one
   * `metrics-export {json}` line each), so the secret scan reads them too.
   */
  exportMetricsEveryMs?: number;
  /** also install the events backend and the Paycor events module */
  events?: boolean;
}

export interface ApiResponse {
  status: number;
  text: string;
  body: any;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Every backend process any scenario started, so a failing test still stops them. */
const running = new Set<BackendProcess>();

export async function stopAllBackends() {
  await Promise.allSettled([...running].map(b => b.stop()));
}

/**
 * One Backstage backend deployment run as real OS processes
 * (reliability/backend.ts): start, kill -9, restart on the same database and
 * port. Captures every log line of every process it started (for the secret
 * scan) and every HTTP response body the suite received.
 */
export class BackendProcess {
  readonly logLines: string[] = [];
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private port?: number;
  private readonly dir = mkdtempSync(
    path.join(os.tmpdir(), 'paycor-rel-backend-'),
  );
  private starts = 0;
  private logFile?: WriteStream;

  constructor(readonly options: BackendOptions) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid() {
    return this.child?.pid;
  }

  get alive() {
    return Boolean(
      this.child &&
        this.child.exitCode === null &&
        this.child.signalCode === null,
    );
  }

  private writeConfig(): string {
    const { db, paycorUrl, provider } = this.options;
    const config = {
      app: { baseUrl: 'http://localhost:3000' },
      backend: {
        baseUrl: this.url,
        listen: { port: this.port, host: '127.0.0.1' },
        database: db.backendConfig(),
        // the catalog's actions (the module's catalog:paycor-…) are offered
        actions: { pluginSources: ['catalog'] },
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: {
                token: '${REL_ADMIN_TOKEN}',
                subject: 'reliability-admin',
              },
            },
            {
              type: 'static',
              options: {
                token: '${REL_READER_TOKEN}',
                subject: 'reliability-reader',
              },
              accessRestrictions: [
                {
                  plugin: 'catalog',
                  permission: [
                    'catalog.paycor.sync.read',
                    'catalog.entity.read',
                  ],
                },
              ],
            },
          ],
        },
      },
      permission: { enabled: false },
      catalog: {
        rules: [
          { allow: ['User', 'Group', 'Component', 'System', 'Location'] },
        ],
        providers: {
          paycor: {
            [PROVIDER_ID]: {
              baseUrl: paycorUrl,
              legalEntityId: this.options.credentials.legalEntityId,
              // secrets come from the environment, as the README tells admins to do
              clientId: '${PAYCOR_CLIENT_ID}',
              clientSecret: '${PAYCOR_CLIENT_SECRET}',
              subscriptionKey: '${PAYCOR_SUBSCRIPTION_KEY}',
              refreshToken: '${PAYCOR_REFRESH_TOKEN}',
              schedule: {
                frequency: { trigger: 'manual' },
                timeout: { seconds: 60 },
              },
              request: { timeoutMs: 3000, maxRetries: 3 },
              ...provider,
            },
          },
        },
      },
    };
    const file = path.join(this.dir, 'app-config.yaml');
    writeFileSync(file, stringify(config));
    return file;
  }

  /** Starts (or restarts) the process on the same database and port; waits until ready. */
  async start(timeoutMs = 180_000): Promise<this> {
    if (this.alive) throw new Error(`${this.options.name} is already running`);
    this.port ??= await freePort();
    const config = this.writeConfig();
    this.starts += 1;
    const { credentials } = this.options;
    const logName = `logs/${this.options.name}-${this.starts}.log`;
    this.logFile = createWriteStream(workPath('captures', logName));
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        path.join(ROOT, 'reliability/backend.ts'),
        '--config',
        config,
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          // never "test": Backstage's scheduler janitor (which frees the task
          // lock of a killed process) does not run in tests
          NODE_ENV: 'production',
          LOG_LEVEL: process.env.RELIABILITY_LOG_LEVEL ?? 'debug',
          REL_ADMIN_TOKEN: TOKENS.admin,
          REL_READER_TOKEN: TOKENS.reader,
          PAYCOR_CLIENT_ID: credentials.clientId,
          PAYCOR_CLIENT_SECRET: credentials.clientSecret,
          PAYCOR_SUBSCRIPTION_KEY: credentials.subscriptionKey,
          PAYCOR_REFRESH_TOKEN: credentials.refreshToken,
          ...(this.options.events ? { REL_EVENTS: 'on' } : {}),
          ...(this.options.exportMetricsEveryMs
            ? {
                REL_METRICS_EXPORT_MS: String(
                  this.options.exportMetricsEveryMs,
                ),
              }
            : {}),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    running.add(this);
    this.exited = new Promise(resolve => child.once('exit', () => resolve()));
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      this.logFile?.write(text);
      for (const line of text.split('\n')) if (line) this.logLines.push(line);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);

    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.alive) {
        throw new Error(
          `${this.options.name} exited during start-up:\n${this.logLines
            .slice(-20)
            .join('\n')}`,
        );
      }
      try {
        const res = await fetch(`${this.url}/.backstage/health/v1/readiness`, {
          signal: AbortSignal.timeout(2000),
        });
        if (res.status === 200) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await this.kill9();
        throw new Error(
          `${this.options.name} not ready within ${timeoutMs} ms`,
        );
      }
      await sleep(250);
    }
    return this;
  }

  /** kill -9: no shutdown hooks, no cleanup, exactly like a crashed pod. */
  async kill9() {
    if (!this.alive) return;
    this.child!.kill('SIGKILL');
    await this.exited;
    running.delete(this);
  }

  /** A graceful stop (SIGTERM), SIGKILL after 20 s. */
  async stop() {
    if (this.alive) {
      this.child!.kill('SIGTERM');
      const done = await Promise.race([
        this.exited!.then(() => true),
        sleep(20_000).then(() => false),
      ]);
      if (!done) await this.kill9();
    }
    running.delete(this);
    await new Promise<void>(resolve =>
      this.logFile ? this.logFile.end(() => resolve()) : resolve(),
    );
    this.logFile = undefined;
  }

  async dispose() {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * An HTTP call to the backend: `token` is `admin` (default), `reader`, a
   * raw bearer value, or null (unauthenticated). Every response body is
   * captured for the secret scan.
   */
  async api(
    method: string,
    apiPath: string,
    options: {
      token?: 'admin' | 'reader' | string | null;
      body?: unknown;
      timeoutMs?: number;
    } = {},
  ): Promise<ApiResponse> {
    const token = options.token === undefined ? 'admin' : options.token;
    const headers: Record<string, string> = {};
    if (token) {
      const value =
        token === 'admin' || token === 'reader' ? TOKENS[token] : token;
      headers.Authorization = `Bearer ${value}`;
    }
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const res = await fetch(`${this.url}${apiPath}`, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
    });
    const text = await res.text();
    appendCapture(
      this.options.captureName,
      `${method} ${apiPath} ${res.status} ${text}`,
    );
    let parsed: any;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, text, body: parsed };
  }

  async status(): Promise<ProviderStatus> {
    const res = await this.api('GET', P);
    if (res.status !== 200)
      throw new Error(`status: ${res.status} ${short(res.text)}`);
    return res.body;
  }

  async runs(limit = 100): Promise<SyncRun[]> {
    const res = await this.api('GET', `${P}/runs?limit=${limit}`);
    if (res.status !== 200)
      throw new Error(`runs: ${res.status} ${short(res.text)}`);
    return res.body.items;
  }

  /**
   * "Sync now", retried while the scheduler says a run is in progress (409),
   * then waits for that sync to finish. Returns the run and how long "Sync
   * now" was refused.
   */
  async syncNow(
    options: { timeoutMs?: number; acceptConflictForMs?: number } = {},
  ): Promise<{
    run: SyncRun;
    refusedForMs: number;
    refusals: number;
    acceptedAt: number;
  }> {
    const timeoutMs = options.timeoutMs ?? 180_000;
    const before = new Set((await this.runs(20)).map(r => r.id));
    const t0 = Date.now();
    let refusals = 0;
    let sentAt = 0;
    for (;;) {
      sentAt = Date.now();
      const res = await this.api('POST', `${P}/sync`);
      if (res.status === 202) break;
      if (
        res.status === 409 &&
        Date.now() - t0 < (options.acceptConflictForMs ?? 0)
      ) {
        refusals += 1;
        await sleep(1000);
        continue;
      }
      throw new Error(`sync now: ${res.status} ${short(res.text)}`);
    }
    const acceptedAt = Date.now();
    const refusedForMs = refusals > 0 ? acceptedAt - t0 : 0;
    // The run this request started: it starts after the request was accepted
    // (a run that was already due may finish meanwhile; it is not ours).
    const ours = (r: SyncRun) =>
      !before.has(r.id) &&
      (r.trigger === 'manual' || r.trigger === 'schedule') &&
      Date.parse(r.startedAt) >= sentAt - 20;
    const runs = await waitFor(
      `${this.options.name}: the requested sync finished`,
      () => this.runs(20),
      items => items.some(r => ours(r) && r.status !== 'running'),
      timeoutMs,
      500,
    );
    const run = runs.find(r => ours(r) && r.status !== 'running')!;
    return { run, refusedForMs, refusals, acceptedAt };
  }

  /** POST …/verify: whether the stored refresh token still works. */
  async verify(): Promise<{
    ok: boolean;
    refreshOk: boolean;
    body: any;
    status: number;
  }> {
    const res = await this.api('POST', `${P}/verify`);
    const steps: Array<{ name: string; ok: boolean }> = res.body?.steps ?? [];
    const refresh = steps.find(s => /refresh token/i.test(s.name));
    return {
      ok: res.status === 200 && Boolean(res.body?.ok ?? steps.every(s => s.ok)),
      refreshOk: Boolean(refresh?.ok),
      body: res.body,
      status: res.status,
    };
  }

  /**
   * The catalog's Paycor Users and Groups by Paycor id (`User:<employee id>`,
   * `Group:<department id>`, `Group:org` for the organization Group).
   */
  async paycorEntities(): Promise<Set<string>> {
    const res = await this.api(
      'GET',
      `/api/catalog/entities?filter=metadata.annotations.paycor.com/provider-id=${PROVIDER_ID}&fields=kind,metadata.name,metadata.annotations`,
    );
    if (res.status !== 200)
      throw new Error(`entities: ${res.status} ${short(res.text)}`);
    const ids = new Set<string>();
    for (const e of res.body as any[]) {
      const a = e.metadata.annotations ?? {};
      if (e.kind === 'User') ids.add(`User:${a['paycor.com/employee-id']}`);
      else if (a['paycor.com/department-id'])
        ids.add(`Group:${a['paycor.com/department-id']}`);
      else ids.add(`Group:${e.metadata.name}`);
    }
    return ids;
  }

  /** Waits until the catalog holds as many Paycor entities as the provider says it emitted. */
  async settled(timeoutMs = 180_000): Promise<Set<string>> {
    const status = await this.status();
    const want = status.entityCounts.users + status.entityCounts.groups;
    return waitFor(
      `${this.options.name}: catalog holds ${want} Paycor entities`,
      () => this.paycorEntities(),
      ids => ids.size === want,
      timeoutMs,
      500,
    );
  }
}

/** Entities in `before` that are not in `after`. */
export function lost(before: Set<string>, after: Set<string>): string[] {
  return [...before].filter(id => !after.has(id));
}
