import request from 'supertest';
import type { Test } from 'supertest';
import {
  startPaycorSandbox,
  type PaycorSandbox,
  type SandboxOptions,
} from '../sandbox';

/** A started sandbox plus a logged-in client for the Paycor API (tests only). */
export interface TestSandbox {
  sandbox: PaycorSandbox;
  /** GET a Paycor path with a valid token and key (override headers per call). */
  get(path: string, headers?: Record<string, string | undefined>): Test;
  /** POST a JSON body to a Paycor path with a valid token and key. */
  post(path: string, body: unknown): Test;
  /** Exchanges a refresh token at the token endpoint. */
  refresh(refreshToken: string, overrides?: Record<string, string>): Test;
  /** A fresh access token (minted via the control API, so the initial token stays unused). */
  accessToken(): Promise<string>;
  subscriptionKey: string;
  token: string;
  legalEntityId: number;
  control: PaycorSandbox['control'];
  stop(): Promise<void>;
}

export async function startTestSandbox(
  options: SandboxOptions = {},
): Promise<TestSandbox> {
  const sandbox = await startPaycorSandbox({ employees: 200, ...options });
  const { subscriptionKey, legalEntityId } = sandbox.credentials;

  const refresh = (
    refreshToken: string,
    overrides: Record<string, string> = {},
  ) =>
    request(sandbox.url)
      .post(
        `/sts/v1/common/token?subscription-key=${encodeURIComponent(
          subscriptionKey,
        )}`,
      )
      .type('form')
      .send({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: sandbox.credentials.clientId,
        client_secret: sandbox.credentials.clientSecret,
        ...overrides,
      });

  const accessToken = async () => {
    const minted = sandbox.control.mintTokens();
    const response = await refresh(minted.refreshToken).expect(200);
    return response.body.access_token as string;
  };

  const client: TestSandbox = {
    sandbox,
    control: sandbox.control,
    subscriptionKey,
    legalEntityId,
    token: '',
    refresh,
    accessToken,
    get(path, headers = {}) {
      const test = request(sandbox.url).get(path);
      const all: Record<string, string | undefined> = {
        Authorization: `Bearer ${client.token}`,
        'Ocp-Apim-Subscription-Key': subscriptionKey,
        ...headers,
      };
      for (const [name, value] of Object.entries(all))
        if (value !== undefined) test.set(name, value);
      return test;
    },
    post(path, body) {
      return request(sandbox.url)
        .post(path)
        .set('Authorization', `Bearer ${client.token}`)
        .set('Ocp-Apim-Subscription-Key', subscriptionKey)
        .send(body as object);
    },
    stop: () => sandbox.stop(),
  };
  client.token = await accessToken();
  // Minting the session token is not part of what a test observes.
  sandbox.control.resetCallLog();
  return client;
}

/** A clock tests can move by hand. */
export function manualClock(start = new Date('2025-03-01T12:00:00Z')) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
  };
}
