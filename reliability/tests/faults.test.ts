/*
 * The fault suite: a real backend process (PostgreSQL and SQLite) syncing
 * from the Paycor sandbox while the sandbox (or the network, or the database)
 * misbehaves. For every fault: Paycor entities lost from the catalog (by
 * Paycor id, must be 0), refresh tokens lost (the stored token no longer
 * works afterwards, must be 0), the module's run status and its message.
 */
import { SandboxFault } from '@paycor-backstage/paycor-sandbox';
import { SyncRun } from '@paycor-backstage/plugin-paycor-common';
import {
  BackendProcess,
  lost,
  P,
  stopAllBackends,
} from '../lib/backendProcess';
import {
  databasesUnderTest,
  DbKind,
  postgresServer,
  postgresServerManaged,
  terminatePostgresConnections,
} from '../lib/database';
import { checkKnownBug } from '../lib/knownBugs';
import { secondsSince, sleep, waitFor, writeFragment } from '../lib/results';
import { Scenario } from '../lib/scenario';

const kinds = databasesUnderTest();
const quick = process.env.RELIABILITY_QUICK === '1';

afterAll(() => stopAllBackends());

interface FaultRow {
  fault: string;
  database: DbKind;
  entitiesLost: number | null;
  tokensLost: number | null;
  runStatus: string;
  message: string;
  health?: string;
  note?: string;
  seconds?: number;
}

describe.each(kinds)('fault suite (%s)', (kind: DbKind) => {
  const rows: FaultRow[] = [];
  let scenario: Scenario;
  let backend: BackendProcess;
  let baseline: Set<string>;

  beforeAll(async () => {
    scenario = await new Scenario({
      name: 'faults',
      kind,
      // three employee pages, one department page
      sandbox: { employees: 600, seed: 3 },
      provider: {
        schedule: {
          frequency: { trigger: 'manual' },
          timeout: { seconds: 150 },
        },
        request: { timeoutMs: 2000, maxRetries: 3 },
      },
    }).init();
    backend = scenario.backend('a');
    await backend.start();
    const first = await backend.syncNow();
    if (first.run.status !== 'succeeded') {
      throw new Error(
        `first sync ${first.run.status}: ${first.run.error?.message}`,
      );
    }
    baseline = await backend.settled();
  });

  afterAll(async () => {
    writeFragment(`faults-${kind}`, { rows });
    await scenario?.teardown();
  });

  afterEach(async () => {
    scenario.sandbox.control.clearFaults();
    scenario.sandbox.control.setLatency(0);
    scenario.sandbox.control.setRateLimit({ limit: 1000, windowMs: 60_000 });
    scenario.proxy.mode = 'pass';
    await scenario.storedTokens().catch(() => undefined);
  });

  function summary(run: SyncRun) {
    const retries = run.apiCalls;
    return `(no error) ${run.counts.users} users, ${
      run.counts.groups
    } groups, +${run.counts.added} ~${run.counts.updated} -${
      run.counts.removed
    }, ${retries} Paycor calls, ${
      Math.round((run.durationMs ?? 0) / 100) / 10
    } s`;
  }

  /**
   * Syncs under the fault, then clears it and checks the aftermath: catalog
   * entities (right after the faulted run and after a recovery sync), the
   * stored refresh token (verify), the next sync.
   */
  async function measure(
    fault: string,
    inject: () => Promise<void> | void,
    options: {
      expect: 'succeeded' | 'failed' | 'either';
      /** the fault itself revokes/rotates the token at Paycor */
      tokenFault?: boolean;
      /** run a sync and return it; default "Sync now" */
      sync?: () => Promise<SyncRun>;
      recover?: () => Promise<void>;
      note?: string;
      /** how long "Sync now" may be refused (409) before the recovery sync */
      recoveryWaitMs?: number;
    },
  ) {
    const t0 = Date.now();
    await inject();
    const run = options.sync
      ? await options.sync()
      : (await backend.syncNow({ timeoutMs: 240_000 })).run;
    const health = (await backend.status()).health;
    const afterFault = await backend.paycorEntities();
    scenario.sandbox.control.clearFaults();
    scenario.sandbox.control.setLatency(0);
    scenario.proxy.mode = 'pass';

    let tokensLost: number | null;
    let note = options.note;
    if (options.tokenFault) {
      tokensLost = 0;
      note = `${
        note ? `${note} ` : ''
      }The fault itself made Paycor refuse the token (not counted as lost by the module); recovered by configuring a newly activated refresh token.`;
    } else {
      const verify = await backend.verify();
      tokensLost = verify.refreshOk ? 0 : 1;
    }
    await options.recover?.();
    const recovered = await backend.syncNow({
      acceptConflictForMs: options.recoveryWaitMs ?? 120_000,
      timeoutMs: 240_000,
    });
    const afterRecovery = await backend.settled();
    const entitiesLost = new Set([
      ...lost(baseline, afterFault),
      ...lost(baseline, afterRecovery),
    ]).size;
    // a run whose end could not be recorded is abandoned later
    const final = (await backend.runs(50)).find(r => r.id === run.id) ?? run;
    const statusText =
      final.status === run.status
        ? run.status
        : `${run.status} → ${final.status}`;
    const error = final.error ?? run.error;
    rows.push({
      fault,
      database: kind,
      entitiesLost,
      tokensLost,
      runStatus: statusText,
      message: error ? `${error.name}: ${error.message}` : summary(run),
      health,
      note:
        `${note ? `${note} ` : ''}Recovery sync: ${recovered.run.status}` +
        `${
          recovered.refusedForMs
            ? ` ("Sync now" refused for ${Math.round(
                recovered.refusedForMs / 1000,
              )} s first)`
            : ''
        }.`,
      seconds: secondsSince(t0),
    });
    expect(entitiesLost).toBe(0);
    expect(tokensLost).toBe(0);
    expect(recovered.run.status).toBe('succeeded');
    if (options.expect !== 'either') expect(run.status).toBe(options.expect);
    expect(final.status).not.toBe('running');
    if (run.status === 'failed') {
      expect(health).toBe('failing');
      // a clear message: names Paycor / the endpoint, never "undefined"
      expect(run.error?.message).toMatch(/\S{3,}/);
      expect(run.error?.message).not.toMatch(/undefined|\[object Object\]/);
    }
    return run;
  }

  const fault = (f: SandboxFault) => () => {
    scenario.sandbox.control.injectFault(f);
  };

  it('500 once (retried)', async () => {
    await measure(
      '500 once',
      fault({ type: '500', endpoint: 'employees', afterCalls: 1 }),
      {
        expect: 'succeeded',
      },
    );
  });

  it('500 past the retries', async () => {
    const run = await measure(
      '500 on every retry of an employee page',
      fault({ type: '500', count: 10, endpoint: 'employees', afterCalls: 1 }),
      { expect: 'failed' },
    );
    expect(run.error?.message).toMatch(/employees answered 500/);
  });

  it('503 twice (retried)', async () => {
    await measure(
      '503 twice',
      fault({ type: '503', count: 2, endpoint: 'departments' }),
      {
        expect: 'succeeded',
      },
    );
  });

  it('503 past the retries', async () => {
    const run = await measure(
      '503 on every retry',
      fault({ type: '503', count: 10, endpoint: 'employees' }),
      { expect: 'failed' },
    );
    expect(run.error?.message).toMatch(/503/);
  });

  it('a 429 storm (gateway quota of 2 calls per 2 s)', async () => {
    await measure(
      '429 storm: quota 2 calls / 2 s for the whole run',
      () => scenario.sandbox.control.setRateLimit({ limit: 2, windowMs: 2000 }),
      { expect: 'either', note: 'Real 429s with Retry-After ≤ 2 s.' },
    );
  });

  if (!quick) {
    it('429 with Retry-After: 60 for 5 s', async () => {
      await measure(
        '429 (Retry-After: 60) on every call for 5 s',
        fault({ type: '429', durationMs: 5000 }),
        {
          expect: 'either',
          note: 'The client honours Retry-After: the run waits 60 s.',
        },
      );
    });
  }

  it('timeouts past the retries', async () => {
    const run = await measure(
      'timeout (no answer) on every retry of an employee page',
      fault({
        type: 'timeout',
        count: 10,
        endpoint: 'employees',
        afterCalls: 1,
      }),
      { expect: 'failed', note: 'request.timeoutMs 2000, maxRetries 3.' },
    );
    expect(run.error?.message).toMatch(/did not answer within 2000 ms/);
  });

  it('one timeout (retried)', async () => {
    await measure(
      'timeout once',
      fault({ type: 'timeout', count: 1, endpoint: 'departments' }),
      {
        expect: 'succeeded',
      },
    );
  });

  it('truncated JSON', async () => {
    const run = await measure(
      'truncated JSON on every retry',
      fault({ type: 'truncated-json', count: 10, endpoint: 'departments' }),
      { expect: 'failed' },
    );
    expect(run.error?.message).toMatch(/malformed JSON/);
  });

  it('malformed records', async () => {
    const run = await measure(
      'malformed records on an employee page',
      fault({ type: 'malformed-records', count: 1, endpoint: 'employees' }),
      {
        expect: 'succeeded',
        note: 'Bad records become invalid-record conflicts; their last good version is kept.',
      },
    );
    const conflicts = await backend.api(
      'GET',
      `${P}/conflicts?type=invalid-record&status=all`,
    );
    expect(conflicts.body.totalCount).toBeGreaterThan(0);
    rows[
      rows.length - 1
    ].message += `; ${conflicts.body.totalCount} invalid-record conflicts, e.g. "${conflicts.body.items[0]?.message}"`;
    expect(run.counts.removed).toBe(0);
  });

  it('an interrupted listing', async () => {
    const run = await measure(
      'interrupted listing (more results, unknown continuation token)',
      fault({ type: 'interrupted-listing', count: 1, endpoint: 'employees' }),
      { expect: 'failed' },
    );
    expect(run.error?.message).toMatch(/continuation/i);
  });

  it('Paycor unreachable (connections refused)', async () => {
    await measure(
      'Paycor unreachable (connection reset)',
      () => {
        scenario.proxy.mode = 'refuse';
      },
      { expect: 'failed' },
    );
  });

  if (kind === 'postgres') {
    it('the database connections are terminated mid-sync', async () => {
      let terminatedConnections = 0;
      await measure(
        'DB connections terminated mid-sync (pg_terminate_backend)',
        () => scenario.sandbox.control.setLatency(1000),
        {
          expect: 'either',
          sync: async () => {
            const before = new Set((await backend.runs(20)).map(r => r.id));
            scenario.sandbox.control.resetCallLog();
            await backend.api('POST', `${P}/sync`);
            await waitFor(
              'the last page requested',
              async () =>
                scenario.sandbox.control.getCallLog().byEndpoint.employees ?? 0,
              n => n >= 3,
              30_000,
              20,
            );
            const terminated = await terminatePostgresConnections(
              scenario.db.prefix!,
            );
            const runs = await waitFor(
              'the run ended',
              async () => {
                try {
                  return await backend.runs(20);
                } catch {
                  return [];
                }
              },
              items =>
                items.some(
                  r =>
                    !before.has(r.id) &&
                    r.trigger !== 'reapply' &&
                    r.status !== 'running',
                ),
              180_000,
              500,
            );
            const run = runs.find(
              r => !before.has(r.id) && r.trigger !== 'reapply',
            )!;
            terminatedConnections = terminated;
            return run;
          },
        },
      );
      rows[
        rows.length - 1
      ].note = `${terminatedConnections} connections terminated. ${
        rows[rows.length - 1].note
      }`;
    });

    (postgresServerManaged() ? it : it.skip)(
      'the database server is down for 8 s mid-sync',
      async () => {
        let downFor = 0;
        let statusWhileDown = 0;
        await measure(
          'DB server stopped for 8 s as the sync applies',
          () => scenario.sandbox.control.setLatency(1000),
          {
            expect: 'either',
            recoveryWaitMs: 300_000,
            sync: async () => {
              const before = new Set((await backend.runs(20)).map(r => r.id));
              scenario.sandbox.control.resetCallLog();
              await backend.api('POST', `${P}/sync`);
              // the last employee page is requested: when it arrives (1 s
              // later) the sync transforms and applies, with the database down
              await waitFor(
                'the last page requested',
                async () =>
                  scenario.sandbox.control.getCallLog().byEndpoint.employees ??
                  0,
                n => n >= 3,
                30_000,
                20,
              );
              await scenario.db.release();
              const t0 = Date.now();
              postgresServer('stop');
              try {
                statusWhileDown = (
                  await backend.api('GET', P, { timeoutMs: 10_000 })
                ).status;
              } catch {
                statusWhileDown = -1;
              }
              await sleep(Math.max(0, 8000 - (Date.now() - t0)));
              postgresServer('start');
              downFor = secondsSince(t0);
              // the run ends failed, or stays "running" when even its end could
              // not be written (it is abandoned later)
              const deadline = Date.now() + 30_000;
              for (;;) {
                const runs = await backend
                  .runs(20)
                  .catch(() => [] as SyncRun[]);
                const run = runs.find(
                  r => !before.has(r.id) && r.trigger !== 'reapply',
                );
                if (run && (run.status !== 'running' || Date.now() > deadline))
                  return run;
                if (Date.now() > deadline + 60_000)
                  throw new Error('no run recorded');
                await sleep(1000);
              }
            },
          },
        );
        const row = rows[rows.length - 1];
        row.note = `Server down ${downFor} s; the status API answered ${statusWhileDown} meanwhile. ${row.note}`;
        await checkKnownBug(
          'db-outage-run-not-recorded',
          'A sync that fails because the database is briefly down is not recorded as failed: its run stays "running", is later marked "abandoned" as if the backend had crashed, the module logs nothing, and "Sync now" is refused until the task timeout passes',
          () => {
            expect(row.runStatus).toBe('failed');
            expect(row.note).not.toMatch(/refused for/);
          },
          { row },
        );
      },
    );
  } else {
    it('the database is briefly unavailable: not applicable on SQLite', () => {
      rows.push({
        fault: 'DB briefly unavailable',
        database: kind,
        entitiesLost: null,
        tokensLost: null,
        runStatus: 'n/a',
        message:
          'Not applicable: SQLite is a file in the backend process, it cannot be unavailable on its own.',
      });
    });
  }

  it('slow pages past the task timeout', async () => {
    // restart with a 10 s task timeout and 4 s per Paycor call
    await backend.stop();
    backend.options.provider = {
      ...backend.options.provider,
      schedule: { frequency: { trigger: 'manual' }, timeout: { seconds: 10 } },
      request: { timeoutMs: 8000, maxRetries: 1 },
    };
    await backend.start();
    const run = await measure(
      'slow pages past the task timeout (4 s per call, 10 s timeout)',
      () => scenario.sandbox.control.setLatency(4000),
      { expect: 'failed' },
    );
    rows[
      rows.length - 1
    ].note = `The scheduler aborts the task after its timeout. ${
      rows[rows.length - 1].note
    }`;
    expect(run.error?.message).toBeDefined();
    await checkKnownBug(
      'timeout-abort-message',
      'A sync stopped by its schedule timeout is recorded as "AbortError: This operation was aborted", which does not say what happened or what to do',
      () =>
        expect(run.error?.message).toMatch(
          /time ?out|timed out|did not finish/i,
        ),
      { error: run.error },
    );
  });

  it('a revoked refresh token', async () => {
    // Paycor's access token expires and the app's activation is revoked
    scenario.sandboxOffsetMs += 31 * 60_000;
    const run = await measure(
      'revoked refresh token (app de-activated)',
      fault({ type: 'revoked-refresh-token', count: 1 }),
      {
        expect: 'failed',
        tokenFault: true,
        recover: async () => {
          scenario.reseed();
          await backend.stop();
          await backend.start();
        },
      },
    );
    expect(run.error?.name).toBe('PaycorAuthError');
  });

  it('a refresh token rotated away by someone else', async () => {
    // Another client (a copied database, a second environment) spends the
    // stored refresh token; Paycor rotates it away from us.
    const stored = await scenario.storedTokens();
    const res = await fetch(
      `${
        scenario.sandbox.url
      }/sts/v1/common/token?subscription-key=${encodeURIComponent(
        scenario.credentials.subscriptionKey,
      )}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: stored!.refresh_token,
          client_id: scenario.credentials.clientId,
          client_secret: scenario.credentials.clientSecret,
        }).toString(),
      },
    );
    const rotated = await res.json();
    scenario.secret(
      'refresh token rotated by another client',
      rotated.refresh_token,
    );
    scenario.secret('access token of another client', rotated.access_token);
    expect(res.status).toBe(200);
    scenario.sandboxOffsetMs += 31 * 60_000;
    const run = await measure(
      'refresh token rotated away by another client',
      () => {},
      {
        expect: 'failed',
        tokenFault: true,
        recover: async () => {
          scenario.reseed();
          await backend.stop();
          await backend.start();
        },
      },
    );
    expect(run.error?.name).toBe('PaycorAuthError');
  });

  it('no secret in any log line or response of this backend', async () => {
    await scenario.storedTokens();
    await backend.stop();
    const scan = scenario.scanSecrets();
    expect(scan.logLines).toBeGreaterThan(100);
    expect(scan.secretsChecked).toBeGreaterThan(5);
    expect(scan.leaks).toEqual([]);
  });
});
