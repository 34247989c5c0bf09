import { startBackend, syncAndWait } from './catalog';
import { expectJson, pollUntil } from './lib/net';
import { PROVIDER_ID } from './lib/providerConfig';
import { SandboxProcess } from './lib/sandbox';
import { round } from './lib/stats';

/**
 * Live updates on a real backend (catalog + the Paycor module + the events
 * backend and the Paycor events module, in-memory SQLite,
 * bench/catalogBackend.ts) fed by the sandbox's event notifications over
 * HTTP: after one sync and the catalog's processing of it, `changes` title
 * changes, one at a time, each made through the sandbox's control API (which
 * delivers Employee.Modified to /api/events/http/paycor). For each: the time
 * until the catalog's `refresh_state` holds the new title (the event's
 * delivery, the module's coalescing wait, the one-person read and apply),
 * and until the catalog API serves it (plus the catalog's own processing and
 * stitching). Paycor calls per event from the sandbox's call log.
 */

const SECRET = 'bench-live-updates-secret';

export interface LiveUpdatesBenchResult {
  employees: number;
  users: number;
  changes: number;
  /** sandbox change → the new title in refresh_state (unprocessed entity) */
  toRefreshState: { ms: number[]; p50Ms: number; p95Ms: number };
  /** refresh_state → the catalog API serves it (the catalog's processing) */
  catalogProcessing: { ms: number[]; p50Ms: number; p95Ms: number };
  /** sandbox change → the catalog API serves it */
  total: { p50Ms: number; p95Ms: number };
  /** Paycor calls per event (sandbox call log over all changes) */
  paycorCallsPerEvent: number;
  sandboxCalls: Record<string, number>;
  /** runs with trigger `event` the changes produced */
  eventRuns: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)];
}

function series(ms: number[]) {
  return {
    ms,
    p50Ms: round(percentile(ms, 50), 1),
    p95Ms: round(percentile(ms, 95), 1),
  };
}

export async function measureLiveUpdates(options: {
  size: number;
  sandbox: SandboxProcess;
  changes: number;
  log: (message: string) => void;
}): Promise<LiveUpdatesBenchResult> {
  const { size, sandbox, changes, log } = options;
  const backend = await startBackend({
    mode: 'paycor',
    name: `live-updates-${size}`,
    sandbox,
    events: true,
    providerExtra: { events: { enabled: true, secret: SECRET } },
  });
  const paycor = (path: string) =>
    `${backend.url}/api/catalog/paycor/providers/${PROVIDER_ID}${path}`;
  try {
    const { run } = await syncAndWait(backend);
    if (run.status !== 'succeeded') {
      throw new Error(`live updates: the sync ${run.status}`);
    }
    await pollUntil(
      async () =>
        (
          await expectJson<{ totalItems: number }>(
            `${backend.url}/api/catalog/entities/by-query?filter=kind=user,relations.memberof&limit=1&fields=metadata.name&totalItems=include`,
            { token: backend.token },
          )
        ).totalItems,
      n => n >= run.counts.users,
      {
        timeoutMs: 120_000 + run.counts.users * 30,
        intervalMs: 1000,
        what: 'the catalog processing the synced Users',
      },
    );
    await expectJson(`${sandbox.url}/_sandbox/subscriptions`, {
      method: 'POST',
      body: {
        url: `${backend.url}/api/events/http/paycor`,
        secret: SECRET,
        eventTypes: ['Employee.Modified'],
      },
      expect: [201],
    });
    const people = (
      await expectJson<{ items: any[] }>(
        paycor(`/people?outcome=synced&limit=${changes}`),
        { token: backend.token },
      )
    ).items;
    if (people.length < changes) {
      throw new Error(
        `only ${people.length} synced people for ${changes} changes`,
      );
    }
    await sandbox.resetCalls();
    const toRefresh: number[] = [];
    const processing: number[] = [];
    const totals: number[] = [];
    for (const [i, person] of people.entries()) {
      const title = `Live Title ${i} ${Date.now()}`;
      const [kind, rest] = String(person.entityRef).split(':');
      const [namespace, name] = rest.split('/');
      const started = performance.now();
      await expectJson(
        `${sandbox.url}/_sandbox/employees/${person.employeeId}`,
        {
          method: 'PATCH',
          body: { positionData: { jobTitle: title } },
        },
      );
      await pollUntil(
        async () =>
          (
            await expectJson<{ entity: any }>(
              `${
                backend.url
              }/api/catalog/bench-probe/refresh-state/entity?ref=${encodeURIComponent(
                person.entityRef,
              )}`,
              { token: backend.token },
            )
          ).entity?.metadata?.description,
        description => description === title,
        {
          timeoutMs: 60_000,
          intervalMs: 10,
          what: 'the title in refresh_state',
        },
      );
      const inRefreshState = performance.now();
      await pollUntil(
        async () =>
          (
            await expectJson<any>(
              `${backend.url}/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
              { token: backend.token },
            )
          ).metadata?.description,
        description => description === title,
        { timeoutMs: 60_000, intervalMs: 10, what: 'the title in the catalog' },
      );
      const served = performance.now();
      toRefresh.push(round(inRefreshState - started, 1));
      processing.push(round(served - inRefreshState, 1));
      totals.push(round(served - started, 1));
    }
    const calls = await sandbox.calls();
    const runs = (
      await expectJson<{ items: any[] }>(paycor(`/runs?limit=${changes * 2}`), {
        token: backend.token,
      })
    ).items.filter(r => r.trigger === 'event');
    const result: LiveUpdatesBenchResult = {
      employees: size,
      users: run.counts.users,
      changes,
      toRefreshState: series(toRefresh),
      catalogProcessing: series(processing),
      total: {
        p50Ms: round(percentile(totals, 50), 1),
        p95Ms: round(percentile(totals, 95), 1),
      },
      paycorCallsPerEvent: round(calls.total / changes, 2),
      sandboxCalls: calls.byEndpoint,
      eventRuns: runs.length,
    };
    log(
      `live updates at ${size}: change → refresh_state p50 ${result.toRefreshState.p50Ms} / p95 ${result.toRefreshState.p95Ms} ms; catalog processing p50 ${result.catalogProcessing.p50Ms} / p95 ${result.catalogProcessing.p95Ms} ms; total p95 ${result.total.p95Ms} ms; ${result.paycorCallsPerEvent} Paycor calls per event`,
    );
    return result;
  } finally {
    await backend.stop();
  }
}
