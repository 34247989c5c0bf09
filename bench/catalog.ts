import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TRIVIAL_TASK_ID } from './catalogModules';
import { spawnNodeProcess, stopChild, tail, WORK_DIR } from './lib/children';
import { processCpuMs } from './lib/memory';
import { expectJson, freePort, pollUntil, requestJson, sleep } from './lib/net';
import { providerConfigBlock, PROVIDER_ID } from './lib/providerConfig';
import { SandboxProcess } from './lib/sandbox';

/**
 * Catalog time-to-final: a real Backstage backend (catalog + our module, or + the trivial
 * provider) in its own process; the clock runs from the moment the provider's scheduler
 * task starts until `GET /api/catalog/entities/by-query?filter=kind=user,relations.memberof`
 * counts every expected User and, where reporting lines are expected, as many Users with
 * a `reportsTo` and with a `managerOf` relation as the emitted entities say. Both
 * providers are started the same way (a global, manually-triggered scheduler task,
 * triggered over HTTP), and the time from the trigger is reported too (it adds the
 * scheduler's poll delay, up to 5 s, to both).
 *
 * Modes: `paycor` (the module: its provider and its reporting-lines processor);
 * `trivial`, the baseline: the same entities applied as one full mutation, and the same
 * relations from a minimal processor written for the benchmark (catalogModules.ts), so
 * both end in the same catalog state; `trivial-bare`: the entities alone, no relations
 * (what reporting lines cost the catalog at all).
 */

export type CatalogMode = 'paycor' | 'trivial' | 'trivial-bare';

/** The reporting lines the emitted entities carry: Users with a manager, managers. */
export interface ExpectedLines {
  reports: number;
  managers: number;
}

export function expectedLines(entitiesFile: string): ExpectedLines {
  const entities = JSON.parse(readFileSync(entitiesFile, 'utf8')) as Array<{
    entity: any;
  }>;
  const managers = new Set<string>();
  let reports = 0;
  for (const { entity } of entities) {
    const manager = entity.metadata.annotations?.['paycor.com/manager-ref'];
    if (entity.kind !== 'User' || !manager) continue;
    reports += 1;
    managers.add(manager);
  }
  return { reports, managers: managers.size };
}

export interface CatalogMeasurement {
  mode: CatalogMode;
  expectedUsers: number;
  finalUsers: number;
  /** the reporting lines waited for (none in trivial-bare mode) */
  expectedLines?: ExpectedLines;
  /** task start → every User final */
  timeToFinalMs: number;
  /** HTTP trigger → every User final */
  triggerToFinalMs: number;
  /** HTTP trigger → task start (scheduler poll delay) */
  schedulerDelayMs: number;
  /**
   * CPU the backend process used from the trigger until every User was final (catalog
   * processing, the provider's own work, and answering the readiness polls): less
   * sensitive than wall time to other load on the machine.
   */
  backendCpuMs: number;
  /** task start → mutation applied (trivial) / the whole sync run (paycor) */
  providerMs?: number;
  /** task start → the first User final; → half of them final */
  firstUserFinalMs: number;
  halfUsersFinalMs: number;
  backendStartMs: number;
  resync?: CatalogResync;
}

export interface CatalogResync {
  runStatus: string;
  runMutation: string | null;
  runDurationMs: number;
  added: number;
  updated: number;
  removed: number;
  /** refresh_state rows a provider wrote during the re-sync (hash/discovery changed, or
   * next_update_at pulled earlier = queued for re-processing), plus rows added/removed */
  rowsWritten: number;
  rowsBefore: number;
  rowsAfter: number;
  /**
   * Positive control of the method: one employee's job title changed in the sandbox,
   * then a re-sync (expect a delta of 1 entity and 1 row written), then changed back.
   */
  control?: {
    entityRef: string;
    runMutation: string | null;
    updated: number;
    rowsWritten: number;
  };
}

export interface StartedBackend {
  url: string;
  token: string;
  /** CPU ms the backend process has used so far */
  cpuMs(): number;
  stop(): Promise<void>;
  logFile: string;
  startMs: number;
}

export async function startBackend(options: {
  mode: CatalogMode;
  name: string;
  sandbox: SandboxProcess;
  entitiesFile?: string;
  /** merged into the provider's config block (e.g. `{ events: {...} }`) */
  providerExtra?: Record<string, unknown>;
  /** also install the events backend and the Paycor events module */
  events?: boolean;
}): Promise<StartedBackend> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const token = randomBytes(24).toString('hex');
  const config: Record<string, any> = {
    app: { baseUrl: 'http://127.0.0.1:3000' },
    backend: {
      baseUrl: url,
      listen: { host: '127.0.0.1', port },
      database: { client: 'better-sqlite3', connection: ':memory:' },
      auth: {
        externalAccess: [
          { type: 'static', options: { token, subject: 'paycor-bench' } },
        ],
      },
    },
    catalog: {
      rules: [{ allow: ['User', 'Group'] }],
      ...(options.mode === 'paycor'
        ? providerConfigBlock(
            await options.sandbox.mint(),
            options.providerExtra,
          ).catalog
        : {}),
    },
  };
  mkdirSync(resolve(WORK_DIR, 'config'), { recursive: true });
  const configFile = resolve(WORK_DIR, 'config', `${options.name}.yaml`);
  // JSON is YAML
  writeFileSync(configFile, JSON.stringify(config, null, 2));

  const started = Date.now();
  const { child, logFile } = spawnNodeProcess(
    'bench/catalogBackend.ts',
    ['--config', configFile],
    {
      name: options.name,
      env: {
        BENCH_CATALOG_MODE: options.mode === 'paycor' ? 'paycor' : 'trivial',
        BENCH_TRIVIAL_RELATIONS: options.mode === 'trivial' ? 'on' : 'off',
        BENCH_EVENTS: options.events ? 'on' : 'off',
        ...(options.entitiesFile
          ? { BENCH_TRIVIAL_ENTITIES: options.entitiesFile }
          : {}),
      },
    },
  );
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const stop = () => stopChild(child, 10_000);
  try {
    await pollUntil(
      async () => {
        if (exited)
          throw new Error(`backend exited during start-up:\n${tail(logFile)}`);
        const readiness =
          options.mode === 'paycor'
            ? `${url}/api/catalog/paycor/providers/${PROVIDER_ID}`
            : `${url}/api/catalog/bench-trivial/status`;
        return (await requestJson(readiness, { token, timeoutMs: 5000 }))
          .status;
      },
      status => status === 200,
      { timeoutMs: 180_000, intervalMs: 250, what: `${options.name} start-up` },
    );
  } catch (error) {
    await stop();
    throw exited
      ? new Error(`backend exited during start-up:\n${tail(logFile)}`)
      : error;
  }
  const startMs = Date.now() - started;
  // Let start-up work (first processing loop, scheduler registration) settle equally.
  await sleep(3000);
  const cpuMs = () => processCpuMs(child.pid!) ?? NaN;

  return { url, token, cpuMs, stop, logFile, startMs };
}

async function countUsers(
  backend: StartedBackend,
  relation: string,
): Promise<number> {
  const body = await expectJson<{ totalItems: number }>(
    `${backend.url}/api/catalog/entities/by-query?filter=kind=user,relations.${relation}&limit=1&fields=metadata.name&totalItems=include`,
    { token: backend.token },
  );
  return body.totalItems;
}

async function waitFinal(
  backend: StartedBackend,
  expected: number,
  lines?: ExpectedLines,
) {
  let count = 0;
  let firstAt: number | undefined;
  let halfAt: number | undefined;
  await pollUntil(
    async () => {
      const [users, reports, managers] = await Promise.all([
        countUsers(backend, 'memberof'),
        lines ? countUsers(backend, 'reportsto') : 0,
        lines ? countUsers(backend, 'managerof') : 0,
      ]);
      count = users;
      if (count > 0) firstAt ??= Date.now();
      if (count >= expected / 2) halfAt ??= Date.now();
      return { users, reports, managers };
    },
    n =>
      n.users >= expected &&
      (!lines || (n.reports >= lines.reports && n.managers >= lines.managers)),
    {
      timeoutMs: 120_000 + expected * 60,
      intervalMs: 250,
      what: `catalog final (${expected} users${
        lines
          ? `, ${lines.reports} with reportsTo, ${lines.managers} with managerOf`
          : ''
      })`,
    },
  );
  return { at: Date.now(), count, firstAt: firstAt!, halfAt: halfAt! };
}

type RefreshRow = [string, string, string, string];

async function refreshState(backend: StartedBackend): Promise<RefreshRow[]> {
  const body = await expectJson<{ rows: RefreshRow[] }>(
    `${backend.url}/api/catalog/bench-probe/refresh-state`,
    { token: backend.token, timeoutMs: 60_000 },
  );
  return body.rows;
}

function timeOf(value: string): number {
  // SQLite CURRENT_TIMESTAMP is 'YYYY-MM-DD HH:MM:SS' (UTC); knex may give ISO or a Date
  const v = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(value)
    ? `${value.replace(' ', 'T')}Z`
    : value;
  const t = Date.parse(v);
  return Number.isNaN(t) ? Number(value) : t;
}

/** Rows a provider wrote between two snapshots of refresh_state. */
export function rowsWritten(before: RefreshRow[], after: RefreshRow[]): number {
  const old = new Map(before.map(r => [r[0], r]));
  let written = 0;
  for (const row of after) {
    const prev = old.get(row[0]);
    old.delete(row[0]);
    if (!prev) {
      written += 1;
      continue;
    }
    const hashChanged = prev[1] !== row[1];
    const rediscovered = prev[2] !== row[2];
    const pulledEarlier = timeOf(row[3]) < timeOf(prev[3]);
    if (hashChanged || rediscovered || pulledEarlier) written += 1;
  }
  return written + old.size;
}

export async function paycorStatus(backend: StartedBackend) {
  return expectJson<any>(
    `${backend.url}/api/catalog/paycor/providers/${PROVIDER_ID}`,
    {
      token: backend.token,
    },
  );
}

export async function syncAndWait(
  backend: StartedBackend,
  previousRunId?: string,
) {
  const triggeredAt = Date.now();
  await expectJson(
    `${backend.url}/api/catalog/paycor/providers/${PROVIDER_ID}/sync`,
    {
      method: 'POST',
      token: backend.token,
      expect: [202],
    },
  );
  const status = await pollUntil(
    () => paycorStatus(backend),
    s =>
      Boolean(s.lastRun) &&
      s.lastRun.id !== previousRunId &&
      s.lastRun.status !== 'running',
    { timeoutMs: 600_000, intervalMs: 100, what: 'Paycor sync run' },
  );
  return { triggeredAt, run: status.lastRun };
}

/**
 * Proves the re-sync check can see a write: changes one employee's job title in the
 * sandbox, re-syncs and counts rows written (expected: 1), then restores the title and
 * re-syncs again so the org is as before.
 */
async function positiveControl(
  backend: StartedBackend,
  sandbox: SandboxProcess,
  entitiesFile: string,
  lastRunId: string,
) {
  const entities = JSON.parse(readFileSync(entitiesFile, 'utf8')) as Array<{
    entity: any;
  }>;
  const user = entities
    .map(e => e.entity)
    .find(
      e =>
        e.kind === 'User' && e.metadata.annotations?.['paycor.com/job-title'],
    );
  if (!user) throw new Error('positive control: no User with a job title');
  const employeeId = user.metadata.annotations['paycor.com/employee-id'];
  const title = user.metadata.annotations['paycor.com/job-title'];
  const setTitle = (jobTitle: string) =>
    expectJson(`${sandbox.url}/_sandbox/employees/${employeeId}`, {
      method: 'PATCH',
      body: { positionData: { jobTitle } },
    });
  const before = await refreshState(backend);
  await setTitle(`${title} (bench control)`);
  const changed = await syncAndWait(backend, lastRunId);
  await sleep(1000);
  const after = await refreshState(backend);
  await setTitle(title);
  const restored = await syncAndWait(backend, changed.run.id);
  if (restored.run.status !== 'succeeded') {
    throw new Error(`positive control: restoring run ${restored.run.status}`);
  }
  return {
    entityRef: `user:${user.metadata.namespace ?? 'default'}/${
      user.metadata.name
    }`,
    runMutation: changed.run.mutation ?? null,
    updated: changed.run.counts.updated,
    rowsWritten: rowsWritten(before, after),
  };
}

export async function measureCatalog(options: {
  mode: CatalogMode;
  size: number;
  sandbox: SandboxProcess;
  entitiesFile: string;
  expectedUsers: number;
  run: number;
  /** run the positive control after the unchanged re-sync */
  control?: boolean;
}): Promise<CatalogMeasurement> {
  const backend = await startBackend({
    mode: options.mode,
    name: `catalog-${options.mode}-${options.size}-run${options.run}`,
    sandbox: options.sandbox,
    entitiesFile: options.mode === 'paycor' ? undefined : options.entitiesFile,
  });
  const lines =
    options.mode === 'trivial-bare'
      ? undefined
      : expectedLines(options.entitiesFile);
  try {
    const cpuAtTrigger = backend.cpuMs();
    if (options.mode !== 'paycor') {
      const triggeredAt = Date.now();
      await expectJson(
        `${
          backend.url
        }/api/catalog/.backstage/scheduler/v1/tasks/${encodeURIComponent(
          TRIVIAL_TASK_ID,
        )}/trigger`,
        { method: 'POST', token: backend.token, expect: [200] },
      );
      const final = await waitFinal(backend, options.expectedUsers, lines);
      const backendCpuMs = backend.cpuMs() - cpuAtTrigger;
      const status = await expectJson<{ startedAt: number; appliedAt: number }>(
        `${backend.url}/api/catalog/bench-trivial/status`,
        { token: backend.token },
      );
      return {
        mode: options.mode,
        expectedUsers: options.expectedUsers,
        finalUsers: final.count,
        ...(lines ? { expectedLines: lines } : {}),
        timeToFinalMs: final.at - status.startedAt,
        triggerToFinalMs: final.at - triggeredAt,
        schedulerDelayMs: status.startedAt - triggeredAt,
        backendCpuMs,
        providerMs: status.appliedAt - status.startedAt,
        firstUserFinalMs: final.firstAt - status.startedAt,
        halfUsersFinalMs: final.halfAt - status.startedAt,
        backendStartMs: backend.startMs,
      };
    }

    // Paycor: "Sync now" through the admin API, then the catalog's processing.
    const triggeredAt = Date.now();
    await expectJson(
      `${backend.url}/api/catalog/paycor/providers/${PROVIDER_ID}/sync`,
      {
        method: 'POST',
        token: backend.token,
        expect: [202],
      },
    );
    const final = await waitFinal(backend, options.expectedUsers, lines);
    const backendCpuMs = backend.cpuMs() - cpuAtTrigger;
    const first = (await paycorStatus(backend)).lastRun;
    if (!first || first.status !== 'succeeded') {
      throw new Error(
        `Paycor sync in the catalog backend: ${JSON.stringify(first)}`,
      );
    }
    const taskStartedAt = Date.parse(first.startedAt);
    const measurement: CatalogMeasurement = {
      mode: 'paycor',
      expectedUsers: options.expectedUsers,
      finalUsers: final.count,
      ...(lines ? { expectedLines: lines } : {}),
      timeToFinalMs: final.at - taskStartedAt,
      triggerToFinalMs: final.at - triggeredAt,
      schedulerDelayMs: taskStartedAt - triggeredAt,
      backendCpuMs,
      providerMs: first.durationMs,
      firstUserFinalMs: final.firstAt - taskStartedAt,
      halfUsersFinalMs: final.halfAt - taskStartedAt,
      backendStartMs: backend.startMs,
    };

    // Unchanged re-sync: what did the catalog have to write or re-process?
    const before = await refreshState(backend);
    const again = await syncAndWait(backend, first.id);
    await sleep(1000);
    const after = await refreshState(backend);
    measurement.resync = {
      runStatus: again.run.status,
      runMutation: again.run.mutation ?? null,
      runDurationMs: again.run.durationMs,
      added: again.run.counts.added,
      updated: again.run.counts.updated,
      removed: again.run.counts.removed,
      rowsWritten: rowsWritten(before, after),
      rowsBefore: before.length,
      rowsAfter: after.length,
    };
    if (options.control) {
      measurement.resync.control = await positiveControl(
        backend,
        options.sandbox,
        options.entitiesFile,
        again.run.id,
      );
    }
    return measurement;
  } finally {
    await backend.stop();
  }
}
