import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

export interface JsonResponse<T = any> {
  status: number;
  body: T;
  text: string;
}

/** A small JSON request helper for control APIs (never used on a timed path). */
export async function requestJson<T = any>(
  url: string,
  options: {
    method?: string;
    body?: unknown;
    token?: string;
    timeoutMs?: number;
  } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  const text = await response.text();
  let body: any;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text };
}

export async function expectJson<T = any>(
  url: string,
  options: Parameters<typeof requestJson>[1] & { expect?: number[] } = {},
): Promise<T> {
  const res = await requestJson<T>(url, options);
  const ok = options.expect ?? [200, 201, 202, 204];
  if (!ok.includes(res.status)) {
    throw new Error(
      `${options.method ?? 'GET'} ${url}: HTTP ${res.status} ${res.text.slice(
        0,
        300,
      )}`,
    );
  }
  return res.body;
}

export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Polls `read` until `done` says so; bounded by `timeoutMs`. Returns the last value.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  options: { timeoutMs: number; intervalMs: number; what: string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    let value: T | undefined;
    let error: unknown;
    try {
      value = await read();
    } catch (e) {
      error = e;
    }
    if (value !== undefined && done(value)) return value;
    if (Date.now() >= deadline) {
      throw new Error(
        `${options.what}: not done within ${Math.round(
          options.timeoutMs / 1000,
        )} s${error ? ` (last error: ${(error as Error).message})` : ''}`,
      );
    }
    await sleep(options.intervalMs);
  }
}
