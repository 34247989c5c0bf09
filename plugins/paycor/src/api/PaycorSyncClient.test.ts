import { ResponseError } from '@backstage/errors';
import { PaycorSyncClient } from './PaycorSyncClient';

function jsonResponse(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    statusText:
      (
        {
          200: 'OK',
          201: 'Created',
          202: 'Accepted',
          204: 'No Content',
          400: 'Bad Request',
          403: 'Forbidden',
          409: 'Conflict',
        } as Record<number, string>
      )[status] ?? '',
    headers: { 'Content-Type': 'application/json' },
  });
}

function setup(
  respond: () => Response = () => jsonResponse(200, { items: [] }),
) {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) => respond());
  const getBaseUrl = jest.fn(
    async (_id: string) => 'http://backstage/api/catalog',
  );
  const client = new PaycorSyncClient({
    discoveryApi: { getBaseUrl },
    fetchApi: { fetch: fetch as any },
  });
  const call = (i = 0) => {
    const [url, init] = fetch.mock.calls[i];
    return {
      url,
      method: init?.method,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      headers: init?.headers as Record<string, string>,
    };
  };
  return { client, fetch, getBaseUrl, call };
}

describe('PaycorSyncClient', () => {
  it('resolves the catalog base URL and lists providers', async () => {
    const { client, getBaseUrl, call } = setup(() =>
      jsonResponse(200, { items: [{ id: 'acme' }] }),
    );
    await expect(client.listProviders()).resolves.toEqual({
      items: [{ id: 'acme' }],
    });
    expect(getBaseUrl).toHaveBeenCalledWith('catalog');
    expect(call()).toMatchObject({
      url: 'http://backstage/api/catalog/paycor/providers',
      method: 'GET',
      body: undefined,
    });
  });

  it('encodes path segments', async () => {
    const { client, call } = setup(() => jsonResponse(200, {}));
    await client.getProvider('acme east/1');
    expect(call().url).toBe(
      'http://backstage/api/catalog/paycor/providers/acme%20east%2F1',
    );
  });

  it('builds conflict query parameters and leaves out empty ones', async () => {
    const { client, call } = setup(() => jsonResponse(200, { items: [] }));
    await client.listConflicts('acme', {
      types: ['duplicate-email', 'rehome-cycle'],
      status: 'all',
      q: '  maria ',
      limit: 25,
      offset: 50,
    });
    const url = new URL(call().url);
    expect(url.pathname).toBe('/api/catalog/paycor/providers/acme/conflicts');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      type: 'duplicate-email,rehome-cycle',
      status: 'all',
      q: 'maria',
      limit: '25',
      offset: '50',
    });

    await client.listConflicts('acme', { types: [], q: '   ' });
    expect(call(1).url).toBe(
      'http://backstage/api/catalog/paycor/providers/acme/conflicts',
    );
  });

  it('pages runs and limits the preview', async () => {
    const { client, call } = setup(() => jsonResponse(200, {}));
    await client.listRuns('acme', { limit: 10, offset: 20 });
    await client.getPreview('acme', { limit: 200 });
    await client.listApprovals('acme', { status: 'pending' });
    expect(call(0).url).toBe(
      'http://backstage/api/catalog/paycor/providers/acme/runs?limit=10&offset=20',
    );
    expect(call(1).url).toBe(
      'http://backstage/api/catalog/paycor/providers/acme/preview?limit=200',
    );
    expect(call(2).url).toBe(
      'http://backstage/api/catalog/paycor/providers/acme/approvals?status=pending',
    );
  });

  it('posts sync and verify requests', async () => {
    const { client, call } = setup(() =>
      jsonResponse(202, { providerId: 'acme', requestedAt: 'x' }),
    );
    await client.requestSync('acme');
    expect(call()).toMatchObject({
      url: 'http://backstage/api/catalog/paycor/providers/acme/sync',
      method: 'POST',
    });
  });

  it('sends JSON bodies for mutations', async () => {
    const { client, call } = setup(() => jsonResponse(200, {}));
    await client.setDepartmentParent('acme', 'd-1', {
      parent: 'group:default/product-engineering',
      note: 'two-tier org',
    });
    expect(call()).toMatchObject({
      url: 'http://backstage/api/catalog/paycor/providers/acme/departments/d-1/parent',
      method: 'PUT',
      body: {
        parent: 'group:default/product-engineering',
        note: 'two-tier org',
      },
    });
    expect(call().headers['Content-Type']).toBe('application/json');

    await client.clearDepartmentParent('acme', 'd-1');
    expect(call(1)).toMatchObject({ method: 'DELETE', body: undefined });

    await client.createAdminGroup('acme', { name: 'ops', title: 'Operations' });
    expect(call(2)).toMatchObject({
      url: 'http://backstage/api/catalog/paycor/providers/acme/groups',
      method: 'POST',
      body: { name: 'ops', title: 'Operations' },
    });

    await client.decideApproval('acme', 'run-7', {
      decision: 'reject',
      note: 'filter typo',
    });
    expect(call(3)).toMatchObject({
      url: 'http://backstage/api/catalog/paycor/providers/acme/approvals/run-7',
      method: 'POST',
      body: { decision: 'reject', note: 'filter typo' },
    });

    await client.addExclusion('acme', { kind: 'email', value: 'a@b.co' });
    expect(call(4)).toMatchObject({
      url: 'http://backstage/api/catalog/paycor/providers/acme/exclusions',
      method: 'POST',
      body: { kind: 'email', value: 'a@b.co' },
    });
  });

  it('resolves to undefined on 204', async () => {
    const { client, call } = setup(() => jsonResponse(204));
    await expect(
      client.removeExclusion('acme', 'ex-1'),
    ).resolves.toBeUndefined();
    expect(call()).toMatchObject({
      url: 'http://backstage/api/catalog/paycor/providers/acme/exclusions/ex-1',
      method: 'DELETE',
    });
    await expect(
      client.deleteAdminGroup('acme', 'ops'),
    ).resolves.toBeUndefined();
  });

  it('throws a ResponseError carrying the server message on non-2xx', async () => {
    const { client } = setup(() =>
      jsonResponse(409, {
        error: {
          name: 'ConflictError',
          message: 'Re-homing sales under itself would create a cycle',
        },
        response: { statusCode: 409 },
      }),
    );
    const error = await client
      .setDepartmentParent('acme', 'd-1', { parent: 'group:default/sales' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.cause.name).toBe('ConflictError');
    expect(error.cause.message).toBe(
      'Re-homing sales under itself would create a cycle',
    );
  });
});
