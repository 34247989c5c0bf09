import { mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '../..');

/**
 * Where test files leave their figures (one JSON fragment per scenario), the
 * captured logs and responses; reliability/run.mjs merges the fragments into
 * reliability-results.json. Under /.tmp, which git ignores.
 */
export const WORK_DIR =
  process.env.RELIABILITY_WORK_DIR ?? path.join(ROOT, '.tmp', 'reliability');

export function workPath(...parts: string[]) {
  const file = path.join(WORK_DIR, ...parts);
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

/** Writes (replaces) one fragment: `fragments/<name>.json`. */
export function writeFragment(name: string, data: unknown) {
  writeFileSync(
    workPath('fragments', `${name}.json`),
    `${JSON.stringify(data, null, 2)}\n`,
  );
}

/** Appends a line to a captured text file (logs, response bodies). */
export function appendCapture(name: string, text: string) {
  appendFileSync(
    workPath('captures', name),
    text.endsWith('\n') ? text : `${text}\n`,
  );
}

/** Seconds since `t0` (ms), one decimal. */
export function secondsSince(t0: number) {
  return Math.round((Date.now() - t0) / 100) / 10;
}

export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Polls `read` until `check` passes; bounded by `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs: number,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not within ${timeoutMs} ms (last: ${short(value)})`,
      );
    }
    await sleep(intervalMs);
    value = await read();
  }
  return value;
}

export function short(value: unknown, max = 400) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text && text.length > max ? `${text.slice(0, max)}…` : text;
}
