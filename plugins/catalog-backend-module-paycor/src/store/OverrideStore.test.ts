import { Knex } from 'knex';
import {
  createTestClock,
  createTestDb,
  TestClock,
} from '../__testUtils__/testDb';
import { OverrideStore } from './OverrideStore';

describe('OverrideStore', () => {
  let knex: Knex;
  let clock: TestClock;
  let overrides: OverrideStore;

  beforeEach(async () => {
    knex = await createTestDb();
    clock = createTestClock('2024-06-15T12:00:00.000Z');
    overrides = new OverrideStore(knex, clock);
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('sets an override and lists it', async () => {
    const set = await overrides.set('acme', {
      departmentId: 'd-110',
      parentRef: 'group:default/engineering',
      note: 'moved under engineering',
      setBy: 'user:default/admin',
    });
    expect(set.setAt).toBe('2024-06-15T12:00:00.000Z');
    expect(await overrides.list('acme')).toEqual([set]);
  });

  it('replaces the override of a department instead of adding a second', async () => {
    await overrides.set('acme', {
      departmentId: 'd-110',
      parentRef: 'group:default/a',
      note: 'first',
      setBy: 'user:default/x',
    });
    clock.advance(60_000);
    await overrides.set('acme', {
      departmentId: 'd-110',
      parentRef: 'group:default/b',
      setBy: 'user:default/y',
    });

    expect(await overrides.list('acme')).toEqual([
      {
        departmentId: 'd-110',
        parentRef: 'group:default/b',
        note: undefined,
        setBy: 'user:default/y',
        setAt: '2024-06-15T12:01:00.000Z',
      },
    ]);
  });

  it('lists by department id and keeps providers apart', async () => {
    await overrides.set('acme', {
      departmentId: 'd-2',
      parentRef: 'group:default/a',
      setBy: 'x',
    });
    await overrides.set('acme', {
      departmentId: 'd-1',
      parentRef: 'group:default/a',
      setBy: 'x',
    });
    await overrides.set('globex', {
      departmentId: 'd-0',
      parentRef: 'group:default/a',
      setBy: 'x',
    });
    expect((await overrides.list('acme')).map(o => o.departmentId)).toEqual([
      'd-1',
      'd-2',
    ]);
  });

  it('removes an override, reporting whether one existed', async () => {
    await overrides.set('acme', {
      departmentId: 'd-1',
      parentRef: 'group:default/a',
      setBy: 'x',
    });
    expect(await overrides.remove('globex', 'd-1')).toBe(false);
    expect(await overrides.remove('acme', 'd-1')).toBe(true);
    expect(await overrides.remove('acme', 'd-1')).toBe(false);
  });

  it('stores and returns the note and refs without NUL (PostgreSQL cannot hold it)', async () => {
    const set = await overrides.set('acme', {
      departmentId: 'd-110',
      parentRef: 'group:default/engineering\u0000',
      note: 'moved\u0000 under engineering',
      setBy: 'user:default/admin',
    });
    expect(set).toEqual({
      departmentId: 'd-110',
      parentRef: 'group:default/engineering',
      note: 'moved under engineering',
      setBy: 'user:default/admin',
      setAt: '2024-06-15T12:00:00.000Z',
    });
    expect(await overrides.list('acme')).toEqual([set]);
    const rows = await knex('paycor_department_overrides').select();
    expect(JSON.stringify(rows)).not.toContain('\\u0000');
  });
});
