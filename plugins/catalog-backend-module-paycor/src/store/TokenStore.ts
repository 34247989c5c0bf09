import { Knex } from 'knex';
import { Clock, iso } from './clock';

export interface StoredTokens {
  refreshToken: string;
  seedHash: string;
  accessToken?: string;
  accessExpiresAt?: string;
  rotatedAt?: string;
}

/**
 * The rotating refresh token (and the current access token, so replicas share
 * it instead of each spending a refresh). The refresh token is written in the
 * same statement that records the new access token, before the access token
 * is used: a crash after a refresh never leaves us holding a retired token.
 */
export class TokenStore {
  constructor(private readonly knex: Knex, private readonly clock: Clock) {}

  async get(providerId: string): Promise<StoredTokens | undefined> {
    const row = await this.knex('paycor_tokens')
      .where({ provider_id: providerId })
      .first();
    if (!row) return undefined;
    return {
      refreshToken: row.refresh_token,
      seedHash: row.seed_hash,
      accessToken: row.access_token ?? undefined,
      accessExpiresAt: row.access_expires_at ?? undefined,
      rotatedAt: row.rotated_at ?? undefined,
    };
  }

  /** Stores a refresh result atomically (insert or update). */
  async saveRefreshResult(
    providerId: string,
    tokens: {
      refreshToken: string;
      seedHash: string;
      accessToken: string;
      accessExpiresAt: Date;
    },
  ) {
    const now = iso(this.clock());
    await this.knex('paycor_tokens')
      .insert({
        provider_id: providerId,
        refresh_token: tokens.refreshToken,
        seed_hash: tokens.seedHash,
        access_token: tokens.accessToken,
        access_expires_at: iso(tokens.accessExpiresAt),
        rotated_at: now,
        updated_at: now,
      })
      .onConflict('provider_id')
      .merge([
        'refresh_token',
        'seed_hash',
        'access_token',
        'access_expires_at',
        'rotated_at',
        'updated_at',
      ]);
  }

  /** Forgets the access token (Paycor rejected it), keeping the refresh token. */
  async clearAccessToken(providerId: string, accessToken: string) {
    await this.knex('paycor_tokens')
      .where({ provider_id: providerId, access_token: accessToken })
      .update({
        access_token: null,
        access_expires_at: null,
        updated_at: iso(this.clock()),
      });
  }
}
