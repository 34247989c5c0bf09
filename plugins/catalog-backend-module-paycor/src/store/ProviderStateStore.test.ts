import { Knex } from 'knex';
import {
  createTestClock,
  createTestDb,
  TestClock,
} from '../__testUtils__/testDb';
import { ProviderStateStore } from './ProviderStateStore';

describe('ProviderStateStore', () => {
  let knex: Knex;
  let clock: TestClock;
  let state: ProviderStateStore;

  beforeEach(async () => {
    knex = await createTestDb();
    clock = createTestClock('2024-06-15T12:00:00.000Z');
    state = new ProviderStateStore(knex, clock);
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('starts with zero counts and nothing else', async () => {
    expect(await state.get('acme')).toEqual({ userCount: 0, groupCount: 0 });
  });

  it('creates the row on the first update and merges later patches', async () => {
    await state.update('acme', {
      health: 'healthy',
      healthReason: 'ok',
      userCount: 12,
    });
    clock.advance(60_000);
    await state.update('acme', {
      groupCount: 3,
      lastSuccessAt: '2024-06-15T12:01:00.000Z',
    });

    expect(await state.get('acme')).toEqual({
      health: 'healthy',
      healthReason: 'ok',
      userCount: 12,
      groupCount: 3,
      lastSuccessAt: '2024-06-15T12:01:00.000Z',
    });
    const row = await knex('paycor_provider_state')
      .where({ provider_id: 'acme' })
      .first();
    expect(row.updated_at).toBe('2024-06-15T12:01:00.000Z');
  });

  it('clears a field patched with undefined', async () => {
    await state.update('acme', {
      syncRequestedAt: '2024-06-15T12:00:00.000Z',
      legalEntityName: 'Acme',
    });
    await state.update('acme', { syncRequestedAt: undefined });
    expect(await state.get('acme')).toEqual({
      legalEntityName: 'Acme',
      userCount: 0,
      groupCount: 0,
    });
  });

  it('keeps providers apart', async () => {
    await state.update('acme', { userCount: 5 });
    await state.update('globex', { userCount: 7, health: 'failing' });
    expect((await state.get('acme')).userCount).toBe(5);
    expect(await state.get('globex')).toEqual({
      userCount: 7,
      groupCount: 0,
      health: 'failing',
    });
  });

  it('stores texts from Paycor without NUL (PostgreSQL cannot hold it)', async () => {
    await state.update('acme', {
      legalEntityName: 'Acme\u0000 Corp',
      health: 'failing',
      healthReason: 'PaycorPayloadError: bad\u0000 page',
      userCount: 1,
    });
    expect(await state.get('acme')).toMatchObject({
      legalEntityName: 'Acme Corp',
      healthReason: 'PaycorPayloadError: bad page',
      userCount: 1,
    });
    const rows = await knex('paycor_provider_state').select();
    expect(JSON.stringify(rows)).not.toContain('\\u0000');
  });
});
