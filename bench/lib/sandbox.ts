import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT, WORK_DIR, stopChild, tail, track } from './children';
import { expectJson, freePort, pollUntil, requestJson } from './net';

const SANDBOX_BIN = resolve(
  REPO_ROOT,
  'packages/paycor-sandbox/bin/paycor-sandbox',
);

/** Fresh credentials from `POST /_sandbox/tokens` (never parsed from logs). */
export interface MintedCredentials {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  subscriptionKey: string;
  refreshToken: string;
  legalEntityId: number;
  tenantId: number;
}

export interface CallLog {
  total: number;
  byEndpoint: Record<string, number>;
  byStatus: Record<string, number>;
}

export interface SandboxSummary {
  legalEntityId: number;
  employees: number;
  departments: number;
  process: { cpuUserMs: number; cpuSystemMs: number; rssBytes: number };
}

/**
 * The Paycor sandbox CLI in its own process on 127.0.0.1 and a free port, so its CPU and
 * memory are not the sync's (Paycor is remote in production).
 */
export class SandboxProcess {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    readonly logFile: string,
  ) {}

  /** for reading the CPU time it spends (lib/memory.ts processCpuMs) */
  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(options: {
    employees: number;
    seed: number;
    rateLimit: number;
    latencyMs?: number;
    name: string;
  }): Promise<SandboxProcess> {
    const port = await freePort();
    const logFile = resolve(WORK_DIR, 'logs', `${options.name}.log`);
    mkdirSync(resolve(WORK_DIR, 'logs'), { recursive: true });
    const log = createWriteStream(logFile);
    const child = spawn(
      process.execPath,
      [
        SANDBOX_BIN,
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--employees',
        String(options.employees),
        '--seed',
        String(options.seed),
        '--rate-limit',
        String(options.rateLimit),
        '--latency',
        String(options.latencyMs ?? 0),
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    track(child);
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    const url = `http://127.0.0.1:${port}`;
    const sandbox = new SandboxProcess(url, child, logFile);
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    // Ready when the control API answers (no log parsing). 300k employees take ~20 s.
    await pollUntil(
      async () => {
        if (exited) {
          throw new Error(`sandbox exited during start-up:\n${tail(logFile)}`);
        }
        const res = await requestJson(`${url}/_sandbox`, { timeoutMs: 2000 });
        return res.status;
      },
      status => status === 200,
      {
        timeoutMs: 30_000 + options.employees * 0.5,
        intervalMs: 200,
        what: `sandbox with ${options.employees} employees`,
      },
    ).catch(async error => {
      await stopChild(child);
      throw exited
        ? new Error(`sandbox exited during start-up:\n${tail(logFile)}`)
        : error;
    });
    return sandbox;
  }

  summary(): Promise<SandboxSummary> {
    return expectJson(`${this.url}/_sandbox`);
  }

  /** Credentials of their own for one client (floor, harness, backend). */
  async mint(): Promise<MintedCredentials> {
    return expectJson(`${this.url}/_sandbox/tokens`, {
      method: 'POST',
      body: {},
    });
  }

  calls(): Promise<CallLog> {
    return expectJson(`${this.url}/_sandbox/calls`);
  }

  async resetCalls(): Promise<void> {
    await expectJson(`${this.url}/_sandbox/calls`, { method: 'DELETE' });
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}

/** Paycor calls one full read needs: token + legal entity + every page of both listings. */
export function minimumCalls(summary: {
  employees: number;
  departments: number;
}) {
  const departmentPages = Math.max(1, Math.ceil(summary.departments / 100));
  const employeePages = Math.max(1, Math.ceil(summary.employees / 200));
  return {
    total: 1 + 1 + departmentPages + employeePages,
    departmentPages,
    employeePages,
  };
}
