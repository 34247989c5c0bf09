import { CustomErrorBase } from '@backstage/errors';

/**
 * Typed errors of the Paycor sync. Each carries enough context (provider,
 * endpoint, status, Paycor's correlation id) to act on the message alone, and
 * none ever carries a credential.
 */

/** The provider configuration is invalid; the message names every bad key. */
export class PaycorConfigError extends CustomErrorBase {
  name = 'PaycorConfigError' as const;
}

/** Paycor answered a request with an error status. */
export class PaycorApiError extends CustomErrorBase {
  name = 'PaycorApiError' as const;
  constructor(
    message: string,
    readonly details: {
      endpoint: string;
      status: number;
      /** Paycor's PaycorError.correlationId, when it sent one */
      correlationId?: string;
      /** milliseconds Paycor asked us to wait (429 Retry-After) */
      retryAfterMs?: number;
      /** Paycor blamed the subscription key (APIM's 401), not the token */
      subscriptionKeyRejected?: boolean;
    },
  ) {
    super(message);
  }

  /** Paycor's failure is our upstream's: answer 502, never Paycor's own code. */
  readonly statusCode = 502;
}

/** The refresh token was refused: the connection needs a new refresh token. */
export class PaycorAuthError extends CustomErrorBase {
  name = 'PaycorAuthError' as const;
  readonly statusCode = 502;
}

/**
 * A response could not be used as a whole: malformed JSON or an envelope that
 * does not match Paycor's paged format. Nothing from that read is applied.
 */
export class PaycorPayloadError extends CustomErrorBase {
  name = 'PaycorPayloadError' as const;
  readonly statusCode = 502;
}

/** A paged listing stopped before its end (no next token, a repeated token, too many pages). */
export class PaycorListingError extends CustomErrorBase {
  name = 'PaycorListingError' as const;
  readonly statusCode = 502;
}

/** A request did not complete within the configured timeout. */
export class PaycorTimeoutError extends CustomErrorBase {
  name = 'PaycorTimeoutError' as const;
  readonly statusCode = 504;
}

/** A network-level failure (connection refused, reset, DNS). */
export class PaycorNetworkError extends CustomErrorBase {
  name = 'PaycorNetworkError' as const;
  readonly statusCode = 502;
}

/** A sync did not finish within its schedule's timeout and was stopped. */
export class SyncTimeoutError extends CustomErrorBase {
  name = 'SyncTimeoutError' as const;
}

/** The database failed under a sync (a failover, a restart, a full pool). */
export class DatabaseUnavailableError extends CustomErrorBase {
  name = 'DatabaseUnavailableError' as const;
}

/** A sync was stopped because the backend shut down. */
export class SyncAbortedError extends CustomErrorBase {
  name = 'SyncAbortedError' as const;
}

/**
 * A sync waited its whole timeout for the provider's writer lease, held by
 * another sync, re-apply or approval (on this replica or another).
 */
export class WriterLeaseTimeoutError extends CustomErrorBase {
  name = 'WriterLeaseTimeoutError' as const;
}
