import { ConflictType } from '@paycor-backstage/plugin-paycor-common';
import { Knex } from 'knex';
import { ConflictDraft } from '../ingest/types';
import {
  createTestClock,
  createTestDb,
  TestClock,
} from '../__testUtils__/testDb';
import { ConflictQuery, ConflictStore } from './ConflictStore';

function draft(
  type: ConflictType,
  subjectId: string,
  overrides: Partial<ConflictDraft> = {},
): ConflictDraft {
  return {
    type,
    subject: { kind: 'employee', id: subjectId, label: `Person ${subjectId}` },
    entityRef: `user:default/${subjectId}`,
    message: `${type} for ${subjectId}`,
    resolution: 'Fix it in Paycor.',
    ...overrides,
  };
}

const TRANSFORM_SCOPE = new Set<ConflictType>([
  'duplicate-email',
  'missing-email',
]);

describe('ConflictStore', () => {
  let knex: Knex;
  let clock: TestClock;
  let conflicts: ConflictStore;

  beforeEach(async () => {
    knex = await createTestDb();
    clock = createTestClock('2024-06-15T12:00:00.000Z');
    conflicts = new ConflictStore(knex, clock);
  });

  afterEach(async () => {
    await knex.destroy();
  });

  const all = (query: Partial<ConflictQuery> = {}) =>
    conflicts.list('acme', { status: 'all', limit: 100, offset: 0, ...query });

  describe('record', () => {
    it('inserts new conflicts as open', async () => {
      await conflicts.record(
        'acme',
        'run-1',
        [draft('missing-email', 'e1')],
        TRANSFORM_SCOPE,
      );
      const { items, totalCount } = await all();
      expect(totalCount).toBe(1);
      expect(items[0]).toEqual({
        id: expect.any(String),
        providerId: 'acme',
        type: 'missing-email',
        subject: { kind: 'employee', id: 'e1', label: 'Person e1' },
        entityRef: 'user:default/e1',
        message: 'missing-email for e1',
        resolution: 'Fix it in Paycor.',
        status: 'open',
        firstSeenAt: '2024-06-15T12:00:00.000Z',
        lastSeenAt: '2024-06-15T12:00:00.000Z',
        resolvedAt: undefined,
        occurrences: 1,
      });
    });

    it('records a conflict reported twice in one run once', async () => {
      const twice = [
        draft('missing-email', 'e1'),
        draft('missing-email', 'e1', { message: 'newer' }),
      ];
      await conflicts.record('acme', 'run-1', twice, TRANSFORM_SCOPE);
      const { items } = await all();
      expect(items).toHaveLength(1);
      expect(items[0].message).toBe('newer');
    });

    it('refreshes a conflict seen again: occurrences + 1, first seen kept', async () => {
      await conflicts.record(
        'acme',
        'run-1',
        [draft('missing-email', 'e1')],
        TRANSFORM_SCOPE,
      );
      const [first] = (await all()).items;
      clock.advance(3_600_000);
      await conflicts.record(
        'acme',
        'run-2',
        [draft('missing-email', 'e1', { message: 'still no email' })],
        TRANSFORM_SCOPE,
      );

      const [again] = (await all()).items;
      expect(again).toMatchObject({
        id: first.id,
        status: 'open',
        occurrences: 2,
        message: 'still no email',
        firstSeenAt: '2024-06-15T12:00:00.000Z',
        lastSeenAt: '2024-06-15T13:00:00.000Z',
      });
    });

    it('resolves open conflicts of the scope that the run no longer saw, and no others', async () => {
      await conflicts.record(
        'acme',
        'run-1',
        [
          draft('missing-email', 'e1'),
          draft('missing-email', 'e2'),
          draft('duplicate-email', 'e3'),
        ],
        TRANSFORM_SCOPE,
      );
      await conflicts.open(
        'acme',
        'run-1',
        draft('removals-held', 'guard', {
          subject: { kind: 'run', id: 'guard' },
        }),
      );
      await conflicts.record(
        'globex',
        'run-9',
        [draft('missing-email', 'e1')],
        TRANSFORM_SCOPE,
      );
      clock.advance(60_000);

      await conflicts.record(
        'acme',
        'run-2',
        [draft('missing-email', 'e2')],
        TRANSFORM_SCOPE,
      );

      const byId = Object.fromEntries(
        (await all()).items.map(c => [c.subject.id, c]),
      );
      expect(byId.e1).toMatchObject({
        status: 'resolved',
        resolvedAt: '2024-06-15T12:01:00.000Z',
      });
      expect(byId.e2.status).toBe('open');
      expect(byId.e3.status).toBe('resolved');
      // outside the scope of this run: untouched
      expect(byId.guard.status).toBe('open');
      // another provider: untouched
      expect(await conflicts.countOpen('globex')).toBe(1);
      expect(await conflicts.countOpen('acme')).toBe(2);
    });

    it('re-opens a resolved conflict that comes back, starting its history anew', async () => {
      await conflicts.record(
        'acme',
        'run-1',
        [draft('missing-email', 'e1')],
        TRANSFORM_SCOPE,
      );
      clock.advance(60_000);
      await conflicts.record('acme', 'run-2', [], TRANSFORM_SCOPE);
      clock.advance(60_000);
      await conflicts.record(
        'acme',
        'run-3',
        [draft('missing-email', 'e1')],
        TRANSFORM_SCOPE,
      );

      const [conflict] = (await all()).items;
      expect(conflict).toMatchObject({
        status: 'open',
        resolvedAt: undefined,
        firstSeenAt: '2024-06-15T12:02:00.000Z',
        lastSeenAt: '2024-06-15T12:02:00.000Z',
      });
    });

    it('stores hundreds of conflicts in one run', async () => {
      const many = Array.from({ length: 450 }, (_, i) =>
        draft('missing-email', `e${i}`),
      );
      await conflicts.record('acme', 'run-1', many, TRANSFORM_SCOPE);
      expect(await conflicts.countOpen('acme')).toBe(450);
      await conflicts.record('acme', 'run-2', [], TRANSFORM_SCOPE);
      expect(await conflicts.countOpen('acme')).toBe(0);
    });
  });

  it('resolveAll resolves every open conflict of one type', async () => {
    await conflicts.record(
      'acme',
      'run-1',
      [draft('missing-email', 'e1'), draft('duplicate-email', 'e2')],
      TRANSFORM_SCOPE,
    );
    await conflicts.resolveAll('acme', 'missing-email');
    expect((await all({ status: 'open' })).items.map(c => c.type)).toEqual([
      'duplicate-email',
    ]);
  });

  describe('list', () => {
    beforeEach(async () => {
      await conflicts.record(
        'acme',
        'run-1',
        [
          draft('missing-email', 'e1', {
            message: 'Maria OKAFOR has no work email',
          }),
          draft('duplicate-email', 'e2', {
            message: 'Shares 100% of an address',
            subject: { kind: 'employee', id: 'e2', label: 'Li Wei' },
          }),
          draft('duplicate-email', 'e3', {
            message: 'Shares an address',
            entityRef: 'user:default/first_last',
          }),
          draft('missing-email', 'e4', { message: 'gone soon' }),
        ],
        TRANSFORM_SCOPE,
      );
      clock.advance(60_000);
      await conflicts.record(
        'acme',
        'run-2',
        [
          draft('missing-email', 'e1', {
            message: 'Maria OKAFOR has no work email',
          }),
          draft('duplicate-email', 'e2', {
            message: 'Shares 100% of an address',
            subject: { kind: 'employee', id: 'e2', label: 'Li Wei' },
          }),
          draft('duplicate-email', 'e3', {
            message: 'Shares an address',
            entityRef: 'user:default/first_last',
          }),
        ],
        TRANSFORM_SCOPE,
      );
    });

    const ids = (page: { items: Array<{ subject: { id: string } }> }) =>
      page.items.map(c => c.subject.id).sort();

    it('filters by status and type', async () => {
      expect(ids(await all({ status: 'open' }))).toEqual(['e1', 'e2', 'e3']);
      expect(ids(await all({ status: 'resolved' }))).toEqual(['e4']);
      expect(ids(await all({ types: ['duplicate-email'] }))).toEqual([
        'e2',
        'e3',
      ]);
      expect(
        ids(await all({ types: ['missing-email'], status: 'resolved' })),
      ).toEqual(['e4']);
    });

    it('searches message, label, entity ref and subject id, case-insensitively', async () => {
      expect(ids(await all({ q: 'okafor' }))).toEqual(['e1']);
      expect(ids(await all({ q: 'LI WEI' }))).toEqual(['e2']);
      expect(ids(await all({ q: 'user:default/e4' }))).toEqual(['e4']);
      expect(ids(await all({ q: 'E3' }))).toEqual(['e3']);
    });

    it('treats % and _ in the search as literal characters', async () => {
      expect(ids(await all({ q: '100%' }))).toEqual(['e2']);
      expect(ids(await all({ q: '%' }))).toEqual(['e2']);
      expect(ids(await all({ q: 'first_last' }))).toEqual(['e3']);
      expect(ids(await all({ q: '_' }))).toEqual(['e3']);
    });

    it('pages with a total count', async () => {
      const page = await all({ limit: 2, offset: 2 });
      expect(page).toMatchObject({ totalCount: 4, limit: 2, offset: 2 });
      expect(page.items).toHaveLength(2);
    });

    it('lists open conflicts before resolved ones', async () => {
      // The code says "open before resolved"; e4 (resolved) was also last seen
      // before the others, so it belongs last by either rule.
      const { items } = await all();
      expect(items.map(c => c.status)).toEqual([
        'open',
        'open',
        'open',
        'resolved',
      ]);
    });
  });

  describe('NUL characters (PostgreSQL cannot hold them)', () => {
    const nulDraft = () =>
      draft('missing-email', 'e\u00001', {
        subject: {
          kind: 'employee',
          id: 'e\u00001',
          label: 'Ana\u0000 Okafor',
        },
        entityRef: 'user:default/ana\u0000',
        message: 'Ana\u0000 Okafor has no work email',
        resolution: 'Add one in Paycor\u0000.',
      });

    it('stores conflicts about data with NUL without it', async () => {
      await conflicts.record('acme', 'run-1', [nulDraft()], TRANSFORM_SCOPE);
      const rows = await knex('paycor_conflicts').select();
      expect(JSON.stringify(rows)).not.toContain('\\u0000');
      const { items } = await all();
      expect(items).toEqual([
        expect.objectContaining({
          subject: { kind: 'employee', id: 'e1', label: 'Ana Okafor' },
          entityRef: 'user:default/ana',
          message: 'Ana Okafor has no work email',
          resolution: 'Add one in Paycor.',
        }),
      ]);
    });

    it('sees such a conflict again as the same one, not a new one each run', async () => {
      await conflicts.record('acme', 'run-1', [nulDraft()], TRANSFORM_SCOPE);
      await conflicts.record('acme', 'run-2', [nulDraft()], TRANSFORM_SCOPE);
      const { items, totalCount } = await all();
      expect(totalCount).toBe(1);
      expect(items[0]).toMatchObject({ status: 'open', occurrences: 2 });
    });

    it('searches with a NUL in the query as if it were not there', async () => {
      await conflicts.record('acme', 'run-1', [nulDraft()], TRANSFORM_SCOPE);
      expect((await all({ q: 'ana\u0000 oka' })).totalCount).toBe(1);
      expect((await all({ q: 'zzz\u0000' })).totalCount).toBe(0);
    });
  });
});
