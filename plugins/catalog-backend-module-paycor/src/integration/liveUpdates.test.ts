import {
  NO_DIRTY_DATA,
  PaycorSandbox,
  startPaycorSandbox,
} from '@paycor-backstage/paycor-sandbox';
import {
  LiveUpdatesStatus,
  PersonDetail,
  SyncRun,
} from '@paycor-backstage/plugin-paycor-common';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  PaycorTestApi,
  PROVIDER_ID,
  startPaycorTestBackend,
} from '../__testUtils__/paycorTestBackend';

jest.setTimeout(300_000);

const P = `/providers/${PROVIDER_ID}`;
const SECRET = 'Bearer live-updates-test-secret';
const JOB_TITLE = 'paycor.com/job-title';

/**
 * Live updates end to end: the sandbox delivers Paycor's event notifications
 * over HTTP to the real events plugin's ingress (/api/events/http/paycor),
 * the Paycor events module checks the secret, and the catalog module applies
 * them to the real catalog. No full sync runs between a change and the
 * check unless the test says so.
 */
describe('Live updates from Paycor event notifications', () => {
  let sandbox: PaycorSandbox;
  let backend: PaycorTestApi;
  let ingressUrl: string;

  beforeAll(async () => {
    sandbox = await startPaycorSandbox({
      employees: 60,
      seed: 16,
      dirtyData: NO_DIRTY_DATA,
    });
    backend = await startPaycorTestBackend({
      sandbox,
      events: true,
      provider: {
        timeZone: 'UTC',
        events: { enabled: true, secret: SECRET },
      },
      module: {
        // a burst must be complete before it is applied; failures retry fast
        liveUpdates: {
          quietMs: 1000,
          maxWaitMs: 6000,
          retryDelaysMs: [300, 300],
        },
      },
    });
    const run = await backend.syncNow();
    if (run.status !== 'succeeded') throw new Error(run.error?.message);
    await backend.settled();
    const { port } = backend.server.address() as AddressInfo;
    ingressUrl = `http://127.0.0.1:${port}/api/events/http/paycor`;
    sandbox.control.subscribe({
      url: ingressUrl,
      secret: SECRET,
      retryDelaysMs: [200, 500],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
  });

  async function runs(): Promise<SyncRun[]> {
    const res = await backend.api('get', `${P}/runs?limit=200`);
    expect(res.status).toBe(200);
    return res.body.items;
  }

  async function fullSyncIds(): Promise<string[]> {
    return (await runs())
      .filter(r => ['schedule', 'manual', 'event-sync'].includes(r.trigger))
      .map(r => r.id);
  }

  async function live(): Promise<LiveUpdatesStatus> {
    const status = await backend.status();
    return status.liveUpdates!;
  }

  async function userOf(employeeId: string) {
    const res = await backend.api('get', `${P}/people/${employeeId}`);
    expect(res.status).toBe(200);
    return res.body as PersonDetail;
  }

  function userRefOf(person: PersonDetail): string {
    const ref = person.entityRef;
    if (!ref) throw new Error(`${person.employeeId} has no User`);
    return ref;
  }

  /** Waits until no event of the connection is pending. */
  async function eventsSettled() {
    const db = await backend.db();
    await backend.eventually(
      async () =>
        Number(
          (
            await db('paycor_events')
              .where({ provider_id: PROVIDER_ID, status: 'pending' })
              .count({ n: '*' })
          )[0].n,
        ),
      n => n === 0,
    );
  }

  it('says live updates are on', async () => {
    const status = await live();
    expect(status.enabled).toBe(true);
    expect(status.problem).toBeUndefined();
    // the first full sync adds everyone: nothing for events to have missed
    const first = await backend.eventually(
      async () => (await runs())[0],
      r => r?.counts.eventsReconciled !== undefined,
    );
    expect(first.counts).toMatchObject({
      correctedAfterEvents: 0,
      eventsReconciled: 0,
    });
    expect(first.counts.added).toBeGreaterThan(0);
  });

  it('a hire reaches the catalog through an event alone', async () => {
    const syncs = await fullSyncIds();
    const hired = sandbox.control.addEmployee({
      firstName: 'Evelyn',
      lastName: 'Eventually',
    });
    const person = await backend.eventually(
      () => userOf(hired.id).catch(() => undefined),
      p => p?.entityRef !== undefined,
    );
    const user = await backend.eventually(
      () => backend.entity(userRefOf(person!)),
      e => e !== undefined,
    );
    expect(user!.spec?.profile).toMatchObject({
      displayName: 'Evelyn Eventually',
    });
    expect(await fullSyncIds()).toEqual(syncs);
    // the run and the person's history name the trigger
    const eventRuns = (await runs()).filter(r => r.trigger === 'event');
    expect(eventRuns.length).toBeGreaterThan(0);
    const detail = await userOf(hired.id);
    expect(detail.history.some(h => h.trigger === 'event')).toBe(true);
    const status = await live();
    expect(status.lastEventAt).toBeDefined();
    expect(status.today.applied).toBeGreaterThan(0);
  });

  it('a title change reaches the catalog through an event alone', async () => {
    const syncs = await fullSyncIds();
    const someone = sandbox.control
      .getOrg()
      .employees.find(e => e.statusData?.status === 'Active')!;
    const ref = userRefOf(await userOf(someone.id));
    sandbox.control.updateEmployee(someone.id, {
      positionData: { jobTitle: 'Chief Event Listener' },
    });
    await backend.eventually(
      () => backend.entity(ref),
      e => e?.metadata.annotations?.[JOB_TITLE] === 'Chief Event Listener',
    );
    expect(await fullSyncIds()).toEqual(syncs);
  });

  it('a termination reaches the catalog through an event alone', async () => {
    const syncs = await fullSyncIds();
    const leaver = sandbox.control
      .getOrg()
      .employees.find(
        e =>
          e.statusData?.status === 'Active' &&
          e.positionData?.jobTitle !== 'Chief Event Listener',
      )!;
    const ref = userRefOf(await userOf(leaver.id));
    expect(await backend.entity(ref)).toBeDefined();
    sandbox.control.terminateEmployee(leaver.id);
    await backend.eventually(
      () => backend.entity(ref),
      e => e === undefined,
    );
    expect(await fullSyncIds()).toEqual(syncs);
  });

  it('refuses a missing or wrong secret and applies nothing', async () => {
    const before = (await runs()).length;
    const refusedBefore = (await live()).today.refused;
    const someone = sandbox.control.getOrg().employees[0];
    const event = {
      eventType: 'Employee.Modified',
      eventId: '6a1f0000-0000-4000-8000-00000000dead',
      tenantId: Number(sandbox.credentials.tenantId),
      legalEntityId: Number(sandbox.credentials.legalEntityId),
      itemId: someone.id,
      extendedProperties: null,
      changedFields: null,
      resource: { id: someone.id, url: `/v1/employees/${someone.id}` },
    };
    const missing = await request(backend.server)
      .post('/api/events/http/paycor')
      .send(event);
    expect(missing.status).toBe(401);
    const wrong = await request(backend.server)
      .post('/api/events/http/paycor')
      .set('Authorization', 'Bearer not-the-secret')
      .send(event);
    expect(wrong.status).toBe(403);
    await backend.eventually(
      () => live(),
      s => s.today.refused === refusedBefore + 2,
    );
    // nothing recorded, nothing run
    const db = await backend.db();
    expect(
      await db('paycor_events').where({ event_id: event.eventId }).first(),
    ).toBeUndefined();
    await new Promise(r => setTimeout(r, 2500));
    expect((await runs()).length).toBe(before);
  });

  it('ignores and counts an event for a legal entity no connection syncs', async () => {
    const before = (await runs()).length;
    const ignoredBefore = (await live()).today.ignored;
    const event = {
      eventType: 'Employee.Modified',
      eventId: '6a1f0000-0000-4000-8000-00000000beef',
      tenantId: Number(sandbox.credentials.tenantId),
      legalEntityId: Number(sandbox.credentials.legalEntityId) + 1,
      itemId: sandbox.control.getOrg().employees[0].id,
    };
    const res = await request(backend.server)
      .post('/api/events/http/paycor')
      .set('Authorization', SECRET)
      .send(event);
    expect(res.status).toBe(202);
    await backend.eventually(
      () => live(),
      s => s.today.ignored === ignoredBefore + 1,
    );
    const db = await backend.db();
    expect(
      await db('paycor_events').where({ event_id: event.eventId }).first(),
    ).toBeUndefined();
    expect((await runs()).length).toBe(before);
  });

  it('applies a duplicated delivery once', async () => {
    const someone = sandbox.control
      .getOrg()
      .employees.find(e => e.statusData?.status === 'Active')!;
    const ref = userRefOf(await userOf(someone.id));
    const duplicatesBefore = (await live()).today.duplicates;
    sandbox.control.clearDeliveries();
    sandbox.control.injectDeliveryFault({ type: 'duplicate', count: 1 });
    sandbox.control.updateEmployee(someone.id, {
      positionData: { jobTitle: 'Heard Twice' },
    });
    expect(await sandbox.control.flushEvents(20_000)).toBe(true);
    const deliveries = sandbox.control.getDeliveries().deliveries;
    expect(deliveries).toHaveLength(2);
    expect(deliveries[0].event.eventId).toBe(deliveries[1].event.eventId);
    await backend.eventually(
      () => backend.entity(ref),
      e => e?.metadata.annotations?.[JOB_TITLE] === 'Heard Twice',
    );
    await eventsSettled();
    const db = await backend.db();
    const rows = await db('paycor_events').where({
      event_id: deliveries[0].event.eventId,
    });
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('applied');
    const applying = (await runs()).filter(r => r.id === rows[0].run_id);
    expect(applying).toHaveLength(1);
    expect((await live()).today.duplicates).toBe(duplicatesBefore + 1);
  });

  it('coalesces a burst of 500 events for 50 people into at most 50 employee reads', async () => {
    await eventsSettled();
    const people = sandbox.control
      .getOrg()
      .employees.filter(e => e.statusData?.status === 'Active')
      .slice(0, 50);
    expect(people).toHaveLength(50);
    sandbox.control.resetCallLog();
    sandbox.control.clearDeliveries();
    for (let round = 0; round < 10; round++) {
      for (const person of people) {
        sandbox.control.emitEvent({
          eventType: 'Employee.Modified',
          itemId: person.id,
        });
      }
    }
    expect(await sandbox.control.flushEvents(60_000)).toBe(true);
    const { counts } = sandbox.control.getDeliveries();
    expect(counts.delivered).toBe(500);
    await eventsSettled();
    const db = await backend.db();
    const burst = await db('paycor_events')
      .where({ provider_id: PROVIDER_ID })
      .whereIn(
        'subject',
        people.map(p => p.id),
      )
      .andWhere(
        'received_at',
        '>=',
        new Date(Date.now() - 5 * 60_000).toISOString(),
      )
      .select('status');
    expect(
      burst.filter(r => r.status === 'applied').length,
    ).toBeGreaterThanOrEqual(500);
    const reads = sandbox.control.getCallLog().byEndpoint.employee ?? 0;
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThanOrEqual(50);
  });

  it('an event whose application fails is made good by the next full sync', async () => {
    await eventsSettled();
    const someone = sandbox.control
      .getOrg()
      .employees.find(e => e.statusData?.status === 'Active')!;
    const ref = userRefOf(await userOf(someone.id));
    const failedBefore = (await live()).today.failed;
    sandbox.control.injectFault({
      type: '500',
      endpoint: 'employee',
      count: 100,
    });
    sandbox.control.updateEmployee(someone.id, {
      positionData: { jobTitle: 'Missed By Events' },
    });
    await backend.eventually(
      () => live(),
      s => s.today.failed > failedBefore,
      120_000,
    );
    expect(
      (await backend.entity(ref))?.metadata.annotations?.[JOB_TITLE],
    ).not.toBe('Missed By Events');
    sandbox.control.clearFaults();
    const finished = await backend.syncNow();
    expect(finished.status).toBe('succeeded');
    // The events' counts are added to the run right after it finishes (the
    // run is recorded first): wait for them rather than read them at once,
    // which raced on PostgreSQL in CI.
    const run = await backend.eventually(
      async () => (await runs()).find(r => r.id === finished.id),
      r => r?.counts.correctedAfterEvents !== undefined,
    );
    expect(run!.counts.correctedAfterEvents).toBeGreaterThanOrEqual(1);
    await backend.eventually(
      () => backend.entity(ref),
      e => e?.metadata.annotations?.[JOB_TITLE] === 'Missed By Events',
    );
  });

  it('a legal entity change asks for a full sync, which shows as triggered by an event', async () => {
    await eventsSettled();
    const before = await fullSyncIds();
    const department = sandbox.control.getOrg().departments[0];
    sandbox.control.updateDepartment(department.id, {
      description: `${department.description} (renamed by an event test)`,
    });
    const run = await backend.eventually(
      async () =>
        (
          await runs()
        ).find(r => r.trigger === 'event-sync' && !before.includes(r.id)),
      r => r !== undefined && r.status !== 'running',
      120_000,
    );
    expect(run!.status).toBe('succeeded');
    expect((await live()).today.fullSync).toBeGreaterThan(0);
  });

  it('a failed full sync does not stop events from removing a leaver alone', async () => {
    await eventsSettled();
    sandbox.control.injectFault({
      type: 'truncated-json',
      count: 10,
      endpoint: 'departments',
    });
    const failed = await backend.syncNow();
    sandbox.control.clearFaults();
    // a failed run counts no Users: the budget comes from the last that applied
    expect(failed.status).toBe('failed');
    const syncs = await fullSyncIds();
    const leaver = sandbox.control
      .getOrg()
      .employees.find(e => e.statusData?.status === 'Active')!;
    const ref = userRefOf(await userOf(leaver.id));
    sandbox.control.terminateEmployee(leaver.id);
    await backend.eventually(
      () => backend.entity(ref),
      e => e === undefined,
      120_000,
    );
    expect(await fullSyncIds()).toEqual(syncs);
    const removing = (await runs()).find(
      r => r.trigger === 'event' && r.counts.removed === 1,
    );
    expect(removing?.status).toBe('succeeded');
  });

  it('a mass termination sent as one event per person is held by the removal guard', async () => {
    await eventsSettled();
    const usersBefore = (await backend.entities('user')).length;
    // removalGuard.maxRemovalPercent 10: events may remove 10% alone
    const budget = Math.floor((usersBefore * 10) / 100);
    const since = (await runs())[0].startedAt;
    const leavers = sandbox.control.terminateEmployees({ share: 0.4, seed: 3 });
    expect(leavers.length).toBeGreaterThan(budget * 2);
    // Wait for the held run itself: the approval is created while the run
    // is still applying (its status is 'running' until it is recorded), so
    // the status card's pendingApproval alone may come first.
    const held = await backend.eventually(
      async () => (await runs()).find(r => r.status === 'held'),
      r => r !== undefined,
      120_000,
    );
    expect(held?.trigger).toBe('event-sync');
    // a run events asked for, holding removals, corrected nothing events missed
    const reconciled = await backend.eventually(
      async () => (await runs()).find(r => r.id === held!.id),
      r => r?.counts.eventsReconciled !== undefined,
    );
    expect(reconciled!.counts.correctedAfterEvents).toBe(0);
    await eventsSettled();
    const removedByEvents = (await runs())
      .filter(r => r.trigger === 'event' && r.startedAt > since)
      .reduce((sum, r) => sum + r.counts.removed, 0);
    expect(removedByEvents).toBeLessThanOrEqual(budget);
    expect((await backend.entities('user')).length).toBeGreaterThanOrEqual(
      usersBefore - budget,
    );
  });
});

describe('Live updates in an org too small for events to remove anyone alone', () => {
  it('applies a hire alone, and hands a leaver to a full sync', async () => {
    // 8 Users at removalGuard.maxRemovalPercent 10: events may remove 0
    const sandbox = await startPaycorSandbox({
      employees: 8,
      seed: 5,
      dirtyData: NO_DIRTY_DATA,
    });
    const backend = await startPaycorTestBackend({
      sandbox,
      events: true,
      provider: {
        timeZone: 'UTC',
        events: { enabled: true, secret: SECRET },
      },
      module: { liveUpdates: { quietMs: 200, maxWaitMs: 1000 } },
    });
    try {
      const first = await backend.syncNow();
      expect(first.status).toBe('succeeded');
      expect(first.counts.users).toBeLessThan(10);
      await backend.settled();
      const { port } = backend.server.address() as AddressInfo;
      sandbox.control.subscribe({
        url: `http://127.0.0.1:${port}/api/events/http/paycor`,
        secret: SECRET,
      });
      const runs = async (): Promise<SyncRun[]> =>
        (await backend.api('get', `${P}/runs?limit=50`)).body.items;

      const hired = sandbox.control.addEmployee({
        firstName: 'Hana',
        lastName: 'Hired',
      });
      await backend.eventually(
        async () =>
          (
            await backend.api('get', `${P}/people/${hired.id}`)
          ).body?.entityRef,
        ref => typeof ref === 'string',
      );
      expect((await runs()).map(r => r.trigger)).toEqual(['event', 'manual']);

      const leaver = sandbox.control
        .getOrg()
        .employees.find(
          e => e.statusData?.status === 'Active' && e.id !== hired.id,
        )!;
      sandbox.control.terminateEmployee(leaver.id);
      const fullSync = await backend.eventually(
        async () => (await runs()).find(r => r.trigger === 'event-sync'),
        r => r !== undefined && r.status !== 'running',
        120_000,
      );
      expect(['succeeded', 'held']).toContain(fullSync!.status);
      const removedByEvents = (await runs())
        .filter(r => r.trigger === 'event')
        .reduce((sum, r) => sum + r.counts.removed, 0);
      expect(removedByEvents).toBe(0);
    } finally {
      await backend.stop();
      await sandbox.stop();
    }
  });
});

describe('Live updates on, without the events backend installed', () => {
  it('the catalog module alone still starts, syncs, and says nothing can arrive', async () => {
    const sandbox = await startPaycorSandbox({
      employees: 30,
      seed: 17,
      dirtyData: NO_DIRTY_DATA,
    });
    const backend = await startPaycorTestBackend({
      sandbox,
      provider: { events: { enabled: true, secret: SECRET } },
    });
    try {
      const run = await backend.syncNow();
      expect(run.status).toBe('succeeded');
      expect((await backend.status()).liveUpdates).toMatchObject({
        enabled: true,
        problem: expect.stringMatching(
          /does not serve Paycor's notification ingress \(install eventsModulePaycor/,
        ),
        today: { received: 0 },
      });
      // no ingress without the events plugin
      const res = await request(backend.server)
        .post('/api/events/http/paycor')
        .set('Authorization', SECRET)
        .send({ eventId: 'x', eventType: 'LegalEntity.Modified' });
      expect(res.status).toBe(404);
    } finally {
      await backend.stop();
      await sandbox.stop();
    }
  });
});
