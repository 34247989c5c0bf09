import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Minimal HS256 JWTs with node:crypto. Paycor signs RS256 (api.md §2.2); clients must
 * treat the token as opaque anyway, so only its shape (three base64url parts, standard
 * claims) matters here.
 */

export type JwtPayload = Record<string, unknown>;

const HEADER = Buffer.from(
  JSON.stringify({ alg: 'HS256', typ: 'JWT' }),
).toString('base64url');

function sign(input: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(input).digest('base64url');
}

export function signJwt(payload: JwtPayload, secret: Buffer): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const input = `${HEADER}.${body}`;
  return `${input}.${sign(input, secret)}`;
}

/** The payload when the signature is valid; undefined for anything malformed or forged. */
export function verifyJwt(
  token: string,
  secret: Buffer,
): JwtPayload | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return undefined;
  const expected = Buffer.from(sign(`${parts[0]}.${parts[1]}`, secret));
  const actual = Buffer.from(parts[2]);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
    return undefined;
  try {
    const payload = JSON.parse(
      Buffer.from(parts[1], 'base64url').toString('utf8'),
    );
    return payload && typeof payload === 'object'
      ? (payload as JwtPayload)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Decodes without verifying (tests and debugging only). */
export function decodeJwt(token: string): JwtPayload {
  return JSON.parse(
    Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
  );
}
