import { ConflictError, NotFoundError } from '@backstage/errors';
import { SyncRun } from '@paycor-backstage/plugin-paycor-common';
import { Knex } from 'knex';
import { createTestDb, createTestLogger } from '../__testUtils__/testDb';
import type { PersonSyncOutcome } from '../engine/SyncEngine';
import { EventStore } from './EventStore';
import { LiveUpdates, LiveUpdatesDeps } from './LiveUpdates';

const run = (id: string) => ({ id } as SyncRun);

describe('LiveUpdates', () => {
  let knex: Knex;
  let store: EventStore;
  let live: LiveUpdates;
  let deps: LiveUpdatesDeps & {
    syncPerson: jest.Mock;
    requestFullSync: jest.Mock;
    removalBudgetLeft: jest.Mock;
    addRunCounts: jest.Mock;
  };

  beforeEach(async () => {
    knex = await createTestDb();
    store = new EventStore(knex, () => new Date());
    deps = {
      providerId: 'acme',
      store,
      holder: 'replica-1',
      logger: createTestLogger(),
      syncPerson: jest.fn(
        async (): Promise<PersonSyncOutcome> => ({
          kind: 'applied',
          run: run('r1'),
        }),
      ),
      requestFullSync: jest.fn(async () => ({})),
      removalBudgetLeft: jest.fn(async () => 5),
      peopleChangedBy: async () => 3,
      addRunCounts: jest.fn(async () => {}),
      timing: {
        quietMs: 20,
        maxWaitMs: 200,
        retryDelaysMs: [10, 10],
        fullSyncRetryMs: 10,
      },
    };
    live = new LiveUpdates(deps);
  });

  afterEach(async () => {
    live.stop();
    await knex.destroy();
  });

  const employeeEvent = (eventId: string, itemId: string) => ({
    eventId,
    eventType: 'Employee.Modified',
    legalEntityId: 1,
    itemId,
  });

  async function statuses() {
    const rows = await knex('paycor_events').orderBy('event_id');
    return Object.fromEntries(rows.map(r => [r.event_id, r.status]));
  }

  async function until(check: () => Promise<boolean>) {
    const deadline = Date.now() + 5000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise(r => setTimeout(r, 10));
    }
  }

  it('applies a burst for one person with one person sync, and a redelivery not at all', async () => {
    for (let i = 0; i < 5; i++) {
      await live.receive(employeeEvent(`e${i}`, 'alice'));
    }
    expect(await live.receive(employeeEvent('e0', 'alice'))).toBe('duplicate');
    await until(async () =>
      Object.values(await statuses()).every(s => s === 'applied'),
    );
    expect(deps.syncPerson).toHaveBeenCalledTimes(1);
    expect(deps.syncPerson).toHaveBeenCalledWith('alice', 'event');
    const today = await store.today('acme');
    expect(today.own).toMatchObject({ received: 5, duplicate: 1, applied: 5 });
  });

  it('asks for a full sync for anything but a person, and when Paycor cannot serve one', async () => {
    await live.receive({ eventId: 'le', eventType: 'LegalEntity.Modified' });
    deps.syncPerson.mockResolvedValueOnce({
      kind: 'unavailable',
      run: run('r2'),
      reason: 'no scope',
    });
    await live.receive(employeeEvent('e1', 'bob'));
    await until(async () =>
      Object.values(await statuses()).every(s => s === 'full-sync'),
    );
    expect(deps.requestFullSync).toHaveBeenCalledTimes(2);
  });

  it('asks again later while a full sync runs', async () => {
    deps.requestFullSync
      .mockRejectedValueOnce(new ConflictError('running'))
      .mockResolvedValueOnce({});
    await live.receive({ eventId: 'le', eventType: 'LegalEntity.Modified' });
    await until(async () => (await statuses()).le === 'full-sync');
    expect(deps.requestFullSync).toHaveBeenCalledTimes(2);
  });

  it('retries a failed application, then leaves it to the full sync', async () => {
    deps.syncPerson.mockRejectedValue(new Error('Paycor answered 500'));
    await live.receive(employeeEvent('e1', 'carol'));
    await until(async () => (await statuses()).e1 === 'failed');
    // the first attempt and two retries
    expect(deps.syncPerson).toHaveBeenCalledTimes(3);
    expect((await store.today('acme')).own.failed).toBe(1);

    await live.afterFullSync(
      run('full'),
      new Date(Date.now() + 1).toISOString(),
    );
    expect((await statuses()).e1).toBe('reconciled');
    expect(deps.addRunCounts).toHaveBeenCalledWith('full', {
      eventsReconciled: 1,
      correctedAfterEvents: 3,
    });
  });

  it('takes someone Paycor and the catalog both lack as applied', async () => {
    deps.syncPerson.mockRejectedValue(new NotFoundError('no such employee'));
    await live.receive(employeeEvent('e1', 'ghost'));
    await until(async () => (await statuses()).e1 === 'applied');
    expect(deps.syncPerson).toHaveBeenCalledTimes(1);
  });

  it('hands people to a full sync once events used up the removal budget', async () => {
    deps.removalBudgetLeft.mockResolvedValue(0);
    await live.receive(employeeEvent('e1', 'dave'));
    await until(async () => (await statuses()).e1 === 'full-sync');
    expect(deps.syncPerson).not.toHaveBeenCalled();
    expect(deps.requestFullSync).toHaveBeenCalledTimes(1);
  });

  it('leaves what another replica holds to it', async () => {
    await store.record('acme', {
      eventId: 'e1',
      eventType: 'Employee.Modified',
      subject: { kind: 'employee', employeeId: 'erin' },
    });
    const [claim] = await store.claimDue('acme', 'replica-2', 60_000, 10);
    await live.drain();
    expect(deps.syncPerson).not.toHaveBeenCalled();
    await store.finish('acme', claim.token, 'applied');
    expect((await statuses()).e1).toBe('applied');
  });
});
