import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DATA_ACCESS_SCOPES, type DataAccessScope } from '../paycor/scopes';
import { signJwt, verifyJwt } from './jwt';

/** OAuth error codes the token endpoint answers with (RFC 6749 §5.2). */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unsupported_grant_type';

export class OAuthError extends Error {
  readonly name = 'OAuthError';
  constructor(readonly code: OAuthErrorCode, readonly description?: string) {
    super(description ? `${code}: ${description}` : code);
  }
}

export interface TokenResponse {
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  refresh_token: string;
}

/** What a valid access token grants. */
export interface AccessGrant {
  clientId: string;
  scopes: ReadonlySet<DataAccessScope>;
}

export interface TokenServiceOptions {
  clientId: string;
  clientSecret: string;
  legalEntityId: () => number;
  tenantId: () => number | null;
  /** Base URL of the sandbox, for the `iss` claim. */
  issuerBase: () => string;
  accessTokenTtlSeconds: number;
  refreshTokenGraceSeconds: number;
  scopes: readonly DataAccessScope[];
  now: () => Date;
}

interface RefreshTokenRecord {
  /** Never retired by rotation (dev convenience, `stickyInitialRefreshToken`). */
  sticky: boolean;
  /** When a rotation replaced this token; it dies `refreshTokenGraceSeconds` later. */
  retiredAt?: number;
  revoked: boolean;
  sessionId: string;
}

/** Refresh tokens past their grace are swept once the map grows beyond this. */
const SWEEP_THRESHOLD = 10_000;

/**
 * Paycor's STS, reduced to the refresh-token grant: rotating refresh tokens with a
 * configurable grace period, JWT-shaped access tokens whose `scope` claim carries a
 * "Scope Version Identifier" (api.md §2.1/§2.2) that maps to Data Access scope names.
 */
export class TokenService {
  private readonly signingKey = randomBytes(32);
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private readonly scopeVersions = new Map<
    string,
    ReadonlySet<DataAccessScope>
  >();
  private currentScopeVersion: string;
  /** The activating admin: every token of this sandbox acts on their behalf. */
  private readonly subject = randomUUID();
  private graceMs: number;

  constructor(private readonly options: TokenServiceOptions) {
    this.currentScopeVersion = this.registerScopes(options.scopes);
    this.graceMs = options.refreshTokenGraceSeconds * 1000;
  }

  get clientId(): string {
    return this.options.clientId;
  }

  get clientSecret(): string {
    return this.options.clientSecret;
  }

  get grantedScopes(): DataAccessScope[] {
    return [...this.scopeVersions.get(this.currentScopeVersion)!];
  }

  /** Scopes for tokens minted from now on (existing access tokens keep theirs). */
  setScopes(scopes: readonly DataAccessScope[]): void {
    this.currentScopeVersion = this.registerScopes(scopes);
  }

  setRefreshTokenGraceSeconds(seconds: number): void {
    this.graceMs = seconds * 1000;
  }

  /** Registers a refresh token chosen by the caller (fixed dev credentials). */
  registerRefreshToken(token: string, options: { sticky: boolean }): void {
    this.refreshTokens.set(token, {
      sticky: options.sticky,
      revoked: false,
      sessionId: randomBytes(16).toString('hex').toUpperCase(),
    });
  }

  /** A fresh refresh token: 64 hex characters, like Paycor's (api.md §2.2). */
  mintRefreshToken(
    sessionId = randomBytes(16).toString('hex').toUpperCase(),
  ): string {
    const token = randomBytes(32).toString('hex').toUpperCase();
    this.refreshTokens.set(token, { sticky: false, revoked: false, sessionId });
    return token;
  }

  /** Every refresh token issued so far stops working (the app's activation was revoked). */
  revokeAllRefreshTokens(): void {
    for (const record of this.refreshTokens.values()) record.revoked = true;
  }

  /**
   * `grant_type=refresh_token`: checks the client, then the token; answers a new access
   * token and a new refresh token, retiring the presented one (rotation).
   *
   * Guesses (api.md Q3): rotation is strict — a retired token dies after the grace
   * period (default 0 s); refresh tokens have no lifetime of their own; unknown, retired
   * and revoked tokens all get IdentityServer's `invalid_grant`.
   */
  refresh(form: {
    clientId?: string;
    clientSecret?: string;
    refreshToken?: string;
  }): TokenResponse {
    if (
      !form.clientId ||
      form.clientId !== this.options.clientId ||
      form.clientSecret !== this.options.clientSecret
    ) {
      throw new OAuthError('invalid_client');
    }
    if (!form.refreshToken)
      throw new OAuthError('invalid_request', 'refresh_token is required');
    const record = this.refreshTokens.get(form.refreshToken);
    const nowMs = this.options.now().getTime();
    if (
      !record ||
      record.revoked ||
      (record.retiredAt !== undefined &&
        nowMs - record.retiredAt >= this.graceMs)
    ) {
      throw new OAuthError('invalid_grant');
    }
    if (!record.sticky && record.retiredAt === undefined)
      record.retiredAt = nowMs;
    this.sweep(nowMs);
    return {
      access_token: this.mintAccessToken(record.sessionId),
      expires_in: this.options.accessTokenTtlSeconds,
      token_type: 'Bearer',
      refresh_token: this.mintRefreshToken(record.sessionId),
    };
  }

  /** The grant behind a bearer token, or undefined when it is malformed, forged or expired. */
  verifyAccessToken(token: string): AccessGrant | undefined {
    const payload = verifyJwt(token, this.signingKey);
    if (!payload) return undefined;
    const nowSeconds = Math.floor(this.options.now().getTime() / 1000);
    const { exp, nbf, scope, client_id: clientId } = payload;
    if (typeof exp !== 'number' || exp <= nowSeconds) return undefined;
    // Five minutes of clock skew, IdentityServer's default.
    if (typeof nbf === 'number' && nbf > nowSeconds + 300) return undefined;
    if (!Array.isArray(scope) || typeof clientId !== 'string') return undefined;
    const scopes = this.scopeVersions.get(String(scope[0]));
    return scopes ? { clientId, scopes } : undefined;
  }

  private mintAccessToken(sessionId: string): string {
    const issuedAt = Math.floor(this.options.now().getTime() / 1000);
    // Paycor's sandbox issuer is https://api-demo.paycor.com/sts/v2/common (api.md §2.2);
    // the audience value is not known — guess: IdentityServer's default `<issuer>/resources`.
    const issuer = `${this.options.issuerBase()}/sts/v2/common`;
    return signJwt(
      {
        iss: issuer,
        nbf: issuedAt,
        iat: issuedAt,
        exp: issuedAt + this.options.accessTokenTtlSeconds,
        aud: `${issuer}/resources`,
        scope: [this.currentScopeVersion, 'offline_access'],
        amr: ['pwd'],
        client_id: this.options.clientId,
        sub: this.subject,
        auth_time: issuedAt,
        idp: 'local',
        sid: sessionId,
        jti: randomBytes(16).toString('hex').toUpperCase(),
        paycor_clients: {
          C: [
            {
              ClientId: this.options.legalEntityId(),
              CompanyId: this.options.tenantId(),
              EmployeeUid: null,
            },
          ],
        },
      },
      this.signingKey,
    );
  }

  /** Scope Version Identifier: a hex digest of the scope set, like the portal issues. */
  private registerScopes(scopes: readonly DataAccessScope[]): string {
    const unique = [...new Set(scopes)].sort();
    const version = createHash('sha256')
      .update(unique.join('\n'))
      .digest('hex')
      .slice(0, 32);
    this.scopeVersions.set(version, new Set(unique));
    return version;
  }

  private sweep(nowMs: number) {
    if (this.refreshTokens.size < SWEEP_THRESHOLD) return;
    for (const [token, record] of this.refreshTokens) {
      if (
        record.revoked ||
        (record.retiredAt !== undefined &&
          nowMs - record.retiredAt >= this.graceMs)
      ) {
        this.refreshTokens.delete(token);
      }
    }
  }
}

export const ALL_SCOPES: readonly DataAccessScope[] = DATA_ACCESS_SCOPES;
