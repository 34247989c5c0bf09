#!/usr/bin/env node
// Runs the browser tests: starts the local stack (scripts/start.mjs) unless one
// is already answering, waits until backend and app are ready, runs Playwright
// against Chromium (found or installed by scripts/ensureChromium.mjs), then stops
// what it started.
//
//   yarn e2e                     # whole suite
//   yarn e2e tests/smoke.spec.ts # one file (extra args go to `playwright test`)
import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium, machineDeps } from '../scripts/ensureChromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'e2e-results');
const backendUrl = process.env.E2E_BACKEND_URL ?? 'http://127.0.0.1:7007';
const appUrl = process.env.E2E_APP_URL ?? 'http://localhost:3000';

async function isUp(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function waitFor(what, url, timeoutMs, stack) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (stack && stack.exitCode !== null) {
      throw new Error(`the stack exited (code ${stack.exitCode}) before ${what} was ready; see e2e-results/stack.log`);
    }
    if (await isUp(url)) {
      console.log(`e2e: ${what} ready after ${Math.round((Date.now() - started) / 1000)}s`);
      return;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`${what} not ready at ${url} within ${timeoutMs / 1000}s; see e2e-results/stack.log`);
}

function stop(stack) {
  if (!stack || stack.exitCode !== null) return Promise.resolve();
  return new Promise(resolve => {
    const kill = setTimeout(() => {
      try { process.kill(-stack.pid, 'SIGKILL'); } catch {}
    }, 15_000);
    stack.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    try { process.kill(-stack.pid, 'SIGTERM'); } catch { resolve(); }
  });
}

async function main() {
  // Before the stack starts: a missing browser stops the run in seconds, with one
  // line saying what to install. playwright.config.ts reads CHROMIUM_PATH.
  process.env.CHROMIUM_PATH = ensureChromium(machineDeps());
  mkdirSync(path.join(resultsDir, 'screenshots'), { recursive: true });

  let stack;
  if (await isUp(`${backendUrl}/.backstage/health/v1/readiness`)) {
    console.log('e2e: reusing the stack that is already running');
  } else {
    const log = openSync(path.join(resultsDir, 'stack.log'), 'w');
    // e2e/app-config.e2e.yaml adds the browser tests' own catalog fixtures.
    const e2eConfig = path.join(root, 'e2e/app-config.e2e.yaml');
    stack = spawn(process.execPath, [path.join(root, 'scripts/start.mjs'), '--config', e2eConfig], {
      cwd: root,
      detached: true,
      stdio: ['ignore', log, log],
      // A clean org, so the tests start from a healthy connection and create
      // the conflicts they look for themselves.
      env: {
        ...process.env,
        BROWSER: 'none',
        PAYCOR_SANDBOX_CLEAN: process.env.PAYCOR_SANDBOX_CLEAN ?? '1',
        // The tests change the sandbox and then sync; live updates would
        // apply those changes first (they are tested on their own).
        PAYCOR_SANDBOX_EVENTS: process.env.PAYCOR_SANDBOX_EVENTS ?? 'off',
      },
    });
    const cleanup = () => stop(stack).then(() => process.exit(130));
    process.once('SIGINT', cleanup);
    process.once('SIGTERM', cleanup);
  }

  let code = 1;
  try {
    await waitFor('backend', `${backendUrl}/.backstage/health/v1/readiness`, 300_000, stack);
    // The dev server answers once the first bundle is compiled.
    await waitFor('app', appUrl, 900_000, stack);
    const playwright = spawn(
      process.execPath,
      [
        path.join(root, 'node_modules/@playwright/test/cli.js'),
        'test',
        '-c',
        path.join(root, 'e2e/playwright.config.ts'),
        ...process.argv.slice(2),
      ],
      { cwd: root, stdio: 'inherit', env: process.env },
    );
    code = await new Promise(resolve => playwright.on('exit', c => resolve(c ?? 1)));
  } finally {
    await stop(stack);
  }
  process.exit(code);
}

main().catch(error => {
  console.error(`e2e: ${error.message}`);
  process.exit(1);
});
