/* eslint-disable no-console */
/**
 * `yarn bench`: reproducible benchmarks of the Paycor catalog module against the Paycor
 * sandbox. See the "Performance" section of the repository README for what each figure
 * means. Every child process (sandbox, floor, sync harness, Backstage backends) runs on
 * 127.0.0.1 on a port chosen at run time and is stopped when this process exits.
 *
 *   yarn bench [--sizes 1000,10000,100000] [--catalog-sizes 1000,10000 | none]
 *              [--admin-sizes 10000,100000 | none] [--runs 3] [--catalog-runs 3,3]
 *              [--people-sizes 100000 | none] [--people-requests 50]
 *              [--people-no-catalog-wait]
 *              [--live-updates-sizes 300 | none] [--live-updates-changes 50]
 *              [--rate-limited] [--latency 25] [--seed 1] [--profile]
 *              [--out bench-results.json]
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AdminEditsResult, measureAdminEdits } from './adminEdits';
import { measurePeople, PeopleBenchResult } from './people';
import { LiveUpdatesBenchResult, measureLiveUpdates } from './liveUpdates';
import { CatalogMeasurement, measureCatalog } from './catalog';
import type { FloorInput, FloorResult } from './floor';
import type { HarnessInput, HarnessResult } from './syncHarness';
import { REPO_ROOT, spawnNode, stopAll, WORK_DIR } from './lib/children';
import { minimumCalls, SandboxProcess } from './lib/sandbox';
import { processCpuMs } from './lib/memory';
import { median, round, table } from './lib/stats';

interface Options {
  sizes: number[];
  catalogSizes: number[];
  adminSizes: number[];
  peopleSizes: number[];
  peopleRequests: number;
  peopleWaitForCatalog: boolean;
  liveUpdatesSizes: number[];
  liveUpdatesChanges: number;
  runs?: number;
  catalogRuns: number[];
  rateLimited: boolean;
  rateLimitedEmployees: number;
  latencyMs: number;
  seed: number;
  profile: boolean;
  heapSnapshot: boolean;
  transform: boolean;
  out: string;
}

const USAGE = `yarn bench [options]
  --sizes <list>          employee counts (default 1000,10000,100000), or "none"
                          (e.g. with --rate-limited alone)
  --catalog-sizes <list>  sizes for catalog time-to-final, or "none" (default 1000,10000)
  --runs <n>              floor/sync repetitions per size, median reported (default 3)
  --catalog-runs <list>   repetitions per catalog size, in order (default 3,3; the last
                          value applies to the sizes after it)
  --people-sizes <list>   sizes for the People view on a real backend (search and trace
                          latency, one person sync, history cost), or "none" (default
                          100000); merged into the results file's entry of each size
  --people-requests <n>   searches and traces timed per size (default 50)
  --people-no-catalog-wait  time the People requests while the catalog still processes
                          the Users (shares the CPU: slower, never faster), instead of
                          waiting ~20 min for it at 100k on 2 cores
  --live-updates-sizes <list>  org sizes for live updates on a real backend with the
                          events backend (sandbox change → refresh_state and → catalog
                          API, p50/p95; Paycor calls per event), or "none" (default)
  --live-updates-changes <n>  changes timed per size, one at a time (default 50)
  --admin-sizes <list>    sizes for admin-edit latency on a real backend (re-home, undo,
                          add-exclusion, reads), or "none" (default 10000,100000)
  --rate-limited          also run the rate-limited sync (300k employees, 1000 calls/min,
                          latency): takes several minutes
  --rate-limited-employees <n>  (default 300000)
  --latency <ms>          sandbox latency of the rate-limited run (default 25)
  --seed <n>              sandbox generator seed (default 1)
  --profile               CPU-profile every sync harness (.tmp/bench/prof; summarise with
                          bench/profileSummary.ts). Profiling slows the sync: figures of a
                          profiled run are not comparable
  --transform             run the floor and the sync harness through Backstage's on-the-fly
                          TypeScript transform instead of compiled (as before 2026-12-06;
                          for comparisons: the transform adds ~50 MB RSS)
  --heap-snapshot         write a heap snapshot when each harness applies its full
                          mutation (.tmp/bench/prof; slow, distorts timings and memory)
  --out <file>            results file (default bench-results.json at the repository root)`;

function parseOptions(argv: string[]): Options {
  const options: Options = {
    sizes: [1000, 10000, 100000],
    catalogSizes: [1000, 10000],
    adminSizes: [10000, 100000],
    peopleSizes: [100000],
    peopleRequests: 50,
    peopleWaitForCatalog: true,
    liveUpdatesSizes: [],
    liveUpdatesChanges: 50,
    catalogRuns: [3, 3],
    rateLimited: false,
    rateLimitedEmployees: 300_000,
    latencyMs: 25,
    seed: 1,
    profile: false,
    transform: false,
    heapSnapshot: false,
    out: resolve(REPO_ROOT, 'bench-results.json'),
  };
  const list = (value: string | undefined, flag: string) => {
    if (value === 'none') {
      if (flag === '--catalog-runs')
        throw new Error(`${flag}: expected a list of positive integers`);
      return [];
    }
    const items = (value ?? '').split(',').map(v => Number(v.trim()));
    if (!value || items.some(n => !Number.isInteger(n) || n < 1)) {
      throw new Error(
        `${flag}: expected a comma-separated list of positive integers`,
      );
    }
    return items;
  };
  const int = (value: string | undefined, flag: string, min: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new Error(`${flag}: expected an integer ≥ ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const [name, inline] = flag.includes('=')
      ? flag.split(/=(.*)/s, 2)
      : [flag, undefined];
    const value = () => inline ?? argv[++i];
    switch (name) {
      case '--sizes':
        options.sizes = list(value(), name);
        break;
      case '--catalog-sizes':
        options.catalogSizes = list(value(), name);
        break;
      case '--runs':
        options.runs = int(value(), name, 1);
        break;
      case '--admin-sizes':
        options.adminSizes = list(value(), name);
        break;
      case '--people-sizes':
        options.peopleSizes = list(value(), name);
        break;
      case '--people-requests':
        options.peopleRequests = int(value(), name, 1);
        break;
      case '--people-no-catalog-wait':
        options.peopleWaitForCatalog = false;
        break;
      case '--live-updates-sizes':
        options.liveUpdatesSizes = list(value(), name);
        break;
      case '--live-updates-changes':
        options.liveUpdatesChanges = int(value(), name, 1);
        break;
      case '--catalog-runs':
        options.catalogRuns = list(value(), name);
        break;
      case '--rate-limited':
        options.rateLimited = true;
        break;
      case '--rate-limited-employees':
        options.rateLimitedEmployees = int(value(), name, 1);
        break;
      case '--latency':
        options.latencyMs = int(value(), name, 0);
        break;
      case '--seed':
        options.seed = int(value(), name, 0);
        break;
      case '--profile':
        options.profile = true;
        break;
      case '--transform':
        options.transform = true;
        break;
      case '--heap-snapshot':
        options.heapSnapshot = true;
        break;
      case '--out':
        options.out = resolve(process.cwd(), value());
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  return options;
}

const log = (message: string) => console.error(`bench: ${message}`);
const PROFILE_DIR = resolve(WORK_DIR, 'prof');

// --- measurements --------------------------------------------------------------

/** Whether the floor and the harness run compiled (see lib/compile.ts); `--transform` clears it. */
let runCompiled = true;

async function floor(
  sandbox: SandboxProcess,
  client: FloorInput['client'],
  name: string,
) {
  const input: FloorInput = { credentials: await sandbox.mint(), client };
  await sandbox.resetCalls();
  const sandboxCpuBefore = sandbox.pid ? processCpuMs(sandbox.pid) : undefined;
  const result = await spawnNode<FloorResult>(
    'bench/floor.ts',
    [JSON.stringify(input)],
    // compiled like the sync harness, so both sides of the ratio run alike
    { name, timeoutMs: 10 * 60_000, compiled: runCompiled },
  ).result;
  const sandboxCpuAfter = sandbox.pid ? processCpuMs(sandbox.pid) : undefined;
  const calls = await sandbox.calls();
  if (calls.total !== result.calls) {
    throw new Error(
      `${name}: the floor made ${result.calls} calls, the sandbox saw ${calls.total}`,
    );
  }
  // the child's start-up is in this window too, but the sandbox is idle then
  return {
    ...result,
    ...(sandboxCpuBefore !== undefined && sandboxCpuAfter !== undefined
      ? { sandboxCpuMs: sandboxCpuAfter - sandboxCpuBefore }
      : {}),
  };
}

async function harness(
  sandbox: SandboxProcess,
  name: string,
  options: Omit<HarnessInput, 'credentials'>,
  profile: { cpu: boolean; heap: boolean },
  timeoutMs = 15 * 60_000,
) {
  const input: HarnessInput = {
    credentials: await sandbox.mint(),
    ...(sandbox.pid ? { sandboxPid: sandbox.pid } : {}),
    ...options,
    ...(profile.cpu || profile.heap ? { profileDir: PROFILE_DIR } : {}),
    ...(profile.heap ? { heapSnapshot: true } : {}),
  };
  if (profile.cpu || profile.heap) mkdirSync(PROFILE_DIR, { recursive: true });
  await sandbox.resetCalls();
  const measured = spawnNode<HarnessResult>(
    'bench/syncHarness.ts',
    [JSON.stringify(input)],
    {
      name,
      timeoutMs,
      nodeArgs: profile.cpu
        ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR]
        : [],
      // a profile names source files only when the sources themselves run
      compiled: runCompiled && !profile.cpu,
    },
  );
  const result = await measured.result;
  // V8 writes the profile as the process exits; the benchmark's own exit
  // would kill the child before it has.
  if (profile.cpu && measured.child.exitCode === null) {
    await new Promise(done => measured.child.once('exit', done));
  }
  return result;
}

interface SizeResult {
  employees: number;
  departments: number;
  users: number;
  groups: number;
  floorMs: number;
  floorClient: 'http' | 'fetch';
  syncMs: number;
  /** the median of the runs' own sync/floor ratios (see below) */
  ratio: number;
  peakRssMb: number;
  heapUsedMb: number;
  calls: number;
  minCalls: number;
  sandboxCalls: number;
  resyncMs: number;
  resyncWrites: number;
  resyncCalls: number;
  resyncMinCalls: number;
  resyncMutation: string | null;
  /**
   * The re-sync's heap (`heapUsed`, garbage included; the re-sync follows
   * the first run) at the end of its read and when it saves what it applied.
   * Every scheduled sync is a re-sync: it reads the org while the last one's
   * plan may still be in memory. (Its sampled peak is not reported: it comes
   * at its start, from the harness filling the catalog's table before it.)
   */
  resyncHeapMb: { afterRead: number; atSave: number };
  /** the longest the sync kept the event loop from a turn (largest of the runs) */
  eventLoopMaxBlockMs: number;
  catalogMs?: number;
  trivialCatalogMs?: number;
  catalogRatio?: number;
  /** the same ratio on the backend's CPU time (less sensitive to other load) */
  catalogCpuRatio?: number;
  catalogResyncWrites?: number;
  phasesMs: { read: number; plan: number; record: number };
  /**
   * CPU time, medians of the runs: the floor's reader and the sandbox serving it; the
   * sync's process (less the harness's catalog side) and the sandbox serving it. On this
   * machine's cores the sync cannot finish sooner than `boundMs` = the larger of the
   * floor and (sync CPU + sandbox CPU) / cores, whatever overlaps: `boundRatio` is the
   * least sync/floor its current CPU cost allows here.
   */
  cpu?: {
    floorProcessMs: number;
    floorSandboxMs?: number;
    syncProcessMs: number;
    syncSandboxMs?: number;
    cores: number;
    boundMs?: number;
    boundRatio?: number;
  };
  runs: {
    floorHttpMs: number[];
    floorFetchMs: number[];
    syncMs: number[];
    ratios: number[];
    peakRssMb: number[];
    heapUsedMb: number[];
    phases: HarnessResult['phases'][];
  };
  memoryDetail: HarnessResult['memory'];
  resyncDetail: HarnessResult['resync'];
  catalog?: {
    ours: CatalogMeasurement[];
    trivial: CatalogMeasurement[];
    triggerToFinalRatio: number;
  };
  /** slowest of the median re-home, undo and add-exclusion (request → refresh_state) */
  adminEditMs?: number;
  /** the most transforms any admin edit ran */
  adminEditTransforms?: number;
  adminEdits?: AdminEditsResult;
}

async function measureSize(
  size: number,
  options: Options,
): Promise<SizeResult> {
  log(`── ${size} employees ──`);
  const sandbox = await SandboxProcess.start({
    employees: size,
    seed: options.seed,
    rateLimit: 0,
    name: `sandbox-${size}`,
  });
  try {
    const summary = await sandbox.summary();
    const min = minimumCalls(summary);
    log(
      `sandbox: ${summary.employees} employees, ${summary.departments} departments; minimum ${min.total} calls`,
    );
    // One unmeasured read, so the sandbox serves every measured read warm.
    await floor(sandbox, 'http', `floor-${size}-warmup`);

    const runs = options.runs ?? 3;
    const wantCatalog = options.catalogSizes.includes(size);
    const entitiesFile = resolve(WORK_DIR, `entities-${size}.json`);
    const floorHttp: number[] = [];
    const floorFetch: number[] = [];
    const floorCpu: Array<{ processMs: number; sandboxMs?: number }> = [];
    const syncs: HarnessResult[] = [];
    for (let run = 1; run <= runs; run++) {
      const http = await floor(sandbox, 'http', `floor-${size}-http-run${run}`);
      const fetchFloor = await floor(
        sandbox,
        'fetch',
        `floor-${size}-fetch-run${run}`,
      );
      const sync = await harness(
        sandbox,
        `sync-${size}-run${run}`,
        {
          // the unchanged re-sync and the entity dump once per size
          resync: run === 1,
          ...(run === 1 && wantCatalog ? { dumpEntitiesTo: entitiesFile } : {}),
        },
        { cpu: options.profile, heap: options.heapSnapshot },
      );
      checkSync(sync, min.total, `${size} run ${run}`);
      floorCpu.push({ processMs: http.cpuMs, sandboxMs: http.sandboxCpuMs });
      floorHttp.push(http.floorMs);
      floorFetch.push(fetchFloor.floorMs);
      syncs.push(sync);
      log(
        `run ${run}/${runs}: floor ${round(http.floorMs)} ms (http) / ${round(
          fetchFloor.floorMs,
        )} ms (fetch); ` +
          `sync ${round(sync.syncMs)} ms (read ${round(
            sync.phases.readMs,
          )}, plan ${round(sync.phases.planMs)}, record ${round(
            sync.phases.recordMs,
          )}); ` +
          `peak RSS ${round(sync.memory.peakRssMb)} MB, heap ${round(
            sync.memory.peakHeapUsedMb,
          )} MB; longest event-loop block ${round(
            sync.eventLoop.maxBlockMs,
          )} ms; CPU ${round(
            sync.cpu.syncProcessMs - sync.cpu.catalogSideMs,
          )} ms + sandbox ${
            sync.cpu.sandboxMs === undefined ? '?' : round(sync.cpu.sandboxMs)
          } ms (floor: ${round(http.cpuMs)} + sandbox ${
            http.sandboxCpuMs === undefined ? '?' : round(http.sandboxCpuMs)
          } ms)` +
          (sync.resync
            ? `; re-sync ${round(sync.resync.resyncMs)} ms, ${
                sync.resync.entitiesApplied
              } entities applied`
            : ''),
      );
    }
    const floorHttpMs = median(floorHttp);
    const floorFetchMs = median(floorFetch);
    const floorMs = Math.min(floorHttpMs, floorFetchMs);
    const syncMs = median(syncs.map(s => s.syncMs));
    // The issue's definition: a ratio within each run (its floor and its sync
    // measured back to back, under the same load), then the median of those.
    // A median sync over a median floor pairs figures of different runs, which
    // on a machine whose speed drifts moves the ratio by the drift.
    const ratios = syncs.map((s, i) =>
      round(s.syncMs / Math.min(floorHttp[i], floorFetch[i]), 2),
    );
    const first = syncs[0];
    const resync = first.resync!;
    const users = first.counts.users;

    const result: SizeResult = {
      employees: summary.employees,
      departments: summary.departments,
      users,
      groups: first.counts.groups,
      floorMs: round(floorMs),
      floorClient: floorHttpMs <= floorFetchMs ? 'http' : 'fetch',
      syncMs: round(syncMs),
      ratio: round(median(ratios), 2),
      peakRssMb: round(Math.max(...syncs.map(s => s.memory.peakRssMb))),
      heapUsedMb: round(Math.max(...syncs.map(s => s.memory.peakHeapUsedMb))),
      calls: Math.max(...syncs.map(s => s.clientCalls)),
      minCalls: min.total,
      sandboxCalls: Math.max(...syncs.map(s => s.sandboxCalls.total)),
      resyncMs: round(resync.resyncMs),
      resyncWrites: resync.entitiesApplied,
      resyncCalls: resync.clientCalls,
      // no token refresh: the access token from the full sync is still valid
      resyncMinCalls: min.total - 1,
      resyncMutation: resync.runMutation ?? null,
      resyncHeapMb: {
        afterRead: round(resync.phases.heapUsedAfterReadMb),
        atSave: round(resync.phases.heapUsedAtMutationMb),
      },
      eventLoopMaxBlockMs: round(
        Math.max(...syncs.map(s => s.eventLoop.maxBlockMs)),
      ),
      phasesMs: {
        read: round(median(syncs.map(s => s.phases.readMs))),
        plan: round(median(syncs.map(s => s.phases.planMs))),
        record: round(median(syncs.map(s => s.phases.recordMs))),
      },
      runs: {
        floorHttpMs: floorHttp.map(v => round(v)),
        floorFetchMs: floorFetch.map(v => round(v)),
        syncMs: syncs.map(s => round(s.syncMs)),
        ratios,
        peakRssMb: syncs.map(s => round(s.memory.peakRssMb)),
        heapUsedMb: syncs.map(s => round(s.memory.peakHeapUsedMb)),
        phases: syncs.map(s => roundAll(s.phases)),
      },
      memoryDetail: roundAll(first.memory),
      resyncDetail: resync,
      cpu: cpuSummary(floorMs, floorCpu, syncs),
    };

    if (wantCatalog) {
      const index = options.catalogSizes.indexOf(size);
      const catalogRuns =
        options.catalogRuns[index] ?? options.catalogRuns.at(-1) ?? 1;
      const expectedUsers = (
        JSON.parse(readFileSync(entitiesFile, 'utf8')) as Array<{
          entity: { kind: string };
        }>
      ).filter(e => e.entity.kind === 'User').length;
      const ours: CatalogMeasurement[] = [];
      const trivial: CatalogMeasurement[] = [];
      for (let run = 1; run <= catalogRuns; run++) {
        // alternate which goes first, so drift on the machine hits both alike
        const order =
          run % 2
            ? (['paycor', 'trivial'] as const)
            : (['trivial', 'paycor'] as const);
        for (const mode of order) {
          log(`catalog ${mode} ${run}/${catalogRuns}: ${expectedUsers} users…`);
          const m = await measureCatalog({
            mode,
            size,
            sandbox,
            entitiesFile,
            expectedUsers,
            run,
            control: run === 1,
          });
          (mode === 'paycor' ? ours : trivial).push(m);
          log(
            `catalog ${mode} ${run}/${catalogRuns}: final in ${round(
              m.timeToFinalMs,
            )} ms from task start ` +
              `(${round(m.triggerToFinalMs)} ms from trigger; provider ${round(
                m.providerMs ?? 0,
              )} ms; backend CPU ${round(m.backendCpuMs)} ms)` +
              (m.resync
                ? `; re-sync: mutation ${m.resync.runMutation}, ${m.resync.rowsWritten} refresh_state rows written` +
                  (m.resync.control
                    ? ` (control, 1 job title changed: mutation ${m.resync.control.runMutation}, ${m.resync.control.updated} updated, ${m.resync.control.rowsWritten} rows written)`
                    : '')
                : ''),
          );
        }
      }
      const oursMs = median(ours.map(m => m.timeToFinalMs));
      const trivialMs = median(trivial.map(m => m.timeToFinalMs));
      result.catalogMs = round(oursMs);
      result.trivialCatalogMs = round(trivialMs);
      result.catalogRatio = round(oursMs / trivialMs, 2);
      result.catalogCpuRatio = round(
        median(ours.map(m => m.backendCpuMs)) /
          median(trivial.map(m => m.backendCpuMs)),
        2,
      );
      result.catalogResyncWrites = Math.max(
        ...ours.map(m => m.resync?.rowsWritten ?? 0),
      );
      result.catalog = {
        ours,
        trivial,
        triggerToFinalRatio: round(
          median(ours.map(m => m.triggerToFinalMs)) /
            median(trivial.map(m => m.triggerToFinalMs)),
          2,
        ),
      };
    }
    if (options.adminSizes.includes(size)) {
      const admin = await measureAdminEdits({
        size,
        sandbox,
        runs,
        log,
      });
      result.adminEditMs = admin.adminEditMs;
      result.adminEditTransforms = admin.adminEditTransforms;
      result.adminEdits = admin;
    }
    return result;
  } finally {
    await sandbox.stop();
  }
}

function checkSync(sync: HarnessResult, minCalls: number, label: string) {
  if (sync.status !== 'succeeded')
    throw new Error(`${label}: sync ${sync.status}`);
  if (
    sync.clientCalls !== sync.sandboxCalls.total ||
    sync.clientCalls !== sync.fetchCalls
  ) {
    throw new Error(
      `${label}: call counts disagree: client ${sync.clientCalls}, fetch ${sync.fetchCalls}, sandbox ${sync.sandboxCalls.total}`,
    );
  }
  if (sync.clientCalls !== minCalls) {
    log(`WARNING ${label}: ${sync.clientCalls} calls, minimum ${minCalls}`);
  }
}

interface RateLimitedResult {
  employees: number;
  departments: number;
  limitPerMinute: number;
  latencyMs: number;
  syncMs: number;
  runStatus: string;
  calls: number;
  sandboxCalls: number;
  minCalls: number;
  status429: number;
  byStatus: Record<string, number>;
  maxCallsPerRollingMinute: number;
  clientBudgetPerMinute: number;
  users: number;
  peakRssMb: number;
  heapUsedMb: number;
  phasesMs: HarnessResult['phases'];
}

async function measureRateLimited(
  options: Options,
): Promise<RateLimitedResult> {
  const size = options.rateLimitedEmployees;
  log(
    `── rate-limited: ${size} employees, 1000 calls/min, ${options.latencyMs} ms latency ──`,
  );
  const sandbox = await SandboxProcess.start({
    employees: size,
    seed: options.seed,
    rateLimit: 1000,
    latencyMs: options.latencyMs,
    name: `sandbox-${size}-rate-limited`,
  });
  try {
    const summary = await sandbox.summary();
    const min = minimumCalls(summary);
    log(`sandbox: ${summary.employees} employees; minimum ${min.total} calls`);
    const sync = await harness(
      sandbox,
      `sync-${size}-rate-limited`,
      { resync: false },
      { cpu: options.profile, heap: options.heapSnapshot },
      30 * 60_000,
    ).catch(error => {
      throw new Error(`rate-limited sync failed: ${(error as Error).message}`);
    });
    const byStatus = sync.sandboxCalls.byStatus;
    const result: RateLimitedResult = {
      employees: summary.employees,
      departments: summary.departments,
      limitPerMinute: 1000,
      latencyMs: options.latencyMs,
      syncMs: round(sync.syncMs),
      runStatus: sync.status,
      calls: sync.clientCalls,
      sandboxCalls: sync.sandboxCalls.total,
      minCalls: min.total,
      status429: byStatus['429'] ?? 0,
      byStatus,
      maxCallsPerRollingMinute: sync.maxCallsPerRollingMinute,
      clientBudgetPerMinute: 900,
      users: sync.counts.users,
      peakRssMb: round(sync.memory.peakRssMb),
      heapUsedMb: round(sync.memory.peakHeapUsedMb),
      phasesMs: roundAll(sync.phases),
    };
    log(
      `rate-limited: ${result.runStatus} in ${round(
        result.syncMs / 1000,
        1,
      )} s, ${result.calls} calls ` +
        `(${result.status429} × 429), at most ${result.maxCallsPerRollingMinute} calls in any 60 s`,
    );
    return result;
  } finally {
    await sandbox.stop();
  }
}

function cpuSummary(
  floorMs: number,
  floor: ReadonlyArray<{ processMs: number; sandboxMs?: number }>,
  syncs: readonly HarnessResult[],
): SizeResult['cpu'] {
  const known = (values: Array<number | undefined>) =>
    values.every(v => v !== undefined)
      ? round(median(values as number[]))
      : undefined;
  const cores = cpus().length;
  const syncProcessMs = round(
    median(syncs.map(s => s.cpu.syncProcessMs - s.cpu.catalogSideMs)),
  );
  const syncSandboxMs = known(syncs.map(s => s.cpu.sandboxMs));
  const boundMs =
    syncSandboxMs === undefined
      ? undefined
      : round(Math.max(floorMs, (syncProcessMs + syncSandboxMs) / cores));
  return {
    floorProcessMs: round(median(floor.map(f => f.processMs))),
    ...(known(floor.map(f => f.sandboxMs)) !== undefined
      ? { floorSandboxMs: known(floor.map(f => f.sandboxMs)) }
      : {}),
    syncProcessMs,
    ...(syncSandboxMs !== undefined ? { syncSandboxMs } : {}),
    cores,
    ...(boundMs !== undefined
      ? { boundMs, boundRatio: round(boundMs / floorMs, 2) }
      : {}),
  };
}

function roundAll<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      typeof v === 'number' ? round(v, 1) : v,
    ]),
  ) as T;
}

// --- report --------------------------------------------------------------------

function report(
  results: Record<string, SizeResult>,
  rateLimited: RateLimitedResult | undefined,
  machine: Record<string, unknown>,
  people: Record<string, PeopleBenchResult>,
) {
  const sizes = Object.keys(results).map(Number);
  const lines: string[] = [];
  lines.push(
    `Paycor module benchmark — ${machine.cpus} × ${machine.cpuModel}, ${machine.totalMemGb} GB, Node ${machine.node}, ${machine.generatedAt}`,
    '',
  );
  if (sizes.length) {
    lines.push(
      table(
        [
          'employees',
          'floor ms',
          'sync ms',
          'sync/floor',
          'peak RSS MB',
          'heap used MB',
          'calls / min',
          're-sync ms',
          're-sync writes',
          'catalog ours s',
          'catalog trivial s',
          'catalog ratio',
        ],
        sizes.map(size => {
          const r = results[size];
          const c = (v: number | undefined, digits = 1, scale = 1) =>
            v === undefined ? '–' : String(round(v / scale, digits));
          return [
            size.toLocaleString('en-US'),
            r.floorMs,
            r.syncMs,
            `${r.ratio.toFixed(2)}`,
            r.peakRssMb,
            r.heapUsedMb,
            `${r.calls} / ${r.minCalls}`,
            r.resyncMs,
            r.resyncWrites,
            c(r.catalogMs, 1, 1000),
            c(r.trivialCatalogMs, 1, 1000),
            r.catalogRatio === undefined ? '–' : r.catalogRatio.toFixed(2),
          ];
        }),
      ),
    );
    lines.push('');
    lines.push(
      table(
        [
          'employees',
          'users',
          'groups',
          'read ms',
          'plan ms',
          'record ms',
          'floor http / fetch ms',
          'sync runs ms',
          'CPU ms: floor reader + sandbox / sync + sandbox',
          'least sync/floor this CPU allows',
          're-sync heap MB: end of read / at save',
          'longest event-loop block ms',
          'catalog CPU ratio',
          'catalog re-sync rows written',
        ],
        sizes.map(size => {
          const r = results[size];
          return [
            size.toLocaleString('en-US'),
            r.users,
            r.groups,
            r.phasesMs.read,
            r.phasesMs.plan,
            r.phasesMs.record,
            `${round(median(r.runs.floorHttpMs))} / ${round(
              median(r.runs.floorFetchMs),
            )}`,
            r.runs.syncMs.join(', '),
            r.cpu
              ? `${r.cpu.floorProcessMs} + ${r.cpu.floorSandboxMs ?? '?'} / ${
                  r.cpu.syncProcessMs
                } + ${r.cpu.syncSandboxMs ?? '?'}`
              : '–',
            r.cpu?.boundRatio?.toFixed(2) ?? '–',
            `${r.resyncHeapMb.afterRead} / ${r.resyncHeapMb.atSave}`,
            r.eventLoopMaxBlockMs,
            r.catalogCpuRatio === undefined
              ? '–'
              : r.catalogCpuRatio.toFixed(2),
            r.catalogResyncWrites ?? '–',
          ];
        }),
      ),
    );
  }
  if (rateLimited) {
    lines.push('');
    lines.push(
      table(
        [
          'rate-limited run',
          'duration s',
          'status',
          'calls / min',
          '429s',
          'max calls in any 60 s',
          'peak RSS MB',
        ],
        [
          [
            `${rateLimited.employees.toLocaleString(
              'en-US',
            )} employees, limit ${rateLimited.limitPerMinute}/min, ${
              rateLimited.latencyMs
            } ms latency`,
            round(rateLimited.syncMs / 1000, 1),
            rateLimited.runStatus,
            `${rateLimited.calls} / ${rateLimited.minCalls}`,
            rateLimited.status429,
            rateLimited.maxCallsPerRollingMinute,
            rateLimited.peakRssMb,
          ],
        ],
      ),
    );
  }

  const withAdmin = sizes.filter(s => results[s].adminEdits);
  if (withAdmin.length) {
    lines.push('');
    lines.push(
      table(
        [
          'admin edits (to refresh_state)',
          're-home ms',
          'undo ms',
          'add-exclusion ms',
          'HTTP response ms (max)',
          'decodes / transforms / of people per edit (max)',
          'slowest read ms',
        ],
        withAdmin.map(size => {
          const a = results[size].adminEdits!;
          const byKind = (kind: string) =>
            a.edits
              .filter(e => e.kind === kind)
              .map(e => e.toRefreshStateMs)
              .join(', ');
          return [
            `${size.toLocaleString('en-US')} employees (catalog final ${
              a.catalogFinalUsersAtStart
            }/${a.users} at start)`,
            byKind('re-home'),
            byKind('undo'),
            byKind('add-exclusion'),
            Math.max(...a.edits.map(e => e.responseMs)),
            `${a.adminEditDecodes} / ${a.adminEditTransforms} / ${Math.max(
              ...a.edits.map(e => e.work.userTransforms),
            )}`,
            a.adminReadMs,
          ];
        }),
      ),
    );
  }

  // Targets (the issue's): evaluated on every size measured, the ratio and RSS at 100k.
  const checks: Array<[string, boolean, string]> = [];
  const largest =
    results[100000] ?? (sizes.length ? results[Math.max(...sizes)] : undefined);
  if (largest) {
    checks.push([
      `sync/floor ≤ 1.5 at ${largest.employees.toLocaleString('en-US')}`,
      largest.ratio <= 1.5,
      `${largest.ratio.toFixed(2)} (median of runs ${largest.runs.ratios
        .map(r => r.toFixed(2))
        .join(', ')})`,
    ]);
    checks.push([
      `peak RSS ≤ 400 MB at ${largest.employees.toLocaleString('en-US')}`,
      largest.peakRssMb <= 400,
      `${largest.peakRssMb} MB`,
    ]);
  }
  const callsOk = sizes.every(s => results[s].calls === results[s].minCalls);
  if (sizes.length)
    checks.push([
      'calls = minimum',
      callsOk,
      sizes.map(s => `${results[s].calls}/${results[s].minCalls}`).join(', '),
    ]);
  const resyncOk = sizes.every(
    s =>
      results[s].resyncWrites === 0 &&
      (results[s].catalogResyncWrites ?? 0) === 0,
  );
  if (sizes.length)
    checks.push([
      're-sync writes 0',
      resyncOk,
      sizes
        .map(
          s =>
            `${results[s].resyncWrites}${
              results[s].catalogResyncWrites !== undefined
                ? ` (catalog rows ${results[s].catalogResyncWrites})`
                : ''
            }`,
        )
        .join(', '),
    ]);
  const catalogSizes = sizes.filter(s => results[s].catalogRatio !== undefined);
  if (catalogSizes.length) {
    checks.push([
      `catalog time-to-final ratio ≤ 1.1 (median of ${catalogSizes
        .map(s => results[s].catalog!.ours.length)
        .join('/')})`,
      catalogSizes.every(s => results[s].catalogRatio! <= 1.1),
      catalogSizes
        .map(s => `${results[s].catalogRatio!.toFixed(2)}`)
        .join(', '),
    ]);
  }
  const adminSizes = sizes.filter(s => results[s].adminEdits);
  for (const size of adminSizes) {
    const a = results[size].adminEdits!;
    const at = size.toLocaleString('en-US');
    const strict = size >= 100000;
    checks.push([
      `admin edit ≤ 1 s to refresh_state at ${at}${
        strict ? '' : ' (target at 100k)'
      }`,
      a.adminEditMs <= 1000,
      `re-home ${a.medianMs['re-home']} ms, undo ${a.medianMs.undo} ms, add-exclusion ${a.medianMs['add-exclusion']} ms (medians)`,
    ]);
    checks.push([
      `≤ 1 snapshot decode and ≤ 1 transform per edit, 0 of people per re-home at ${at}`,
      a.adminEditDecodes <= 1 &&
        a.adminEditTransforms <= 1 &&
        a.rehomeUserTransforms === 0,
      `decodes ≤ ${a.adminEditDecodes}, transforms ≤ ${a.adminEditTransforms}, of people per re-home/undo ≤ ${a.rehomeUserTransforms}`,
    ]);
    checks.push([
      `admin reads ≤ 300 ms at ${at}${strict ? '' : ' (target at 100k)'}`,
      a.adminReadMs <= 300,
      a.reads
        .map(
          r =>
            `${r.route.replace('GET /providers/:id', '') || 'status'} ${
              r.medianMs
            }`,
        )
        .join(', ') + ' ms (medians)',
    ]);
  }
  for (const [size, p] of Object.entries(people)) {
    const at = Number(size).toLocaleString('en-US');
    lines.push('');
    lines.push(
      table(
        [`people at ${at}`, 'p50 ms', 'p95 ms', 'first ms', 'requests'],
        [
          [
            'search (GET /people?q=)',
            p.search.p50Ms,
            p.search.p95Ms,
            p.search.firstMs,
            p.search.ms.length,
          ],
          [
            'trace (GET /people/:id)',
            p.trace.p50Ms,
            p.trace.p95Ms,
            p.trace.firstMs,
            p.trace.ms.length,
          ],
        ],
      ),
    );
    checks.push([
      `people search p95 ≤ 200 ms at ${at}`,
      p.search.p95Ms <= 200,
      `p50 ${p.search.p50Ms} ms, p95 ${p.search.p95Ms} ms over ${
        p.search.ms.length
      } (first ${p.search.firstMs} ms)${
        p.catalogProcessedFirst ? '' : ', while the catalog processed the Users'
      }`,
    ]);
    checks.push([
      `person trace p95 ≤ 200 ms at ${at}`,
      p.trace.p95Ms <= 200,
      `p50 ${p.trace.p50Ms} ms, p95 ${p.trace.p95Ms} ms over ${
        p.trace.ms.length
      } (first ${p.trace.firstMs} ms)${
        p.catalogProcessedFirst ? '' : ', while the catalog processed the Users'
      }`,
    ]);
    checks.push([
      `one person sync: a few Paycor calls, no full read, at ${at}`,
      p.personSync.status === 'succeeded' &&
        p.personSync.apiCalls <= 3 &&
        !p.personSync.sandboxCalls.employees,
      `${p.personSync.apiCalls} calls (${Object.entries(
        p.personSync.sandboxCalls,
      )
        .map(([e, n]) => `${e} ${n}`)
        .join(', ')}), ${p.personSync.responseMs} ms, ${
        p.personSync.toRefreshStateMs
      } ms to refresh_state`,
    ]);
    checks.push([
      `people history cost at ${at} (measured, no target)`,
      true,
      `first sync ${p.history.per10k.firstSyncKb} kB per 10k people; a month (1% hires, 1% leavers, 3% titles) ${p.history.per10k.monthKb} kB per 10k`,
    ]);
  }
  if (rateLimited) {
    checks.push([
      `peak RSS ≤ 800 MB, rate-limited ${rateLimited.employees.toLocaleString(
        'en-US',
      )}`,
      rateLimited.peakRssMb <= 800,
      `${rateLimited.peakRssMb} MB`,
    ]);
    checks.push([
      'rate-limited run succeeds, paced under the limit',
      rateLimited.runStatus === 'succeeded' &&
        rateLimited.maxCallsPerRollingMinute <= 1000,
      `${rateLimited.runStatus}, ${rateLimited.status429} × 429, max ${rateLimited.maxCallsPerRollingMinute}/60 s`,
    ]);
  }
  lines.push('');
  lines.push(
    table(
      ['target', 'result', 'measured'],
      checks.map(([what, ok, measured]) => [
        what,
        ok ? 'PASS' : 'MISS',
        measured,
      ]),
    ),
  );
  return { text: lines.join('\n'), checks };
}

/**
 * The People measurement goes under its size's entry. Measured alone
 * (`--sizes none --people-sizes 100000`), it is added to the results file of the last
 * full run: that run's entries and targets stay, the People figures replace theirs.
 */
function mergePeople(
  output: Record<string, any>,
  people: Record<string, PeopleBenchResult>,
  file: string,
  alone: boolean,
) {
  let previous: Record<string, any> = {};
  if (alone) {
    try {
      previous = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      previous = {};
    }
  }
  const isPeopleTarget = (target: string) =>
    /^(people |person |one person sync)/.test(target);
  const kept = (previous.targets ?? []).filter(
    (t: { target: string }) =>
      !isPeopleTarget(t.target) &&
      !output.targets.some((n: { target: string }) => n.target === t.target),
  );
  output.targets = [...kept, ...output.targets];
  for (const [size, result] of Object.entries(people)) {
    output[size] = {
      ...(output[size] ?? previous[size] ?? {}),
      people: { generatedAt: output.generatedAt, ...result },
    };
  }
  for (const [key, value] of Object.entries(previous)) {
    if (/^\d+$/.test(key) && !(key in output)) output[key] = value;
  }
  if (alone && previous.generatedAt) {
    output.command = `${previous.command} + ${output.command}`;
    output.sizesGeneratedAt = previous.generatedAt;
  }
}

/**
 * Live updates go under their size's entry, with their target. Measured alone, they
 * are added to the results file of the last full run (its entries and targets stay).
 * Returns the report's lines.
 */
function mergeLiveUpdates(
  output: Record<string, any>,
  liveUpdates: Record<string, LiveUpdatesBenchResult>,
  file: string,
  alone: boolean,
): string {
  let previous: Record<string, any> = {};
  if (alone) {
    try {
      previous = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      previous = {};
    }
  }
  const isLiveTarget = (target: string) => /^live updates /.test(target);
  const targets: Array<{ target: string; pass: boolean; measured: string }> =
    [];
  const lines: string[] = [];
  for (const [size, r] of Object.entries(liveUpdates)) {
    output[size] = {
      ...(output[size] ?? previous[size] ?? {}),
      liveUpdates: { generatedAt: output.generatedAt, ...r },
    };
    const at = Number(size).toLocaleString('en-US');
    targets.push({
      target: `live updates p95 ≤ 5 s at ${at} (sandbox change → catalog API)`,
      pass: r.total.p95Ms <= 5000,
      measured: `p95 ${r.total.p95Ms} ms: ${r.toRefreshState.p95Ms} ms to refresh_state (event, read, apply) + catalog processing p95 ${r.catalogProcessing.p95Ms} ms; ${r.paycorCallsPerEvent} Paycor calls per event`,
    });
    lines.push(
      '',
      table(
        [`live updates at ${at} (${r.changes} changes)`, 'p50 ms', 'p95 ms'],
        [
          [
            'change → refresh_state',
            String(r.toRefreshState.p50Ms),
            String(r.toRefreshState.p95Ms),
          ],
          [
            'refresh_state → catalog API',
            String(r.catalogProcessing.p50Ms),
            String(r.catalogProcessing.p95Ms),
          ],
          [
            'change → catalog API',
            String(r.total.p50Ms),
            String(r.total.p95Ms),
          ],
        ],
      ),
      `Paycor calls per event: ${r.paycorCallsPerEvent} (${JSON.stringify(
        r.sandboxCalls,
      )})`,
      `${targets[targets.length - 1].pass ? 'PASS' : 'FAIL'} ${
        targets[targets.length - 1].target
      }: ${targets[targets.length - 1].measured}`,
    );
  }
  const kept = [...(previous.targets ?? []), ...output.targets].filter(
    (t: { target: string }) => !isLiveTarget(t.target),
  );
  output.targets = [
    ...kept.filter(
      (t: { target: string }, i: number) =>
        kept.findIndex((u: { target: string }) => u.target === t.target) === i,
    ),
    ...targets,
  ];
  if (alone) {
    for (const [key, value] of Object.entries(previous)) {
      if (/^\d+$/.test(key) && !(key in output)) output[key] = value;
    }
    if (previous.generatedAt) {
      output.command = `${previous.command} + ${output.command}`;
      output.sizesGeneratedAt = previous.generatedAt;
    }
  }
  return lines.join('\n');
}

// --- main ----------------------------------------------------------------------

async function main() {
  const options = parseOptions(process.argv.slice(2));
  runCompiled = !options.transform;
  mkdirSync(WORK_DIR, { recursive: true });
  const started = Date.now();
  const machine = {
    generatedAt: new Date().toISOString(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model?.trim() ?? 'unknown',
    totalMemGb: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverageAtStart: loadavg().map(v => round(v, 2)),
  };
  log(
    `sizes ${options.sizes.join(', ') || 'none'}; catalog ${
      options.catalogSizes.join(', ') || 'none'
    }; ` +
      `runs ${options.runs ?? 3}${
        options.rateLimited ? '; rate-limited run on' : ''
      }; logs in ${WORK_DIR}/logs`,
  );
  const results: Record<string, SizeResult> = {};
  for (const size of options.sizes) {
    results[size] = await measureSize(size, options);
  }
  const rateLimited = options.rateLimited
    ? await measureRateLimited(options)
    : undefined;
  const people: Record<string, PeopleBenchResult> = {};
  for (const size of options.peopleSizes) {
    const sandbox = await SandboxProcess.start({
      employees: size,
      seed: options.seed,
      rateLimit: 0,
      name: `sandbox-${size}-people`,
    });
    try {
      people[size] = await measurePeople({
        size,
        sandbox,
        requests: options.peopleRequests,
        waitForCatalog: options.peopleWaitForCatalog,
        log,
      });
    } finally {
      await sandbox.stop();
    }
  }

  const liveUpdates: Record<string, LiveUpdatesBenchResult> = {};
  for (const size of options.liveUpdatesSizes) {
    const sandbox = await SandboxProcess.start({
      employees: size,
      seed: options.seed,
      rateLimit: 0,
      name: `sandbox-${size}-live-updates`,
    });
    try {
      liveUpdates[size] = await measureLiveUpdates({
        size,
        sandbox,
        changes: options.liveUpdatesChanges,
        log,
      });
    } finally {
      await sandbox.stop();
    }
  }

  const { text, checks } = report(results, rateLimited, machine, people);
  const output: Record<string, unknown> = {
    generatedAt: machine.generatedAt,
    command: `yarn bench ${process.argv.slice(2).join(' ')}`.trim(),
    machine,
    options: {
      sizes: options.sizes,
      catalogSizes: options.catalogSizes,
      adminSizes: options.adminSizes,
      peopleSizes: options.peopleSizes,
      runs: options.runs ?? 3,
      catalogRuns: options.catalogRuns,
      seed: options.seed,
      profile: { cpu: options.profile, heap: options.heapSnapshot },
    },
    durationS: round((Date.now() - started) / 1000),
    targets: checks.map(([target, ok, measured]) => ({
      target,
      pass: ok,
      measured,
    })),
    ...results,
  };
  if (rateLimited) {
    const key = String(rateLimited.employees);
    output[key] = { ...(output[key] as object), rateLimited };
  }
  if (Object.keys(people).length > 0) {
    mergePeople(output, people, options.out, options.sizes.length === 0);
  }
  const liveText =
    Object.keys(liveUpdates).length > 0
      ? mergeLiveUpdates(
          output,
          liveUpdates,
          options.out,
          options.sizes.length === 0 && options.peopleSizes.length === 0,
        )
      : '';
  writeFileSync(options.out, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`\n${text}${liveText}\n`);
  console.log(
    `Results: ${options.out} (${round((Date.now() - started) / 60000, 1)} min)`,
  );
}

main().then(
  async () => {
    await stopAll();
    process.exit(0);
  },
  async error => {
    console.error(`bench: ${error instanceof Error ? error.message : error}`);
    await stopAll();
    process.exit(1);
  },
);
