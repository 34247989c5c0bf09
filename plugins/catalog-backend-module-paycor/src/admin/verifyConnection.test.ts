import {
  DATA_ACCESS_SCOPES,
  PaycorSandbox,
  startPaycorSandbox,
} from '@paycor-backstage/paycor-sandbox';
import { Knex } from 'knex';
import { connectToSandbox } from '../__testUtils__/sandboxConnection';
import { createTestDb } from '../__testUtils__/testDb';
import { PaycorApiError } from '../errors';
import { verifyConnection } from './verifyConnection';

const NOW = new Date('2024-06-15T12:00:00.000Z');

describe('verifyConnection', () => {
  let sandbox: PaycorSandbox;
  let knex: Knex;

  beforeAll(async () => {
    sandbox = await startPaycorSandbox({ employees: 20, seed: 5 });
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  beforeEach(async () => {
    knex = await createTestDb();
  });

  afterEach(async () => {
    sandbox.control.setScopes(DATA_ACCESS_SCOPES);
    await knex.destroy();
  });

  function verify(options: Parameters<typeof connectToSandbox>[2] = {}) {
    const connection = connectToSandbox(sandbox, knex, options);
    return verifyConnection(
      sandbox.credentials.legalEntityId,
      connection.client,
      connection.tokens,
      () => NOW,
    );
  }

  const without = (...scopes: string[]) =>
    sandbox.control.setScopes(
      DATA_ACCESS_SCOPES.filter(s => !scopes.includes(s)),
    );

  it('passes every step with every scope', async () => {
    const result = await verify();
    expect(result).toEqual({
      ok: true,
      checkedAt: NOW.toISOString(),
      legalEntity: {
        id: sandbox.credentials.legalEntityId,
        name: expect.any(String),
      },
      steps: [
        {
          name: 'Refresh token',
          ok: true,
          detail: expect.stringMatching(/rotated refresh token is stored/),
        },
        {
          name: 'App activation',
          ok: true,
          detail: expect.stringMatching(/activated for legal entity/),
        },
        {
          name: 'Legal entity',
          ok: true,
          detail: expect.stringMatching(/^Read legal entity/),
        },
        { name: 'Departments', ok: true },
        { name: 'Employees', ok: true },
        {
          name: 'One employee',
          ok: true,
          detail: expect.stringMatching(/serves one employee at a time/),
        },
      ],
      missingScopes: [],
    });
  });

  it('names the one-employee scope Sync person and live updates need', async () => {
    without('View Employee Information');
    const result = await verify();

    expect(result.ok).toBe(false);
    expect(result.missingScopes).toEqual([
      {
        scope: 'View Employee Information',
        neededFor: expect.stringMatching(/falls back to a full sync/),
      },
    ]);
    expect(result.steps.find(s => s.name === 'One employee')).toEqual({
      name: 'One employee',
      ok: false,
      detail: expect.stringMatching(/refused to read one employee \(403\)/),
    });
    expect(result.steps.filter(s => !s.ok)).toHaveLength(1);
  });

  it('names exactly the one-employee section scopes that are missing', async () => {
    without('View Employee Position', 'View Employee Work Location');
    const result = await verify();

    expect(result.missingScopes.map(m => m.scope)).toEqual([
      'View Employee Position',
      'View Employee Work Location',
    ]);
    expect(result.steps.find(s => s.name === 'Employees')?.ok).toBe(true);
  });

  it('passes, saying so, when Paycor does not serve one employee at all', async () => {
    const connection = connectToSandbox(sandbox, knex);
    // What the API gateway answers for a route it does not have (api.md Q2:
    // the newer document no longer lists GET /v1/employees/{id}).
    const client = Object.create(connection.client);
    client.getEmployee = async () => {
      throw new PaycorApiError('Resource not found', {
        endpoint: 'employee',
        status: 404,
      });
    };
    const result = await verifyConnection(
      sandbox.credentials.legalEntityId,
      client,
      connection.tokens,
      () => NOW,
    );

    expect(result.ok).toBe(true);
    expect(result.steps.find(s => s.name === 'One employee')).toEqual({
      name: 'One employee',
      ok: true,
      detail: expect.stringMatching(
        /does not serve GET \/v1\/employees\/\{id\}.*Sync person and live updates fall back to a full sync/,
      ),
    });
  });

  it('stores the rotated refresh token (it spends the token to prove it works)', async () => {
    const connection = connectToSandbox(sandbox, knex);
    await verifyConnection(
      sandbox.credentials.legalEntityId,
      connection.client,
      connection.tokens,
      () => NOW,
    );
    const stored = await connection.tokenStore.get('acme');
    expect(stored?.refreshToken).toEqual(expect.any(String));
    expect(stored?.refreshToken).not.toBe(connection.seedRefreshToken);
  });

  it('names exactly the include scopes that are missing', async () => {
    without(
      'View Legal Entity Employees Position',
      'View Legal Entity Employees Status',
    );
    const result = await verify();

    expect(result.ok).toBe(false);
    expect(result.missingScopes).toEqual([
      {
        scope: 'View Legal Entity Employees Position',
        neededFor: 'job titles and managers',
      },
      {
        scope: 'View Legal Entity Employees Status',
        neededFor: 'employment status (active, on leave, terminated)',
      },
    ]);
    expect(result.steps.find(s => s.name === 'Employees')).toEqual({
      name: 'Employees',
      ok: false,
      detail: expect.stringMatching(/some sections are not/),
    });
  });

  it('names the base employee scope when the list itself is forbidden', async () => {
    without('View Legal Entity Employees');
    const result = await verify();

    expect(result.ok).toBe(false);
    expect(result.missingScopes).toEqual([
      {
        scope: 'View Legal Entity Employees',
        neededFor: 'Users (the employee list)',
      },
    ]);
    expect(result.steps.find(s => s.name === 'Employees')?.ok).toBe(false);
  });

  it('names the departments and basic legal entity scopes', async () => {
    without(
      'View Legal Entity Departments Information',
      'View Legal Entity Basic Information',
    );
    const result = await verify();
    expect(result.missingScopes.map(m => m.scope)).toEqual([
      'View Legal Entity Basic Information',
      'View Legal Entity Departments Information',
    ]);
    expect(result.legalEntity).toBeUndefined();
  });

  it('treats missing business names as an optional scope: reported, but every step passes', async () => {
    without('View Legal Entity Business Names & Addresses');
    const result = await verify();
    expect(result.steps.every(s => s.ok)).toBe(true);
    expect(result.missingScopes).toEqual([
      expect.objectContaining({
        scope: 'View Legal Entity Business Names & Addresses',
      }),
    ]);
    expect(result.ok).toBe(false);
  });

  it('stops at the first step when the refresh token is refused', async () => {
    const result = await verify({ seedRefreshToken: 'NOT-A-REFRESH-TOKEN' });
    expect(result).toEqual({
      ok: false,
      checkedAt: NOW.toISOString(),
      legalEntity: undefined,
      steps: [
        {
          name: 'Refresh token',
          ok: false,
          detail: expect.stringContaining(
            'catalog.providers.paycor.acme.refreshToken',
          ),
        },
      ],
      missingScopes: [],
    });
    expect(JSON.stringify(result)).not.toContain('NOT-A-REFRESH-TOKEN');
  });

  it('reports a legal entity the app is not activated for', async () => {
    const connection = connectToSandbox(sandbox, knex);
    const result = await verifyConnection(
      424242,
      connection.client,
      connection.tokens,
      () => NOW,
    );
    expect(result.steps.find(s => s.name === 'App activation')).toEqual({
      name: 'App activation',
      ok: false,
      detail: expect.stringMatching(
        /not activated for legal entity 424242 \(activated: \d+\)/,
      ),
    });
    expect(result.ok).toBe(false);
  });
});
