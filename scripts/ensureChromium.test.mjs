import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ChromiumUnavailableError,
  DEBIAN_CHROMIUM,
  ensureChromium,
} from './ensureChromium.mjs';

const PLAYWRIGHT_CHROME =
  '/root/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';

/** A machine described by which files exist and which commands succeed; records what ran. */
function fakeMachine({
  files = [],
  root = false,
  succeeds = () => true,
  env = {},
  playwright = true,
} = {}) {
  const present = new Set(files);
  const ran = [];
  const logged = [];
  const deps = {
    env,
    exists: file => present.has(file),
    isRoot: () => root,
    run: (command, args) => {
      ran.push([command, ...args].join(' '));
      const ok = succeeds(command, args);
      // A successful install leaves the browser where the real one would.
      if (ok && command === 'apt-get' && args.includes('install'))
        present.add(DEBIAN_CHROMIUM);
      if (
        ok &&
        args.includes('install') &&
        args.includes('chromium') &&
        command !== 'apt-get'
      ) {
        present.add(PLAYWRIGHT_CHROME);
      }
      return ok;
    },
    playwrightChromiumPath: () => (playwright ? PLAYWRIGHT_CHROME : undefined),
    playwrightCli: () =>
      playwright ? '/repo/node_modules/playwright-core/cli.js' : undefined,
    log: line => logged.push(line),
  };
  return { deps, ran, logged };
}

test('CHROMIUM_PATH wins when it exists', () => {
  const { deps, ran } = fakeMachine({
    env: { CHROMIUM_PATH: '/opt/chrome' },
    files: ['/opt/chrome', DEBIAN_CHROMIUM],
  });
  assert.equal(ensureChromium(deps), '/opt/chrome');
  assert.deepEqual(ran, []);
});

test('a CHROMIUM_PATH that does not exist is an error, not a fallback', () => {
  const { deps, ran } = fakeMachine({
    env: { CHROMIUM_PATH: '/opt/typo' },
    files: [DEBIAN_CHROMIUM],
    root: true,
  });
  assert.throws(
    () => ensureChromium(deps),
    /CHROMIUM_PATH is set to \/opt\/typo, which does not exist/,
  );
  assert.deepEqual(ran, []);
});

test("Debian's chromium is used as it is, nothing installed", () => {
  const { deps, ran, logged } = fakeMachine({
    files: [DEBIAN_CHROMIUM, '/usr/bin/apt-get'],
    root: true,
  });
  assert.equal(ensureChromium(deps), DEBIAN_CHROMIUM);
  assert.deepEqual(ran, []);
  assert.deepEqual(logged, []);
});

test('a Chromium Playwright installed earlier is used without installing', () => {
  const { deps, ran } = fakeMachine({
    files: [PLAYWRIGHT_CHROME, '/usr/bin/apt-get'],
    root: true,
  });
  assert.equal(ensureChromium(deps), PLAYWRIGHT_CHROME);
  assert.deepEqual(ran, []);
});

test('as root with apt-get it installs Debian chromium and says so in one line', () => {
  const { deps, ran, logged } = fakeMachine({
    files: ['/usr/bin/apt-get'],
    root: true,
  });
  assert.equal(ensureChromium(deps), DEBIAN_CHROMIUM);
  assert.deepEqual(ran, [
    'apt-get update -qq',
    'apt-get install -y -qq chromium',
  ]);
  assert.equal(logged.length, 1);
  assert.match(logged[0], /installing Debian's chromium package with apt-get/);
});

test('not root: Playwright installs its Chromium and that path is used', () => {
  const { deps, ran } = fakeMachine({
    files: ['/usr/bin/apt-get'],
    root: false,
  });
  assert.equal(ensureChromium(deps), PLAYWRIGHT_CHROME);
  assert.deepEqual(ran, [
    `${process.execPath} /repo/node_modules/playwright-core/cli.js install chromium`,
  ]);
});

test('root without apt-get goes to Playwright too', () => {
  const { deps, ran } = fakeMachine({ root: true });
  assert.equal(ensureChromium(deps), PLAYWRIGHT_CHROME);
  assert.equal(ran.length, 1);
});

test('when apt-get fails, Playwright is tried next', () => {
  const { deps, ran } = fakeMachine({
    files: ['/usr/bin/apt-get'],
    root: true,
    succeeds: command => command !== 'apt-get',
  });
  assert.equal(ensureChromium(deps), PLAYWRIGHT_CHROME);
  assert.deepEqual(ran, [
    'apt-get update -qq',
    `${process.execPath} /repo/node_modules/playwright-core/cli.js install chromium`,
  ]);
});

test('when nothing works it stops with one line saying what to install', () => {
  const { deps } = fakeMachine({
    files: ['/usr/bin/apt-get'],
    root: true,
    succeeds: () => false,
  });
  assert.throws(
    () => ensureChromium(deps),
    error =>
      error instanceof ChromiumUnavailableError &&
      !error.message.includes('\n') &&
      /apt-get install chromium failed; playwright install chromium failed/.test(
        error.message,
      ) &&
      /install Debian's package as root \(apt-get install chromium\)/.test(
        error.message,
      ),
  );
});

test('without playwright-core and without root it names what to install', () => {
  const { deps, ran } = fakeMachine({ playwright: false });
  assert.throws(() => ensureChromium(deps), /set CHROMIUM_PATH/);
  assert.deepEqual(ran, []);
});
