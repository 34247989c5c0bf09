#!/usr/bin/env node
// The consumer check: do this repository's packages, as they would be published,
// install, type-check, build and run in a Backstage app of the tested release?
//
//   1. type-check and build the packages (yarn tsc, backstage-cli repo build);
//   2. pack every publishable workspace with `yarn pack` (backstage-cli prepack:
//      publishConfig applied, workspace: ranges rewritten) and check each tarball
//      carries what its package.json points at, LICENSE, README and CHANGELOG;
//   3. copy fixtures/consumer-app (a minimal app shaped like @backstage/create-app's)
//      to .tmp/consumer-check/node<major>/, with root `resolutions` sending our
//      packages to the tarballs, and `yarn install` it with its own Yarn;
//   4. fail on a second version (or a second installed copy) of any @backstage/*
//      package, and print `yarn why` for plugin-catalog-react and plugin-catalog-node;
//   5. type-check the app (tsc) and build its frontend, checking that
//      `app.packages: all` discovered and bundled the new-frontend-system feature
//      at @paycor-backstage/plugin-paycor/alpha;
//   6. start the Paycor sandbox from its tarball and the app's backend (which adds
//      our module with one `backend.add(import(...))`) on free ports on 127.0.0.1,
//      and wait, bounded, until the catalog serves every User the module synced.
//
//   yarn consumer:check [--node <path to node>] [--skip-build] [--update-lockfile]
//
// --node runs steps 3–6 on another Node.js (CI passes Node 22); the repository's own
// build stays on the Node that runs this script. --update-lockfile writes the
// fixture's yarn.lock back (without our packages' entries) after a successful
// install. Logs of the servers are in .tmp/consumer-check/node<major>/logs/.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  packedPackageProblems,
  referencedFiles,
} from './lib/packedPackage.mjs';
import {
  duplicatedPackages,
  resolvedVersions,
  withoutEntriesFor,
} from './lib/yarnLock.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtureDir = path.join(root, 'fixtures/consumer-app');
const workRoot = path.join(root, '.tmp/consumer-check');

const BACKEND_READY_TIMEOUT_MS = 180_000;
const USERS_SYNCED_TIMEOUT_MS = 240_000;
const SANDBOX_EMPLOYEES = 60;

class ConsumerCheckError extends Error {}

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const options = {
    node: process.env.CONSUMER_CHECK_NODE,
    skipBuild: false,
    updateLockfile: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--node') options.node = argv[++i];
    else if (arg === '--skip-build') options.skipBuild = true;
    else if (arg === '--update-lockfile') options.updateLockfile = true;
    else if (arg === '--help' || arg === '-h') {
      console.log(
        fs
          .readFileSync(fileURLToPath(import.meta.url), 'utf8')
          .split('\nimport ')[0],
      );
      process.exit(0);
    } else throw new ConsumerCheckError(`Unknown argument ${arg} (see --help)`);
  }
  if (options.node && !fs.existsSync(options.node)) {
    throw new ConsumerCheckError(`--node ${options.node}: no such file`);
  }
  options.node = options.node ? path.resolve(options.node) : process.execPath;
  return options;
}

// ---------------------------------------------------------------- processes

const started = [];
const timings = [];

function run(
  command,
  args,
  { cwd = root, env = process.env, quiet = false } = {},
) {
  const result = spawnSync(command, args, {
    cwd,
    env,
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const output = quiet
      ? `\n${`${result.stdout}${result.stderr}`
          .trim()
          .split('\n')
          .slice(-40)
          .join('\n')}`
      : '';
    throw new ConsumerCheckError(
      `\`${[command, ...args].join(' ')}\` in ${
        path.relative(root, cwd) || '.'
      } failed (${result.error?.message ?? `exit ${result.status}`})${output}`,
    );
  }
  return result.stdout ?? '';
}

/** The repository's own Yarn, dependencies already installed. */
function repoYarn(args, options = {}) {
  return run(path.join(root, 'yarnw'), args, {
    ...options,
    env: { ...process.env, YARNW_SKIP_INSTALL: '1' },
  });
}

function startServer(name, command, args, { cwd, env, logDir }) {
  const log = fs.openSync(path.join(logDir, `${name}.log`), 'w');
  const child = spawn(command, args, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', log, log],
  });
  started.push({ name, child });
  return child;
}

function stopServers() {
  return Promise.all(
    started.splice(0).map(
      ({ child }) =>
        new Promise(resolve => {
          if (child.exitCode !== null || child.signalCode !== null)
            return resolve();
          const kill = setTimeout(() => {
            try {
              process.kill(-child.pid, 'SIGKILL');
            } catch {}
          }, 10_000);
          child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          try {
            process.kill(-child.pid, 'SIGTERM');
          } catch {
            clearTimeout(kill);
            resolve();
          }
        }),
    ),
  );
}

async function step(name, fn) {
  const t0 = Date.now();
  console.log(`\n=== ${name}`);
  try {
    const result = await fn();
    timings.push(`${name}: ${Math.round((Date.now() - t0) / 1000)}s`);
    return result;
  } catch (error) {
    timings.push(
      `${name}: FAILED after ${Math.round((Date.now() - t0) / 1000)}s`,
    );
    throw error;
  }
}

// ---------------------------------------------------------------- environment

function registryUrl() {
  if (process.env.YARN_NPM_REGISTRY_SERVER)
    return process.env.YARN_NPM_REGISTRY_SERVER;
  const result = spawnSync('npm', ['config', 'get', 'registry'], {
    encoding: 'utf8',
  });
  const url = result.stdout?.trim().replace(/\/$/, '');
  return url && url !== 'undefined' ? url : undefined;
}

/**
 * The environment the fixture's Yarn runs in: the chosen Node first on PATH, none of
 * the variables the outer `yarn run` set for this repository (they would point the
 * inner Yarn at our project), the registry npm uses, node-gyp on local headers.
 */
function fixtureEnv(nodeBin, cacheDir) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      /^npm_/i.test(key) ||
      ['BERRY_BIN_FOLDER', 'PROJECT_CWD', 'INIT_CWD'].includes(key)
    )
      continue;
    env[key] = value;
  }
  const outerPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(p => p && !p.includes('xfs-'));
  env.PATH = [path.dirname(nodeBin), ...outerPath].join(path.delimiter);
  const registry = registryUrl();
  if (registry) {
    env.YARN_NPM_REGISTRY_SERVER = registry;
    env.COREPACK_NPM_REGISTRY = process.env.COREPACK_NPM_REGISTRY ?? registry;
  }
  env.COREPACK_ENABLE_DOWNLOAD_PROMPT = '0';
  env.COREPACK_ENABLE_AUTO_PIN = '0';
  // Our tarballs change on every run, so the lockfile must be writable even on CI.
  env.YARN_ENABLE_IMMUTABLE_INSTALLS = 'false';
  env.YARN_ENABLE_GLOBAL_CACHE = 'false';
  env.YARN_CACHE_FOLDER = cacheDir;
  const nodePrefix = path.dirname(path.dirname(nodeBin));
  if (fs.existsSync(path.join(nodePrefix, 'include/node/node_version.h'))) {
    env.npm_config_nodedir = nodePrefix;
  }
  return env;
}

/** Hard links the repository's Yarn cache into the fixture's, so only what differs is downloaded. */
function seedYarnCache(cacheDir) {
  const source = path.join(root, '.yarn/cache');
  fs.mkdirSync(cacheDir, { recursive: true });
  if (!fs.existsSync(source)) return 0;
  let linked = 0;
  for (const file of fs.readdirSync(source)) {
    if (!file.endsWith('.zip')) continue;
    const target = path.join(cacheDir, file);
    if (fs.existsSync(target)) continue;
    try {
      fs.linkSync(path.join(source, file), target);
    } catch {
      fs.copyFileSync(path.join(source, file), target);
    }
    linked++;
  }
  return linked;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------- steps

function publishableWorkspaces() {
  const rootPkg = JSON.parse(
    fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
  );
  const dirs = rootPkg.workspaces.flatMap(pattern => {
    const base = pattern.replace(/\/\*$/, '');
    return fs
      .readdirSync(path.join(root, base))
      .map(name => path.join(root, base, name));
  });
  return dirs
    .filter(dir => fs.existsSync(path.join(dir, 'package.json')))
    .map(dir => ({
      dir,
      pkg: JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')),
    }))
    .filter(({ pkg }) => !pkg.private)
    .sort((a, b) => a.pkg.name.localeCompare(b.pkg.name));
}

function packWorkspaces(workspaces, tarballDir) {
  fs.rmSync(tarballDir, { recursive: true, force: true });
  fs.mkdirSync(tarballDir, { recursive: true });
  const packed = [];
  const problems = [];
  for (const { dir, pkg } of workspaces) {
    const slug = pkg.name.replace(/^@/, '').replace(/\//g, '-');
    const raw = path.join(tarballDir, `${slug}.tgz`);
    // One at a time: prepack rewrites the package's package.json in place until postpack.
    repoYarn(['pack', '--out', raw], { cwd: dir, quiet: true });
    const files = run('tar', ['-tzf', raw], { quiet: true })
      .split('\n')
      .filter(Boolean)
      .map(file => file.replace(/^package\//, ''));
    const packedPkg = JSON.parse(
      run('tar', ['-xzOf', raw, 'package/package.json'], { quiet: true }),
    );
    for (const problem of packedPackageProblems(packedPkg, files))
      problems.push(`${pkg.name}: ${problem}`);
    // The content hash in the name makes a changed package a new locator for Yarn,
    // so no cache can hand back an older build.
    const hash = createHash('sha256')
      .update(fs.readFileSync(raw))
      .digest('hex')
      .slice(0, 10);
    const file = `${slug}-${pkg.version}-${hash}.tgz`;
    fs.renameSync(raw, path.join(tarballDir, file));
    const kb = Math.round(fs.statSync(path.join(tarballDir, file)).size / 1024);
    console.log(
      `${pkg.name}@${pkg.version}: ${file}, ${files.length} files, ${kb} kB`,
    );
    // Everything but the build output's inner modules, which would drown the listing.
    const referenced = new Set(referencedFiles(packedPkg));
    const shown = files
      .filter(f => !f.startsWith('dist/') || referenced.has(f))
      .sort();
    console.log(
      `  ${shown.join(' ')} (+ ${
        files.length - shown.length
      } more under dist/)`,
    );
    packed.push({ name: pkg.name, file, pkg: packedPkg });
  }
  if (problems.length) {
    throw new ConsumerCheckError(
      `The packed packages are incomplete:\n  ${problems.join('\n  ')}`,
    );
  }
  return packed;
}

function prepareFixture(workDir, packed) {
  // Keep node_modules between runs (a re-run installs in seconds); replace the rest.
  for (const stale of [
    'packages/app/src',
    'packages/app/public',
    'packages/backend/src',
    'packages/app/dist',
    'packages/backend/dist',
    'dist-types',
  ]) {
    fs.rmSync(path.join(workDir, stale), { recursive: true, force: true });
  }
  fs.cpSync(fixtureDir, workDir, {
    recursive: true,
    filter: source => !source.split(path.sep).includes('node_modules'),
  });
  const pkgPath = path.join(workDir, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
  for (const { name, file } of packed) {
    pkg.resolutions[name] = `file:./tarballs/${file}`;
  }
  fs.writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
  const lockPath = path.join(workDir, 'yarn.lock');
  const fixtureLock = path.join(fixtureDir, 'yarn.lock');
  if (fs.existsSync(fixtureLock)) {
    const names = packed.map(p => p.name);
    fs.writeFileSync(
      lockPath,
      withoutEntriesFor(fs.readFileSync(fixtureLock, 'utf8'), names),
    );
  } else {
    // An empty lockfile also marks the copy as a project of its own: without one, Yarn
    // would take it for a stray folder of this repository (the copy lives under .tmp/).
    fs.writeFileSync(lockPath, '');
  }
}

/** Every installed copy of each package of `scope`, workspace folders included. */
function installedCopies(workDir, scope) {
  const copies = new Map();
  const visit = nodeModules => {
    if (!fs.existsSync(nodeModules)) return;
    for (const entry of fs.readdirSync(nodeModules, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue; // workspace links are symlinks: not copies
      const dir = path.join(nodeModules, entry.name);
      const packageDirs = entry.name.startsWith('@')
        ? fs
            .readdirSync(dir, { withFileTypes: true })
            .filter(e => e.isDirectory())
            .map(e => path.join(dir, e.name))
        : [dir];
      for (const packageDir of packageDirs) {
        const name = path
          .relative(nodeModules, packageDir)
          .split(path.sep)
          .join('/');
        if (
          name.startsWith(`${scope}/`) &&
          fs.existsSync(path.join(packageDir, 'package.json'))
        ) {
          if (!copies.has(name)) copies.set(name, []);
          copies.get(name).push(path.relative(workDir, packageDir));
        }
        visit(path.join(packageDir, 'node_modules'));
      }
    }
  };
  visit(path.join(workDir, 'node_modules'));
  for (const workspace of fs.readdirSync(path.join(workDir, 'packages'))) {
    visit(path.join(workDir, 'packages', workspace, 'node_modules'));
  }
  return copies;
}

function checkOneVersionEach(workDir, yarn, packed) {
  const lock = fs.readFileSync(path.join(workDir, 'yarn.lock'), 'utf8');
  const versions = resolvedVersions(lock, name =>
    name.startsWith('@backstage/'),
  );
  const problems = duplicatedPackages(versions).map(
    ([name, list]) =>
      `${name} resolved to ${list.length} versions: ${list.join(', ')}`,
  );
  for (const [name, dirs] of installedCopies(workDir, '@backstage')) {
    if (dirs.length > 1)
      problems.push(
        `${name} is installed ${dirs.length} times: ${dirs.join(', ')}`,
      );
  }
  for (const { name, file } of packed) {
    if (!lock.includes(`tarballs/${file}`))
      problems.push(`${name} was not installed from its tarball ${file}`);
  }
  for (const name of [
    '@backstage/plugin-catalog-react',
    '@backstage/plugin-catalog-node',
  ]) {
    console.log(`\n$ yarn why ${name}`);
    console.log(yarn(['why', name], { quiet: true }).trimEnd());
  }
  console.log(
    `\n${versions.size} @backstage/* packages in the fixture's lockfile`,
  );
  if (problems.length) {
    throw new ConsumerCheckError(
      `More than one copy of a @backstage package:\n  ${problems.join('\n  ')}`,
    );
  }
  console.log('one version and one installed copy of each');
}

function checkDiscovery(workDir, packed) {
  const plugin = packed.find(p => p.name === '@paycor-backstage/plugin-paycor');
  if (!plugin)
    throw new ConsumerCheckError(
      '@paycor-backstage/plugin-paycor was not packed',
    );
  const detectedPath = path.join(
    workDir,
    'packages/app/node_modules/__backstage-autodetected-plugins__.js',
  );
  if (!fs.existsSync(detectedPath)) {
    throw new ConsumerCheckError(
      `The app build wrote no ${path.relative(
        workDir,
        detectedPath,
      )}: is app.packages set?`,
    );
  }
  const detected = fs.readFileSync(detectedPath, 'utf8');
  console.log(
    `${path.relative(workDir, detectedPath)}:\n  ${detected.replace(
      /\},\{/g,
      '},\n  {',
    )}`,
  );
  const hasAlpha = Boolean(
    plugin.pkg.exports && './alpha' in plugin.pkg.exports,
  );
  const staticDir = path.join(workDir, 'packages/app/dist/static');
  const bundle = fs
    .readdirSync(staticDir)
    .filter(file => file.endsWith('.js'))
    .map(file => fs.readFileSync(path.join(staticDir, file), 'utf8'))
    .join('\n');
  if (!bundle.includes('"@paycor-backstage/plugin-paycor"')) {
    throw new ConsumerCheckError(
      'The app bundle does not include @paycor-backstage/plugin-paycor',
    );
  }
  if (!hasAlpha) {
    throw new ConsumerCheckError(
      'The packed @paycor-backstage/plugin-paycor has no ./alpha export: an app on the new frontend system has no feature of ours to discover',
    );
  }
  if (!detected.includes(`require('@paycor-backstage/plugin-paycor/alpha')`)) {
    throw new ConsumerCheckError(
      'app.packages: all did not discover @paycor-backstage/plugin-paycor/alpha (see the detected-plugins module above)',
    );
  }
  // The detected-plugins module survives minification as
  // {name:"@paycor-backstage/plugin-paycor",export:"./alpha",default:…}.
  if (
    !/name:\s*"@paycor-backstage\/plugin-paycor",\s*export:\s*"\.\/alpha"/.test(
      bundle,
    )
  ) {
    throw new ConsumerCheckError(
      'The app bundle does not contain the discovered ./alpha feature of @paycor-backstage/plugin-paycor',
    );
  }
  console.log(
    'app.packages: all discovered and bundled @paycor-backstage/plugin-paycor/alpha',
  );
}

async function waitFor(what, timeoutMs, probe, servers) {
  const t0 = Date.now();
  let last;
  while (Date.now() - t0 < timeoutMs) {
    for (const { name, child, logFile } of servers) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new ConsumerCheckError(
          `${name} exited (${
            child.exitCode ?? child.signalCode
          }) while waiting for ${what}; last lines of ${logFile}:\n${tail(
            logFile,
          )}`,
        );
      }
    }
    try {
      last = await probe();
      if (last?.fatal) throw new ConsumerCheckError(last.fatal);
      if (last?.done) {
        console.log(`${what} after ${Math.round((Date.now() - t0) / 1000)}s`);
        return last;
      }
    } catch (error) {
      if (error instanceof ConsumerCheckError) throw error;
      last = { error: error.message };
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new ConsumerCheckError(
    `No ${what} within ${timeoutMs / 1000}s (last: ${JSON.stringify(
      last,
      (key, value) => (key === 'provider' ? undefined : value),
    )}); see ${servers.map(s => s.logFile).join(', ')}`,
  );
}

function tail(file, lines = 30) {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .join('\n');
  } catch {
    return '(no log)';
  }
}

async function startAndQueryBackend(workDir, env, nodeBin) {
  const logDir = path.join(workDir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const [sandboxPort, backendPort] = [await freePort(), await freePort()];
  const token = randomBytes(24).toString('hex');
  const backendUrl = `http://127.0.0.1:${backendPort}`;
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const configPath = path.join(workDir, 'app-config.consumer-check.yaml');
  fs.writeFileSync(
    configPath,
    [
      '# Written by scripts/consumer-check.mjs for one run.',
      'backend:',
      `  baseUrl: ${backendUrl}`,
      '  listen:',
      `    port: ${backendPort}`,
      '    host: 127.0.0.1',
      '  auth:',
      '    externalAccess:',
      '      - type: static',
      '        options:',
      `          token: ${token}`,
      '          subject: consumer-check',
      '',
    ].join('\n'),
  );

  const sandboxBin = path.join(
    workDir,
    'node_modules/@paycor-backstage/paycor-sandbox/bin/paycor-sandbox',
  );
  const servers = [];
  const sandbox = startServer(
    'sandbox',
    nodeBin,
    [
      sandboxBin,
      '--host',
      '127.0.0.1',
      '--port',
      String(sandboxPort),
      '--employees',
      String(SANDBOX_EMPLOYEES),
      '--clean',
    ],
    { cwd: workDir, env, logDir },
  );
  servers.push({
    name: 'the Paycor sandbox',
    child: sandbox,
    logFile: path.join(logDir, 'sandbox.log'),
  });
  await waitFor(
    'the sandbox answering',
    60_000,
    async () => {
      await fetch(sandboxUrl, { signal: AbortSignal.timeout(2000) });
      return { done: true };
    },
    servers,
  );

  const backend = startServer(
    'backend',
    'corepack',
    [
      'yarn',
      'workspace',
      'backend',
      'start',
      '--config',
      path.join(workDir, 'app-config.yaml'),
      '--config',
      configPath,
    ],
    { cwd: workDir, env: { ...env, PAYCOR_BASE_URL: sandboxUrl }, logDir },
  );
  servers.push({
    name: 'the backend',
    child: backend,
    logFile: path.join(logDir, 'backend.log'),
  });
  await waitFor(
    'the backend ready',
    BACKEND_READY_TIMEOUT_MS,
    async () => {
      const res = await fetch(`${backendUrl}/.backstage/health/v1/readiness`, {
        signal: AbortSignal.timeout(5000),
      });
      return { done: res.ok, status: res.status };
    },
    servers,
  );

  const get = async url => {
    const res = await fetch(`${backendUrl}${url}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
    return res.json();
  };
  const fromPaycor = async kind => {
    const entities = await get(
      `/api/catalog/entities?filter=kind=${kind}&fields=kind,metadata.name,metadata.annotations`,
    );
    return entities.filter(
      e => e.metadata.annotations?.['paycor.com/provider-id'] === 'acme',
    );
  };
  // Done when the module's first run succeeded and the catalog serves every User it
  // emitted (the catalog processes entities a few at a time after the run).
  const result = await waitFor(
    'every synced User in the catalog',
    USERS_SYNCED_TIMEOUT_MS,
    async () => {
      const { items } = await get('/api/catalog/paycor/providers');
      const provider = items.find(p => p.id === 'acme');
      const run = provider?.lastRun;
      if (run?.status === 'failed') {
        return {
          fatal: `the Paycor module's sync failed: ${run.error?.name}: ${run.error?.message}`,
        };
      }
      if (run?.status !== 'succeeded')
        return { done: false, run: run?.status ?? 'none yet' };
      const users = await fromPaycor('user');
      const expected = provider.entityCounts.users;
      return {
        done: expected > 0 && users.length === expected,
        users: users.length,
        expected,
        provider,
        sample: users[0]?.metadata.name,
      };
    },
    servers,
  );
  const groups = await fromPaycor('group');
  const { provider } = result;
  console.log(
    `GET /api/catalog/entities?filter=kind=user: ${result.users} Users from the Paycor module (e.g. user:default/${result.sample}), as many as its run emitted; ${groups.length} of its ${provider.entityCounts.groups} Groups; run ${provider.lastRun.id}: ${provider.lastRun.status}, ${provider.lastRun.apiCalls} Paycor calls`,
  );
  if (groups.length === 0)
    throw new ConsumerCheckError(
      'The catalog has Users from the Paycor module but no Groups',
    );
}

// ---------------------------------------------------------------- main

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const nodeVersion = run(options.node, ['--version'], { quiet: true }).trim();
  const major = nodeVersion.replace(/^v/, '').split('.')[0];
  const workDir = path.join(workRoot, `node${major}`);
  const cacheDir = path.join(workRoot, 'yarn-cache');
  const tarballDir = path.join(workDir, 'tarballs');
  fs.mkdirSync(workDir, { recursive: true });
  const env = fixtureEnv(options.node, cacheDir);
  const yarn = (args, opts = {}) =>
    run('corepack', ['yarn', ...args], { cwd: workDir, env, ...opts });
  console.log(
    `consumer check: repository on Node ${process.version}, fixture on Node ${nodeVersion} (${options.node})`,
  );

  try {
    if (!options.skipBuild) {
      await step('type-check the repository (yarn tsc)', () =>
        repoYarn(['tsc']),
      );
      await step('build the packages (backstage-cli repo build)', () =>
        repoYarn(['backstage-cli', 'repo', 'build']),
      );
    }
    const packed = await step('pack the publishable packages (yarn pack)', () =>
      packWorkspaces(publishableWorkspaces(), tarballDir),
    );
    await step('copy the fixture and point it at the tarballs', () => {
      prepareFixture(workDir, packed);
      console.log(
        `${path.relative(root, workDir)}; ${seedYarnCache(
          cacheDir,
        )} archives linked from .yarn/cache`,
      );
    });
    await step(`install the fixture (yarn install, Node ${nodeVersion})`, () =>
      yarn(['install']),
    );
    if (options.updateLockfile) {
      const lock = fs.readFileSync(path.join(workDir, 'yarn.lock'), 'utf8');
      fs.writeFileSync(
        path.join(fixtureDir, 'yarn.lock'),
        withoutEntriesFor(
          lock,
          packed.map(p => p.name),
        ),
      );
      console.log(
        `updated ${path.relative(root, path.join(fixtureDir, 'yarn.lock'))}`,
      );
    }
    await step('one version of every @backstage package', () =>
      checkOneVersionEach(workDir, yarn, packed),
    );
    await step('type-check the fixture (tsc)', () => yarn(['tsc']));
    await step('build the fixture app (backstage-cli package build)', () => {
      yarn(['workspace', 'app', 'build']);
      checkDiscovery(workDir, packed);
    });
    await step('start the fixture backend with the Paycor module', () =>
      startAndQueryBackend(workDir, env, options.node),
    );
  } finally {
    await stopServers();
    console.log(
      `\n=== consumer check summary (fixture on Node ${nodeVersion})\n${timings.join(
        '\n',
      )}`,
    );
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => stopServers().then(() => process.exit(130)));
}

main().then(
  () => console.log('\nconsumer check passed'),
  error => {
    console.error(
      `\nconsumer check FAILED: ${
        error instanceof ConsumerCheckError ? error.message : error.stack
      }`,
    );
    process.exitCode = 1;
  },
);
