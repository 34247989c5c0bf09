import request from 'supertest';
import {
  manualClock,
  startTestSandbox,
  type TestSandbox,
} from './__testUtils__/sandboxClient';
import { RateLimiter } from './rateLimit';

describe('RateLimiter', () => {
  it('allows `limit` calls per window per key and says when to retry', () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ limit: 2, windowMs: 60_000 }, clock.now);
    expect(limiter.hit('a')).toEqual({ allowed: true });
    clock.advance(15_500);
    expect(limiter.hit('a')).toEqual({ allowed: true });
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(limiter.hit('b')).toEqual({ allowed: true });
    clock.advance(44_500);
    expect(limiter.hit('a')).toEqual({ allowed: true });
  });

  it('can be turned off', () => {
    const limiter = new RateLimiter(false, () => new Date());
    for (let i = 0; i < 5000; i++) expect(limiter.hit('a').allowed).toBe(true);
  });
});

describe('rate limiting over HTTP', () => {
  const clock = manualClock();
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox({ employees: 20, now: clock.now });
  });
  beforeEach(() => t.control.setRateLimit({ limit: 5, windowMs: 60_000 }));
  afterAll(() => t.stop());

  const le = () => t.legalEntityId;

  it('answers 429 with Paycor’s body and Retry-After once the quota is used, across endpoints', async () => {
    await t.get(`/v1/legalentities/${le()}/employees`).expect(200);
    await t.get(`/v1/legalentities/${le()}/departments`).expect(200);
    await t.get(`/v1/legalentities/${le()}`).expect(200);
    await t.refresh(t.control.mintTokens().refreshToken).expect(200);
    clock.advance(20_000);
    await t.get(`/v1/legalEntities/${le()}/persons`).expect(200);
    const limited = await t
      .get(`/v1/legalentities/${le()}/worklocations`)
      .expect(429);
    expect(limited.body).toEqual({
      message: 'Rate limit is exceeded. Try again in 40 seconds.',
    });
    expect(limited.headers['retry-after']).toBe('40');
    // The token endpoint shares the quota.
    await t.refresh(t.control.mintTokens().refreshToken).expect(429);
  });

  it('counts per subscription key', async () => {
    for (let i = 0; i < 5; i++)
      await t.get(`/v1/legalentities/${le()}`).expect(200);
    await t.get(`/v1/legalentities/${le()}`).expect(429);
    const other = t.control.mintTokens({ newSubscriptionKey: true });
    expect(other.subscriptionKey).not.toBe(t.subscriptionKey);
    await t
      .get(`/v1/legalentities/${le()}`, {
        'Ocp-Apim-Subscription-Key': other.subscriptionKey,
      })
      .expect(200);
  });

  it('opens a new window after windowMs', async () => {
    for (let i = 0; i < 5; i++)
      await t.get(`/v1/legalentities/${le()}`).expect(200);
    await t.get(`/v1/legalentities/${le()}`).expect(429);
    clock.advance(60_000);
    await t.get(`/v1/legalentities/${le()}`).expect(200);
  });

  it('never counts control-API calls, and answers missing keys before counting', async () => {
    for (let i = 0; i < 10; i++)
      await request(t.sandbox.url).get('/_sandbox/calls').expect(200);
    for (let i = 0; i < 10; i++)
      await t
        .get(`/v1/legalentities/${le()}`, {
          'Ocp-Apim-Subscription-Key': undefined,
        })
        .expect(401);
    for (let i = 0; i < 5; i++)
      await t.get(`/v1/legalentities/${le()}`).expect(200);
    await t.get(`/v1/legalentities/${le()}`).expect(429);
  });

  it('defaults to 1000 calls per minute and can be switched off', async () => {
    const defaults = await startTestSandbox({ employees: 5 });
    try {
      expect(defaults.control.getSettings().rateLimit).toEqual({
        limit: 1000,
        windowMs: 60_000,
      });
    } finally {
      await defaults.stop();
    }
    t.control.setRateLimit(false);
    for (let i = 0; i < 12; i++)
      await t.get(`/v1/legalentities/${le()}`).expect(200);
  });
});
