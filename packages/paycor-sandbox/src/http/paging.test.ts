import {
  manualClock,
  startTestSandbox,
  type TestSandbox,
} from '../__testUtils__/sandboxClient';
import type { Employee, PagedResult } from '../paycor/types';

/** A page as the sandbox always sends it: `records` is never null. */
type EmployeePage = PagedResult<Employee> & { records: Employee[] };

describe('paging over 100k employees', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox({ employees: 100_000, seed: 11 });
  }, 60_000);
  afterAll(() => t.stop());

  it('serves every employee exactly once in 200-record pages via additionalResultsUrl', async () => {
    expect(t.control.getSummary().employees).toBe(100_000);
    const seen = new Set<string>();
    let duplicates = 0;
    let outOfOrder = 0;
    const badUrls: (string | null)[] = [];
    let next: string | null = `/v1/legalentities/${t.legalEntityId}/employees`;
    let pages = 0;
    let lastPage: EmployeePage | undefined;
    let previousLastId = '';
    while (next) {
      const body: EmployeePage = (await t.get(next).expect(200)).body;
      pages++;
      expect(body.records).toHaveLength(200);
      for (const { id } of body.records) {
        if (seen.has(id)) duplicates++;
        // Keyset order: ids ascend across the whole listing.
        if (id <= previousLastId) outOfOrder++;
        seen.add(id);
        previousLastId = id;
      }
      const expectedUrl = body.hasMoreResults
        ? `/v1/legalentities/${t.legalEntityId}/employees?continuationToken=${body.continuationToken}`
        : null;
      if (body.additionalResultsUrl !== expectedUrl)
        badUrls.push(body.additionalResultsUrl);
      lastPage = body;
      next = body.additionalResultsUrl;
    }
    expect(pages).toBe(500);
    expect(badUrls).toEqual([]);
    expect(lastPage).toMatchObject({
      hasMoreResults: false,
      continuationToken: null,
      additionalResultsUrl: null,
    });
    expect(duplicates).toBe(0);
    expect(outOfOrder).toBe(0);
    // 100,000 distinct ids out of a 100,000-employee org: every employee exactly once.
    expect(seen.size).toBe(100_000);
  }, 60_000);
});

describe('continuation tokens', () => {
  const clock = manualClock();
  let t: TestSandbox;
  const list = (query = '') =>
    `/v1/legalentities/${t.legalEntityId}/employees${query}`;

  beforeAll(async () => {
    t = await startTestSandbox({
      employees: 450,
      now: clock.now,
      rateLimit: false,
    });
  });
  afterAll(() => t.stop());

  it('keeps the other query parameters in additionalResultsUrl and drops the subscription key', async () => {
    const { body } = await t
      .get(
        list(
          `?include=Status&statusFilter=Active&subscription-key=${t.subscriptionKey}`,
        ),
        {
          'Ocp-Apim-Subscription-Key': undefined,
        },
      )
      .expect(200);
    expect(body.additionalResultsUrl).toBe(
      `${list()}?include=Status&statusFilter=Active&continuationToken=${
        body.continuationToken
      }`,
    );
    const second = await t.get(body.additionalResultsUrl).expect(200);
    expect(
      second.body.records.every(
        (e: Employee) => e.statusData?.status === 'Active',
      ),
    ).toBe(true);
  });

  it('works as a plain continuationToken parameter and may be replayed (retries)', async () => {
    const first = (await t.get(list()).expect(200)).body as EmployeePage;
    const again = (
      await t
        .get(list(`?continuationToken=${first.continuationToken}`))
        .expect(200)
    ).body;
    const replay = (
      await t
        .get(
          list(`?continuationToken=${first.continuationToken!.toUpperCase()}`),
        )
        .expect(200)
    ).body;
    expect(replay.records.map((e: Employee) => e.id)).toEqual(
      again.records.map((e: Employee) => e.id),
    );
  });

  it('rejects unknown, malformed, foreign and expired tokens with a 400 PaycorError', async () => {
    const unknown = await t
      .get(list('?continuationToken=3ac2fca9-09f2-49fb-86d7-b1b84ed6ca74'))
      .expect(400);
    expect(unknown.body).toMatchObject({
      title: 'Validation Error',
      source: { continuationToken: expect.any(String) },
    });
    await t.get(list('?continuationToken=not-a-guid')).expect(400);

    const first = (await t.get(list('?statusFilter=Active')).expect(200))
      .body as EmployeePage;
    await t
      .get(list(`?continuationToken=${first.continuationToken}`))
      .expect(400);
    await t
      .get(
        `/v1/legalEntities/${t.legalEntityId}/persons?continuationToken=${first.continuationToken}`,
      )
      .expect(400);

    clock.advance(30 * 60 * 1000);
    await t.refresh(t.control.mintTokens().refreshToken).expect(200);
    t.token = await t.accessToken();
    await t
      .get(
        list(
          `?statusFilter=Active&continuationToken=${first.continuationToken}`,
        ),
      )
      .expect(400);
  });

  it('neither skips nor repeats existing employees when the org changes between pages', async () => {
    const before = new Set(t.control.getOrg().employees.map(e => e.id));
    const first = (await t.get(list()).expect(200)).body as EmployeePage;
    const seen = first.records.map(e => e.id);
    // Changes on both sides of the cursor: a terminated employee, new hires, a renamed one.
    t.control.terminateEmployee(first.records[10].id);
    t.control.updateEmployee(first.records[199].id, { lastName: 'Renamed' });
    const lowest = t.control.addEmployee({
      id: '00000000-0001-0000-0000-000000000001',
    });
    const highest = t.control.addEmployee({
      id: 'ffffffff-ffff-0000-0000-00000000ffff',
    });
    let next = first.additionalResultsUrl;
    while (next) {
      const page = (await t.get(next).expect(200)).body as EmployeePage;
      seen.push(...page.records.map(e => e.id));
      next = page.additionalResultsUrl;
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of before) expect(seen).toContain(id);
    expect(seen).toContain(highest.id);
    expect(seen).not.toContain(lowest.id);
  });
});
