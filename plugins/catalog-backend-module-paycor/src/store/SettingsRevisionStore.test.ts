import { Knex } from 'knex';
import { createTestClock, createTestDb } from '../__testUtils__/testDb';
import { createStores, PaycorStores } from '.';

describe('SettingsRevisionStore', () => {
  let knex: Knex;
  let stores: PaycorStores;

  beforeEach(async () => {
    knex = await createTestDb();
    stores = createStores(knex, createTestClock());
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('counts every write of the admin settings, per provider', async () => {
    const revision = () => stores.settingsRevision.get('acme');
    expect(await revision()).toBe(0);

    await stores.overrides.set('acme', {
      departmentId: 'd1',
      parentRef: 'group:default/platform',
      setBy: 'user:default/admin',
    });
    expect(await revision()).toBe(1);
    await stores.adminGroups.create('acme', {
      name: 'platform',
      title: 'Platform',
      type: 'division',
      createdBy: 'user:default/admin',
    });
    const exclusion = await stores.exclusions.add('acme', {
      kind: 'email',
      value: 'ana@acme.com',
      createdBy: 'user:default/admin',
    });
    expect(await revision()).toBe(3);

    await stores.exclusions.remove('acme', exclusion.id);
    await stores.adminGroups.remove('acme', 'platform');
    await stores.overrides.remove('acme', 'd1');
    expect(await revision()).toBe(6);

    // nothing removed, nothing written
    expect(await stores.overrides.remove('acme', 'd1')).toBe(false);
    expect(await revision()).toBe(6);
    expect(await stores.settingsRevision.get('globex')).toBe(0);
  });

  it('does not count a write that failed', async () => {
    const add = () =>
      stores.exclusions.add('acme', {
        kind: 'employee-id',
        value: 'e1',
        createdBy: 'user:default/admin',
      });
    await add();
    await expect(add()).rejects.toThrow(/already excluded/);
    expect(await stores.settingsRevision.get('acme')).toBe(1);
  });

  it('leaves the provider state as it was', async () => {
    await stores.state.update('acme', { userCount: 7, health: 'healthy' });
    await stores.settingsRevision.bump(knex, 'acme');
    expect(await stores.state.get('acme')).toMatchObject({
      userCount: 7,
      health: 'healthy',
    });
  });
});
