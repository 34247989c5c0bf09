/*
 * Two backend processes with the module on one PostgreSQL: over several
 * schedule intervals exactly one sync runs per interval and no two overlap;
 * "Sync now" from either replica runs once; status reads the same from both.
 */
import { SyncRun } from '@paycor-backstage/plugin-paycor-common';
import { BackendProcess, P, stopAllBackends } from '../lib/backendProcess';
import { postgresAvailable } from '../lib/database';
import { sleep, waitFor, writeFragment } from '../lib/results';
import { Scenario } from '../lib/scenario';

const quick = process.env.RELIABILITY_QUICK === '1';
const INTERVAL_S = 15;
const INTERVALS = Number(
  process.env.RELIABILITY_REPLICA_INTERVALS ?? (quick ? 5 : 8),
);

afterAll(() => stopAllBackends());

async function allRuns(scenario: Scenario): Promise<SyncRun[]> {
  const rows = await scenario.db.query(k =>
    k('paycor_runs').orderBy('started_at', 'asc'),
  );
  return rows.map((r: any) => ({
    id: r.id,
    trigger: r.trigger,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at ?? undefined,
  })) as SyncRun[];
}

/** Which process ran a sync: each logs "Paycor provider acme: succeeded in …". */
function syncsLogged(backend: BackendProcess) {
  return backend.logLines.filter(l =>
    /Paycor provider acme: (succeeded|held|failed)|sync failed/.test(l),
  ).length;
}

(postgresAvailable() ? describe : describe.skip)(
  'two replicas on one PostgreSQL',
  () => {
    let scenario: Scenario;
    let a: BackendProcess;
    let b: BackendProcess;
    const figures: Record<string, any> = {};

    beforeAll(async () => {
      scenario = await new Scenario({
        name: 'replicas',
        kind: 'postgres',
        sandbox: { employees: 400, seed: 9 },
        provider: {
          schedule: {
            frequency: { seconds: INTERVAL_S },
            timeout: { seconds: 60 },
          },
        },
      }).init();
      a = scenario.backend('a');
      b = scenario.backend('b');
    });

    afterAll(async () => {
      writeFragment('replicas', figures);
      await scenario?.teardown();
    });

    it(`runs exactly one scheduled sync per ${INTERVAL_S} s interval`, async () => {
      // the first replica creates the databases; then both run
      await a.start();
      await b.start();
      const t0 = Date.now();
      // Half-way, replica a (which tends to win every claim) dies between two
      // runs: b must take the schedule over without a gap or a double run.
      await sleep(Math.floor(INTERVALS / 2) * INTERVAL_S * 1000);
      await waitFor(
        'between two runs',
        () => allRuns(scenario),
        rs => rs.length > 0 && rs.every(r => r.status !== 'running'),
        INTERVAL_S * 1000,
        100,
      );
      const syncsByABeforeKill = syncsLogged(a);
      await a.kill9();
      const killedAt = Date.now();
      await sleep(
        Math.max(0, t0 + INTERVALS * INTERVAL_S * 1000 + 5000 - Date.now()),
      );
      const observedUntil = Date.now();
      const runs = (await allRuns(scenario)).filter(
        r => r.trigger === 'schedule',
      );
      const starts = runs.map(r => Date.parse(r.startedAt));
      // Runs are due on a fixed grid (next = previous due time + frequency) and
      // start within the scheduler's 5 s poll: bucket each start on the grid
      // anchored at the first one.
      const first = starts[0];
      const buckets = starts.map(s =>
        Math.round((s - first) / (INTERVAL_S * 1000)),
      );
      const perInterval: number[] = [];
      for (const k of buckets) perInterval[k] = (perInterval[k] ?? 0) + 1;
      const counts = Array.from(perInterval, c => c ?? 0);
      const complete = counts.slice(
        0,
        Math.floor((observedUntil - first) / (INTERVAL_S * 1000)),
      );
      const overlaps = runs.filter(
        (r, i) =>
          i > 0 &&
          (!runs[i - 1].finishedAt ||
            Date.parse(runs[i - 1].finishedAt!) > Date.parse(r.startedAt)),
      ).length;
      figures.schedule = {
        intervalSeconds: INTERVAL_S,
        observedSeconds: Math.round((observedUntil - t0) / 1000),
        scheduledRuns: runs.length,
        runsPerInterval: complete,
        overlaps,
        statuses: [...new Set(runs.map(r => r.status))],
        syncsByReplica: { a: syncsLogged(a), b: syncsLogged(b) },
        replicaAKilledAfterSeconds: Math.round((killedAt - t0) / 1000),
        syncsByBAfterAKilled: syncsLogged(b),
        syncsByABeforeKill,
        startOffsetsSeconds: starts.map(
          s => Math.round((s - first) / 100) / 10,
        ),
      };
      expect(complete.length).toBeGreaterThanOrEqual(INTERVALS - 1);
      expect(complete.every(c => c === 1)).toBe(true);
      expect(overlaps).toBe(0);
      expect(runs.every(r => r.status === 'succeeded')).toBe(true);
      expect(syncsLogged(a) + syncsLogged(b)).toBe(runs.length);
      // b ran every interval after a died
      expect(runs.filter(r => Date.parse(r.startedAt) > killedAt).length).toBe(
        syncsLogged(b),
      );
      expect(syncsLogged(b)).toBeGreaterThanOrEqual(
        Math.floor(INTERVALS / 2) - 1,
      );
    });

    it('"Sync now" from either replica runs once; status reads the same from both', async () => {
      // restart both with syncs on demand only, so nothing else starts runs
      await Promise.all([a.stop(), b.stop()]);
      for (const backend of [a, b]) {
        backend.options.provider = {
          ...backend.options.provider,
          schedule: {
            frequency: { trigger: 'manual' },
            timeout: { seconds: 60 },
          },
        };
      }
      await a.start();
      await b.start();

      const count = async () =>
        (await allRuns(scenario)).filter(r => r.trigger !== 'reapply').length;
      const settle = async (): Promise<number> => {
        // wait until nothing runs, then 6 s more to see any second run start
        await waitFor(
          'no run in progress',
          () => a.status(),
          s => !s.running,
          60_000,
          300,
        );
        await sleep(6000);
        await waitFor(
          'no run in progress',
          () => a.status(),
          s => !s.running,
          60_000,
          300,
        );
        return count();
      };

      const syncNow: Record<string, any> = {};
      let n0 = await settle();
      for (const [name, replica] of [
        ['a', a],
        ['b', b],
      ] as const) {
        const res = await replica.api('POST', `${P}/sync`);
        const n1 = await settle();
        syncNow[`from ${name}`] = { response: res.status, newRuns: n1 - n0 };
        n0 = n1;
      }
      // both at the same instant
      const [ra, rb] = await Promise.all([
        a.api('POST', `${P}/sync`),
        b.api('POST', `${P}/sync`),
      ]);
      let n1 = await settle();
      syncNow['from both at once'] = {
        responses: [ra.status, rb.status].sort(),
        newRuns: n1 - n0,
      };
      n0 = n1;
      // one replica asks while the other's run is in progress
      scenario.sandbox.control.setLatency(600);
      const first = await a.api('POST', `${P}/sync`);
      await waitFor(
        'a run in progress',
        () => b.status(),
        s => s.running,
        30_000,
        100,
      );
      const second = await b.api('POST', `${P}/sync`);
      scenario.sandbox.control.setLatency(0);
      n1 = await settle();
      syncNow['from b while a runs'] = {
        responses: [first.status, second.status],
        message: second.body?.error?.message,
        newRuns: n1 - n0,
      };

      // status from both replicas at the same moment (idle)
      const [sa, sb] = await Promise.all([a.api('GET', P), b.api('GET', P)]);
      const [runsA, runsB] = await Promise.all([
        a.api('GET', `${P}/runs`),
        b.api('GET', `${P}/runs`),
      ]);
      const [listA, listB] = await Promise.all([
        a.api('GET', '/api/catalog/paycor/providers'),
        b.api('GET', '/api/catalog/paycor/providers'),
      ]);
      figures.syncNow = syncNow;
      figures.statusIdentical =
        JSON.stringify(sa.body) === JSON.stringify(sb.body);
      figures.runsIdentical =
        JSON.stringify(runsA.body) === JSON.stringify(runsB.body);
      figures.providerListIdentical =
        JSON.stringify(listA.body) === JSON.stringify(listB.body);
      figures.status = {
        health: sa.body.health,
        running: sa.body.running,
        lastRun: sa.body.lastRun?.status,
      };

      expect(syncNow['from a']).toEqual({ response: 202, newRuns: 1 });
      expect(syncNow['from b']).toEqual({ response: 202, newRuns: 1 });
      expect(syncNow['from both at once'].newRuns).toBe(1);
      expect(syncNow['from b while a runs']).toMatchObject({
        responses: [202, 409],
        newRuns: 1,
      });
      expect(sa.body).toEqual(sb.body);
      expect(runsA.body).toEqual(runsB.body);
      expect(listA.body).toEqual(listB.body);
    });

    it('no secret in any log line or response of either replica', async () => {
      await scenario.storedTokens();
      await Promise.all([a.stop(), b.stop()]);
      expect(scenario.scanSecrets().leaks).toEqual([]);
    });
  },
);
