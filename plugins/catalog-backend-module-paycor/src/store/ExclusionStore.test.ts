import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  createTestClock,
  createTestDb,
  TestClock,
} from '../__testUtils__/testDb';
import { ExclusionStore } from './ExclusionStore';

describe('ExclusionStore', () => {
  let knex: Knex;
  let clock: TestClock;
  let exclusions: ExclusionStore;

  beforeEach(async () => {
    knex = await createTestDb();
    clock = createTestClock('2024-06-15T12:00:00.000Z');
    exclusions = new ExclusionStore(knex, clock);
  });

  afterEach(async () => {
    await knex.destroy();
  });

  const by = 'user:default/admin';

  it('normalises emails (trimmed, lower case) and trims employee ids', async () => {
    const email = await exclusions.add('acme', {
      kind: 'email',
      value: '  Ana.Okafor@ACME.com ',
      createdBy: by,
    });
    const id = await exclusions.add('acme', {
      kind: 'employee-id',
      value: ' AbC-123 ',
      note: 'contractor',
      createdBy: by,
    });

    expect(email).toEqual({
      id: expect.any(String),
      kind: 'email',
      value: 'ana.okafor@acme.com',
      createdBy: by,
      createdAt: '2024-06-15T12:00:00.000Z',
    });
    expect(id.value).toBe('AbC-123');
    expect(await exclusions.list('acme')).toEqual(
      expect.arrayContaining([email, { ...id, note: 'contractor' }]),
    );
  });

  it('refuses a duplicate, including an email that differs only in case', async () => {
    await exclusions.add('acme', {
      kind: 'email',
      value: 'ana@acme.com',
      createdBy: by,
    });
    await expect(
      exclusions.add('acme', {
        kind: 'email',
        value: ' ANA@acme.com',
        createdBy: by,
      }),
    ).rejects.toThrow(ConflictError);
    await expect(
      exclusions.add('acme', {
        kind: 'email',
        value: 'ana@acme.com',
        createdBy: by,
      }),
    ).rejects.toThrow('email "ana@acme.com" is already excluded');
    expect(await exclusions.list('acme')).toHaveLength(1);
  });

  it('allows the same value for another kind or another provider', async () => {
    await exclusions.add('acme', {
      kind: 'employee-id',
      value: 'ana@acme.com',
      createdBy: by,
    });
    await exclusions.add('acme', {
      kind: 'email',
      value: 'ana@acme.com',
      createdBy: by,
    });
    await exclusions.add('globex', {
      kind: 'email',
      value: 'ana@acme.com',
      createdBy: by,
    });
    expect(await exclusions.list('acme')).toHaveLength(2);
    expect(await exclusions.list('globex')).toHaveLength(1);
  });

  it('lists newest first', async () => {
    await exclusions.add('acme', {
      kind: 'employee-id',
      value: 'first',
      createdBy: by,
    });
    clock.advance(60_000);
    await exclusions.add('acme', {
      kind: 'employee-id',
      value: 'second',
      createdBy: by,
    });
    expect((await exclusions.list('acme')).map(e => e.value)).toEqual([
      'second',
      'first',
    ]);
  });

  it('removes by id, only within the provider', async () => {
    const added = await exclusions.add('acme', {
      kind: 'employee-id',
      value: 'e1',
      createdBy: by,
    });
    expect(await exclusions.remove('globex', added.id)).toBe(false);
    expect(await exclusions.remove('acme', added.id)).toBe(true);
    expect(await exclusions.remove('acme', added.id)).toBe(false);
    expect(await exclusions.list('acme')).toEqual([]);
  });

  it('stores and returns the value and note without NUL (PostgreSQL cannot hold it)', async () => {
    const added = await exclusions.add('acme', {
      kind: 'email',
      value: ' Ana\u0000@Example.com ',
      note: 'left\u0000',
      createdBy: by,
    });
    expect(added).toMatchObject({ value: 'ana@example.com', note: 'left' });
    expect(await exclusions.list('acme')).toEqual([added]);
    const rows = await knex('paycor_exclusions').select();
    expect(JSON.stringify(rows)).not.toContain('\\u0000');
  });
});
