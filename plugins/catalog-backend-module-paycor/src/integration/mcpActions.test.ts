import { mockCredentials } from '@backstage/backend-test-utils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import {
  PaycorSandbox,
  startPaycorSandbox,
} from '@paycor-backstage/paycor-sandbox';
import request from 'supertest';
import {
  ADMIN,
  PaycorTestApi,
  PROVIDER_ID,
  startPaycorTestBackend,
} from '../__testUtils__/paycorTestBackend';

jest.setTimeout(300_000);

/**
 * What an AI assistant sees: the MCP actions backend offers the module's
 * actions as tools, and "why can't <person> sign in to Backstage?" is one
 * tool call away.
 */
describe('the actions over MCP', () => {
  let sandbox: PaycorSandbox;
  let backend: PaycorTestApi;
  let id = 0;

  /** One JSON-RPC call to the MCP endpoint (stateless Streamable HTTP). */
  async function mcp(
    method: string,
    params: object,
    user: string | null = ADMIN,
  ) {
    const req = request(backend.server)
      .post('/api/mcp-actions/v1')
      .set('Accept', 'application/json, text/event-stream')
      .send({ jsonrpc: '2.0', id: ++id, method, params });
    const res = await (user
      ? req.set('Authorization', mockCredentials.user.header(user))
      : req);
    if (res.status !== 200) return { status: res.status, body: undefined };
    // the answer comes as one server-sent event
    const data = res.text
      .split('\n')
      .find(line => line.startsWith('data: '))!
      .slice('data: '.length);
    return { status: res.status, body: JSON.parse(data) };
  }

  beforeAll(async () => {
    sandbox = await startPaycorSandbox({ employees: 120, seed: 5 });
    backend = await startPaycorTestBackend({
      sandbox,
      features: [mcpActionsPlugin],
    });
    const run = await backend.syncNow();
    if (run.status !== 'succeeded') throw new Error(run.error?.message);
    // stopping while the catalog still processes the org makes it log after
    // the tests are done, which fails the Jest run
    await backend.settled();
  });

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
  });

  it('lists the Paycor tools with their hints', async () => {
    const { body } = await mcp('tools/list', {});
    const tools = body.result.tools.filter((t: any) =>
      t.name.includes('paycor-'),
    );
    expect(tools.map((t: any) => t.name).sort()).toEqual(
      [
        'catalog.paycor-explain-person',
        'catalog.paycor-list-conflicts',
        'catalog.paycor-preview-sync',
        'catalog.paycor-rehome-department',
        'catalog.paycor-sync-now',
        'catalog.paycor-sync-person',
        'catalog.paycor-sync-status',
        'catalog.paycor-undo-rehome',
      ].sort(),
    );
    const explain = tools.find(
      (t: any) => t.name === 'catalog.paycor-explain-person',
    );
    expect(explain.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
    });
    expect(Object.keys(explain.inputSchema.properties)).toEqual(
      expect.arrayContaining(['employeeId', 'query']),
    );
  });

  it('answers why someone cannot sign in: the trace of a person who is not in the catalog', async () => {
    const people = await backend.api(
      'get',
      `/providers/${PROVIDER_ID}/people?limit=200`,
    );
    const absent = people.body.items.find((p: any) => !p.inCatalog && p.email);
    expect(absent).toBeDefined();
    const { body } = await mcp('tools/call', {
      name: 'catalog.paycor-explain-person',
      arguments: { query: absent.email },
    });
    expect(body.result.isError).toBeFalsy();
    const output =
      body.result.structuredContent ?? JSON.parse(body.result.content[0].text);
    expect(output.person).toMatchObject({
      employeeId: absent.employeeId,
      inCatalog: false,
      outcome: absent.outcome,
    });
    // the step that kept them out says why in words
    const decisive = output.person.steps.filter(
      (s: any) => s.outcome === 'skip' || s.outcome === 'fail',
    );
    expect(decisive.length).toBeGreaterThan(0);
    expect(decisive[0].detail.length).toBeGreaterThan(10);
  });

  it('refuses an unauthenticated MCP client', async () => {
    const { status } = await mcp('tools/list', {}, null);
    expect(status).toBe(401);
  });
});
