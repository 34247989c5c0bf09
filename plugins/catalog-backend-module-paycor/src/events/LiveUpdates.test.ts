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
    expect(deps.syncPerson).toHaveBeenCalledWith('alice', 'event', 5);
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

  it('passes what is left of the removal budget to the person sync, and hands the person to a full sync when it would exceed it', async () => {
    deps.removalBudgetLeft.mockResolvedValue(0);
    deps.syncPerson.mockResolvedValueOnce({
      kind: 'unavailable',
      run: run('r2'),
      reason: 'removing their User would exceed the budget',
    });
    await live.receive(employeeEvent('e1', 'dave'));
    await until(async () => (await statuses()).e1 === 'full-sync');
    expect(deps.syncPerson).toHaveBeenCalledWith('dave', 'event', 0);
    expect(deps.requestFullSync).toHaveBeenCalledTimes(1);
  });

  it('waits for a writer that holds the lease without spending an attempt', async () => {
    deps.syncPerson
      .mockRejectedValueOnce(new ConflictError('writer lease held'))
      .mockRejectedValueOnce(new ConflictError('writer lease held'))
      .mockRejectedValueOnce(new ConflictError('writer lease held'));
    await live.receive(employeeEvent('e1', 'fay'));
    await until(async () => (await statuses()).e1 === 'applied');
    // three waits and the application: more than retryDelaysMs allows
    expect(deps.syncPerson).toHaveBeenCalledTimes(4);
    const [row] = await knex('paycor_events').where({ event_id: 'e1' });
    expect(row.attempts).toBe(0);
    expect((await store.today('acme')).own.failed).toBeUndefined();
  });

  it('renews its claim while applying, so another replica cannot take it', async () => {
    live.stop();
    // A lease long enough that a renewal (every third of it) is never late
    // on a loaded CI machine; 60 ms lapsed there once.
    live = new LiveUpdates({
      ...deps,
      timing: { ...deps.timing, leaseMs: 900 },
    });
    let release: () => void = () => {};
    deps.syncPerson.mockImplementationOnce(
      () =>
        new Promise<PersonSyncOutcome>(resolve => {
          release = () => resolve({ kind: 'applied', run: run('slow') });
        }),
    );
    await live.receive(employeeEvent('e1', 'gus'));
    await until(async () => deps.syncPerson.mock.calls.length === 1);
    // well past the first lease: another replica finds nothing to claim
    await new Promise(r => setTimeout(r, 2500));
    expect(await store.claimDue('acme', 'replica-2', 900, 10)).toEqual([]);
    release();
    await until(async () => (await statuses()).e1 === 'applied');
    expect((await store.today('acme')).own.applied).toBe(1);
  });

  it('counts nothing when its claim lapsed and another replica took it over', async () => {
    live.stop();
    live = new LiveUpdates({
      ...deps,
      // renewals find their claim gone: the 60 ms lease lapses while applying
      timing: { ...deps.timing, leaseMs: 60 },
    });
    const renew = jest.spyOn(store, 'renew').mockResolvedValue(0);
    let release: () => void = () => {};
    deps.syncPerson.mockImplementationOnce(
      () =>
        new Promise<PersonSyncOutcome>(resolve => {
          release = () => resolve({ kind: 'applied', run: run('slow') });
        }),
    );
    await live.receive(employeeEvent('e1', 'hal'));
    await until(async () => deps.syncPerson.mock.calls.length === 1);
    await new Promise(r => setTimeout(r, 100));
    const [taken] = await store.claimDue('acme', 'replica-2', 60_000, 10);
    expect(taken.eventIds).toEqual(['e1']);
    release();
    await new Promise(r => setTimeout(r, 100));
    expect((await statuses()).e1).toBe('pending');
    expect((await store.today('acme')).own.applied).toBeUndefined();
    await store.finish('acme', taken.token, 'applied');
    expect((await statuses()).e1).toBe('applied');
    renew.mockRestore();
  });

  it('records how long the events waited, by type, once applied', async () => {
    const recordLag = jest.fn();
    live.stop();
    live = new LiveUpdates({ ...deps, recordLag });
    await live.receive(employeeEvent('e1', 'ida'));
    await until(async () => (await statuses()).e1 === 'applied');
    expect(recordLag).toHaveBeenCalledTimes(1);
    const [seconds, type] = recordLag.mock.calls[0];
    expect(type).toBe('Employee.Modified');
    expect(seconds).toBeGreaterThanOrEqual(0);
    expect(seconds).toBeLessThan(5);
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
