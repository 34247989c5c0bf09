import {
  NO_DIRTY_DATA,
  PaycorSandbox,
  startPaycorSandbox,
} from '@paycor-backstage/paycor-sandbox';
import { SyncRun } from '@paycor-backstage/plugin-paycor-common';
import { Knex } from 'knex';
import {
  PaycorTestApi,
  PROVIDER_ID,
  startPaycorTestBackend,
} from '../__testUtils__/paycorTestBackend';

jest.setTimeout(180_000);

const P = `/providers/${PROVIDER_ID}`;
const TASK = `paycor-sync:${PROVIDER_ID}`;

/** `minutes` ago (negative: from now) in the database's own clock and format. */
function dbTimeAgo(knex: Knex, minutes: number) {
  const pg = knex.client.config.client === 'pg';
  return pg
    ? knex.raw(`now() - interval '${minutes} minutes'`)
    : knex.raw(`datetime('now', '${-minutes} minutes')`);
}

async function newRuns(backend: PaycorTestApi, before: Set<string>) {
  const res = await backend.api('get', `${P}/runs?limit=50`);
  return (res.body.items as SyncRun[]).filter(r => !before.has(r.id));
}

async function runIds(backend: PaycorTestApi) {
  const res = await backend.api('get', `${P}/runs?limit=50`);
  return new Set((res.body.items as SyncRun[]).map(r => r.id));
}

describe('runs that cannot finish normally are recorded and never block the next sync', () => {
  let sandbox: PaycorSandbox;
  let backend: PaycorTestApi;
  let knex: Knex;

  beforeAll(async () => {
    sandbox = await startPaycorSandbox({
      employees: 450, // three employee pages
      seed: 11,
      dirtyData: NO_DIRTY_DATA,
    });
    backend = await startPaycorTestBackend({
      sandbox,
      provider: {
        schedule: { frequency: { trigger: 'manual' }, timeout: { seconds: 4 } },
      },
    });
    knex = await backend.db();
    const first = await backend.syncNow();
    if (first.status !== 'succeeded') {
      throw new Error(
        `the first sync ${first.status}: ${first.error?.message}`,
      );
    }
  });

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
  });

  afterEach(() => sandbox.control.setLatency(0));

  it('counts only its own Paycor calls while Verify runs alongside', async () => {
    const alone = await backend.syncNow();
    expect(alone.status).toBe('succeeded');

    sandbox.control.setLatency(250);
    const before = await runIds(backend);
    expect((await backend.api('post', `${P}/sync`)).status).toBe(202);
    // Verify (a token refresh and a legal-entity read) while the sync pages
    const verify = await backend.api('post', `${P}/verify`);
    expect(verify.status).toBe(200);
    const run = await backend.eventually(
      async () => (await newRuns(backend, before))[0],
      r => Boolean(r && r.status !== 'running'),
      30_000,
    );
    expect(run.status).toBe('succeeded');
    expect(run.apiCalls).toBe(alone.apiCalls);
  });

  it('records a sync that timed out, saying so and what to change', async () => {
    sandbox.control.setLatency(2500);
    const run = await backend.syncNow();
    expect(run.status).toBe('failed');
    expect(run.error?.name).toBe('SyncTimeoutError');
    expect(run.error?.message).toMatch(
      /did not finish within its schedule timeout \(4 sec\)/,
    );
    expect(run.error?.message).toContain(
      `catalog.providers.paycor.${PROVIDER_ID}.schedule.timeout`,
    );
  });

  it('records a sync that could not get the writer lease, naming it', async () => {
    await knex('paycor_locks')
      .insert({
        name: `writer:${PROVIDER_ID}`,
        holder: 'another-replica',
        expires_at: new Date(Date.now() + 60_000).toISOString(),
      })
      .onConflict('name')
      .merge();
    try {
      const run = await backend.syncNow();
      expect(run.status).toBe('failed');
      expect(run.error?.name).toBe('WriterLeaseTimeoutError');
      expect(run.error?.message).toMatch(/held the writer lease/);
      expect((await backend.status()).lastRun?.id).toBe(run.id);
    } finally {
      await knex('paycor_locks')
        .where({ name: `writer:${PROVIDER_ID}` })
        .delete();
    }
    expect((await backend.syncNow()).status).toBe('succeeded');
  });

  it('stops before applying when another replica has taken the writer lease, and the next sync applies', async () => {
    const LEASE = `writer:${PROVIDER_ID}`;
    await backend.settled();
    const victim = sandbox.control
      .getOrg()
      .employees.find(e => e.statusData?.status === 'Active')!;
    const userOf = async () =>
      (await backend.entities('user')).find(
        u => u.metadata.annotations?.['paycor.com/employee-id'] === victim.id,
      );
    expect(await userOf()).toBeDefined();
    // a real change is pending, so an apply would show
    sandbox.control.terminateEmployee(victim.id!, {
      date: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10),
    });
    sandbox.control.setLatency(300);
    const before = await runIds(backend);
    expect((await backend.api('post', `${P}/sync`)).status).toBe(202);
    // While the sync reads Paycor, its lease lapses (renewals failing, say)
    // and another replica takes it.
    await backend.eventually(
      () => knex('paycor_locks').where({ name: LEASE }).first(),
      row => Boolean(row),
      10_000,
    );
    await knex('paycor_locks')
      .where({ name: LEASE })
      .update({
        holder: 'another-replica',
        expires_at: new Date(Date.now() + 60_000).toISOString(),
      });
    try {
      const run = await backend.eventually(
        async () => (await newRuns(backend, before))[0],
        r => Boolean(r && r.status !== 'running'),
        30_000,
      );
      expect(run.status).toBe('failed');
      expect(run.error?.name).toBe('LeaseLostError');
      expect(run.error?.message).toContain(
        `Lost the lease "${LEASE}" before applying the mutation to the catalog (it expired and another holder took it)`,
      );
      expect(await userOf()).toBeDefined();
      // the other replica's lease is theirs still
      expect(
        (await knex('paycor_locks').where({ name: LEASE }).first())?.holder,
      ).toBe('another-replica');
    } finally {
      await knex('paycor_locks').where({ name: LEASE }).delete();
      sandbox.control.setLatency(0);
    }

    const next = await backend.syncNow();
    expect(next.status).toBe('succeeded');
    expect(next.counts.removed).toBeGreaterThanOrEqual(1);
    // what the stopped run left unsaid is healed by sending everything
    expect(next.mutation).toBe('full');
    expect(await userOf()).toBeUndefined();
  });

  it('frees the scheduler task of a sync whose replica died, so "Sync now" works at once', async () => {
    // What kill -9 mid-sync leaves: the scheduler's ticket (held until the
    // task timeout) and a run that stopped heartbeating.
    await knex('backstage_backend_tasks__tasks')
      .where({ id: TASK })
      .update({
        current_run_ticket: 'ticket-of-a-dead-replica',
        current_run_started_at: dbTimeAgo(knex, 5),
        current_run_expires_at: dbTimeAgo(knex, -10),
      });
    await knex('paycor_runs').insert({
      id: 'run-of-a-dead-replica',
      provider_id: PROVIDER_ID,
      trigger: 'schedule',
      status: 'running',
      started_at: new Date(Date.now() - 5 * 60_000).toISOString(),
      heartbeat_at: new Date(Date.now() - 4 * 60_000).toISOString(),
      counts: '{}',
      api_calls: 0,
    });
    expect((await backend.status()).running).toBe(false);

    const run = await backend.syncNow();
    expect(run.status).toBe('succeeded');
    const dead = await knex('paycor_runs')
      .where({ id: 'run-of-a-dead-replica' })
      .first();
    expect(dead.status).toBe('abandoned');
  });

  it('still refuses "Sync now" while a live sync holds the task', async () => {
    await knex('backstage_backend_tasks__tasks')
      .where({ id: TASK })
      .update({
        current_run_ticket: 'ticket-of-a-live-replica',
        current_run_started_at: dbTimeAgo(knex, 5),
        current_run_expires_at: dbTimeAgo(knex, -10),
      });
    await knex('paycor_runs').insert({
      id: 'run-of-a-live-replica',
      provider_id: PROVIDER_ID,
      trigger: 'schedule',
      status: 'running',
      started_at: new Date(Date.now() - 5 * 60_000).toISOString(),
      heartbeat_at: new Date().toISOString(),
      counts: '{}',
      api_calls: 0,
    });
    try {
      expect((await backend.status()).running).toBe(true);
      const res = await backend.api('post', `${P}/sync`);
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/already running/);
    } finally {
      await knex('backstage_backend_tasks__tasks').where({ id: TASK }).update({
        current_run_ticket: null,
        current_run_started_at: null,
        current_run_expires_at: null,
      });
      await knex('paycor_runs')
        .where({ id: 'run-of-a-live-replica' })
        .update({ status: 'failed', finished_at: new Date().toISOString() });
    }
  });
});
