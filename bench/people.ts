import knexFactory from 'knex';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations } from '../plugins/catalog-backend-module-paycor/src/wiring';
import { startBackend, StartedBackend, syncAndWait } from './catalog';
import { expectJson, pollUntil, requestJson } from './lib/net';
import { PROVIDER_ID } from './lib/providerConfig';
import { SandboxProcess } from './lib/sandbox';
import { round } from './lib/stats';

/**
 * The People view on a real backend holding the org (catalog + the Paycor module,
 * in-memory SQLite, bench/catalogBackend.ts): after one sync, and once the catalog has
 * processed it (the state most requests meet), it times `requests` searches of everyone
 * (`GET …/people?q=`: names, emails, employee numbers, ids, outcome filters) and
 * `requests` traces (`GET …/people/:id`), request to response over HTTP; the first of
 * each (which builds this replica's index) is reported on its own. Then one person
 * sync after a title change in the sandbox: its Paycor calls (the run's count and the
 * sandbox's call log) and the time until the catalog's `refresh_state` has the new
 * title. Last, the cost of people's history: the rows the first sync wrote and the rows
 * a month of changes writes (1% hires, 1% leavers, 3% changed titles, applied through
 * the sandbox, then one sync), stored in a fresh SQLite file with the module's
 * migrations to weigh them on disk.
 */

export interface LatencySeries {
  /** the first request after the sync (builds the index of this replica) */
  firstMs: number;
  ms: number[];
  p50Ms: number;
  p95Ms: number;
}

export interface PeopleBenchResult {
  employees: number;
  users: number;
  /** whether the catalog had processed every User before the timing began */
  catalogProcessedFirst: boolean;
  search: LatencySeries & { queries: string[] };
  trace: LatencySeries;
  personSync: {
    status: string;
    /** the run's own count (token refresh included) */
    apiCalls: number;
    /** the sandbox's call log during the person sync, by endpoint */
    sandboxCalls: Record<string, number>;
    responseMs: number;
    toRefreshStateMs: number;
  };
  history: {
    firstSyncRows: number;
    firstSyncBytes: number;
    monthRows: number;
    monthBytes: number;
    /** per 10k employees: the first sync, and each month like the one simulated */
    per10k: { firstSyncKb: number; monthKb: number };
    month: { hires: number; leavers: number; titleChanges: number };
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)];
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, round(performance.now() - started, 1)];
}

function series(first: number, ms: number[]): LatencySeries {
  return {
    firstMs: first,
    ms,
    p50Ms: round(percentile(ms, 50), 1),
    p95Ms: round(percentile(ms, 95), 1),
  };
}

const paycor = (backend: StartedBackend, path: string) =>
  `${backend.url}/api/catalog/paycor/providers/${PROVIDER_ID}${path}`;

async function getOk(backend: StartedBackend, path: string) {
  const res = await requestJson(paycor(backend, path), {
    token: backend.token,
    timeoutMs: 120_000,
  });
  if (res.status !== 200) {
    throw new Error(
      `GET ${path}: HTTP ${res.status} ${res.text.slice(0, 300)}`,
    );
  }
  return res.body;
}

/** Bytes the rows take in a fresh SQLite file with the module's tables. */
async function historyBytes(rows: unknown[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'paycor-history-'));
  const file = join(dir, 'history.sqlite');
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  try {
    await applyMigrations(knex);
    await knex.raw('VACUUM');
    const empty = statSync(file).size;
    for (let i = 0; i < rows.length; i += 500) {
      await knex('paycor_person_history').insert(rows.slice(i, i + 500));
    }
    await knex.raw('VACUUM');
    return statSync(file).size - empty;
  } finally {
    await knex.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function historyRows(backend: StartedBackend): Promise<any[]> {
  const { rows } = await expectJson<{ rows: any[] }>(
    `${backend.url}/api/catalog/bench-probe/paycor-history`,
    { token: backend.token, timeoutMs: 120_000 },
  );
  return rows;
}

async function catalogUsers(backend: StartedBackend): Promise<number> {
  const body = await expectJson<{ totalItems: number }>(
    `${backend.url}/api/catalog/entities/by-query?filter=kind=user,relations.memberof&limit=1&fields=metadata.name&totalItems=include`,
    { token: backend.token, timeoutMs: 60_000 },
  );
  return body.totalItems;
}

export async function measurePeople(options: {
  size: number;
  sandbox: SandboxProcess;
  requests: number;
  /**
   * Wait until the catalog has processed every synced User before timing
   * (default). Without it the requests run while the catalog is still
   * processing them, sharing the CPU with it: slower, never faster, and at
   * 100k it saves the catalog's ~20 min of processing on a 2-core machine.
   */
  waitForCatalog?: boolean;
  log: (message: string) => void;
}): Promise<PeopleBenchResult> {
  const { size, sandbox, requests, log } = options;
  const waitForCatalog = options.waitForCatalog ?? true;
  const backend = await startBackend({
    mode: 'paycor',
    name: `people-${size}`,
    sandbox,
  });
  try {
    const { run } = await syncAndWait(backend);
    if (run.status !== 'succeeded') {
      throw new Error(`people: the sync ${run.status}`);
    }
    log(
      `people at ${size}: synced ${run.counts.users} users in ${
        run.durationMs
      } ms; ${
        waitForCatalog
          ? 'waiting for the catalog to process them'
          : 'timing while the catalog processes them'
      }`,
    );
    if (waitForCatalog) {
      await pollUntil(
        () => catalogUsers(backend),
        n => n >= run.counts.users,
        {
          timeoutMs: 120_000 + run.counts.users * 30,
          intervalMs: 2000,
          what: 'the catalog processing the synced Users',
        },
      );
    }
    const firstSync = await historyRows(backend);

    // Who to look for: people spread over the whole list, and every outcome.
    const [everyone, firstSearchMs] = await timed(() =>
      getOk(backend, '/people?limit=1'),
    );
    const total: number = everyone.totalCount;
    const sample: any[] = [];
    for (let i = 0; i < requests; i++) {
      const offset = Math.floor(((i + 0.5) * total) / requests);
      sample.push(
        (await getOk(backend, `/people?limit=1&offset=${offset}`)).items[0],
      );
    }
    const outcomes = [
      'synced',
      'not-yet-started',
      'terminated',
      'duplicate-email',
      'filtered',
    ];
    const queries = sample.map((p, i) => {
      switch (i % 6) {
        case 0:
          return `?q=${encodeURIComponent(p.displayName)}`;
        case 1:
          return `?q=${encodeURIComponent(
            (p.email ?? p.displayName).split('@')[0],
          )}`;
        case 2:
          return `?q=${encodeURIComponent(p.employeeNumber ?? p.employeeId)}`;
        case 3:
          return `?q=${encodeURIComponent(p.employeeId)}`;
        case 4:
          return `?outcome=${outcomes[i % outcomes.length]}&limit=50`;
        default:
          // a common fragment: many matches, one page
          return `?q=${encodeURIComponent(
            p.displayName.slice(0, 2).toLowerCase(),
          )}&limit=50`;
      }
    });
    const searchMs: number[] = [];
    for (const query of queries) {
      const [, ms] = await timed(() => getOk(backend, `/people${query}`));
      searchMs.push(ms);
    }

    const [, firstTraceMs] = await timed(() =>
      getOk(backend, `/people/${encodeURIComponent(sample[0].employeeId)}`),
    );
    const traceMs: number[] = [];
    for (const person of sample) {
      const [, ms] = await timed(() =>
        getOk(backend, `/people/${encodeURIComponent(person.employeeId)}`),
      );
      traceMs.push(ms);
    }
    const search = { ...series(firstSearchMs, searchMs), queries };
    const trace = series(firstTraceMs, traceMs);
    log(
      `people at ${size}: search p50 ${search.p50Ms} / p95 ${search.p95Ms} ms (first ${search.firstMs}); trace p50 ${trace.p50Ms} / p95 ${trace.p95Ms} ms (first ${trace.firstMs})`,
    );

    // One person synced alone after a title change.
    const target = (
      await getOk(backend, '/people?outcome=synced&limit=1&offset=7')
    ).items[0];
    const title = `Bench Title ${Date.now()}`;
    await expectJson(`${sandbox.url}/_sandbox/employees/${target.employeeId}`, {
      method: 'PATCH',
      body: { positionData: { jobTitle: title } },
    });
    await sandbox.resetCalls();
    const started = performance.now();
    const synced = await expectJson<any>(
      paycor(backend, `/people/${encodeURIComponent(target.employeeId)}/sync`),
      { method: 'POST', token: backend.token, timeoutMs: 120_000 },
    );
    const responseMs = round(performance.now() - started);
    const calls = await sandbox.calls();
    await pollUntil(
      async () =>
        (
          await expectJson<{ entity: any }>(
            `${
              backend.url
            }/api/catalog/bench-probe/refresh-state/entity?ref=${encodeURIComponent(
              target.entityRef,
            )}`,
            { token: backend.token },
          )
        ).entity?.metadata?.description,
      description => description === title,
      { timeoutMs: 60_000, intervalMs: 20, what: 'the new title' },
    );
    const personSync = {
      status: synced.run.status,
      apiCalls: synced.run.apiCalls,
      sandboxCalls: calls.byEndpoint,
      responseMs,
      toRefreshStateMs: round(performance.now() - started),
    };
    log(
      `people at ${size}: person sync ${personSync.status}, ${personSync.apiCalls} Paycor calls, ${personSync.responseMs} ms (refresh_state ${personSync.toRefreshStateMs} ms)`,
    );

    // A month of changes, then one sync: what history keeps of it.
    const before = await historyRows(backend);
    const month = {
      hires: Math.round(size * 0.01),
      leavers: Math.round(size * 0.01),
      titleChanges: Math.round(size * 0.03),
    };
    await expectJson(`${sandbox.url}/_sandbox/employees/terminate`, {
      method: 'POST',
      body: { share: 0.01, seed: 3 },
    });
    for (let i = 0; i < month.hires; i++) {
      await expectJson(`${sandbox.url}/_sandbox/employees`, {
        method: 'POST',
        body: {},
      });
    }
    for (let i = 0; i < month.titleChanges; i++) {
      const offset = Math.floor(((i + 0.5) * total) / month.titleChanges);
      const person = (await getOk(backend, `/people?limit=1&offset=${offset}`))
        .items[0];
      await expectJson(
        `${sandbox.url}/_sandbox/employees/${person.employeeId}`,
        {
          method: 'PATCH',
          body: { positionData: { jobTitle: `Changed ${i}` } },
        },
      );
    }
    const monthRun = (await syncAndWait(backend, synced.run.id)).run;
    if (monthRun.status === 'failed') {
      throw new Error(`people: the month's sync failed`);
    }
    const after = await historyRows(backend);
    const monthRows = after.length - before.length;
    const firstSyncBytes = await historyBytes(firstSync);
    const monthBytes =
      (await historyBytes(after)) - (await historyBytes(before));
    const per10k = (bytes: number) =>
      round(((bytes / size) * 10_000) / 1024, 1);
    const history = {
      firstSyncRows: firstSync.length,
      firstSyncBytes,
      monthRows,
      monthBytes,
      per10k: {
        firstSyncKb: per10k(firstSyncBytes),
        monthKb: per10k(monthBytes),
      },
      month,
    };
    log(
      `people at ${size}: history ${history.firstSyncRows} rows (${history.per10k.firstSyncKb} kB per 10k) after the first sync, ${monthRows} rows (${history.per10k.monthKb} kB per 10k) for the month`,
    );
    return {
      employees: size,
      users: run.counts.users,
      catalogProcessedFirst: waitForCatalog,
      search,
      trace,
      personSync,
      history,
    };
  } finally {
    await backend.stop();
  }
}
