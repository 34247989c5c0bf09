/**
 * One sync measurement in a process of its own (so peak RSS is the sync's): one provider
 * wired by the module's own `wireProvider` (src/wiring.ts: HTTP client, token manager,
 * sync engine), on the module's stores on a real SQLite database (in memory, with the
 * module's migrations, and the catalog's own migrations so CatalogState's queries run
 * against real catalog tables), with a recording EntityProviderConnection whose
 * applyMutation only counts entities (the catalog's own processing is measured
 * separately, see catalog.ts). `yarn bench` runs it compiled (lib/compile.ts).
 *
 * Timed: `engine.sync('manual')` (fetch, validate, map, diff, apply the mutation, store
 * snapshot/run/conflicts/health). Then, optionally, an unchanged re-sync against a
 * catalog table that holds what the first sync emitted.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/syncHarness.ts '<json HarnessInput>'
 *   (or node bench/.compiled/syncHarness.cjs '<json HarnessInput>' after a `yarn bench`)
 */
import { resolve } from 'node:path';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createHash, randomUUID } from 'node:crypto';
import knexFactory from 'knex';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import {
  applyMigrations,
  CatalogState,
  createNodeTransport,
  createStores,
  readProviderConfigsFromData,
  systemClock,
  type Transport,
  wireProvider,
} from '../plugins/catalog-backend-module-paycor/src/wiring';
import type { SchedulerService } from '@backstage/backend-plugin-api';
import { exitWithParent, failAndExit, reportAndExit } from './lib/children';
import { maxInWindow, MemorySampler, processCpuMs } from './lib/memory';
import type {
  CallLog as SandboxCallLog,
  MintedCredentials,
} from './lib/sandbox';
import { expectJson } from './lib/net';
import { providerConfigBlock } from './lib/providerConfig';

export interface HarnessInput {
  credentials: MintedCredentials;
  /** run an unchanged re-sync after the full one */
  resync: boolean;
  /** write the entities of the full mutation here (for the trivial catalog provider) */
  dumpEntitiesTo?: string;
  /** `reportingLines.enabled` of the provider (default true, the module's default) */
  reportingLines?: boolean;
  /** log the module's info lines to stderr (the log file) */
  verbose?: boolean;
  /**
   * Profiling aids (`yarn bench --profile`): the directory the process writes its
   * --cpu-prof to (the harness adds the measured window next to it), and whether to write
   * a heap snapshot when the full mutation is applied (distorts the timing).
   */
  profileDir?: string;
  heapSnapshot?: boolean;
  /** the sandbox's pid, to read the CPU time it spends serving the measured sync */
  sandboxPid?: number;
}

export interface MutationRecord {
  type: 'full' | 'delta';
  entities: number;
  removed: number;
}

export interface HarnessResult {
  syncMs: number;
  status: string;
  counts: Record<string, number>;
  /** PaycorClient.callCount after the run */
  clientCalls: number;
  /** HTTP requests the client's fetch sent (an independent count) */
  fetchCalls: number;
  /** the sandbox's own call log for this sync (`GET /_sandbox/calls`) */
  sandboxCalls: SandboxCallLog;
  /** most calls the client sent in any rolling 60 s window */
  maxCallsPerRollingMinute: number;
  mutations: MutationRecord[];
  entitiesApplied: number;
  /**
   * Where the time went, from instrumentation around (not inside) the module's code:
   * read = start → the plan's first catalog query (every page read and validated);
   * plan = → the snapshot save (transform, ownership checks, diff, guard, applyMutation);
   * record = → end (snapshot gzip + save, conflicts, counts, health).
   */
  phases: {
    readMs: number;
    lastResponseMs: number;
    planMs: number;
    recordMs: number;
    heapUsedAfterReadMb: number;
    heapUsedAtMutationMb: number;
    /** the catalog's side of the full mutation, done by the harness; not in syncMs */
    catalogSideMs: number;
  };
  /**
   * CPU time (user + system) over the measured sync: this process (the module, and
   * the harness's catalog side) and the sandbox serving it, each from the kernel's
   * accounting. On a machine with few cores the two compete; their sum over the
   * number of cores bounds how fast any sync can be here.
   */
  cpu: {
    syncProcessMs: number;
    catalogSideMs: number;
    sandboxMs?: number;
  };
  /**
   * How long the event loop went without a turn during the sync (from
   * `monitorEventLoopDelay`, 10 ms resolution): a backend serves no request
   * and the catalog processes nothing while one piece of work runs.
   */
  eventLoop: { maxBlockMs: number };
  memory: {
    peakRssMb: number;
    peakRssSource: string;
    sampledPeakRssMb: number;
    peakHeapUsedMb: number;
    peakRssAtMs: number;
    peakHeapAtMs: number;
    rssBeforeMb: number;
    heapUsedBeforeMb: number;
    samples: number;
  };
  resync?: {
    resyncMs: number;
    phases: HarnessResult['phases'];
    /** sampled (VmHWM covers the whole process, the full sync included) */
    sampledPeakRssMb: number;
    peakHeapUsedMb: number;
    status: string;
    runMutation?: string;
    mutations: MutationRecord[];
    /** entities passed to applyMutation by the re-sync */
    entitiesApplied: number;
    clientCalls: number;
    sandboxCalls: SandboxCallLog;
    counts: Record<string, number>;
    catalogRows: number;
    /** waited before the re-sync so the module's own 900 calls/min budget had room */
    waitedForRateBudgetMs: number;
  };
}

const MB = 1024 * 1024;

function benchLogger(verbose: boolean): LoggerService {
  const write = (level: string, message: string, meta?: unknown) => {
    if (level === 'info' && !verbose) return;
    if (level === 'debug') return;
    process.stderr.write(
      `[harness ${level}] ${message}${
        meta && Object.keys(meta as object).length
          ? ` ${JSON.stringify(meta)}`
          : ''
      }\n`,
    );
  };
  const logger: LoggerService = {
    error: (m, meta) => write('error', m, meta),
    warn: (m, meta) => write('warn', m, meta),
    info: (m, meta) => write('info', m, meta),
    debug: () => {},
    child: () => logger,
  };
  return logger;
}

/** The harness triggers syncs itself; nothing asks a scheduler for anything. */
const noScheduler = new Proxy({} as SchedulerService, {
  get: (_target, method) => () => {
    throw new Error(`the sync harness has no scheduler (${String(method)})`);
  },
});

/** Runs one measurement in this process (exported for profiling experiments). */
export async function runHarness(input: HarnessInput): Promise<HarnessResult> {
  const logger = benchLogger(input.verbose ?? false);
  // Scratch space for the full mutation's entities. The database stays in
  // memory, as in every earlier figure: a file made commits slower (the
  // record phase ~0.3 s at 100k) and moved the peak RSS by less than its
  // run-to-run spread (100k: 453/429/431 vs 448/444/427 MB; 300k: 1056 vs
  // 1009 MB, 2026-12-06).
  const scratchDir = mkdtempSync(resolve(tmpdir(), 'paycor-bench-'));
  process.once('exit', () =>
    rmSync(scratchDir, { recursive: true, force: true }),
  );
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
    pool: { min: 1, max: 1 },
  });
  // The catalog's tables, empty (a fresh catalog), so CatalogState queries real tables.
  await knex.migrate.latest({
    directory: resolve(
      require.resolve('@backstage/plugin-catalog-backend/package.json'),
      '../migrations',
    ),
  });
  await applyMigrations(knex);

  const [config] = readProviderConfigsFromData(
    providerConfigBlock(input.credentials, {
      reportingLines: { enabled: input.reportingLines ?? true },
    }),
  );
  const clock = systemClock;
  const stores = createStores(knex, clock);
  const catalogState = new CatalogState(knex, logger);

  // The module's own wiring; the transport is wrapped only to timestamp requests.
  const sentAt: number[] = [];
  let lastResponseAt = 0;
  const transport = createNodeTransport();
  const countingTransport: Transport = async (url, request) => {
    sentAt.push(Date.now());
    const response = await transport(url, request);
    lastResponseAt = performance.now();
    return response;
  };
  const wired = wireProvider(config, {
    logger,
    scheduler: noScheduler,
    stores,
    catalogState,
    clock,
    link: '',
    transport: countingTransport,
  });
  const { client, engine } = wired;

  // Phase marks: instrumentation around the module's objects, not inside its code. The
  // plan starts with the ownership query and ends when the snapshot is saved (right
  // after the mutation, if any, was applied).
  let marks = { readDone: 0, planDone: 0, heapAfterRead: 0, heapAtPlanDone: 0 };
  const foreignOwners = catalogState.foreignOwners.bind(catalogState);
  catalogState.foreignOwners = (
    ...args: Parameters<CatalogState['foreignOwners']>
  ) => {
    if (!marks.readDone) {
      marks.readDone = performance.now();
      marks.heapAfterRead = process.memoryUsage().heapUsed / MB;
    }
    return foreignOwners(...args);
  };
  const saveSnapshot = stores.snapshots.save.bind(stores.snapshots);
  stores.snapshots.save = (
    ...args: Parameters<typeof stores.snapshots.save>
  ) => {
    if (!marks.planDone) {
      marks.planDone = performance.now();
      marks.heapAtPlanDone = process.memoryUsage().heapUsed / MB;
    }
    return saveSnapshot(...args);
  };
  const phasesOf = (started: number, ended: number) => ({
    readMs: marks.readDone - started,
    lastResponseMs: lastResponseAt - started,
    planMs: marks.planDone - marks.readDone - catalogSideMs,
    recordMs: ended - marks.planDone,
    heapUsedAfterReadMb: marks.heapAfterRead,
    heapUsedAtMutationMb: marks.heapAtPlanDone,
    catalogSideMs,
  });

  // What the catalog would keep of the full mutation, for the re-sync (its
  // refresh_state rows) and the catalog bench (the entities it replays): the
  // entities are written to a file as the mutation arrives, a thousand at a
  // time, so that they are garbage afterwards as in a backend, where the
  // catalog stores them. Kept in memory until the re-sync, they stayed alive
  // through the measured sync; written to refresh_state inside it, the
  // catalog's own work counted against the module's peak heap. Writing the
  // file is the harness's work, not the module's: its time is taken out of
  // the sync's time and of the plan phase it falls in.
  let catalogSideMs = 0;
  let entitiesFile: string | undefined;
  let mutations: MutationRecord[] = [];
  const connection: EntityProviderConnection = {
    async applyMutation(mutation) {
      if (mutations.length === 0) {
        if (input.heapSnapshot && input.profileDir) {
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          require('node:v8').writeHeapSnapshot(
            resolve(input.profileDir, `mutation-${process.pid}.heapsnapshot`),
          );
        }
      }
      if (mutation.type === 'full') {
        const first = !mutations.some(m => m.type === 'full');
        mutations.push({
          type: 'full',
          entities: mutation.entities.length,
          removed: 0,
        });
        if (first && (input.resync || input.dumpEntitiesTo)) {
          const catalogStarted = performance.now();
          entitiesFile =
            input.dumpEntitiesTo ?? resolve(scratchDir, 'full-mutation.json');
          await writeEntities(entitiesFile, mutation.entities);
          catalogSideMs += performance.now() - catalogStarted;
        }
      } else {
        mutations.push({
          type: 'delta',
          entities: mutation.added.length,
          removed: mutation.removed.length,
        });
      }
    },
    async refresh() {},
  };
  await wired.provider.connect(connection);

  // --- the full sync ------------------------------------------------------------
  const before = process.memoryUsage();
  const sandboxCpuBefore = input.sandboxPid
    ? processCpuMs(input.sandboxPid)
    : undefined;
  const cpuBefore = process.cpuUsage();
  const sampler = new MemorySampler(20).start();
  const eventLoop = monitorEventLoopDelay({ resolution: 10 });
  eventLoop.enable();
  const hrStarted = process.hrtime.bigint();
  const started = performance.now();
  const run = await engine.sync('manual');
  const ended = performance.now();
  const hrEnded = process.hrtime.bigint();
  const cpuUsed = process.cpuUsage(cpuBefore);
  const sandboxCpuAfter = input.sandboxPid
    ? processCpuMs(input.sandboxPid)
    : undefined;
  const syncMs = ended - started - catalogSideMs;
  eventLoop.disable();
  const memory = sampler.stop();
  if (input.profileDir) {
    // V8 profile timestamps are µs of the same monotonic clock as hrtime
    writeFileSync(
      resolve(input.profileDir, `window-${process.pid}.json`),
      JSON.stringify({
        from: Number(hrStarted / 1000n),
        to: Number(hrEnded / 1000n),
      }),
    );
  }
  const fullMutations = mutations;
  const fullCalls = client.callCount;
  const fullFetchCalls = sentAt.length;
  // The parent reset the sandbox's call log before starting this process.
  const sandboxCalls = await expectJson<SandboxCallLog>(
    `${input.credentials.baseUrl}/_sandbox/calls`,
  );

  const result: HarnessResult = {
    syncMs,
    status: run.status,
    counts: { ...run.counts },
    clientCalls: fullCalls,
    fetchCalls: fullFetchCalls,
    sandboxCalls,
    maxCallsPerRollingMinute: maxInWindow(sentAt, 60_000),
    mutations: fullMutations,
    entitiesApplied: fullMutations.reduce(
      (n, m) => n + m.entities + m.removed,
      0,
    ),
    phases: phasesOf(started, ended),
    cpu: {
      syncProcessMs: (cpuUsed.user + cpuUsed.system) / 1000,
      catalogSideMs,
      ...(sandboxCpuBefore !== undefined && sandboxCpuAfter !== undefined
        ? { sandboxMs: sandboxCpuAfter - sandboxCpuBefore }
        : {}),
    },
    eventLoop: { maxBlockMs: eventLoop.max / 1e6 },
    memory: {
      ...memory,
      rssBeforeMb: before.rss / MB,
      heapUsedBeforeMb: before.heapUsed / MB,
    },
  };

  // --- an unchanged re-sync ------------------------------------------------------
  if (input.resync) {
    // What the catalog holds after the full mutation: one refresh_state row per entity,
    // so CatalogState's ownership queries scan a catalog of realistic size.
    const catalogRows = await populateRefreshState(
      knex,
      entitiesFile ? JSON.parse(readFileSync(entitiesFile, 'utf8')) : [],
    );
    mutations = [];
    catalogSideMs = 0;
    // The module keeps under a rolling 900 calls/min of its own. Production re-syncs come
    // an hour apart; here, wait until the first sync's calls have left the window when
    // both syncs together would not fit, so the re-sync measures work, not pacing.
    let waitedForRateBudgetMs = 0;
    if (fullCalls * 2 > config.request.maxCallsPerMinute && sentAt.length > 0) {
      waitedForRateBudgetMs = Math.max(
        0,
        sentAt[sentAt.length - 1] + 61_000 - Date.now(),
      );
      await new Promise(r => setTimeout(r, waitedForRateBudgetMs));
    }
    await expectJson(`${input.credentials.baseUrl}/_sandbox/calls`, {
      method: 'DELETE',
    });
    marks = { readDone: 0, planDone: 0, heapAfterRead: 0, heapAtPlanDone: 0 };
    const resyncSampler = new MemorySampler(20).start();
    const hrResyncStarted = process.hrtime.bigint();
    const resyncStarted = performance.now();
    const again = await engine.sync('manual');
    const resyncEnded = performance.now();
    const hrResyncEnded = process.hrtime.bigint();
    const resyncMs = resyncEnded - resyncStarted;
    const resyncMemory = resyncSampler.stop();
    if (input.profileDir) {
      writeFileSync(
        resolve(input.profileDir, `window-${process.pid}-resync.json`),
        JSON.stringify({
          from: Number(hrResyncStarted / 1000n),
          to: Number(hrResyncEnded / 1000n),
        }),
      );
    }
    const resyncSandboxCalls = await expectJson<SandboxCallLog>(
      `${input.credentials.baseUrl}/_sandbox/calls`,
    );
    result.resync = {
      phases: phasesOf(resyncStarted, resyncEnded),
      sampledPeakRssMb: resyncMemory.sampledPeakRssMb,
      peakHeapUsedMb: resyncMemory.peakHeapUsedMb,
      sandboxCalls: resyncSandboxCalls,
      resyncMs,
      status: again.status,
      runMutation: again.mutation,
      mutations,
      entitiesApplied: mutations.reduce(
        (n, m) => n + m.entities + m.removed,
        0,
      ),
      clientCalls: client.callCount,
      counts: { ...again.counts },
      catalogRows,
      waitedForRateBudgetMs,
    };
  }
  await knex.destroy();
  return result;
}

/**
 * Writes a full mutation's entities as one JSON array. Each entity is
 * stringified on its own and written in pieces of ~32 kB: strings that size
 * die young, where a piece of a thousand entities (over a megabyte) went to
 * V8's large-object space, lived until the next full collection and grew the
 * heap of the sync being measured (~40 MB more peak RSS in the run that
 * wrote the file than in the others). The event loop gets a turn between
 * pieces of a thousand, as the catalog's own (asynchronous) applyMutation
 * gives it: the sync's longest event-loop block is the module's, not this
 * write's.
 */
async function writeEntities(
  file: string,
  entities: ReadonlyArray<{ entity: unknown; locationKey?: string }>,
) {
  const fd = openSync(file, 'w');
  try {
    let piece: string[] = [];
    let pieceLength = 0;
    const flush = () => {
      if (piece.length > 0) writeSync(fd, piece.join(''));
      piece = [];
      pieceLength = 0;
    };
    piece.push('[');
    for (let i = 0; i < entities.length; i++) {
      const { entity, locationKey } = entities[i];
      const json = JSON.stringify({ entity, locationKey });
      piece.push(i === 0 ? json : `,${json}`);
      pieceLength += json.length + 1;
      if (pieceLength >= 32_000) flush();
      if (i % 1000 === 999) await nextTurn();
    }
    piece.push(']');
    flush();
  } finally {
    closeSync(fd);
  }
}

/** Inserts one catalog refresh_state row per emitted entity, as the catalog would. */
async function populateRefreshState(
  knex: ReturnType<typeof knexFactory>,
  entities: Array<{ entity: any; locationKey?: string }>,
): Promise<number> {
  const now = new Date().toISOString();
  for (let i = 0; i < entities.length; i += 500) {
    await knex.batchInsert(
      'refresh_state',
      entities.slice(i, i + 500).map(({ entity, locationKey }) => {
        const json = JSON.stringify(entity);
        return {
          entity_id: randomUUID(),
          entity_ref: stringifyEntityRef(entity),
          unprocessed_entity: json,
          unprocessed_hash: createHash('sha1').update(json).digest('hex'),
          errors: '',
          location_key: locationKey ?? null,
          next_update_at: now,
          last_discovery_at: now,
        };
      }),
      500,
    );
  }
  return entities.length;
}

if (require.main === module) {
  exitWithParent();
  runHarness(JSON.parse(process.argv[2]) as HarnessInput).then(
    reportAndExit,
    failAndExit,
  );
}
