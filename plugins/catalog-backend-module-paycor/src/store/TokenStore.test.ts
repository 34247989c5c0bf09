import { Knex } from 'knex';
import {
  createTestClock,
  createTestDb,
  TestClock,
} from '../__testUtils__/testDb';
import { TokenStore } from './TokenStore';

describe('TokenStore', () => {
  let knex: Knex;
  let clock: TestClock;
  let tokens: TokenStore;

  beforeEach(async () => {
    knex = await createTestDb();
    clock = createTestClock('2024-06-15T12:00:00.000Z');
    tokens = new TokenStore(knex, clock);
  });

  afterEach(async () => {
    await knex.destroy();
  });

  const refresh = (n: number) => ({
    refreshToken: `refresh-${n}`,
    seedHash: 'seed-hash',
    accessToken: `access-${n}`,
    accessExpiresAt: new Date(
      Date.parse('2024-06-15T12:30:00.000Z') + n * 60_000,
    ),
  });

  it('has nothing for a provider that never refreshed', async () => {
    expect(await tokens.get('acme')).toBeUndefined();
  });

  it('stores a refresh result and replaces it on the next one', async () => {
    await tokens.saveRefreshResult('acme', refresh(1));
    expect(await tokens.get('acme')).toEqual({
      refreshToken: 'refresh-1',
      seedHash: 'seed-hash',
      accessToken: 'access-1',
      accessExpiresAt: '2024-06-15T12:31:00.000Z',
      rotatedAt: '2024-06-15T12:00:00.000Z',
    });

    clock.advance(60_000);
    await tokens.saveRefreshResult('acme', {
      ...refresh(2),
      seedHash: 'new-seed-hash',
    });
    expect(await tokens.get('acme')).toEqual({
      refreshToken: 'refresh-2',
      seedHash: 'new-seed-hash',
      accessToken: 'access-2',
      accessExpiresAt: '2024-06-15T12:32:00.000Z',
      rotatedAt: '2024-06-15T12:01:00.000Z',
    });
    expect(await knex('paycor_tokens').count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('clears the access token that was rejected, keeping the refresh token', async () => {
    await tokens.saveRefreshResult('acme', refresh(1));
    await tokens.clearAccessToken('acme', 'access-1');
    expect(await tokens.get('acme')).toEqual({
      refreshToken: 'refresh-1',
      seedHash: 'seed-hash',
      accessToken: undefined,
      accessExpiresAt: undefined,
      rotatedAt: '2024-06-15T12:00:00.000Z',
    });
  });

  it('does not clear a newer access token when an older one is rejected', async () => {
    // Replica A saw access-1 rejected while replica B already stored access-2.
    await tokens.saveRefreshResult('acme', refresh(1));
    await tokens.saveRefreshResult('acme', refresh(2));
    await tokens.clearAccessToken('acme', 'access-1');
    expect((await tokens.get('acme'))?.accessToken).toBe('access-2');
  });

  it('keeps providers apart', async () => {
    await tokens.saveRefreshResult('acme', refresh(1));
    await tokens.saveRefreshResult('globex', refresh(2));
    await tokens.clearAccessToken('globex', 'access-2');
    expect((await tokens.get('acme'))?.accessToken).toBe('access-1');
    expect((await tokens.get('globex'))?.refreshToken).toBe('refresh-2');
  });
});
