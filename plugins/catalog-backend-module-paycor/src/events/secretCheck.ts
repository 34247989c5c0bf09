import { createHash, timingSafeEqual } from 'node:crypto';

/** One connection's expectation of a delivery. */
export interface EventSecret {
  /** lower-case header name */
  header: string;
  secret: string;
}

export type SecretCheck = 'accepted' | 'missing' | 'wrong';

/**
 * Whether a delivery's headers carry one of the configured secrets. Paycor
 * describes no signature scheme; the guess (api.md §7) is that it sends the
 * notification secret verbatim in a header, so the whole header value is
 * compared. Compared in constant time over SHA-256 digests, so neither the
 * secret's content nor its length leaks through timing; every secret is
 * checked, whichever matches.
 */
export function checkEventSecret(
  headers: Record<string, string | string[] | undefined>,
  secrets: readonly EventSecret[],
): SecretCheck {
  let present = false;
  let matched = false;
  for (const { header, secret } of secrets) {
    const raw = headers[header];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value === '') continue;
    present = true;
    if (timingSafeEqual(digest(value), digest(secret))) matched = true;
  }
  if (matched) return 'accepted';
  return present ? 'wrong' : 'missing';
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
