#!/usr/bin/env node
// `yarn test:reliability`: the reliability suite (reliability/tests, Jest) and
// its figures in reliability-results.json at the repository root.
//
//   yarn test:reliability                 # everything (≈ 45 min on 2 cores)
//   yarn test:reliability --quick         # CI's subset: fewer repetitions and fuzz cases
//   yarn test:reliability faults crash    # only test files matching these names
//   yarn test:fuzz-transform              # the transform fuzz alone, full mode (seconds)
//   --no-typecheck                        # skip `tsc -p reliability` (≈ 6 s)
//
// PostgreSQL: uses POSTGRES_HOST/PORT/USER/PASSWORD when set; otherwise starts
// the throwaway server of scripts/postgres.sh (stopped again at the end unless
// KEEP_POSTGRES=1) and may then also stop/start it for the "database down"
// fault. Without PostgreSQL binaries everything that can runs on SQLite and
// the results say what was skipped.
//
// Environment: RELIABILITY_DATABASES (default postgres,sqlite),
// RELIABILITY_FUZZ_RUNS, RELIABILITY_FUZZ_SEED, RELIABILITY_REFRESH_KILL_DELAYS,
// RELIABILITY_REPLICA_INTERVALS, RELIABILITY_RECORD_ONLY=1 (a reproduced
// known bug is recorded without failing its test).
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workDir = path.join(root, '.tmp', 'reliability');
const resultsFile = path.join(root, 'reliability-results.json');
const started = Date.now();

const args = process.argv.slice(2);
const quick = args.includes('--quick') || process.env.RELIABILITY_QUICK === '1';
const filters = args.filter(a => !a.startsWith('--'));
const env = { ...process.env, RELIABILITY_WORK_DIR: workDir };
if (quick) env.RELIABILITY_QUICK = '1';
delete env.NODE_ENV;

// --- type-check (the root tsconfig does not include reliability/) -----------
if (!args.includes('--no-typecheck')) {
  const tsc = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/typescript/bin/tsc'),
      '-p',
      path.join(root, 'reliability/tsconfig.json'),
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (tsc.status !== 0) {
    console.error('test:reliability: the suite does not type-check');
    process.exit(1);
  }
}

// --- PostgreSQL -------------------------------------------------------------
let startedPostgres = false;
const notes = [];
function startPostgres() {
  if (env.POSTGRES_HOST) {
    notes.push(
      `PostgreSQL: ${env.POSTGRES_HOST}:${
        env.POSTGRES_PORT ?? 5432
      } from the environment (not stopped by the suite; the "server down" fault is skipped)`,
    );
    return true;
  }
  const result = spawnSync(path.join(root, 'scripts/postgres.sh'), ['start'], {
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    notes.push(
      `PostgreSQL unavailable (${(result.stderr || '')
        .trim()
        .split('\n')
        .pop()}): SQLite only`,
    );
    return false;
  }
  for (const line of result.stdout.split('\n')) {
    const m = /^export (\w+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2];
  }
  env.RELIABILITY_PG_MANAGED = '1';
  startedPostgres = true;
  notes.push(
    `PostgreSQL: scripts/postgres.sh on 127.0.0.1:${env.POSTGRES_PORT}`,
  );
  return true;
}
function stopPostgres() {
  if (startedPostgres && process.env.KEEP_POSTGRES !== '1') {
    spawnSync(path.join(root, 'scripts/postgres.sh'), ['stop'], {
      stdio: 'inherit',
    });
  }
}
const havePostgres = startPostgres();
if (!env.RELIABILITY_DATABASES)
  env.RELIABILITY_DATABASES = havePostgres ? 'postgres,sqlite' : 'sqlite';
process.on('SIGINT', () => {
  stopPostgres();
  process.exit(130);
});

// --- Jest ---------------------------------------------------------------------
rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
const jestJson = path.join(workDir, 'jest-results.json');
const jestArgs = [
  path.join(root, 'node_modules/jest/bin/jest.js'),
  '--config',
  path.join(root, 'reliability/jest.config.js'),
  '--runInBand',
  '--forceExit',
  '--json',
  '--outputFile',
  jestJson,
  ...filters.map(f => `reliability/tests/.*${f}.*`),
];
console.log(
  `\n=== reliability suite (${quick ? 'quick' : 'full'}; databases: ${
    env.RELIABILITY_DATABASES
  })`,
);
const jest = spawnSync(process.execPath, jestArgs, {
  cwd: root,
  env,
  stdio: 'inherit',
});
stopPostgres();

// --- results -------------------------------------------------------------------
const fragments = {};
const fragmentDir = path.join(workDir, 'fragments');
if (existsSync(fragmentDir)) {
  for (const file of readdirSync(fragmentDir)) {
    fragments[file.replace(/\.json$/, '')] = JSON.parse(
      readFileSync(path.join(fragmentDir, file), 'utf8'),
    );
  }
}
const pick = prefix =>
  Object.entries(fragments).filter(([k]) => k.startsWith(prefix));

const faults = [
  ...pick('faults-').flatMap(([, f]) => f.rows),
  ...pick('crash-').flatMap(([, f]) => f.rows),
];
const fuzz = {};
for (const [name, f] of [
  ...pick('fuzz-payloads'),
  ...pick('fuzz-transform'),
  ...pick('fuzz-routes-'),
]) {
  const db = name.startsWith('fuzz-routes-')
    ? ` (${name.slice('fuzz-routes-'.length)})`
    : '';
  for (const [target, n] of Object.entries(f.cases)) {
    const key = name.startsWith('fuzz-routes-')
      ? `route ${target}${db}`
      : target;
    fuzz[key] = n;
  }
}
const sum = (xs, f) => xs.reduce((a, x) => a + (f(x) ?? 0), 0);
const inproc = fragments['security-inprocess'];
const procSec = pick('security-process-').map(([, f]) => f);
const both = (key, field) =>
  sum(procSec, s => s[key]?.[field]) + (inproc?.[key]?.[field] ?? 0);
const security = {
  // every mutating route, unauthenticated (401) and without its permission (403),
  // on a real backend process (static tokens) and an in-process one (user principals)
  unauthenticatedMutating: {
    refused: both('mutatingUnauthenticated', 'refused'),
    attempted: both('mutatingUnauthenticated', 'attempted'),
  },
  unpermittedMutating: {
    refused: both('mutatingUnpermitted', 'refused'),
    attempted: both('mutatingUnpermitted', 'attempted'),
  },
  allRoutes: {
    unauthenticated: {
      refused: both('unauthenticated', 'refused'),
      attempted: both('unauthenticated', 'attempted'),
    },
    invalidToken: {
      refused: both('invalidToken', 'refused'),
      attempted: both('invalidToken', 'attempted'),
    },
    withoutTheirPermission: {
      refused:
        sum(procSec, s => s.readerOnMutating?.refused) +
        (inproc?.unpermitted.refused ?? 0),
      attempted:
        sum(procSec, s => s.readerOnMutating?.attempted) +
        (inproc?.unpermitted.attempted ?? 0),
    },
  },
  // the module's actions (catalog:paycor-…), on a real backend process
  actions: Object.fromEntries(
    [
      ['unauthenticated', 'actionsUnauthenticated'],
      ['invalidToken', 'actionsInvalidToken'],
      ['withoutTheirPermission', 'actionsUnpermitted'],
    ].map(([name, key]) => [
      name,
      {
        refused: sum(procSec, s => s[key]?.refused),
        attempted: sum(procSec, s => s[key]?.attempted),
      },
    ]),
  ),
  detail: {
    inProcess: inproc,
    realProcess: Object.fromEntries(pick('security-process-')),
  },
};
const scans = pick('secrets-').map(([, f]) => f);
const secrets = {
  scenarios: scans.length,
  logLines: sum(scans, s => s.logLines),
  responseBodies: sum(scans, s => s.responseBodies),
  tokenRefreshesObserved: sum(scans, s => s.tokenRefreshesObserved),
  secretsChecked: sum(scans, s => s.secretsChecked),
  // of those log lines: audit events and metric exports (security scenario)
  auditEventLines: sum(procSec, s => s.scanned?.auditEventLines),
  metricExportLines: sum(procSec, s => s.scanned?.metricExportLines),
  leaks: scans.flatMap(s => s.leaks.map(l => ({ scenario: s.scenario, ...l }))),
};
let jestSummary;
try {
  const j = JSON.parse(readFileSync(jestJson, 'utf8'));
  jestSummary = {
    passed: j.numPassedTests,
    failed: j.numFailedTests,
    skipped: j.numPendingTests,
    total: j.numTotalTests,
  };
} catch {
  jestSummary = { error: 'no Jest results' };
}

const git = cmd =>
  spawnSync('git', cmd, { cwd: root, encoding: 'utf8' }).stdout?.trim();
const results = {
  generatedAt: new Date().toISOString(),
  source: {
    commit: git(['rev-parse', '--short', 'HEAD']),
    uncommittedFiles: (git(['status', '--porcelain']) || '')
      .split('\n')
      .filter(Boolean).length,
  },
  command: `yarn test:reliability${quick ? ' --quick' : ''}${
    filters.length ? ` ${filters.join(' ')}` : ''
  }`,
  mode: quick ? 'quick' : 'full',
  durationSeconds: Math.round((Date.now() - started) / 1000),
  machine: {
    node: process.version,
    cpus: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
  },
  databases: env.RELIABILITY_DATABASES.split(','),
  notes,
  jest: jestSummary,
  faults,
  crashRecovery: Object.fromEntries(
    pick('crash-').map(([k, f]) => [k, f.details]),
  ),
  leases: Object.fromEntries(pick('leases-')),
  replicas: fragments.replicas ?? {
    skipped: havePostgres ? 'not run' : 'needs PostgreSQL',
  },
  fuzz: {
    casesPerTarget: fuzz,
    totalCases: Object.values(fuzz).reduce((a, b) => a + b, 0),
    findings: fragments['fuzz-payloads']?.findings,
    transform: fragments['fuzz-transform']?.stats,
  },
  security,
  secrets,
  knownBugs: pick('bug-').map(([, f]) => f),
};
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);

// --- summary -----------------------------------------------------------------
const cell = v =>
  String(v ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');
console.log('\n=== reliability-results.json');
console.log(
  '\n| Fault | DB | Entities lost | Tokens lost | Run status | Message |\n| --- | --- | --- | --- | --- | --- |',
);
for (const r of faults) {
  console.log(
    `| ${cell(r.fault)} | ${r.database} | ${r.entitiesLost ?? 'n/a'} | ${
      r.tokensLost ?? 'n/a'
    } | ${cell(r.runStatus)} | ${cell(r.message).slice(0, 160)} |`,
  );
}
console.log(
  `\nfuzz: ${results.fuzz.totalCases} cases; unauthenticated mutating calls refused ${security.unauthenticatedMutating.refused}/${security.unauthenticatedMutating.attempted}; unpermitted ${security.unpermittedMutating.refused}/${security.unpermittedMutating.attempted}; secret leaks ${secrets.leaks.length} in ${secrets.logLines} log lines and ${secrets.responseBodies} responses`,
);
const open = results.knownBugs.filter(b => b.reproduced);
console.log(
  `known bugs reproduced: ${open.length}${
    open.length ? ` (${open.map(b => b.id).join(', ')})` : ''
  }`,
);
console.log(
  `jest: ${JSON.stringify(jestSummary)}; ${results.durationSeconds} s`,
);
process.exit(jest.status ?? 1);
