import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import type { PaycorErrorBody } from '../paycor/types';
import { stringifyAscii } from './asciiJson';

/**
 * Paycor-facing error answers. Two families: the API's own `PaycorError` (400/403/404/
 * 500, api.md §6.2) and the Azure API Management gateway's bodies (401 key errors, 429,
 * unknown routes), which Paycor's backend never sees.
 */

/** A PaycorError answer; thrown by request parsing and handlers, sent by the router. */
export class PaycorHttpError extends Error {
  readonly name = 'PaycorHttpError';

  constructor(
    readonly status: 400 | 403 | 404 | 500,
    readonly title: string,
    readonly detail: string,
    readonly source: Record<string, string> | null = null,
  ) {
    super(`${status} ${title}: ${detail}`);
  }

  toBody(): PaycorErrorBody {
    return {
      correlationId: randomUUID(),
      title: this.title,
      detail: this.detail,
      source: this.source,
    };
  }
}

/** ASP.NET model-binding failure for one parameter. */
export function validationError(
  parameter: string,
  value: string,
): PaycorHttpError {
  return new PaycorHttpError(
    400,
    'Validation Error',
    'One or more validation errors occurred.',
    { [parameter]: `The value '${value}' is not valid.` },
  );
}

export function notFound(detail: string): PaycorHttpError {
  return new PaycorHttpError(404, 'Not Found', detail);
}

export function forbidden(scope: string, reason: string): PaycorHttpError {
  return new PaycorHttpError(
    403,
    'Forbidden',
    `The access token's scope lacks the Data Access '${scope}' required ${reason}.`,
  );
}

/**
 * Writes an ASCII JSON body. Bypasses `res.send`: the length of an ASCII string is its
 * byte count, and Latin-1 writes it to the socket as a straight copy.
 */
export function sendJsonText(
  res: Response,
  status: number,
  asciiJson: string,
): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', String(asciiJson.length));
  res.end(asciiJson, 'latin1');
}

/** Any JSON value, ASCII-escaped. */
export function sendJson(res: Response, status: number, value: unknown): void {
  sendJsonText(res, status, stringifyAscii(value));
}

export function sendPaycorError(res: Response, error: PaycorHttpError): void {
  sendJson(res, error.status, error.toBody());
}

/**
 * Azure APIM's default bodies. Paycor documents only the first sentence of the 401
 * (api.md §6.2); the rest is APIM's stock text (guess for api.md Q7).
 */
export const GATEWAY_BODIES = {
  missingKey: {
    statusCode: 401,
    message:
      'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
  },
  invalidKey: {
    statusCode: 401,
    message:
      'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
  },
  notFound: { statusCode: 404, message: 'Resource not found' },
  unavailable: {
    statusCode: 503,
    message: 'The service is temporarily unavailable. Please try again later.',
  },
} as const;

/** PaycorRateLimitError (api.md §6.2), with a `Retry-After` header (guess for api.md Q7). */
export function sendRateLimited(
  res: Response,
  retryAfterSeconds: number,
): void {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  sendJson(res, 429, {
    message: `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.`,
  });
}

/** 401 with an empty body: a missing, malformed, forged or expired bearer token. */
export function sendUnauthorized(res: Response, hadToken: boolean): void {
  res.setHeader(
    'WWW-Authenticate',
    hadToken ? 'Bearer error="invalid_token"' : 'Bearer',
  );
  res.status(401).end();
}
