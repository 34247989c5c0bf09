#!/usr/bin/env node
// Finds the Chromium the browser tests drive, and installs one when there is none,
// so that the README's test command works on a fresh machine:
//
//   1. CHROMIUM_PATH, when set (it must exist: a typo is an error, not a fallback);
//   2. Debian's /usr/bin/chromium;
//   3. a browser Playwright installed earlier (~/.cache/ms-playwright);
//   4. as root with apt-get: `apt-get install chromium` (Debian's package);
//   5. otherwise Playwright's own installer (`playwright install chromium`);
//   6. else one line saying what to install, as an error: never a silent skip.
//
//   node scripts/ensureChromium.mjs   # prints the path, installing if needed
//
// The decision is `ensureChromium(deps)`: every effect comes in through `deps`, so
// scripts/ensureChromium.test.mjs runs each branch without touching the machine.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export class ChromiumUnavailableError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ChromiumUnavailableError';
  }
}

/**
 * @typedef {object} EnsureChromiumDeps
 * @property {Record<string, string | undefined>} env
 * @property {(file: string) => boolean} exists
 * @property {() => boolean} isRoot
 * @property {(command: string, args: string[], env?: Record<string, string>) => boolean} run
 *   runs a command; true when it exited 0 (its output is shown only when it failed)
 * @property {() => string | undefined} playwrightChromiumPath
 *   where Playwright installs its Chromium (undefined without playwright-core)
 * @property {() => string | undefined} playwrightCli path of playwright-core's cli.js
 * @property {(line: string) => void} log
 */

/** @param {EnsureChromiumDeps} deps @returns {string} the Chromium executable to use */
export function ensureChromium(deps) {
  const { env, exists, log } = deps;
  if (env.CHROMIUM_PATH) {
    if (exists(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new ChromiumUnavailableError(
      `CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, which does not exist: fix it or unset it to let the tests find or install Chromium.`,
    );
  }
  if (exists(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const playwrightPath = deps.playwrightChromiumPath();
  if (playwrightPath && exists(playwrightPath)) return playwrightPath;

  const tried = [];
  if (deps.isRoot() && exists('/usr/bin/apt-get')) {
    log(
      `Chromium not found: installing Debian's chromium package with apt-get (running as root)…`,
    );
    const aptEnv = { DEBIAN_FRONTEND: 'noninteractive' };
    const installed =
      deps.run('apt-get', ['update', '-qq'], aptEnv) &&
      deps.run('apt-get', ['install', '-y', '-qq', 'chromium'], aptEnv);
    if (installed && exists(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
    tried.push('apt-get install chromium failed');
  }

  const cli = deps.playwrightCli();
  if (cli && playwrightPath) {
    log(
      `Chromium not found: installing Playwright's Chromium (playwright install chromium)…`,
    );
    if (
      deps.run(process.execPath, [cli, 'install', 'chromium']) &&
      exists(playwrightPath)
    ) {
      return playwrightPath;
    }
    tried.push('playwright install chromium failed');
  }

  const why = tried.length ? ` (${tried.join('; ')})` : '';
  throw new ChromiumUnavailableError(
    `Chromium is needed for the browser tests and could not be installed${why}: install Debian's package as root (apt-get install chromium), or run \`npx playwright install chromium\`, or set CHROMIUM_PATH to a Chromium or Chrome executable.`,
  );
}

/** The real machine: files, processes, playwright-core from this repository. */
export function machineDeps() {
  const require = createRequire(import.meta.url);
  const playwrightCore = () => {
    try {
      return require('playwright-core');
    } catch {
      return undefined;
    }
  };
  return {
    env: process.env,
    exists: existsSync,
    isRoot: () =>
      typeof process.getuid === 'function' && process.getuid() === 0,
    run: (command, args, env = {}) => {
      // Installers are chatty: keep the one line ensureChromium logs, unless it fails.
      const result = spawnSync(command, args, {
        env: { ...process.env, ...env },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      if (result.status === 0) return true;
      const output = `${result.stdout ?? ''}${result.stderr ?? ''}${
        result.error?.message ?? ''
      }`;
      console.error(
        `${[command, ...args].join(' ')} failed:\n${output
          .trim()
          .split('\n')
          .slice(-20)
          .join('\n')}`,
      );
      return false;
    },
    playwrightChromiumPath: () => {
      try {
        return playwrightCore()?.chromium.executablePath();
      } catch {
        return undefined;
      }
    },
    playwrightCli: () => {
      try {
        return path.join(
          path.dirname(require.resolve('playwright-core/package.json')),
          'cli.js',
        );
      } catch {
        return undefined;
      }
    },
    log: line => console.log(line),
  };
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  try {
    console.log(ensureChromium(machineDeps()));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
