import { ResponseError } from '@backstage/errors';

/**
 * The message to show for a failed call: the server's own message for HTTP
 * errors (`{error:{message}}`), else the error's message.
 */
export function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) {
    return error.cause?.message || error.message;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}

/** True for a 403 from the backend's permission checks. */
export function isNotAllowed(error: unknown): boolean {
  return (
    ResponseError.is(error) &&
    (error.statusCode === 403 || error.cause?.name === 'NotAllowedError')
  );
}
