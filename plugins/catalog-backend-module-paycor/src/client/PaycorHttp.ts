import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DelegateBackoff,
  ExponentialBackoff,
  handleWhen,
  IBackoff,
  IRetryBackoffContext,
  retry,
} from 'cockatiel';
import {
  PaycorApiError,
  PaycorNetworkError,
  PaycorPayloadError,
  PaycorTimeoutError,
} from '../errors';
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  createNodeTransport,
  Transport,
  TransportResponse,
} from './httpTransport';
import { RateBudget } from './rateBudget';

export interface PaycorRequest {
  method: 'GET' | 'POST';
  /** path relative to the API host, with its own query string if any */
  path: string;
  query?: Record<string, string | string[] | undefined>;
  /** form body (token endpoint) */
  form?: Record<string, string>;
  /** a stable name for logs, errors and call counts (never the URL) */
  endpoint: string;
  accessToken?: string;
  /**
   * Whether the request may be sent again after an ambiguous failure (a
   * timeout or a 500 after the server may have acted). True for GETs; false
   * for the refresh-token POST, which rotates the token on the server.
   */
  idempotent: boolean;
  signal?: AbortSignal;
}

export interface PaycorResponse {
  status: number;
  body: unknown;
}

export interface PaycorHttpOptions {
  baseUrl: string;
  subscriptionKey: string;
  timeoutMs: number;
  maxRetries: number;
  budget: RateBudget;
  logger: LoggerService;
  /** how requests are sent; default node's http(s) with keep-alive */
  transport?: Transport;
}

// Paycor's 429 body says "Try again in 60 seconds" (api.md §6.2); used when no
// Retry-After header is sent (api.md open question 7).
const DEFAULT_RETRY_AFTER_MS = 60_000;
const MAX_RETRY_AFTER_MS = 5 * 60_000;

/**
 * One Paycor HTTP exchange: subscription key and bearer token, a per-request
 * timeout, the shared rate budget, and retries with exponential backoff and
 * jitter on 429/5xx/timeouts (honouring Retry-After). Counts every attempt,
 * since Paycor's limit counts attempts too.
 */
/**
 * The Paycor calls made on behalf of one operation (a sync, a verify, a
 * preview). Operations run concurrently on one client, so a shared counter
 * would mix them up; each counts only the attempts sent from its own async
 * context.
 */
export class CallCounter {
  private n = 0;

  get value() {
    return this.n;
  }

  /** @internal */
  add() {
    this.n += 1;
  }
}

const currentCounter = new AsyncLocalStorage<CallCounter>();

export class PaycorHttp {
  private calls = 0;
  private readonly transport: Transport;

  constructor(private readonly options: PaycorHttpOptions) {
    this.transport = options.transport ?? createNodeTransport();
  }

  /** Attempts sent since the counter was last reset. */
  get callCount() {
    return this.calls;
  }

  resetCallCount() {
    this.calls = 0;
  }

  /** Runs `fn`, adding every attempt it sends (and only those) to `counter`. */
  countCalls<T>(counter: CallCounter, fn: () => Promise<T>): Promise<T> {
    return currentCounter.run(counter, fn);
  }

  async send(request: PaycorRequest): Promise<PaycorResponse> {
    const policy = retry(
      handleWhen(error => isRetryable(error, request.idempotent)),
      {
        maxAttempts: this.options.maxRetries,
        backoff: retryBackoff(),
      },
    );
    policy.onRetry(event => {
      const reason = 'error' in event ? (event.error as Error).message : '';
      this.options.logger.warn(
        `Paycor ${request.endpoint}: retrying in ${Math.round(
          event.delay,
        )} ms (attempt ${event.attempt}): ${reason}`,
      );
    });
    return policy.execute(() => this.attempt(request), request.signal);
  }

  private async attempt(request: PaycorRequest): Promise<PaycorResponse> {
    const { budget, timeoutMs } = this.options;
    await budget.take(request.signal);
    this.calls += 1;
    currentCounter.getStore()?.add();

    const url = this.buildUrl(request);
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Ocp-Apim-Subscription-Key': this.options.subscriptionKey,
    };
    if (request.accessToken) {
      headers.Authorization = `Bearer ${request.accessToken}`;
    }
    let body: string | undefined;
    if (request.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(request.form).toString();
    }

    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal
      ? AbortSignal.any([request.signal, timeout])
      : timeout;

    let response: TransportResponse;
    try {
      response = await this.transport(url, {
        method: request.method,
        headers,
        body,
        signal,
      });
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason ?? error;
      if (timeout.aborted) {
        throw new PaycorTimeoutError(
          `Paycor ${request.endpoint} did not answer within ${timeoutMs} ms`,
        );
      }
      throw new PaycorNetworkError(
        `Could not reach Paycor for ${request.endpoint}: ${describeNetworkError(
          error,
        )}`,
      );
    }

    const { text } = response;
    if (response.status === 429) {
      const retryAfterMs = parseRetryAfter(
        response.header('retry-after') ?? null,
      );
      budget.pauseUntil(Date.now() + retryAfterMs);
      throw new PaycorApiError(
        `Paycor rate limit exceeded on ${
          request.endpoint
        }; retry after ${Math.round(retryAfterMs / 1000)} s`,
        { endpoint: request.endpoint, status: 429, retryAfterMs },
      );
    }
    if (response.status >= 400) {
      throw apiError(request.endpoint, response.status, text);
    }
    if (response.status === 204 || text.length === 0) {
      return { status: response.status, body: undefined };
    }
    try {
      return { status: response.status, body: JSON.parse(text) };
    } catch {
      throw new PaycorPayloadError(
        `Paycor ${request.endpoint} returned malformed JSON (${
          text.length
        } bytes, ends with ${JSON.stringify(text.slice(-20))})`,
      );
    }
  }

  private buildUrl(request: PaycorRequest): string {
    const url = new URL(request.path, `${this.options.baseUrl}/`);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) {
        url.searchParams.append(key, v);
      }
    }
    return url.toString();
  }
}

function isRetryable(error: unknown, idempotent: boolean): boolean {
  if (error instanceof PaycorApiError) {
    // 429 and 503 mean the request was not processed: safe even for POSTs.
    if (error.details.status === 429 || error.details.status === 503)
      return true;
    return idempotent && [500, 502, 504].includes(error.details.status);
  }
  if (error instanceof PaycorNetworkError) return true;
  if (error instanceof PaycorTimeoutError) return idempotent;
  // A cut-off body is a transport problem; the same GET usually succeeds.
  if (error instanceof PaycorPayloadError) return idempotent;
  return false;
}

/** Exponential backoff with jitter, or exactly what Paycor asked for on a 429. */
function retryBackoff() {
  const exponential = new ExponentialBackoff({
    initialDelay: 500,
    maxDelay: 30_000,
  });
  return new DelegateBackoff<IRetryBackoffContext<unknown>, IBackoff<unknown>>(
    (context, state) => {
      const next = state ? state.next(context) : exponential.next();
      const error =
        'error' in context.result ? context.result.error : undefined;
      const retryAfterMs =
        error instanceof PaycorApiError
          ? error.details.retryAfterMs
          : undefined;
      return { delay: retryAfterMs ?? next.duration, state: next };
    },
  );
}

export function parseRetryAfter(header: string | null): number {
  if (!header) return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) {
    return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
  }
  // An HTTP-date has a time of day; V8 would otherwise read "-5" as a date.
  const date = Date.parse(header);
  if (!Number.isNaN(date) && /\d{2}:\d{2}:\d{2}/.test(header)) {
    return Math.min(Math.max(0, date - Date.now()), MAX_RETRY_AFTER_MS);
  }
  return DEFAULT_RETRY_AFTER_MS;
}

// What Paycor's error guide says each status means (api.md §6.1).
const STATUS_HINTS: Record<number, string> = {
  401: 'Paycor rejected the access token',
  403: "The app's Data Access scopes do not include this data; add them in Paycor's AppCreator",
  404: 'The legal entity or resource does not exist or is not visible to this app',
};

function apiError(endpoint: string, status: number, text: string) {
  let correlationId: string | undefined;
  let detail = '';
  try {
    const body = JSON.parse(text);
    if (body && typeof body === 'object') {
      const b = body as Record<string, unknown>;
      const pick = (key: string) => {
        const found = Object.keys(b).find(k => k.toLowerCase() === key);
        const value = found ? b[found] : undefined;
        return typeof value === 'string' ? value : undefined;
      };
      correlationId = pick('correlationid');
      detail =
        [pick('title'), pick('detail')].filter(Boolean).join(': ') ||
        pick('message') ||
        pick('error_description') ||
        pick('error') ||
        '';
    }
  } catch {
    detail = text.slice(0, 200);
  }
  // Azure APIM's own 401 names the subscription key (api.md §6.1); a 401
  // about the bearer token has an empty body.
  const subscriptionKeyRejected =
    status === 401 && /subscription key/i.test(text);
  const hint = subscriptionKeyRejected
    ? 'Paycor rejected the subscription key (Ocp-Apim-Subscription-Key); check subscriptionKey'
    : STATUS_HINTS[status] ?? '';
  return new PaycorApiError(
    `Paycor ${endpoint} answered ${status}${detail ? ` (${detail})` : ''}${
      hint ? `. ${hint}` : ''
    }${correlationId ? ` [correlationId ${correlationId}]` : ''}`,
    { endpoint, status, correlationId, subscriptionKeyRejected },
  );
}

function describeNetworkError(error: unknown): string {
  const e = error as {
    code?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  return (
    e?.code ??
    e?.cause?.code ??
    e?.cause?.message ??
    e?.message ??
    'unknown error'
  );
}
