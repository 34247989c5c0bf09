import { LoggerService } from '@backstage/backend-plugin-api';
import { createHash, randomUUID } from 'node:crypto';
import { PaycorApiError, PaycorAuthError, PaycorPayloadError } from '../errors';
import { LockStore } from '../store/LockStore';
import { TokenStore } from '../store/TokenStore';
import { Clock } from '../store/clock';
import { PaycorHttp } from './PaycorHttp';
import { tokenResponseSchema } from './paycorSchemas';

export interface TokenManagerOptions {
  providerId: string;
  clientId: string;
  clientSecret: string;
  subscriptionKey: string;
  /** The refresh token from config: seeds the store once, or again when it changes. */
  seedRefreshToken: string;
  http: PaycorHttp;
  tokens: TokenStore;
  locks: LockStore;
  clock: Clock;
  logger: LoggerService;
}

// Refresh this long before expiry so a token never dies mid-listing.
const EXPIRY_MARGIN_MS = 2 * 60_000;
const DEFAULT_TTL_S = 1800;

export function seedHash(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('hex');
}

/**
 * Access tokens from Paycor's refresh-token grant. Paycor rotates refresh
 * tokens (api.md §2.3): the new one is persisted before the new access token is
 * used, under a database lease so two replicas never spend the same refresh
 * token. The access token is shared through the database too.
 */
export class TokenManager {
  private cached?: { token: string; expiresAt: number };
  private inFlight?: Promise<string>;
  private readonly holder = randomUUID();

  constructor(private readonly options: TokenManagerOptions) {}

  async getAccessToken(signal?: AbortSignal): Promise<string> {
    if (this.cached && this.cached.expiresAt - EXPIRY_MARGIN_MS > this.now()) {
      return this.cached.token;
    }
    this.inFlight ??= this.obtain(false, signal).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Spends the refresh token now (verify does this to prove it still works). */
  async forceRefresh(signal?: AbortSignal): Promise<string> {
    return this.obtain(true, signal);
  }

  /** Paycor rejected this access token (401): drop it everywhere. */
  async invalidate(accessToken: string) {
    if (this.cached?.token === accessToken) this.cached = undefined;
    await this.options.tokens.clearAccessToken(
      this.options.providerId,
      accessToken,
    );
  }

  private now() {
    return this.options.clock().getTime();
  }

  private async obtain(force: boolean, signal?: AbortSignal): Promise<string> {
    const { locks, providerId } = this.options;
    return locks.withLock(
      `token:${providerId}`,
      this.holder,
      { ttlMs: 60_000, waitMs: 90_000 },
      async lease => {
        // Another replica may have refreshed while we waited for the lease.
        const stored = await this.options.tokens.get(providerId);
        const seed = seedHash(this.options.seedRefreshToken);
        const storedIsCurrent = stored && stored.seedHash === seed;
        if (
          !force &&
          storedIsCurrent &&
          stored.accessToken &&
          stored.accessExpiresAt &&
          Date.parse(stored.accessExpiresAt) - EXPIRY_MARGIN_MS > this.now()
        ) {
          this.cached = {
            token: stored.accessToken,
            expiresAt: Date.parse(stored.accessExpiresAt),
          };
          return stored.accessToken;
        }
        const refreshToken = storedIsCurrent
          ? stored.refreshToken
          : this.options.seedRefreshToken;
        if (stored && !storedIsCurrent) {
          this.options.logger.info(
            `Paycor provider ${providerId}: the configured refresh token changed; using it instead of the stored one`,
          );
        }
        // Paycor rotates the refresh token: a replica that took the lease
        // meanwhile would spend the same one.
        await lease.confirm('refreshing the access token');
        return this.refresh(refreshToken, seed, signal);
      },
    );
  }

  private async refresh(
    refreshToken: string,
    seed: string,
    signal?: AbortSignal,
  ): Promise<string> {
    const { providerId, http, tokens } = this.options;
    let body: unknown;
    try {
      ({ body } = await http.send({
        method: 'POST',
        path: '/sts/v1/common/token',
        query: { 'subscription-key': this.options.subscriptionKey },
        form: {
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
          client_id: this.options.clientId,
          client_secret: this.options.clientSecret,
        },
        endpoint: 'token',
        idempotent: false,
        signal,
      }));
    } catch (error) {
      // A 401 that blames the subscription key is not the refresh token's fault.
      if (
        error instanceof PaycorApiError &&
        (error.details.status === 400 || error.details.status === 401) &&
        !error.details.subscriptionKeyRejected
      ) {
        throw new PaycorAuthError(
          `Paycor refused the refresh token of provider "${providerId}" (${error.details.status}). ` +
            'The connection must be re-activated: run Paycor app activation again and put the new refresh token in ' +
            `catalog.providers.paycor.${providerId}.refreshToken (or check clientId/clientSecret).`,
        );
      }
      throw error;
    }

    const parsed = tokenResponseSchema.safeParse(body);
    if (!parsed.success) {
      throw new PaycorPayloadError(
        `Paycor token response for provider "${providerId}" is not an OAuth token response: ${parsed.error.issues
          .map(i => `${i.path.join('.') || '(body)'} ${i.message}`)
          .join('; ')}`,
      );
    }
    const token = parsed.data;
    const expiresAt = new Date(
      this.now() + (token.expires_in ?? DEFAULT_TTL_S) * 1000,
    );
    // Persist first: once Paycor has rotated, only the new token works.
    await tokens.saveRefreshResult(providerId, {
      refreshToken: token.refresh_token ?? refreshToken,
      seedHash: seed,
      accessToken: token.access_token,
      accessExpiresAt: expiresAt,
    });
    this.cached = { token: token.access_token, expiresAt: expiresAt.getTime() };
    return token.access_token;
  }
}
