import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  NO_DIRTY_DATA,
  PaycorSandbox,
  SandboxFault,
  startPaycorSandbox,
} from '@paycor-backstage/paycor-sandbox';
import {
  PaycorTestApi,
  PROVIDER_ID,
  startPaycorTestBackend,
} from '../__testUtils__/paycorTestBackend';

jest.setTimeout(180_000);

/** The catalog's view of the synced org, comparable across runs. */
async function catalogState(backend: PaycorTestApi) {
  const entities: Entity[] = [
    ...(await backend.entities('user')),
    ...(await backend.entities('group')),
  ];
  return entities
    .map(e => `${stringifyEntityRef(e)} ${JSON.stringify(e.spec)}`)
    .sort();
}

describe('faults: a failed or partial Paycor read changes nothing', () => {
  let sandbox: PaycorSandbox;
  let backend: PaycorTestApi;
  const sandboxNow = Date.now();
  let baseline: string[];

  beforeAll(async () => {
    sandbox = await startPaycorSandbox({
      employees: 600, // three employee pages
      seed: 3,
      dirtyData: NO_DIRTY_DATA,
      now: () => new Date(sandboxNow),
    });
    backend = await startPaycorTestBackend({ sandbox });
    const first = await backend.syncNow();
    if (first.status !== 'succeeded') {
      throw new Error(`the first sync ${first.status}: ${first.error?.message}`);
    }
    await backend.settled();
    baseline = await catalogState(backend);
  });

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
  });

  afterEach(() => sandbox.control.clearFaults());

  /**
   * Changes the org, injects the fault, syncs, checks that nothing moved and
   * that the connection recovers; returns the failed run.
   */
  async function failedRunChangesNothing(fault: SandboxFault) {
    const victim = sandbox.control
      .getOrg()
      .employees.find(e => e.statusData?.status === 'Active')!;
    // A real change is pending, so a partial apply would show.
    sandbox.control.terminateEmployee(victim.id!, {
      date: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
    });
    sandbox.control.injectFault(fault);

    const run = await backend.syncNow();
    expect(run.status).toBe('failed');
    expect(run.counts.added + run.counts.updated + run.counts.removed).toBe(0);
    expect(await catalogState(backend)).toEqual(baseline);
    expect((await backend.status()).health).toBe('failing');

    // The connection survives: the stored refresh token still works (verify
    // spends it and stores the rotated one) and the next sync succeeds.
    sandbox.control.clearFaults();
    const verify = await backend.api('post', `/providers/${PROVIDER_ID}/verify`);
    expect(verify.body.steps[0]).toMatchObject({ name: 'Refresh token', ok: true });
    const recovered = await backend.syncNow();
    expect(recovered.status).toBe('succeeded');
    expect((await backend.status()).health).toBe('healthy');
    await backend.settled();
    baseline = await catalogState(backend);
    return run;
  }

  it('500s on an employee page past the retries', async () => {
    const run = await failedRunChangesNothing({
      type: '500',
      count: 10,
      endpoint: 'employees',
      afterCalls: 1,
    });
    expect(run.error?.message).toMatch(/employees answered 500/);
  });

  it('an interrupted listing', async () => {
    const run = await failedRunChangesNothing({
      type: 'interrupted-listing',
      count: 1,
      endpoint: 'employees',
    });
    expect(run.error?.message).toMatch(/continuation/i);
  });

  it('truncated JSON on every attempt', async () => {
    const run = await failedRunChangesNothing({
      type: 'truncated-json',
      count: 10,
      endpoint: 'departments',
    });
    expect(run.error?.message).toMatch(/malformed JSON/);
  });

  it('a malformed page keeps the last good data for the bad records', async () => {
    const before = await catalogState(backend);
    sandbox.control.injectFault({
      type: 'malformed-records',
      count: 1,
      endpoint: 'employees',
    });
    const run = await backend.syncNow();
    // one bad record is a conflict, not a failed run
    expect(run.error).toBeUndefined();
    expect(run.status).toBe('succeeded');
    expect(await catalogState(backend)).toEqual(before);
    const conflicts = await backend.api(
      'get',
      `/providers/${PROVIDER_ID}/conflicts?type=invalid-record`,
    );
    expect(conflicts.body.totalCount).toBeGreaterThan(0);
    expect(conflicts.body.items[0].message).toMatch(/last good/i);
  });
});

describe('faults: a revoked refresh token', () => {
  it('fails clearly, keeps the org, and recovers once a new token is configured', async () => {
    let sandboxNow = Date.now();
    const sandbox = await startPaycorSandbox({
      employees: 150,
      seed: 5,
      dirtyData: NO_DIRTY_DATA,
      now: () => new Date(sandboxNow),
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'paycor-revoked-'));
    let backend = await startPaycorTestBackend({ sandbox, sqliteDirectory: dir });
    try {
      expect((await backend.syncNow()).status).toBe('succeeded');
      await backend.settled();
      const before = await catalogState(backend);

      // Paycor's clock passes the access token's 30 minutes, and the app's
      // activation is revoked: the next refresh is refused.
      sandboxNow += 31 * 60_000;
      sandbox.control.injectFault({ type: 'revoked-refresh-token', count: 1 });
      const failed = await backend.syncNow();
      expect(failed.status).toBe('failed');
      expect(failed.error?.name).toBe('PaycorAuthError');
      expect(failed.error?.message).toMatch(/re-activated.*refreshToken/);
      const status = await backend.status();
      expect(status.health).toBe('failing');
      expect(status.healthReason).toMatch(/Data stays as of the last good sync/);
      expect(await catalogState(backend)).toEqual(before);

      // The admin re-activates the app and configures the new refresh token:
      // the changed config value replaces the stored (revoked) one.
      await backend.stop();
      const fresh = sandbox.control.mintTokens();
      backend = await startPaycorTestBackend({
        sandbox,
        sqliteDirectory: dir,
        provider: { refreshToken: fresh.refreshToken },
      });
      const recovered = await backend.syncNow();
      expect(recovered.status).toBe('succeeded');
      expect(recovered.counts).toMatchObject({ added: 0, removed: 0 });
      await backend.settled();
      expect(await catalogState(backend)).toEqual(before);
      expect((await backend.status()).health).toBe('healthy');
    } finally {
      await backend.stop();
      await sandbox.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
