/* eslint-disable no-console */
/**
 * `yarn bench:reporting-lines`: what reporting lines cost, at 10,000 employees by default.
 *
 * 1. Sync: the module's own sync (bench/syncHarness.ts, a fresh process per run, the
 *    module's wiring, a real SQLite database) with `reportingLines.enabled` true and false,
 *    alternating, `--runs` times each; medians of the whole sync and of its plan phase.
 * 2. Stage: in this process, on the same org read from the sandbox: the reporting-lines
 *    stage alone (`reportingLinesOf`), and a whole plan (people, reporting lines, Groups,
 *    User rows and hashes, diff) with and without reporting lines — the added work,
 *    without the noise of the network read.
 * 3. Catalog time-to-final (bench/catalog.ts), `--catalog-runs` times each, alternating:
 *    the module (its provider and its processor) against the trivial provider emitting
 *    the same entities with the same relations from a minimal processor (the fair
 *    baseline), and against the trivial provider without relations (what the relations
 *    cost the catalog at all).
 *
 * Targets: the module's added work for reporting lines ≤ 10% of the sync time, and
 * catalog time-to-final with the processor ≤ 1.1× the trivial provider's. The figures go
 * under `reportingLines` in bench-results.json (the other entries stay), the targets are
 * added to its list (replacing earlier ones of the same name), and PASS/MISS is printed.
 *
 *   yarn bench:reporting-lines [--size 10000] [--runs 5] [--catalog-runs 3 | 0]
 *                              [--seed 1] [--out bench-results.json]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { legalEntitySchema } from '../plugins/catalog-backend-module-paycor/src/client/paycorSchemas';
import {
  toDepartmentRecord,
  toEmployeeRecord,
  toLegalEntityRecord,
} from '../plugins/catalog-backend-module-paycor/src/client/toRecords';
import { readProviderConfigsFromData } from '../plugins/catalog-backend-module-paycor/src/config/readProviderConfigs';
import type { PaycorProviderConfig } from '../plugins/catalog-backend-module-paycor/src/config/types';
import { loadStoredSnapshot } from '../plugins/catalog-backend-module-paycor/src/engine/loadedSnapshot';
import { Planner } from '../plugins/catalog-backend-module-paycor/src/engine/planning';
import { reportingLinesOf } from '../plugins/catalog-backend-module-paycor/src/ingest/reportingLines';
import type { PaycorSnapshot } from '../plugins/catalog-backend-module-paycor/src/ingest/types';
import { CatalogMeasurement, CatalogMode, measureCatalog } from './catalog';
import type { HarnessInput, HarnessResult } from './syncHarness';
import { REPO_ROOT, spawnNode, stopAll, WORK_DIR } from './lib/children';
import { providerConfigBlock } from './lib/providerConfig';
import { readPages } from './lib/readPages';
import { SandboxProcess } from './lib/sandbox';
import { median, round, table } from './lib/stats';

interface Options {
  size: number;
  runs: number;
  catalogRuns: number;
  seed: number;
  out: string;
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    size: 10_000,
    runs: 5,
    catalogRuns: 3,
    seed: 1,
    out: resolve(REPO_ROOT, 'bench-results.json'),
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=')
      ? argv[i].split(/=(.*)/s, 2)
      : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    const int = (min: number) => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < min) {
        throw new Error(`${flag}: expected an integer ≥ ${min}`);
      }
      return n;
    };
    switch (flag) {
      case '--size':
        options.size = int(100);
        break;
      case '--runs':
        options.runs = int(1);
        break;
      case '--catalog-runs':
        options.catalogRuns = int(0);
        break;
      case '--seed':
        options.seed = int(0);
        break;
      case '--out':
        options.out = resolve(process.cwd(), value());
        break;
      default:
        throw new Error(
          `Unknown option ${flag}; see the comment at the top of bench/reportingLines.ts`,
        );
    }
  }
  return options;
}

const log = (message: string) =>
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

function harness(
  sandbox: SandboxProcess,
  name: string,
  options: Omit<HarnessInput, 'credentials'>,
) {
  return (async () => {
    const input: HarnessInput = {
      credentials: await sandbox.mint(),
      ...options,
    };
    await sandbox.resetCalls();
    return spawnNode<HarnessResult>(
      'bench/syncHarness.ts',
      [JSON.stringify(input)],
      { name, timeoutMs: 15 * 60_000, compiled: true },
    ).result;
  })();
}

/** The org as the sync reads it, from the sandbox's pages (done once). */
async function readSnapshot(sandbox: SandboxProcess) {
  const raw = await readPages(sandbox);
  const records = raw.employees.flatMap(
    text => (JSON.parse(text).records ?? []) as unknown[],
  );
  const snapshot: PaycorSnapshot = {
    fetchedAt: new Date().toISOString(),
    legalEntity: toLegalEntityRecord(
      legalEntitySchema.parse(JSON.parse(raw.legalEntity)),
    ),
    departments: raw.departments
      .flatMap(t => JSON.parse(t).records as unknown[])
      .map(r => toDepartmentRecord(r))
      .flatMap(r => ('record' in r ? [r.record] : [])),
    employees: records
      .map(r => toEmployeeRecord(r, []))
      .flatMap(r => ('record' in r ? [r.record] : [])),
    invalid: [],
  };
  const configOf = (enabled: boolean): PaycorProviderConfig =>
    readProviderConfigsFromData(
      providerConfigBlock(raw.credentials, { reportingLines: { enabled } }),
    )[0];
  return { snapshot, configOf };
}

/**
 * The reporting-lines stage and whole plans with and without it, in this process:
 * `runs` times each, alternating, after one warm-up of each.
 */
function measureStage(
  snapshot: PaycorSnapshot,
  configOf: (enabled: boolean) => PaycorProviderConfig,
  runs: number,
) {
  const plan = (enabled: boolean) => {
    const config = configOf(enabled);
    const loaded = loadStoredSnapshot('bench', snapshot, config.userNaming);
    const started = performance.now();
    const result = new Planner({ config }).plan({
      snapshot: loaded,
      settings: { overrides: [], adminGroups: [], exclusions: [] },
      catalog: {
        external: { refs: new Set(), parents: new Map() },
        foreign: new Map(),
      },
      now: new Date(),
    });
    return { ms: performance.now() - started, result, loaded };
  };
  plan(true);
  plan(false);
  const withMs: number[] = [];
  const withoutMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    const order = run % 2 ? [false, true] : [true, false];
    for (const enabled of order) {
      (enabled ? withMs : withoutMs).push(plan(enabled).ms);
    }
  }
  // the stage alone, on the people of one plan
  const { result, loaded } = plan(true);
  const config = configOf(true);
  const stageMs: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const started = performance.now();
    reportingLinesOf({
      config,
      people: result.people,
      employees: loaded.employees,
      invalid: loaded.invalid,
      tree: loaded.tree,
    });
    if (run > 0) stageMs.push(performance.now() - started); // first: warm-up
  }
  const ends: Record<string, number> = {};
  for (const end of result.lines.ends.values()) {
    ends[end.reason] = (ends[end.reason] ?? 0) + 1;
  }
  return {
    users: result.emitted.users,
    lines: {
      withManager: result.lines.managers.size,
      ends,
      departmentHeads: result.lines.departmentHeads.size,
      conflicts: result.lines.conflicts.length,
    },
    stageMs: round(median(stageMs), 1),
    planWithMs: round(median(withMs), 1),
    planWithoutMs: round(median(withoutMs), 1),
    addedPlanMs: round(median(withMs) - median(withoutMs), 1),
    runs: {
      stageMs: stageMs.map(t => round(t, 1)),
      planWithMs: withMs.map(t => round(t, 1)),
      planWithoutMs: withoutMs.map(t => round(t, 1)),
    },
  };
}

async function measureSync(
  sandbox: SandboxProcess,
  size: number,
  runs: number,
) {
  const on: HarnessResult[] = [];
  const off: HarnessResult[] = [];
  for (let run = 1; run <= runs; run++) {
    const order = run % 2 ? [true, false] : [false, true];
    for (const enabled of order) {
      const result = await harness(
        sandbox,
        `reporting-lines-sync-${size}-${enabled ? 'on' : 'off'}-run${run}`,
        { resync: false, reportingLines: enabled },
      );
      if (result.status !== 'succeeded') {
        throw new Error(`sync (reporting lines ${enabled}): ${result.status}`);
      }
      (enabled ? on : off).push(result);
      log(
        `sync ${run}/${runs}, reporting lines ${
          enabled ? 'on ' : 'off'
        }: ${round(result.syncMs)} ms (plan ${round(result.phases.planMs)} ms)`,
      );
    }
  }
  const ms = (list: HarnessResult[]) => list.map(r => round(r.syncMs));
  const plan = (list: HarnessResult[]) =>
    list.map(r => round(r.phases.planMs, 1));
  const withMs = median(ms(on));
  const withoutMs = median(ms(off));
  return {
    withMs,
    withoutMs,
    deltaMs: round(withMs - withoutMs),
    deltaPercent: round(((withMs - withoutMs) / withoutMs) * 100, 1),
    planWithMs: round(median(plan(on)), 1),
    planWithoutMs: round(median(plan(off)), 1),
    runs: {
      withMs: ms(on),
      withoutMs: ms(off),
      planWithMs: plan(on),
      planWithoutMs: plan(off),
    },
  };
}

async function measureCatalogModes(
  sandbox: SandboxProcess,
  size: number,
  runs: number,
) {
  mkdirSync(resolve(WORK_DIR, 'entities'), { recursive: true });
  const entitiesFile = resolve(
    WORK_DIR,
    'entities',
    `reporting-lines-${size}.json`,
  );
  const dump = await harness(sandbox, `reporting-lines-dump-${size}`, {
    resync: false,
    dumpEntitiesTo: entitiesFile,
  });
  if (dump.status !== 'succeeded') throw new Error(`dump: ${dump.status}`);
  const expectedUsers = (
    JSON.parse(readFileSync(entitiesFile, 'utf8')) as Array<{
      entity: { kind: string };
    }>
  ).filter(e => e.entity.kind === 'User').length;
  const byMode: Record<CatalogMode, CatalogMeasurement[]> = {
    paycor: [],
    trivial: [],
    'trivial-bare': [],
  };
  const modes: CatalogMode[] = ['paycor', 'trivial', 'trivial-bare'];
  for (let run = 1; run <= runs; run++) {
    // rotate which goes first, so drift on the machine hits all alike
    const order = [...modes.slice(run % 3), ...modes.slice(0, run % 3)];
    for (const mode of order) {
      const m = await measureCatalog({
        mode,
        size,
        sandbox,
        entitiesFile,
        expectedUsers,
        run,
      });
      byMode[mode].push(m);
      log(
        `catalog ${mode} ${run}/${runs}: final in ${round(
          m.timeToFinalMs,
        )} ms (backend CPU ${round(m.backendCpuMs)} ms)${
          m.expectedLines
            ? `, ${m.expectedLines.reports} reportsTo / ${m.expectedLines.managers} managerOf`
            : ''
        }`,
      );
    }
  }
  const time = (mode: CatalogMode) =>
    median(byMode[mode].map(m => m.timeToFinalMs));
  const cpu = (mode: CatalogMode) =>
    median(byMode[mode].map(m => m.backendCpuMs));
  return {
    expectedUsers,
    expectedLines: byMode.paycor[0]?.expectedLines,
    paycorMs: round(time('paycor')),
    trivialMs: round(time('trivial')),
    trivialBareMs: round(time('trivial-bare')),
    ratio: round(time('paycor') / time('trivial'), 2),
    cpuRatio: round(cpu('paycor') / cpu('trivial'), 2),
    relationsCostRatio: round(time('trivial') / time('trivial-bare'), 2),
    runs: Object.fromEntries(
      modes.map(mode => [
        mode,
        byMode[mode].map(m => ({
          timeToFinalMs: round(m.timeToFinalMs),
          backendCpuMs: round(m.backendCpuMs),
          providerMs: round(m.providerMs ?? 0),
        })),
      ]),
    ),
  };
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  const at = options.size.toLocaleString('en-US');
  log(
    `reporting lines at ${at} employees: ${options.runs} syncs each way, ${options.catalogRuns} catalog runs per mode`,
  );
  const sandbox = await SandboxProcess.start({
    employees: options.size,
    seed: options.seed,
    rateLimit: 0,
    name: `reporting-lines-sandbox-${options.size}`,
  });
  let result: Record<string, any>;
  try {
    const { snapshot, configOf } = await readSnapshot(sandbox);
    const stage = measureStage(snapshot, configOf, options.runs);
    log(
      `stage ${stage.stageMs} ms; plan with ${stage.planWithMs} ms, without ${stage.planWithoutMs} ms`,
    );
    const sync = await measureSync(sandbox, options.size, options.runs);
    const catalog =
      options.catalogRuns > 0
        ? await measureCatalogModes(sandbox, options.size, options.catalogRuns)
        : undefined;
    result = {
      employees: options.size,
      seed: options.seed,
      stage,
      sync,
      ...(catalog ? { catalog } : {}),
      durationS: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await sandbox.stop();
  }

  const { stage, sync, catalog } = result;
  const addedShare = stage.addedPlanMs / sync.withoutMs;
  const checks: Array<[string, boolean, string]> = [
    [
      `reporting lines: added work ≤ 10% of the sync time at ${at}`,
      addedShare <= 0.1 && sync.deltaPercent <= 10,
      `plan with − without ${stage.addedPlanMs} ms = ${round(
        addedShare * 100,
        1,
      )}% of the ${sync.withoutMs} ms sync (stage alone ${
        stage.stageMs
      } ms); whole sync ${sync.withMs} vs ${sync.withoutMs} ms (${
        sync.deltaPercent
      }%, medians of ${options.runs})`,
    ],
  ];
  if (catalog) {
    checks.push([
      `catalog time-to-final with the reporting-lines processor ≤ 1.1× trivial (same relations) at ${at}`,
      catalog.ratio <= 1.1,
      `${catalog.ratio} (${round(catalog.paycorMs / 1000, 1)} s vs ${round(
        catalog.trivialMs / 1000,
        1,
      )} s, CPU ${
        catalog.cpuRatio
      }; the relations themselves: trivial with/without ${
        catalog.relationsCostRatio
      }, medians of ${options.catalogRuns})`,
    ]);
  }

  console.log('');
  console.log(
    table(
      ['reporting lines', 'with', 'without', 'added'],
      [
        ['whole sync ms', sync.withMs, sync.withoutMs, sync.deltaMs],
        [
          'plan phase of the sync ms',
          sync.planWithMs,
          sync.planWithoutMs,
          round(sync.planWithMs - sync.planWithoutMs, 1),
        ],
        [
          'plan in process ms',
          stage.planWithMs,
          stage.planWithoutMs,
          stage.addedPlanMs,
        ],
        ['reporting-lines stage alone ms', stage.stageMs, '–', stage.stageMs],
      ],
    ),
  );
  if (catalog) {
    console.log('');
    console.log(
      table(
        ['catalog time-to-final', 's', 'backend CPU ratio'],
        [
          [
            'module (provider + processor)',
            round(catalog.paycorMs / 1000, 1),
            catalog.cpuRatio,
          ],
          [
            'trivial + baseline relations',
            round(catalog.trivialMs / 1000, 1),
            1,
          ],
          [
            'trivial, no relations',
            round(catalog.trivialBareMs / 1000, 1),
            '–',
          ],
        ],
      ),
    );
  }
  console.log('');
  for (const [target, pass, measured] of checks) {
    console.log(`${pass ? 'PASS' : 'MISS'}  ${target}: ${measured}`);
  }

  let output: Record<string, any> = {};
  try {
    output = JSON.parse(readFileSync(options.out, 'utf8'));
  } catch {
    // a first run
  }
  output.reportingLines = result;
  const names = new Set(checks.map(([target]) => target));
  output.targets = [
    ...(output.targets ?? []).filter(
      (t: { target: string }) => !names.has(t.target),
    ),
    ...checks.map(([target, pass, measured]) => ({ target, pass, measured })),
  ];
  writeFileSync(options.out, `${JSON.stringify(output, null, 2)}\n`);
  log(`written to ${options.out}`);
}

main()
  .then(() => stopAll())
  .catch(async error => {
    console.error(error);
    await stopAll();
    process.exit(1);
  });
