import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { dirname, resolve } from 'node:path';
import { generateOrg } from '../org/generate';
import { OrgStore } from '../org/OrgStore';
import { EMPLOYEE_PAGE_SIZE, readPage } from '../http/paging';
import { RecordRenderer } from '../http/RecordRenderer';
import { pageBody } from '../http/respond';

/**
 * What serving one 200-record employee page costs the sandbox, for the benchmark suite.
 * No assertions anywhere: CPU figures depend on the machine. Figures:
 * - `generateCpuMs`: generating the org;
 * - `preRenderCpuMs`: pre-serializing its employees, paid once at start/reset;
 * - `renderCpuMsPerPage`: the sandbox's own work per page in-process (keyset read,
 *   assembling records from their fragments, envelope), no HTTP;
 * - `serverCpuMsPerPage`: the CPU of a sandbox running in its own process (the CLI) per
 *   page served over real HTTP, read from `GET /_sandbox` before and after a full
 *   listing — HTTP parsing, routing, auth, rate limiting and socket writes included,
 *   the client excluded. `first` = first listing after start, `again` = a repeat.
 *
 * Run it with `node --require \@backstage/cli/config/nodeTransform.cjs src/bench/pageCost.ts [employees]`.
 *
 * @public
 */
export interface PageCostReport {
  employees: number;
  pages: number;
  include: string[];
  bytesPerPage: number;
  generateCpuMs: number;
  preRenderCpuMs: number;
  renderCpuMsPerPage: number;
  serverCpuMsPerPage: { first: number; again: number };
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

function measureInProcess(employees: number, includes: ReadonlySet<string>) {
  let started = process.cpuUsage();
  const store = new OrgStore(
    generateOrg({ seed: 1, employees, now: new Date('2025-01-01T00:00:00Z') }),
  );
  const generateCpuMs = cpuMs(started);
  const renderer = new RecordRenderer();
  started = process.cpuUsage();
  renderer.preRender(store);
  const preRenderCpuMs = cpuMs(started);

  const shape = renderer.employeeShape(includes, 'Work');
  let afterKey: string | undefined;
  let pages = 0;
  let bytes = 0;
  started = process.cpuUsage();
  for (;;) {
    const page = readPage(store.employees, {
      afterKey,
      pageSize: EMPLOYEE_PAGE_SIZE,
    });
    const body = pageBody(
      {
        hasMoreResults: page.hasMore,
        continuationToken: null,
        additionalResultsUrl: null,
      },
      page.records.map(stored => renderer.employee(stored, shape, undefined)),
    );
    pages++;
    bytes += body.length;
    if (!page.hasMore) break;
    afterKey = page.lastKey;
  }
  return {
    generateCpuMs,
    preRenderCpuMs,
    renderCpuMsPerPage: cpuMs(started) / pages,
    pages,
    bytesPerPage: Math.round(bytes / pages),
  };
}

interface HttpResult {
  status: number;
  text: string;
}

function call(
  agent: Agent,
  url: URL,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
  } = {},
) {
  return new Promise<HttpResult>((resolvePromise, reject) => {
    const req = request(
      url,
      { agent, method: options.method ?? 'GET', headers: options.headers },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () =>
          resolvePromise({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Starts the CLI in a child process and resolves its URL once it prints the ready line. */
function startChildSandbox(employees: number) {
  const child = spawn(
    process.execPath,
    [
      resolve(
        dirname(
          require.resolve('@paycor-backstage/paycor-sandbox/package.json'),
        ),
        'bin/paycor-sandbox',
      ),
      ...['--port', '0', '--employees', String(employees), '--rate-limit', '0'],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = new Promise<string>((resolveUrl, reject) => {
    let output = '';
    child.stdout.on('data', chunk => {
      output += chunk;
      const match = output.match(/ready at (http:\/\/\S+)/);
      if (match) resolveUrl(match[1]);
    });
    child.on('exit', code => reject(new Error(`sandbox exited with ${code}`)));
  });
  return { child, url };
}

async function measureOverHttp(employees: number, include: readonly string[]) {
  const { child, url: urlPromise } = startChildSandbox(employees);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const base = await urlPromise;
    const minted = JSON.parse(
      (await call(agent, new URL('/_sandbox/tokens', base), { method: 'POST' }))
        .text,
    );
    const token = await call(
      agent,
      new URL(
        `/sts/v1/common/token?subscription-key=${minted.subscriptionKey}`,
        base,
      ),
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: minted.refreshToken,
          client_id: minted.clientId,
          client_secret: minted.clientSecret,
        }).toString(),
      },
    );
    const headers = {
      Authorization: `Bearer ${JSON.parse(token.text).access_token}`,
      'Ocp-Apim-Subscription-Key': minted.subscriptionKey,
    };
    const serverCpu = async () => {
      const usage = JSON.parse(
        (await call(agent, new URL('/_sandbox', base))).text,
      ).process;
      return usage.cpuUserMs + usage.cpuSystemMs;
    };
    const query = include
      .map(i => `include=${encodeURIComponent(i)}`)
      .join('&');
    const listOnce = async () => {
      const before = await serverCpu();
      let next:
        | string
        | null = `/v1/legalentities/${minted.legalEntityId}/employees?${query}`;
      let pages = 0;
      while (next) {
        const page = await call(agent, new URL(next, base), { headers });
        if (page.status !== 200)
          throw new Error(`page ${pages + 1}: HTTP ${page.status}`);
        next = JSON.parse(page.text).additionalResultsUrl;
        pages++;
      }
      return ((await serverCpu()) - before) / pages;
    };
    const first = await listOnce();
    const again = await listOnce();
    return { first, again };
  } finally {
    agent.destroy();
    child.kill('SIGTERM');
  }
}

/** @public */
export async function measurePageCost(
  options: { employees?: number; include?: string[] } = {},
): Promise<PageCostReport> {
  const employees = options.employees ?? 20_000;
  const include = options.include ?? ['All'];
  const includes = new Set(
    include.includes('All')
      ? ['EmploymentDates', 'Position', 'Status', 'WorkLocation']
      : include,
  );
  const inProcess = measureInProcess(employees, includes);
  return {
    employees,
    include,
    ...inProcess,
    serverCpuMsPerPage: await measureOverHttp(employees, include),
  };
}

if (require.main === module) {
  measurePageCost({ employees: Number(process.argv[2] ?? 20_000) }).then(
    // eslint-disable-next-line no-console
    report => console.log(JSON.stringify(report, null, 2)),
    error => {
      // eslint-disable-next-line no-console
      console.error(error);
      process.exit(1);
    },
  );
}
