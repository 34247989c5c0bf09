import { Knex } from 'knex';
import {
  createTestClock,
  createTestDb,
  TestClock,
} from '../__testUtils__/testDb';
import { EventStore, NO_PROVIDER } from './EventStore';

describe('EventStore', () => {
  let knex: Knex;
  let clock: TestClock;
  let store: EventStore;
  const employee = (id: string) => ({
    kind: 'employee' as const,
    employeeId: id,
  });

  beforeEach(async () => {
    knex = await createTestDb();
    clock = createTestClock();
    store = new EventStore(knex, clock);
  });
  afterEach(() => knex.destroy());

  it('records an event id once', async () => {
    const e = {
      eventId: 'e1',
      eventType: 'Employee.Modified',
      subject: employee('a'),
    };
    expect(await store.record('acme', e)).toBe(true);
    expect(await store.record('acme', e)).toBe(false);
    expect(await store.record('globex', e)).toBe(true);
  });

  it('claims every due event of a subject in one claim, and only once', async () => {
    for (const id of ['e1', 'e2', 'e3']) {
      await store.record('acme', {
        eventId: id,
        eventType: 'Employee.Modified',
        subject: employee('a'),
      });
    }
    await store.record('acme', {
      eventId: 'e4',
      eventType: 'Employee.Modified',
      subject: employee('b'),
    });
    const claims = await store.claimDue('acme', 'replica-1', 60_000, 10);
    expect(claims.map(c => [c.subject, c.eventIds.sort()])).toEqual([
      [employee('a'), ['e1', 'e2', 'e3']],
      [employee('b'), ['e4']],
    ]);
    expect(await store.claimDue('acme', 'replica-2', 60_000, 10)).toEqual([]);
    // a lapsed claim (its replica died) is claimed again
    clock.advance(61_000);
    expect(await store.claimDue('acme', 'replica-2', 60_000, 10)).toHaveLength(
      2,
    );
  });

  it('retries, then fails for good; a full sync reconciles what is left', async () => {
    await store.record('acme', {
      eventId: 'e1',
      eventType: 'Employee.Modified',
      subject: employee('a'),
    });
    let [claim] = await store.claimDue('acme', 'r', 60_000, 10);
    expect(
      await store.retryLater('acme', claim.token, {
        retryAt: new Date(clock().getTime() + 1000),
        error: 'boom',
        maxAttempts: 2,
      }),
    ).toBe(0);
    expect(await store.claimDue('acme', 'r', 60_000, 10)).toEqual([]); // not due yet
    clock.advance(1000);
    [claim] = await store.claimDue('acme', 'r', 60_000, 10);
    expect(claim.attempts).toBe(1);
    expect(
      await store.retryLater('acme', claim.token, {
        retryAt: clock(),
        error: 'boom',
        maxAttempts: 2,
      }),
    ).toBe(1);
    expect((await knex('paycor_events').first()).status).toBe('failed');
    clock.advance(1000);
    expect(await store.reconcile('acme', store.now())).toBe(1);
    expect((await knex('paycor_events').first()).status).toBe('reconciled');
  });

  it('reconciles only what arrived before the read started', async () => {
    await store.record('acme', {
      eventId: 'e1',
      eventType: 'x',
      subject: { kind: 'full-sync' },
    });
    clock.advance(10);
    const readStartedAt = store.now();
    clock.advance(10);
    await store.record('acme', {
      eventId: 'e2',
      eventType: 'x',
      subject: { kind: 'full-sync' },
    });
    expect(await store.reconcile('acme', readStartedAt)).toBe(1);
    expect(await store.nextDueAt('acme')).toBeDefined();
  });

  it('renews a live claim; a lapsed one taken over can neither be renewed nor finished by its first holder', async () => {
    await store.record('acme', {
      eventId: 'e1',
      eventType: 'Employee.Modified',
      subject: employee('a'),
    });
    const receivedAt = clock().toISOString();
    const [mine] = await store.claimDue('acme', 'r1', 1000, 10);
    expect(mine.firstReceivedAt).toBe(receivedAt);
    clock.advance(900);
    expect(await store.renew('acme', mine.token, 1000)).toBe(1);
    clock.advance(900);
    // renewed: still held at 1.8 s
    expect(await store.claimDue('acme', 'r2', 1000, 10)).toEqual([]);
    clock.advance(200);
    const [theirs] = await store.claimDue('acme', 'r2', 1000, 10);
    expect(theirs.eventIds).toEqual(['e1']);
    expect(await store.renew('acme', mine.token, 1000)).toBe(0);
    expect(await store.finish('acme', mine.token, 'applied')).toBe(0);
    expect(await store.finish('acme', theirs.token, 'applied')).toBe(1);
    // a finished claim is not finished again
    expect(await store.finish('acme', theirs.token, 'applied')).toBe(0);
  });

  it('waits without spending an attempt when told so', async () => {
    await store.record('acme', {
      eventId: 'e1',
      eventType: 'Employee.Modified',
      subject: employee('a'),
    });
    const [first] = await store.claimDue('acme', 'r1', 1000, 10);
    await store.retryLater('acme', first.token, {
      retryAt: clock(),
      error: 'writer lease held',
      maxAttempts: 2,
      spendsAttempt: false,
    });
    const [second] = await store.claimDue('acme', 'r1', 1000, 10);
    expect(second.attempts).toBe(0);
    await store.retryLater('acme', second.token, {
      retryAt: clock(),
      error: 'Paycor answered 500',
      maxAttempts: 2,
    });
    const [third] = await store.claimDue('acme', 'r1', 1000, 10);
    expect(third.attempts).toBe(1);
  });

  it('counts per day, with what belongs to no connection apart', async () => {
    await store.count('acme', 'applied', 3);
    await store.count('acme', 'applied');
    await store.count(NO_PROVIDER, 'ignored', 2);
    await store.record('acme', {
      eventId: 'e1',
      eventType: 'x',
      subject: employee('a'),
    });
    const today = await store.today('acme');
    expect(today.own).toEqual({ applied: 4 });
    expect(today.unattributed).toEqual({ ignored: 2 });
    expect(today.lastReceivedAt).toBe(clock().toISOString());
    clock.advance(24 * 3600_000);
    expect((await store.today('acme')).own).toEqual({});
  });
});
