#!/usr/bin/env node
// `yarn test:postgres`: the Paycor module's integration suite
// (plugins/catalog-backend-module-paycor/src/integration) on PostgreSQL
// instead of SQLite. Uses POSTGRES_HOST/PORT/USER/PASSWORD when set; otherwise
// starts the throwaway server of scripts/postgres.sh (127.0.0.1:54329) and
// stops it afterwards (KEEP_POSTGRES=1 keeps it running). Extra arguments go
// to Jest (e.g. a path filter).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, PAYCOR_TEST_DATABASE: 'postgres' };
let started = false;
if (!env.POSTGRES_HOST) {
  const result = spawnSync(path.join(root, 'scripts/postgres.sh'), ['start'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) {
    console.error(
      'test:postgres: could not start PostgreSQL (scripts/postgres.sh start)',
    );
    process.exit(1);
  }
  for (const line of result.stdout.split('\n')) {
    const m = /^export (\w+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2];
  }
  started = true;
}
const stop = () => {
  if (started && process.env.KEEP_POSTGRES !== '1') {
    spawnSync(path.join(root, 'scripts/postgres.sh'), ['stop'], {
      stdio: 'inherit',
    });
  }
};
process.on('SIGINT', () => {
  stop();
  process.exit(130);
});

const t0 = Date.now();
console.log(
  `=== module integration suite on PostgreSQL ${env.POSTGRES_HOST}:${env.POSTGRES_PORT}`,
);
const extra = process.argv.slice(2);
const result = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/@backstage/cli/bin/backstage-cli'),
    'package',
    'test',
    '--watchAll=false',
    ...(extra.length ? extra : ['src/integration']),
  ],
  {
    cwd: path.join(root, 'plugins/catalog-backend-module-paycor'),
    env,
    stdio: 'inherit',
  },
);
stop();
console.log(
  `=== test:postgres ${
    result.status === 0 ? 'passed' : 'FAILED'
  } in ${Math.round((Date.now() - t0) / 1000)} s`,
);
process.exit(result.status ?? 1);
