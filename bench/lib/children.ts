/* eslint-disable no-console */
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { compiledScript } from './compile';

/**
 * Child processes of the benchmark: every one is registered here and killed when the
 * benchmark exits, however it exits (normal end, error, Ctrl-C, SIGTERM).
 */

export const REPO_ROOT = resolve(__dirname, '../..');
export const WORK_DIR = resolve(REPO_ROOT, '.tmp/bench');
const NODE_TRANSFORM = require.resolve(
  '@backstage/cli/config/nodeTransform.cjs',
);

const children = new Set<ChildProcess>();
let hooksInstalled = false;

function installHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const child of children) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(
        `\nbench: ${signal}, stopping ${children.size} child process(es)…`,
      );
      void stopAll().finally(() => process.exit(130));
    });
  }
}

/** Stops one child: SIGTERM, then SIGKILL after `graceMs`. Resolves when it has exited. */
export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return Promise.resolve();
  }
  return new Promise(resolvePromise => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      children.delete(child);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}

/** Registers a child process so it is stopped whenever the benchmark exits. */
export function track(child: ChildProcess) {
  installHooks();
  children.add(child);
  child.once('exit', () => children.delete(child));
}

export async function stopAll() {
  await Promise.all([...children].map(child => stopChild(child, 3000)));
}

export interface NodeProcess {
  child: ChildProcess;
  logFile: string;
}

export interface SpawnOptions {
  name: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
  /**
   * Run the script compiled to JavaScript (see compile.ts) rather than through
   * Backstage's on-the-fly transform: for processes whose memory is measured.
   */
  compiled?: boolean;
}

/**
 * Starts a TypeScript file in its own Node process (Backstage's on-the-fly transform, or
 * compiled first), with an IPC channel. Its stdout/stderr go to a log file under
 * .tmp/bench/logs.
 */
export function spawnNodeProcess(
  script: string,
  args: string[],
  options: SpawnOptions,
): NodeProcess {
  const logFile = resolve(WORK_DIR, 'logs', `${options.name}.log`);
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      ...(options.compiled
        ? [compiledScript(script, REPO_ROOT)]
        : ['--require', NODE_TRANSFORM, script]),
      ...args,
    ],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, ...options.env },
    },
  );
  track(child);
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  child.once('exit', () => setTimeout(() => log.end(), 50));
  return { child, logFile };
}

export interface NodeChild<T> extends NodeProcess {
  /** the first `{ type: 'result' }` IPC message; rejects if the child exits or fails first */
  result: Promise<T>;
}

/** A measurement in a child process: resolves with the result it reports over IPC. */
export function spawnNode<T>(
  script: string,
  args: string[],
  options: SpawnOptions & { timeoutMs: number },
): NodeChild<T> {
  const { child, logFile } = spawnNodeProcess(script, args, options);
  const result = new Promise<T>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      reject(
        new Error(
          `${options.name}: no result within ${Math.round(
            options.timeoutMs / 1000,
          )} s (log: ${logFile})`,
        ),
      );
      void stopChild(child);
    }, options.timeoutMs);
    child.on('message', (message: any) => {
      if (message?.type === 'result') {
        clearTimeout(timer);
        resolvePromise(message.value as T);
      } else if (message?.type === 'error') {
        clearTimeout(timer);
        reject(
          new Error(`${options.name}: ${message.message}\n  (log: ${logFile})`),
        );
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      // a no-op if the result already arrived
      reject(
        new Error(
          `${options.name} exited (${
            signal ?? code
          }) before reporting a result; last log lines:\n${tail(logFile)}`,
        ),
      );
    });
  });
  result.catch(() => {});
  return { child, result, logFile };
}

export function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .map(l => `    ${l}`)
      .join('\n');
  } catch {
    return '    (no log)';
  }
}

/**
 * In a child: exit when the parent goes away (its IPC channel closes), so a benchmark
 * killed with SIGKILL leaves no process of ours behind.
 */
export function exitWithParent() {
  if (process.send) process.on('disconnect', () => process.exit(1));
}

/** In a child: send the result to the parent and exit. */
export function reportAndExit(value: unknown): never {
  if (!process.send) {
    console.log(JSON.stringify(value, null, 2));
    process.exit(0);
  }
  process.send({ type: 'result', value }, () => process.exit(0));
  // keep the process alive until the message is flushed
  return undefined as never;
}

/** In a child: report a failure to the parent and exit non-zero. */
export function failAndExit(error: unknown): never {
  const message =
    error instanceof Error ? error.stack ?? error.message : String(error);
  console.error(message);
  if (!process.send) process.exit(1);
  process.send(
    { type: 'error', message: (error as Error)?.message ?? String(error) },
    () => process.exit(1),
  );
  return undefined as never;
}
