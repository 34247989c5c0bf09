import request from 'supertest';
import {
  manualClock,
  startTestSandbox,
  type TestSandbox,
} from '../__testUtils__/sandboxClient';

/** Collects the raw body text, whatever the content type claims. */
function rawText(
  res: request.Response,
  callback: (error: Error | null, body: string) => void,
) {
  const stream = res as unknown as NodeJS.ReadableStream;
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    text += chunk;
  });
  stream.on('end', () => callback(null, text));
}

describe('fault injection over HTTP', () => {
  const clock = manualClock();
  let t: TestSandbox;
  const employees = () => `/v1/legalentities/${t.legalEntityId}/employees`;
  const departments = () => `/v1/legalentities/${t.legalEntityId}/departments`;

  beforeAll(async () => {
    t = await startTestSandbox({
      employees: 500,
      now: clock.now,
      rateLimit: false,
    });
  });
  afterEach(() => t.control.clearFaults());
  afterAll(() => t.stop());

  it('429: Paycor’s rate-limit answer, for the next call only', async () => {
    t.control.injectFault({ type: '429' });
    const limited = await t.get(employees()).expect(429);
    expect(limited.body).toEqual({
      message: 'Rate limit is exceeded. Try again in 60 seconds.',
    });
    expect(limited.headers['retry-after']).toBe('60');
    await t.get(employees()).expect(200);
  });

  it('500: a PaycorError, counted per call and scoped to an endpoint', async () => {
    t.control.injectFault({ type: '500', endpoint: 'employees', count: 2 });
    await t.get(departments()).expect(200);
    const failed = await t.get(employees()).expect(500);
    expect(failed.body).toMatchObject({
      correlationId: expect.any(String),
      title: 'Internal Server Error',
    });
    await t.get(employees()).expect(500);
    await t.get(employees()).expect(200);
  });

  it('503 for a duration of the sandbox clock', async () => {
    t.control.injectFault({ type: '503', durationMs: 10_000 });
    for (let i = 0; i < 3; i++) await t.get(departments()).expect(503);
    clock.advance(10_000);
    await t.get(departments()).expect(200);
  });

  it('afterCalls: page 3 of a listing fails, pages 1–2 and the retry succeed', async () => {
    t.control.injectFault({
      type: '500',
      endpoint: 'employees',
      afterCalls: 2,
    });
    const page1 = (await t.get(employees()).expect(200)).body;
    const page2 = (await t.get(page1.additionalResultsUrl).expect(200)).body;
    await t.get(page2.additionalResultsUrl).expect(500);
    const page3 = (await t.get(page2.additionalResultsUrl).expect(200)).body;
    expect(page3.records.length).toBe(100);
  });

  it('timeout: accepted and never answered until the client gives up', async () => {
    t.control.resetCallLog();
    t.control.injectFault({ type: 'timeout', endpoint: 'departments' });
    await expect(t.get(departments()).timeout(150)).rejects.toMatchObject({
      timeout: 150,
    });
    await t.get(departments()).expect(200);
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(t.control.getCallLog().byStatus).toEqual({
      'no-response': 1,
      '200': 1,
    });
  });

  it('timeout with a duration: held until the window ends, then answered late', async () => {
    const realClock = await startTestSandbox({ employees: 20 });
    try {
      realClock.control.injectFault({ type: 'timeout', durationMs: 150 });
      const started = Date.now();
      await realClock
        .get(`/v1/legalentities/${realClock.legalEntityId}`)
        .expect(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    } finally {
      await realClock.stop();
    }
  });

  it('stop() does not hang on a request a timeout fault is holding', async () => {
    const held = await startTestSandbox({ employees: 20 });
    held.control.injectFault({ type: 'timeout' });
    const pending = held.get(`/v1/legalentities/${held.legalEntityId}`).then(
      () => 'answered',
      () => 'dropped',
    );
    await new Promise(resolve => setTimeout(resolve, 50));
    await held.stop();
    expect(await pending).toBe('dropped');
  });

  it('truncated-json: a 200 whose body is cut mid-JSON', async () => {
    t.control.injectFault({ type: 'truncated-json', endpoint: 'employees' });
    const response = await t
      .get(employees())
      .buffer(true)
      .parse(rawText)
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(Number(response.headers['content-length'])).toBe(
      Buffer.byteLength(response.body),
    );
    expect(response.body.startsWith('{"hasMoreResults":true')).toBe(true);
    expect(() => JSON.parse(response.body)).toThrow();
  });

  it('malformed-records: a valid envelope with some broken records', async () => {
    t.control.injectFault({ type: 'malformed-records', endpoint: 'employees' });
    const { body } = await t.get(employees()).expect(200);
    expect(body.hasMoreResults).toBe(true);
    expect(body.records).toHaveLength(200);
    const broken = body.records.filter(
      (r: { id?: unknown }) => typeof r.id !== 'string' || r.id === '',
    );
    expect(broken.length).toBeGreaterThanOrEqual(3);
    expect(
      body.records.filter(
        (r: { employeeNumber?: unknown }) =>
          typeof r.employeeNumber === 'number',
      ),
    ).not.toHaveLength(0);
    // The next page continues normally.
    await t.get(body.additionalResultsUrl).expect(200);
  });

  it('interrupted-listing: claims more results behind a token that is then rejected', async () => {
    t.control.injectFault({
      type: 'interrupted-listing',
      endpoint: 'departments',
    });
    const { body } = await t.get(departments()).expect(200);
    expect(body.hasMoreResults).toBe(true);
    expect(body.continuationToken).toMatch(/^[0-9a-f-]{36}$/);
    const next = await t.get(body.additionalResultsUrl).expect(400);
    expect(next.body.source).toHaveProperty('continuationToken');
  });

  it('revoked-refresh-token: every refresh token issued so far stops working', async () => {
    const before = t.control.mintTokens().refreshToken;
    const other = t.control.mintTokens().refreshToken;
    t.control.injectFault({ type: 'revoked-refresh-token' });
    expect((await t.refresh(before).expect(400)).body).toEqual({
      error: 'invalid_grant',
    });
    expect((await t.refresh(other).expect(400)).body).toEqual({
      error: 'invalid_grant',
    });
    // Access tokens already issued keep working; freshly minted refresh tokens work.
    await t.get(departments()).expect(200);
    await t.refresh(t.control.mintTokens().refreshToken).expect(200);
  });

  it('lists and clears armed faults; the control API validates them', async () => {
    t.control.injectFault({ type: '500', endpoint: 'persons', count: 3 });
    expect(t.control.listFaults()).toEqual([
      expect.objectContaining({
        type: '500',
        endpoint: 'persons',
        remaining: 3,
        passesLeft: 0,
      }),
    ]);
    t.control.clearFaults();
    expect(t.control.listFaults()).toEqual([]);
    const bad = await request(t.sandbox.url)
      .post('/_sandbox/faults')
      .send({ type: 'malformed-records', endpoint: 'employee' })
      .expect(400);
    expect(bad.body.field).toBe('endpoint');
    const unknown = await request(t.sandbox.url)
      .post('/_sandbox/faults')
      .send({ type: '418' })
      .expect(400);
    expect(unknown.body.field).toBe('type');
  });
});
