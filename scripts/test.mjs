#!/usr/bin/env node
// The whole test suite, as the README's quick start runs it:
//   1. every package's Jest tests (unit + integration against real backends,
//      the catalog, SQLite and the Paycor sandbox), no watch mode;
//   2. the tests of the repository's scripts (scripts/**/*.test.mjs, Node's
//      test runner);
//   3. the browser tests (e2e/run.mjs: finds or installs Chromium, starts the
//      stack, drives the browser).
// Extra arguments go to Jest only (e.g. a path filter). SKIP_E2E=1 skips step 3
// and says so.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const yarn = process.env.npm_execpath ?? 'yarn';
const timings = [];

function step(name, args) {
  const started = Date.now();
  console.log(`\n=== ${name}: yarn ${args.join(' ')}`);
  const result = spawnSync(yarn, args, { cwd: root, stdio: 'inherit' });
  const seconds = Math.round((Date.now() - started) / 1000);
  timings.push(`${name}: ${seconds}s (${result.status === 0 ? 'passed' : 'FAILED'})`);
  return result.status === 0;
}

let ok = step('jest', ['test:unit', ...process.argv.slice(2)]);
ok = step('scripts', ['test:scripts']) && ok;
if (process.env.SKIP_E2E === '1') {
  timings.push('e2e: SKIPPED (SKIP_E2E=1)');
} else if (ok) {
  ok = step('e2e', ['e2e']);
}
console.log(`\n=== test summary\n${timings.join('\n')}`);
process.exit(ok ? 0 : 1);
