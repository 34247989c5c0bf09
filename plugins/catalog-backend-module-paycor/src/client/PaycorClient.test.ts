import {
  DATA_ACCESS_SCOPES,
  NO_DIRTY_DATA,
  PaycorSandbox,
  startPaycorSandbox,
} from '@paycor-backstage/paycor-sandbox';
import { Knex } from 'knex';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  PaycorApiError,
  PaycorListingError,
  PaycorPayloadError,
} from '../errors';
import {
  connectToSandbox,
  tokenCalls,
} from '../__testUtils__/sandboxConnection';
import { createTestDb, createTestLogger } from '../__testUtils__/testDb';
import { Page, PaycorClient } from './PaycorClient';
import { PaycorHttp } from './PaycorHttp';
import { paycorKeys } from './paycorSchemas';
import { createRateBudget } from './rateBudget';
import { TokenManager } from './TokenManager';

async function readAll(pages: AsyncGenerator<Page>) {
  const read: Page[] = [];
  for await (const page of pages) read.push(page);
  return read;
}

describe('PaycorClient against the sandbox', () => {
  let sandbox: PaycorSandbox;
  let knex: Knex;
  // The sandbox's clock, to expire its access tokens under the client's feet.
  let sandboxOffsetMs = 0;

  beforeAll(async () => {
    sandbox = await startPaycorSandbox({
      employees: 450, // three pages of 200
      seed: 11,
      dirtyData: NO_DIRTY_DATA,
      now: () => new Date(Date.now() + sandboxOffsetMs),
    });
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  beforeEach(async () => {
    knex = await createTestDb();
    sandboxOffsetMs = 0;
    sandbox.control.resetCallLog();
  });

  afterEach(async () => {
    sandbox.control.clearFaults();
    sandbox.control.setScopes(DATA_ACCESS_SCOPES);
    await knex.destroy();
  });

  it('reads every employee page', async () => {
    const { client } = connectToSandbox(sandbox, knex);
    const pages = await readAll(client.employeePages());

    const summary = sandbox.control.getSummary();
    const records = pages.flatMap(p => p.records) as Array<Record<string, any>>;
    expect(pages.map(p => p.number)).toEqual([1, 2, 3]);
    expect(records).toHaveLength(summary.employees);
    expect(new Set(records.map(r => r.id)).size).toBe(summary.employees);
    // include=All: the sections the mapping needs are there
    expect(records[0]).toEqual(
      expect.objectContaining({
        positionData: expect.any(Object),
        statusData: expect.any(Object),
        employmentDateData: expect.any(Object),
      }),
    );
    // one token call and one call per page, every attempt counted
    expect(client.callCount).toBe(4);
    expect(sandbox.control.getCallLog().byEndpoint).toEqual({
      token: 1,
      employees: 3,
    });
  });

  it('reads every department', async () => {
    const { client } = connectToSandbox(sandbox, knex);
    const pages = await readAll(client.departmentPages());
    const records = pages.flatMap(p => p.records) as Array<{ id: string }>;
    expect(records).toHaveLength(sandbox.control.getSummary().departments);
    expect(records.every(r => typeof r.id === 'string')).toBe(true);
  });

  it('reads the legal entity with its business names', async () => {
    const { client } = connectToSandbox(sandbox, knex);
    const { legalEntity, businessNamesScope } = await client.getLegalEntity();
    expect(businessNamesScope).toBe(true);
    expect(legalEntity.id).toBe(sandbox.credentials.legalEntityId);
    expect(legalEntity.name).toEqual(expect.any(String));
    expect(legalEntity.businessNames?.length).toBeGreaterThan(0);
  });

  it('falls back to the basic legal entity without the business names scope', async () => {
    sandbox.control.setScopes(
      DATA_ACCESS_SCOPES.filter(
        s => s !== 'View Legal Entity Business Names & Addresses',
      ),
    );
    const { client } = connectToSandbox(sandbox, knex);
    const { legalEntity, businessNamesScope } = await client.getLegalEntity();

    expect(businessNamesScope).toBe(false);
    expect(legalEntity.id).toBe(sandbox.credentials.legalEntityId);
    expect(legalEntity.businessNames ?? null).toBeNull();
    expect(sandbox.control.getCallLog().byStatus).toMatchObject({ '403': 1 });
  });

  it('lists the legal entities the app is activated for', async () => {
    const { client } = connectToSandbox(sandbox, knex);
    expect(await client.getActivatedLegalEntities()).toContainEqual(
      expect.objectContaining({
        legalEntityId: sandbox.credentials.legalEntityId,
      }),
    );
  });

  it('fails an interrupted listing instead of returning a short list', async () => {
    sandbox.control.injectFault({
      type: 'interrupted-listing',
      endpoint: 'employees',
      count: 1,
    });
    const { client } = connectToSandbox(sandbox, knex);
    const read: Page[] = [];
    const error = await (async () => {
      for await (const page of client.employeePages()) read.push(page);
    })().catch(e => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/continuation token/i);
    expect(read).toHaveLength(1);
  });

  it('reports an interrupted listing as PaycorListingError', async () => {
    // Paycor refusing the continuation token it just gave is a listing that
    // "stopped before its end", like a missing or repeated token.
    sandbox.control.injectFault({
      type: 'interrupted-listing',
      endpoint: 'employees',
      count: 1,
    });
    const { client } = connectToSandbox(sandbox, knex);
    const error = await readAll(client.employeePages()).catch(e => e);
    expect(error).toBeInstanceOf(PaycorListingError);
  });

  it('refreshes exactly once when Paycor rejects an expired access token', async () => {
    const { client, tokens } = connectToSandbox(sandbox, knex);
    const expired = await tokens.getAccessToken();
    // Paycor's clock says the token is dead; the manager's says it is fresh.
    sandboxOffsetMs = 31 * 60_000;

    await client.probeDepartments();
    expect(tokenCalls(sandbox)).toBe(2);
    expect(sandbox.control.getCallLog().byEndpoint.departments).toBe(2);
    expect(sandbox.control.getCallLog().byStatus['401']).toBe(1);
    expect(await tokens.getAccessToken()).not.toBe(expired);
  });

  it('does not retry a 403 as a token problem', async () => {
    sandbox.control.setScopes(
      DATA_ACCESS_SCOPES.filter(
        s => s !== 'View Legal Entity Departments Information',
      ),
    );
    const { client } = connectToSandbox(sandbox, knex);
    const error = await client.probeDepartments().catch(e => e);
    expect(error).toBeInstanceOf(PaycorApiError);
    expect(error.details.status).toBe(403);
    expect(tokenCalls(sandbox)).toBe(1);
  });
});

describe('PaycorClient paging guards', () => {
  // Envelopes the sandbox never sends, served by a scripted local server.
  let server: Server;
  let pages: unknown[];
  let client: PaycorClient;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        Connection: 'close',
      });
      res.end(
        JSON.stringify(pages.shift() ?? { hasMoreResults: false, records: [] }),
      );
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const http = new PaycorHttp({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      subscriptionKey: 'key',
      timeoutMs: 5_000,
      maxRetries: 0,
      budget: createRateBudget(10_000, 1_000),
      logger: createTestLogger(),
    });
    const tokens = {
      getAccessToken: async () => 'access-token',
      invalidate: async () => {},
    } as unknown as TokenManager;
    client = new PaycorClient({
      legalEntityId: 1,
      http,
      tokens,
      keys: paycorKeys,
    });
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  it('follows "True" and PascalCase envelopes to the last page', async () => {
    pages = [
      {
        HasMoreResults: 'True',
        ContinuationToken: 't1',
        Records: [{ Id: 'e1' }],
      },
      {
        hasMoreResults: 'False',
        continuationToken: null,
        records: [{ id: 'e2' }],
      },
    ];
    const read = await readAll(client.employeePages());
    expect(read).toEqual([
      { number: 1, records: [{ id: 'e1' }] },
      { number: 2, records: [{ id: 'e2' }] },
    ]);
  });

  it('fails a page that claims more results without a continuation token', async () => {
    pages = [
      {
        hasMoreResults: true,
        continuationToken: null,
        records: [{ id: 'e1' }],
      },
    ];
    const error = await readAll(client.employeePages()).catch(e => e);
    expect(error).toBeInstanceOf(PaycorListingError);
    expect(error.message).toMatch(
      /page 1 says there are more results but gives no continuation token/,
    );
  });

  it('fails a listing that repeats a continuation token', async () => {
    pages = [
      { hasMoreResults: true, continuationToken: 'same', records: [] },
      { hasMoreResults: true, continuationToken: 'same', records: [] },
    ];
    const error = await readAll(client.departmentPages()).catch(e => e);
    expect(error).toBeInstanceOf(PaycorListingError);
    expect(error.message).toMatch(/continuation token same twice/);
  });

  it('fails a body that is not a paged result', async () => {
    pages = [[{ id: 'e1' }]];
    await expect(readAll(client.employeePages())).rejects.toThrow(
      PaycorPayloadError,
    );
    pages = [{ hasMoreResults: 'maybe', records: [] }];
    await expect(readAll(client.employeePages())).rejects.toThrow(
      /hasMoreResults/,
    );
  });
});
