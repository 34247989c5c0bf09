/**
 * The floor: the least work any sync must do to read one legal entity from Paycor —
 * one token call, the legal entity, every department page and every employee page
 * (`include=All&emailType=Work`, following continuation tokens), each response
 * JSON.parse'd, nothing validated or mapped. Departments, employees and the legal entity
 * are read concurrently after the token, like the sync does. Runs in its own process,
 * before anything else is loaded; only the reads are timed.
 *
 * Two plain clients, so the floor is the fastest a plain client manages here rather than
 * one client's overhead: `http` (node:http with a keep-alive agent) and `fetch` (Node's
 * built-in fetch, which the module uses).
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/floor.ts '<json FloorInput>'
 */
import { Agent, request } from 'node:http';
import { exitWithParent, failAndExit, reportAndExit } from './lib/children';
import type { MintedCredentials } from './lib/sandbox';

export interface FloorInput {
  credentials: MintedCredentials;
  client: 'http' | 'fetch';
}

export interface FloorResult {
  client: 'http' | 'fetch';
  floorMs: number;
  calls: number;
  pages: { departments: number; employees: number };
  records: { departments: number; employees: number };
  bytes: number;
  /** CPU time (user + system) of this process over the reads */
  cpuMs: number;
}

type Send = (
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
  body?: string,
) => Promise<{ status: number; text: string }>;

function httpClient(): Send {
  const agent = new Agent({ keepAlive: true });
  return (method, url, headers, body) =>
    new Promise((resolve, reject) => {
      const req = request(url, { method, headers, agent }, res => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
}

function fetchClient(): Send {
  return async (method, url, headers, body) => {
    const res = await fetch(url, { method, headers, body });
    return { status: res.status, text: await res.text() };
  };
}

async function readFloor(input: FloorInput): Promise<FloorResult> {
  const { credentials: c } = input;
  const send = input.client === 'http' ? httpClient() : fetchClient();
  let calls = 0;
  let bytes = 0;
  const call = async (
    method: 'GET' | 'POST',
    url: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<any> => {
    calls += 1;
    const res = await send(method, url, headers, body);
    if (res.status !== 200) {
      throw new Error(
        `${method} ${url.split('?')[0]}: HTTP ${res.status} ${res.text.slice(
          0,
          200,
        )}`,
      );
    }
    bytes += res.text.length;
    return JSON.parse(res.text);
  };

  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: c.refreshToken,
    client_id: c.clientId,
    client_secret: c.clientSecret,
  }).toString();
  const token = await call(
    'POST',
    `${c.baseUrl}/sts/v1/common/token?subscription-key=${encodeURIComponent(
      c.subscriptionKey,
    )}`,
    {
      Accept: 'application/json',
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': String(Buffer.byteLength(form)),
    },
    form,
  );
  const headers = {
    Accept: 'application/json',
    Authorization: `Bearer ${token.access_token}`,
    'Ocp-Apim-Subscription-Key': c.subscriptionKey,
  };
  const base = `${c.baseUrl}/v1/legalentities/${c.legalEntityId}`;

  const list = async (path: string, query: string) => {
    let pages = 0;
    let records = 0;
    let continuation: string | undefined;
    for (;;) {
      const qs = [
        query,
        continuation
          ? `continuationToken=${encodeURIComponent(continuation)}`
          : '',
      ]
        .filter(Boolean)
        .join('&');
      const url = qs ? `${path}?${qs}` : path;
      const page = await call('GET', url, headers);
      pages += 1;
      records += page.records?.length ?? 0;
      if (!page.hasMoreResults) return { pages, records };
      continuation = page.continuationToken;
      if (!continuation || pages > 20_000) {
        throw new Error(
          `${path}: more results promised without a continuation token`,
        );
      }
    }
  };

  const [, departments, employees] = await Promise.all([
    call('GET', `${base}?include=BusinessNames`, headers),
    list(`${base}/departments`, ''),
    list(`${base}/employees`, 'include=All&emailType=Work'),
  ]);
  const floorMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    cpuMs: (cpu.user + cpu.system) / 1000,
    client: input.client,
    floorMs,
    calls,
    pages: { departments: departments.pages, employees: employees.pages },
    records: { departments: departments.records, employees: employees.records },
    bytes,
  };
}

if (require.main === module) {
  exitWithParent();
  readFloor(JSON.parse(process.argv[2]) as FloorInput).then(
    reportAndExit,
    failAndExit,
  );
}
