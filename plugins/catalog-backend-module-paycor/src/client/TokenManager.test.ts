import {
  PaycorSandbox,
  startPaycorSandbox,
} from '@paycor-backstage/paycor-sandbox';
import { Knex } from 'knex';
import { PaycorAuthError } from '../errors';
import {
  connectToSandbox,
  tokenCalls,
} from '../__testUtils__/sandboxConnection';
import {
  createTestClock,
  createTestDb,
  TestClock,
} from '../__testUtils__/testDb';
import { seedHash } from './TokenManager';

const MINUTE = 60_000;
// The sandbox's access tokens live 1800 s; the manager refreshes 2 min early.
const TTL = 30 * MINUTE;
const MARGIN = 2 * MINUTE;

describe('TokenManager', () => {
  let sandbox: PaycorSandbox;
  let knex: Knex;
  let clock: TestClock;

  beforeAll(async () => {
    sandbox = await startPaycorSandbox({ employees: 20, seed: 4 });
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  beforeEach(async () => {
    knex = await createTestDb();
    clock = createTestClock();
    sandbox.control.resetCallLog();
  });

  afterEach(async () => {
    sandbox.control.clearFaults();
    await knex.destroy();
  });

  const connect = (options: Parameters<typeof connectToSandbox>[2] = {}) =>
    connectToSandbox(sandbox, knex, { clock, ...options });

  /** Whether the sandbox still honours `refreshToken` (spends it when it does). */
  async function refreshTokenWorks(refreshToken: string) {
    const scratch = await createTestDb();
    try {
      await connectToSandbox(sandbox, scratch, {
        seedRefreshToken: refreshToken,
      }).tokens.forceRefresh();
      return true;
    } catch (error) {
      if (error instanceof PaycorAuthError) return false;
      throw error;
    } finally {
      await scratch.destroy();
    }
  }

  describe('first use', () => {
    it('refreshes once and stores the rotated refresh token with the access token', async () => {
      const { tokens, tokenStore, seedRefreshToken } = connect();
      const accessToken = await tokens.getAccessToken();

      expect(tokenCalls(sandbox)).toBe(1);
      const stored = await tokenStore.get('acme');
      expect(stored).toEqual({
        refreshToken: expect.any(String),
        seedHash: seedHash(seedRefreshToken),
        accessToken,
        accessExpiresAt: new Date(clock().getTime() + TTL).toISOString(),
        rotatedAt: clock().toISOString(),
      });
      expect(stored!.refreshToken).not.toBe(seedRefreshToken);
      // Paycor rotated: the seed is spent, only the stored token works now.
      expect(await refreshTokenWorks(seedRefreshToken)).toBe(false);
      expect(await refreshTokenWorks(stored!.refreshToken)).toBe(true);
    });

    it('never hands out an access token whose rotated refresh token was not stored', async () => {
      const { tokens, tokenStore } = connect();
      jest
        .spyOn(tokenStore, 'saveRefreshResult')
        .mockRejectedValueOnce(new Error('database down'));

      await expect(tokens.getAccessToken()).rejects.toThrow('database down');
      // nothing cached in memory either: the next call goes back to the store
      expect(await tokenStore.get('acme')).toBeUndefined();
      await expect(tokens.getAccessToken()).rejects.toThrow(PaycorAuthError);
    });
  });

  describe('reuse', () => {
    it('reuses the access token until it is within two minutes of expiry', async () => {
      const { tokens } = connect();
      const first = await tokens.getAccessToken();
      expect(await tokens.getAccessToken()).toBe(first);

      clock.advance(TTL - MARGIN - 1_000);
      expect(await tokens.getAccessToken()).toBe(first);
      expect(tokenCalls(sandbox)).toBe(1);

      clock.advance(2_000);
      const second = await tokens.getAccessToken();
      expect(second).not.toBe(first);
      expect(tokenCalls(sandbox)).toBe(2);
    });

    it('shares the stored access token with a new process instead of refreshing', async () => {
      const { tokens, seedRefreshToken } = connect();
      const accessToken = await tokens.getAccessToken();

      const restarted = connect({ seedRefreshToken });
      expect(await restarted.tokens.getAccessToken()).toBe(accessToken);
      expect(tokenCalls(sandbox)).toBe(1);
    });

    it('spends one refresh for concurrent callers', async () => {
      const { tokens } = connect();
      const results = await Promise.all(
        Array.from({ length: 5 }, () => tokens.getAccessToken()),
      );
      expect(new Set(results).size).toBe(1);
      expect(tokenCalls(sandbox)).toBe(1);
    });

    it('refreshes after the access token was invalidated (a 401)', async () => {
      const { tokens, tokenStore } = connect();
      const first = await tokens.getAccessToken();
      await tokens.invalidate(first);
      expect((await tokenStore.get('acme'))?.accessToken).toBeUndefined();

      const second = await tokens.getAccessToken();
      expect(second).not.toBe(first);
      expect(tokenCalls(sandbox)).toBe(2);
    });
  });

  it('forceRefresh spends the refresh token even when the access token is fresh', async () => {
    const { tokens, tokenStore } = connect();
    const first = await tokens.getAccessToken();
    const before = await tokenStore.get('acme');

    const forced = await tokens.forceRefresh();
    const after = await tokenStore.get('acme');
    expect(forced).not.toBe(first);
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(after?.accessToken).toBe(forced);
    expect(await tokens.getAccessToken()).toBe(forced);
    expect(tokenCalls(sandbox)).toBe(2);
  });

  it('starts over from a changed configured refresh token', async () => {
    const original = connect();
    const oldAccessToken = await original.tokens.getAccessToken();

    // An admin re-activated the app and put the new refresh token in config.
    const newSeed = sandbox.control.mintTokens().refreshToken;
    const reconfigured = connect({ seedRefreshToken: newSeed });
    const newAccessToken = await reconfigured.tokens.getAccessToken();

    // the stored access token belonged to the old seed: not reused
    expect(newAccessToken).not.toBe(oldAccessToken);
    expect(tokenCalls(sandbox)).toBe(2);
    expect((await reconfigured.tokenStore.get('acme'))?.seedHash).toBe(
      seedHash(newSeed),
    );
    expect(await refreshTokenWorks(newSeed)).toBe(false); // it was the one spent
    expect(reconfigured.logger.info).toHaveBeenCalledWith(
      expect.stringContaining('the configured refresh token changed'),
    );
  });

  describe('a refused refresh token', () => {
    it('is a PaycorAuthError naming the config key, without secrets, and stores nothing', async () => {
      const bogus = 'BOGUS-REFRESH-TOKEN-0123456789';
      const { tokens, tokenStore } = connect({ seedRefreshToken: bogus });
      const error = await tokens.getAccessToken().catch(e => e);

      expect(error).toBeInstanceOf(PaycorAuthError);
      expect(error.message).toContain(
        'catalog.providers.paycor.acme.refreshToken',
      );
      for (const secret of [
        bogus,
        sandbox.credentials.clientSecret,
        sandbox.credentials.subscriptionKey,
      ]) {
        expect(error.message).not.toContain(secret);
      }
      expect(await tokenStore.get('acme')).toBeUndefined();
    });

    it('leaves the stored token row untouched when Paycor revokes the grant', async () => {
      const { tokens, tokenStore } = connect();
      await tokens.getAccessToken();
      const before = await tokenStore.get('acme');
      sandbox.control.injectFault({
        type: 'revoked-refresh-token',
        endpoint: 'token',
      });

      clock.advance(MINUTE);
      const error = await tokens.forceRefresh().catch(e => e);
      expect(error).toBeInstanceOf(PaycorAuthError);
      expect(error.message).toContain(
        'catalog.providers.paycor.acme.refreshToken',
      );
      expect(error.message).not.toContain(before!.refreshToken);
      expect(await tokenStore.get('acme')).toEqual(before);
    });
  });

  it('does not blame the refresh token when Paycor rejects the subscription key', async () => {
    // APIM answers the token call 401 "invalid subscription key": re-activating
    // the app (what PaycorAuthError asks for) would not help.
    const { tokens } = connect({ subscriptionKey: 'not-the-subscription-key' });
    const error = await tokens.getAccessToken().catch(e => e);
    expect(error.message).toMatch(/subscription key/i);
    expect(error.message).not.toMatch(/re-activated/);
  });

  it("serialises a forced refresh (Verify) with a sync's refresh in one process", async () => {
    // Both would otherwise read the same stored refresh token and spend it
    // twice; strict rotation refuses the second and one of them fails.
    const { tokens, tokenStore } = connect();
    const results = await Promise.allSettled([
      tokens.getAccessToken(),
      tokens.forceRefresh(),
    ]);
    expect(results.map(r => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(sandbox.control.getCallLog().byStatus['400']).toBeUndefined();
    const stored = await tokenStore.get('acme');
    expect(await refreshTokenWorks(stored!.refreshToken)).toBe(true);
  });

  describe('two replicas on one database', () => {
    it('share one refresh between them', async () => {
      const a = connect();
      const b = connect({ seedRefreshToken: a.seedRefreshToken });
      const [fromA, fromB] = await Promise.all([
        a.tokens.getAccessToken(),
        b.tokens.getAccessToken(),
      ]);
      expect(fromA).toBe(fromB);
      expect(tokenCalls(sandbox)).toBe(1);
    });

    it('never spend the same refresh token twice, even when both force a refresh', async () => {
      // The sandbox rotates strictly: a refresh token used twice is refused.
      const a = connect();
      const b = connect({ seedRefreshToken: a.seedRefreshToken });
      await a.tokens.getAccessToken();

      const results = await Promise.allSettled([
        a.tokens.forceRefresh(),
        b.tokens.forceRefresh(),
      ]);
      expect(results.map(r => r.status)).toEqual(['fulfilled', 'fulfilled']);
      expect(tokenCalls(sandbox)).toBe(3);
      expect(sandbox.control.getCallLog().byStatus['400']).toBeUndefined();

      // A (whose memory still holds its own token) takes over after expiry
      // from what B stored.
      clock.advance(TTL);
      await expect(a.tokens.getAccessToken()).resolves.toEqual(
        expect.any(String),
      );
      expect(tokenCalls(sandbox)).toBe(4);
    });
  });
});
