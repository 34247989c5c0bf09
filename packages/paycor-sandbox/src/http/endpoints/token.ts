import { OAuthError } from '../../auth/TokenService';
import type { ApiRoute } from '../ApiRoute';
import { stringifyAscii } from '../asciiJson';
import { sendBody, type CallContext } from '../respond';

function sendOAuthError(ctx: CallContext, error: OAuthError) {
  // IdentityServer answers every token-endpoint error with 400 and `{"error": …}`,
  // bad client credentials included (guess, api.md Q3/Q4).
  sendBody(ctx, 400, stringifyAscii({ error: error.code }));
}

/** Client credentials from the form or, as OAuth also allows, HTTP Basic. */
function clientCredentials(ctx: CallContext, form: Record<string, unknown>) {
  const basic = ctx.req.headers.authorization?.match(/^Basic\s+(\S+)$/i);
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      return {
        clientId: decodeURIComponent(decoded.slice(0, colon)),
        clientSecret: decodeURIComponent(decoded.slice(colon + 1)),
      };
    }
  }
  return {
    clientId: stringField(form.client_id),
    clientSecret: stringField(form.client_secret),
  };
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Paycor's STS token endpoint (api.md §2.3), refresh-token grant only. Behind the same
 * APIm gateway as the API: it needs the subscription key and counts against the quota.
 */
export const tokenRoute: ApiRoute = {
  name: 'token',
  method: 'post',
  path: '/sts/v1/common/token',
  queryParameters: [],
  bearer: false,
  prepare(req, runtime) {
    return ctx => {
      const { tokens } = runtime;
      if (ctx.fault?.type === 'revoked-refresh-token') {
        tokens.revokeAllRefreshTokens();
        sendOAuthError(ctx, new OAuthError('invalid_grant'));
        return;
      }
      const form: Record<string, unknown> = req.is(
        'application/x-www-form-urlencoded',
      )
        ? req.body ?? {}
        : {};
      const grantType = stringField(form.grant_type);
      try {
        if (!grantType)
          throw new OAuthError('invalid_request', 'grant_type is required');
        if (grantType === 'authorization_code') {
          // The sandbox has no browser activation flow, so no code is ever valid.
          throw new OAuthError('invalid_grant');
        }
        if (grantType !== 'refresh_token')
          throw new OAuthError('unsupported_grant_type');
        const response = tokens.refresh({
          ...clientCredentials(ctx, form),
          refreshToken: stringField(form.refresh_token),
        });
        ctx.res.setHeader('Cache-Control', 'no-store');
        ctx.res.setHeader('Pragma', 'no-cache');
        sendBody(ctx, 200, stringifyAscii(response));
      } catch (error) {
        if (error instanceof OAuthError) sendOAuthError(ctx, error);
        else throw error;
      }
    };
  },
};
