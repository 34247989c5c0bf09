import { Knex } from 'knex';
import type { PaycorAudit } from '../audit/PaycorAudit';
import { createTestDb, createTestLogger } from '../__testUtils__/testDb';
import { EventDispatcher } from './EventDispatcher';
import { EventStore, NO_PROVIDER } from './EventStore';
import { LiveUpdates } from './LiveUpdates';
import { PAYCOR_REFUSED_TOPIC, PAYCOR_TOPIC } from './topics';

describe('EventDispatcher', () => {
  let knex: Knex;
  let store: EventStore;
  let acme: { receive: jest.Mock };
  let dispatcher: EventDispatcher;

  beforeEach(async () => {
    knex = await createTestDb();
    store = new EventStore(knex, () => new Date());
    acme = { receive: jest.fn(async () => 'queued') };
    dispatcher = new EventDispatcher({
      connections: [
        {
          providerId: 'acme',
          legalEntityId: 501123,
          live: acme as unknown as LiveUpdates,
        },
      ],
      store,
      logger: createTestLogger(),
    });
  });
  afterEach(() => knex.destroy());

  const deliver = (eventPayload: unknown) =>
    dispatcher.onEvent({ topic: PAYCOR_TOPIC, eventPayload });

  it('hands an event to the connection of its legal entity', async () => {
    await deliver({
      eventId: 'e1',
      eventType: 'Employee.Modified',
      legalEntityId: 501123,
      itemId: 'a',
    });
    expect(acme.receive).toHaveBeenCalledWith({
      eventId: 'e1',
      eventType: 'Employee.Modified',
      legalEntityId: 501123,
      itemId: 'a',
    });
  });

  it('ignores and counts events of another legal entity, or without one, or unreadable', async () => {
    await deliver({
      eventId: 'e1',
      eventType: 'Employee.Modified',
      legalEntityId: 7,
    });
    await deliver({ eventId: 'e2', eventType: 'LegalEntity.Modified' });
    await deliver({ eventType: 'Employee.Modified' });
    expect(acme.receive).not.toHaveBeenCalled();
    expect((await store.today('acme')).unattributed).toEqual({ ignored: 3 });
  });

  it('counts a refusal against the legal entity it named, else against none', async () => {
    await dispatcher.onRefused({
      topic: PAYCOR_REFUSED_TOPIC,
      eventPayload: { reason: 'wrong', legalEntityId: 501123 },
    });
    await dispatcher.onRefused({
      topic: PAYCOR_REFUSED_TOPIC,
      eventPayload: { reason: 'missing' },
    });
    const today = await store.today('acme');
    expect(today.own).toEqual({ refused: 1 });
    expect(today.unattributed).toEqual({ refused: 1 });
    expect(NO_PROVIDER).toBe('');
  });

  it('counts a summed refusal as many, and a nonsense count as one', async () => {
    await dispatcher.onRefused({
      topic: PAYCOR_REFUSED_TOPIC,
      eventPayload: { reason: 'wrong', legalEntityId: 501123, count: 40 },
    });
    for (const count of [0, -3, 2.5, 'many']) {
      await dispatcher.onRefused({
        topic: PAYCOR_REFUSED_TOPIC,
        eventPayload: { reason: 'wrong', legalEntityId: 501123, count },
      });
    }
    expect((await store.today('acme')).own).toEqual({ refused: 44 });
  });

  it('audits a refusal, saying why in words', async () => {
    const audit = { eventRefused: jest.fn(async () => {}) };
    const audited = new EventDispatcher({
      connections: [
        {
          providerId: 'acme',
          legalEntityId: 501123,
          live: acme as unknown as LiveUpdates,
        },
      ],
      store,
      logger: createTestLogger(),
      audit: audit as unknown as PaycorAudit,
    });
    await audited.onRefused({
      topic: PAYCOR_REFUSED_TOPIC,
      eventPayload: {
        reason: 'other-connection',
        legalEntityId: 501123,
        at: '2026-12-06T10:00:00.000Z',
      },
    });
    expect(audit.eventRefused).toHaveBeenCalledWith({
      providerId: 'acme',
      reason: expect.stringContaining('belongs to no connection'),
      meta: { legalEntityId: 501123, at: '2026-12-06T10:00:00.000Z' },
    });
  });
});
