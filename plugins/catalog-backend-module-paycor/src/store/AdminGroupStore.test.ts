import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  createTestClock,
  createTestDb,
  TestClock,
} from '../__testUtils__/testDb';
import { AdminGroupStore } from './AdminGroupStore';

describe('AdminGroupStore', () => {
  let knex: Knex;
  let clock: TestClock;
  let groups: AdminGroupStore;

  beforeEach(async () => {
    knex = await createTestDb();
    clock = createTestClock('2024-06-15T12:00:00.000Z');
    groups = new AdminGroupStore(knex, clock);
  });

  afterEach(async () => {
    await knex.destroy();
  });

  const division = {
    name: 'engineering-division',
    title: 'Engineering Division',
    type: 'division',
    createdBy: 'user:default/admin',
  };

  it('creates a group and lists it', async () => {
    const created = await groups.create('acme', {
      ...division,
      description: 'All of engineering',
      parentRef: 'group:default/acme',
    });
    expect(created).toEqual({
      ...division,
      description: 'All of engineering',
      parentRef: 'group:default/acme',
      createdAt: '2024-06-15T12:00:00.000Z',
    });
    expect(await groups.list('acme')).toEqual([created]);
  });

  it('leaves optional fields out when not given', async () => {
    await groups.create('acme', division);
    expect(await groups.list('acme')).toEqual([
      {
        ...division,
        description: undefined,
        parentRef: undefined,
        createdAt: '2024-06-15T12:00:00.000Z',
      },
    ]);
  });

  it('refuses a second group of the same name for the same provider', async () => {
    await groups.create('acme', division);
    await expect(
      groups.create('acme', { ...division, title: 'Other' }),
    ).rejects.toThrow(ConflictError);
    await expect(groups.create('globex', division)).resolves.toBeDefined();
  });

  it('lists by name', async () => {
    await groups.create('acme', { ...division, name: 'zeta' });
    await groups.create('acme', { ...division, name: 'alpha' });
    expect((await groups.list('acme')).map(g => g.name)).toEqual([
      'alpha',
      'zeta',
    ]);
  });

  it('removes a group, reporting whether it existed', async () => {
    await groups.create('acme', division);
    expect(await groups.remove('globex', division.name)).toBe(false);
    expect(await groups.remove('acme', division.name)).toBe(true);
    expect(await groups.remove('acme', division.name)).toBe(false);
    expect(await groups.list('acme')).toEqual([]);
  });

  it('stores and returns texts without NUL (PostgreSQL cannot hold it)', async () => {
    const created = await groups.create('acme', {
      ...division,
      title: 'Engineering\u0000 Division',
      description: 'All of\u0000 engineering',
      parentRef: 'group:default/acme\u0000',
    });
    const expected = {
      ...division,
      description: 'All of engineering',
      parentRef: 'group:default/acme',
      createdAt: '2024-06-15T12:00:00.000Z',
    };
    expect(created).toEqual(expected);
    expect(await groups.list('acme')).toEqual([expected]);
    const rows = await knex('paycor_admin_groups').select();
    expect(JSON.stringify(rows)).not.toContain('\\u0000');
  });
});
