import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import {
  PaycorApiError,
  PaycorNetworkError,
  PaycorPayloadError,
  PaycorTimeoutError,
} from '../errors';
import { createTestLogger } from '../__testUtils__/testDb';
import {
  CallCounter,
  parseRetryAfter,
  PaycorHttp,
  PaycorRequest,
} from './PaycorHttp';
import { createRateBudget, RateBudget } from './rateBudget';

const SUBSCRIPTION_KEY = 'sk-5ecret-subscription-key';
const ACCESS_TOKEN = 'at-5ecret-access-token';
const REFRESH_TOKEN = 'rt-5ecret-refresh-token';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

const json =
  (
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
const raw =
  (status: number, text: string): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(text);
  };
/** Accepts the request and never answers. */
const hang: Handler = () => {};

/**
 * A scripted Paycor stand-in on 127.0.0.1: each request takes the next
 * handler from the script (200 `{ ok: true }` once it runs out). A new server
 * (new port) per test: fetch pools connections per origin, and a connection
 * left from one test's hanging request must never carry the next test's.
 */
let server: Server;
let baseUrl: string;
let script: Handler[] = [];
let seen: SeenRequest[] = [];
const sockets = new Set<Socket>();

beforeEach(async () => {
  script = [];
  seen = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body,
        at: Date.now(),
      });
      (script.shift() ?? json(200, { ok: true }))(req, res);
    });
  });
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  const closed = new Promise(resolve => server.close(resolve));
  // hanging requests keep their sockets open
  for (const socket of sockets) socket.destroy();
  await closed;
});

function makeHttp(
  options: {
    maxRetries?: number;
    timeoutMs?: number;
    budget?: RateBudget;
    base?: string;
  } = {},
) {
  const logger = createTestLogger();
  const http = new PaycorHttp({
    baseUrl: options.base ?? baseUrl,
    subscriptionKey: SUBSCRIPTION_KEY,
    timeoutMs: options.timeoutMs ?? 5_000,
    maxRetries: options.maxRetries ?? 3,
    budget: options.budget ?? createRateBudget(10_000, 1_000),
    logger,
  });
  return { http, logger };
}

const get: PaycorRequest = {
  method: 'GET',
  path: '/v1/legalentities/501123/employees',
  endpoint: 'employees',
  accessToken: ACCESS_TOKEN,
  idempotent: true,
};

const tokenPost: PaycorRequest = {
  method: 'POST',
  path: '/sts/v1/common/token',
  endpoint: 'token',
  form: { grant_type: 'refresh_token', refresh_token: REFRESH_TOKEN },
  idempotent: false,
};

/** The rejection of `promise`, failing the test if it resolves. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the request to fail');
}

function expectNoCredentials(error: Error) {
  const text = `${error.message} ${JSON.stringify(error)}`;
  for (const secret of [SUBSCRIPTION_KEY, ACCESS_TOKEN, REFRESH_TOKEN]) {
    expect(text).not.toContain(secret);
  }
}

describe('PaycorHttp', () => {
  describe('what is sent', () => {
    it('sends the subscription key and the bearer token, and parses JSON', async () => {
      script = [json(200, { records: [{ id: 'e1' }] })];
      const { http } = makeHttp();
      const response = await http.send({
        ...get,
        query: {
          include: ['Position', 'Status'],
          emailType: 'Work',
          skip: undefined,
        },
      });

      expect(response).toEqual({
        status: 200,
        body: { records: [{ id: 'e1' }] },
      });
      expect(seen).toHaveLength(1);
      expect(seen[0].method).toBe('GET');
      expect(seen[0].headers['ocp-apim-subscription-key']).toBe(
        SUBSCRIPTION_KEY,
      );
      expect(seen[0].headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
      expect(seen[0].url).toBe(
        '/v1/legalentities/501123/employees?include=Position&include=Status&emailType=Work',
      );
    });

    it('sends a form body without a bearer token for the token endpoint', async () => {
      script = [json(200, { access_token: 'a' })];
      const { http } = makeHttp();
      await http.send(tokenPost);

      expect(seen[0].method).toBe('POST');
      expect(seen[0].headers.authorization).toBeUndefined();
      expect(seen[0].headers['content-type']).toBe(
        'application/x-www-form-urlencoded',
      );
      expect(Object.fromEntries(new URLSearchParams(seen[0].body))).toEqual(
        tokenPost.form,
      );
    });

    it('returns an empty body as undefined', async () => {
      script = [(_req, res) => res.writeHead(204).end()];
      const { http } = makeHttp();
      expect(await http.send(get)).toEqual({ status: 204, body: undefined });
    });
  });

  describe('retries', () => {
    it.each([503, 500])(
      'retries a GET after %i, then succeeds',
      async status => {
        script = [json(status, { message: 'try later' })];
        const { http, logger } = makeHttp();
        const response = await http.send(get);

        expect(response.body).toEqual({ ok: true });
        expect(seen).toHaveLength(2);
        expect(http.callCount).toBe(2);
        expect(logger.warn).toHaveBeenCalledWith(
          expect.stringMatching(/employees: retrying/),
        );
      },
    );

    it('retries after a 429 as soon as Retry-After allows', async () => {
      script = [
        json(
          429,
          { message: 'Rate limit is exceeded. Try again in 0 seconds.' },
          { 'Retry-After': '0' },
        ),
      ];
      const { http } = makeHttp();
      expect((await http.send(get)).body).toEqual({ ok: true });
      expect(http.callCount).toBe(2);
    });

    it('waits the Retry-After of a 429 before the retry', async () => {
      script = [
        json(
          429,
          { message: 'Try again in 1 seconds.' },
          { 'Retry-After': '1' },
        ),
      ];
      const { http } = makeHttp();
      await http.send(get);

      expect(seen).toHaveLength(2);
      // A lower bound only: a busy machine can make the gap longer, never shorter.
      expect(seen[1].at - seen[0].at).toBeGreaterThanOrEqual(950);
    });

    it('holds the shared budget for the Retry-After of a 429', async () => {
      const budget = createRateBudget(10_000, 1_000);
      const pauseUntil = jest.spyOn(budget, 'pauseUntil');
      script = [json(429, {}, { 'Retry-After': '1' })];
      const { http } = makeHttp({ maxRetries: 0, budget });
      const before = Date.now();
      const error = await failure(http.send(get));

      expect(error).toBeInstanceOf(PaycorApiError);
      expect((error as PaycorApiError).details).toMatchObject({
        status: 429,
        retryAfterMs: 1000,
      });
      expect(pauseUntil).toHaveBeenCalledTimes(1);
      expect(pauseUntil.mock.calls[0][0]).toBeGreaterThanOrEqual(before + 1000);
    });

    it('gives up after maxRetries and counts every attempt', async () => {
      script = [
        json(503, {}),
        json(503, {}),
        json(503, { message: 'still down' }),
      ];
      const { http } = makeHttp({ maxRetries: 2 });
      const error = await failure(http.send(get));

      expect(error).toBeInstanceOf(PaycorApiError);
      expect(error.message).toContain('employees answered 503 (still down)');
      expect(seen).toHaveLength(3);
      expect(http.callCount).toBe(3);
      http.resetCallCount();
      expect(http.callCount).toBe(0);
    });

    it('attributes attempts to the operation that sent them, even when operations overlap', async () => {
      script = [json(503, {}), json(200, {}), json(200, {}), json(200, {})];
      const { http } = makeHttp({ maxRetries: 2 });
      const sync = new CallCounter();
      const verify = new CallCounter();
      await Promise.all([
        http.countCalls(sync, async () => {
          await http.send(get); // 503, then 200
          await http.send(get);
        }),
        http.countCalls(verify, () => http.send(get)),
      ]);

      expect(sync.value).toBe(3);
      expect(verify.value).toBe(1);
      expect(http.callCount).toBe(4);
    });

    it.each([400, 403, 404])('does not retry a %i', async status => {
      script = [
        json(status, {
          correlationId: 'c-1',
          title: 'Nope',
          detail: 'not allowed',
        }),
      ];
      const { http } = makeHttp();
      const error = (await failure(http.send(get))) as PaycorApiError;

      expect(error).toBeInstanceOf(PaycorApiError);
      expect(error.details).toMatchObject({
        endpoint: 'employees',
        status,
        correlationId: 'c-1',
      });
      expect(error.message).toContain(
        `employees answered ${status} (Nope: not allowed)`,
      );
      expect(error.message).toContain('[correlationId c-1]');
      expect(seen).toHaveLength(1);
      expect(http.callCount).toBe(1);
      expectNoCredentials(error);
    });

    it('does not retry a 500 on the non-idempotent token POST, but does retry its 503', async () => {
      script = [json(500, {})];
      const { http } = makeHttp();
      expect(await failure(http.send(tokenPost))).toBeInstanceOf(
        PaycorApiError,
      );
      expect(seen).toHaveLength(1);

      script = [json(503, {}), json(200, { access_token: 'a' })];
      expect((await http.send(tokenPost)).body).toEqual({ access_token: 'a' });
      expect(seen).toHaveLength(3);
    });
  });

  describe('timeouts and transport errors', () => {
    it('turns a hanging GET into PaycorTimeoutError after retrying it', async () => {
      script = [hang, hang];
      const { http } = makeHttp({ maxRetries: 1, timeoutMs: 300 });
      const error = await failure(http.send(get));

      expect(error).toBeInstanceOf(PaycorTimeoutError);
      expect(error.message).toBe(
        'Paycor employees did not answer within 300 ms',
      );
      expect(seen).toHaveLength(2);
      expect(http.callCount).toBe(2);
    });

    it('never resends a hanging token POST: the server may have rotated the token', async () => {
      script = [hang, json(200, { access_token: 'must not be fetched' })];
      const { http } = makeHttp({ maxRetries: 3, timeoutMs: 300 });
      const error = await failure(http.send(tokenPost));

      expect(error).toBeInstanceOf(PaycorTimeoutError);
      expect(seen).toHaveLength(1);
      expect(http.callCount).toBe(1);
      expectNoCredentials(error);
    });

    it('stops at once, without retrying, when the caller aborts', async () => {
      script = [hang, hang];
      const { http } = makeHttp({ maxRetries: 3, timeoutMs: 5_000 });
      const controller = new AbortController();
      const sending = http.send({ ...get, signal: controller.signal });
      // abort once the request is on the wire
      for (let i = 0; i < 100 && seen.length === 0; i++) {
        await new Promise(r => setTimeout(r, 10));
      }
      controller.abort(new Error('run cancelled'));
      const error = await failure(sending);

      expect(error.message).toBe('run cancelled');
      expect(seen).toHaveLength(1);
    });

    it('reports malformed JSON as PaycorPayloadError', async () => {
      script = [raw(200, '{"records":[{"id":"e1"},{"id":')];
      const { http } = makeHttp({ maxRetries: 0 });
      const error = await failure(http.send(get));

      expect(error).toBeInstanceOf(PaycorPayloadError);
      expect(error.message).toMatch(
        /employees returned malformed JSON \(\d+ bytes/,
      );
    });

    it('retries a GET whose body was cut off, since the same read usually succeeds', async () => {
      script = [raw(200, '{"records":[')];
      const { http } = makeHttp({ maxRetries: 1 });
      expect((await http.send(get)).body).toEqual({ ok: true });
      expect(http.callCount).toBe(2);
    });

    it('reports an unreachable host as PaycorNetworkError', async () => {
      const closed = createServer();
      await new Promise<void>(resolve =>
        closed.listen(0, '127.0.0.1', resolve),
      );
      const port = (closed.address() as AddressInfo).port;
      await new Promise(resolve => closed.close(resolve));

      const { http } = makeHttp({
        maxRetries: 0,
        base: `http://127.0.0.1:${port}`,
      });
      const error = await failure(http.send(get));
      expect(error).toBeInstanceOf(PaycorNetworkError);
      expect(error.message).toMatch(
        /Could not reach Paycor for employees: ECONNREFUSED/,
      );
      expectNoCredentials(error);
    });
  });

  describe('401', () => {
    it('flags a 401 that blames the subscription key', async () => {
      script = [
        json(401, {
          statusCode: 401,
          message:
            'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
        }),
      ];
      const { http } = makeHttp();
      const error = (await failure(http.send(get))) as PaycorApiError;

      expect(error.details.subscriptionKeyRejected).toBe(true);
      expect(error.message).toContain('check subscriptionKey');
      expect(seen).toHaveLength(1);
      expectNoCredentials(error);
    });

    it('does not flag a 401 about the bearer token (empty body)', async () => {
      script = [
        (_req, res) =>
          res
            .writeHead(401, {
              'WWW-Authenticate': 'Bearer error="invalid_token"',
            })
            .end(),
      ];
      const { http } = makeHttp();
      const error = (await failure(http.send(get))) as PaycorApiError;

      expect(error.details.status).toBe(401);
      expect(error.details.subscriptionKeyRejected).toBe(false);
      expect(error.message).toContain('Paycor rejected the access token');
      expectNoCredentials(error);
    });
  });

  it('keeps credentials out of every error it raises', async () => {
    const { http } = makeHttp({ maxRetries: 0, timeoutMs: 300 });
    const errors: Error[] = [];
    for (const handler of [
      json(400, { error: 'invalid_grant' }),
      json(401, { message: 'Access denied due to missing subscription key.' }),
      json(403, { title: 'Forbidden', detail: 'missing scope' }),
      raw(500, 'Internal Server Error'),
      raw(200, '{"truncated'),
      hang,
    ]) {
      script = [handler];
      errors.push(await failure(http.send(get)));
      script = [handler];
      errors.push(
        await failure(http.send({ ...tokenPost, accessToken: ACCESS_TOKEN })),
      );
    }
    expect(errors).toHaveLength(12);
    for (const error of errors) expectNoCredentials(error);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds, capped at five minutes', () => {
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter('1')).toBe(1000);
    expect(parseRetryAfter('1.5')).toBe(1500);
    expect(parseRetryAfter('86400')).toBe(5 * 60_000);
  });

  it('reads an HTTP date', () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const ms = parseRetryAfter(inTenSeconds);
    expect(ms).toBeGreaterThan(8_000);
    expect(ms).toBeLessThanOrEqual(10_000);
    expect(parseRetryAfter(new Date(Date.now() - 60_000).toUTCString())).toBe(
      0,
    );
  });

  it("falls back to Paycor's 60 s when absent or unreadable", () => {
    expect(parseRetryAfter(null)).toBe(60_000);
    expect(parseRetryAfter('')).toBe(60_000);
    expect(parseRetryAfter('soon')).toBe(60_000);
  });

  it('does not mistake a malformed value for an HTTP date in the past (retry at once)', () => {
    // V8's Date.parse reads "-5" and "abc 2" as dates in 2001.
    expect(parseRetryAfter('-5')).toBe(60_000);
    expect(parseRetryAfter('abc 2')).toBe(60_000);
  });
});
