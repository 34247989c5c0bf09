import { removalSetHash } from '../store/ApprovalStore';
import { RemovedEntity } from './emissionDiff';
import { OwnershipFacts } from './catalogOwnership';
import {
  evaluateOwnershipGuard,
  evaluateRemovalGuard,
  findOrphans,
  GuardInput,
  OwnershipAnswer,
  OwnershipGuardInput,
} from './removalGuard';

const user = (
  name: string,
  extra: Partial<RemovedEntity> = {},
): RemovedEntity => ({
  entityRef: `user:default/${name}`,
  label: `Name ${name}`,
  paycorId: `emp-${name}`,
  ...extra,
});
const group = (name: string): RemovedEntity => ({
  entityRef: `group:default/${name}`,
  paycorId: `dept-${name}`,
});
const users = (n: number, prefix = 'u') =>
  Array.from({ length: n }, (_, i) => user(`${prefix}${i}`));

function guard(input: Partial<GuardInput>) {
  return evaluateRemovalGuard({
    removed: [],
    usersBefore: 100,
    usersAfter: 100,
    maxRemovalPercent: 10,
    unidentifiedRecords: 0,
    hashOf: removalSetHash,
    ...input,
  });
}

describe('evaluateRemovalGuard', () => {
  it('applies a run that removes nothing', () => {
    expect(guard({ removed: [] })).toEqual({ action: 'apply' });
  });

  it('applies removals at or under the threshold', () => {
    expect(guard({ removed: users(10), usersAfter: 90 })).toEqual({
      action: 'apply',
    });
  });

  it('holds removals above the threshold, listing them for the admin', () => {
    const decision = guard({
      removed: [...users(11), group('sales')],
      usersAfter: 89,
    });
    expect(decision).toEqual({
      action: 'hold',
      reason:
        'This run would remove 11 of 100 Users (11.0%), more than the 10% the removal guard allows.',
      removals: [
        ...users(11).map(u => ({
          entityRef: u.entityRef,
          kind: 'User',
          displayName: u.label,
          employeeId: u.paycorId,
        })),
        {
          entityRef: 'group:default/sales',
          kind: 'Group',
          departmentId: 'dept-sales',
        },
      ],
    });
  });

  it('holds a run that would empty the org, whatever the threshold', () => {
    const decision = guard({
      removed: users(3),
      usersBefore: 3,
      usersAfter: 0,
      maxRemovalPercent: 100,
    });
    expect(decision).toMatchObject({
      action: 'hold',
      reason:
        'This run would remove all 3 Users: Paycor returned no one who passes the filters.',
    });
  });

  it('applies Group-only removals (they lock nobody out)', () => {
    expect(
      guard({ removed: [group('a'), group('b')], usersBefore: 1 }),
    ).toEqual({ action: 'apply' });
  });

  it('never holds renames: the same Paycor person under a new ref loses nobody', () => {
    const renamed = users(50).map(r => ({
      ...r,
      renamedTo: `${r.entityRef}-new`,
    }));
    expect(guard({ removed: renamed })).toEqual({ action: 'apply' });
  });

  it('counts only real losses against the threshold when renames are mixed in', () => {
    const renamed = users(50, 'r').map(r => ({
      ...r,
      renamedTo: `${r.entityRef}-new`,
    }));
    expect(guard({ removed: [...renamed, ...users(5)] })).toEqual({
      action: 'apply',
    });

    expect(guard({ removed: [...renamed, ...users(11)] })).toMatchObject({
      action: 'hold',
      removals: users(11).map(u => ({ entityRef: u.entityRef })),
    });
  });

  it('keeps the entities when an admin already rejected exactly these removals', () => {
    const removed = users(20);
    const rejectedHash = removalSetHash(
      [...removed].reverse().map(r => r.entityRef),
    );
    expect(guard({ removed, rejectedHash })).toMatchObject({
      action: 'keep-rejected',
      removals: removed.map(r => ({ entityRef: r.entityRef })),
    });
  });

  it('holds again when the removals differ from the rejected set', () => {
    const rejectedHash = removalSetHash(users(20).map(r => r.entityRef));
    expect(guard({ removed: users(21), rejectedHash }).action).toBe('hold');
  });

  it('does not let a rejection block removals under the threshold', () => {
    const removed = users(2);
    const rejectedHash = removalSetHash(removed.map(r => r.entityRef));
    expect(guard({ removed, rejectedHash })).toEqual({ action: 'apply' });
  });

  it('skips every removal while unidentifiable records make the read partial', () => {
    expect(
      guard({ removed: [user('a'), group('g')], unidentifiedRecords: 2 }),
    ).toMatchObject({
      action: 'skip-partial',
      reason: expect.stringContaining(
        'Paycor returned 2 record(s) without a usable id',
      ),
      removals: [
        { entityRef: 'user:default/a' },
        { entityRef: 'group:default/g' },
      ],
    });
  });

  it('skip-partial wins over the threshold and over a rejection', () => {
    const removed = users(50);
    const rejectedHash = removalSetHash(removed.map(r => r.entityRef));
    expect(
      guard({ removed, unidentifiedRecords: 1, rejectedHash }).action,
    ).toBe('skip-partial');
  });

  it('applies on a first run, when the catalog holds no Users yet', () => {
    expect(
      guard({ removed: [user('stale')], usersBefore: 0, usersAfter: 0 }),
    ).toEqual({
      action: 'apply',
    });
  });
});

describe('findOrphans', () => {
  const owned = (
    entityRef: string,
    owners: string[],
    title?: string,
  ): OwnershipFacts['owned'][number] => ({
    entityRef,
    kind: entityRef.split(':')[0] === 'api' ? 'API' : 'Component',
    ...(title ? { title } : {}),
    owners,
  });

  it('lists an entity whose only owner is removed, under that owner', () => {
    const orphans = findOrphans(new Set(['user:default/bob']), {
      owned: [
        owned('component:default/payments', ['user:default/bob'], 'Payments'),
      ],
      existing: new Set(['user:default/bob']),
    });
    expect([...orphans]).toEqual([
      [
        'user:default/bob',
        [
          {
            entityRef: 'component:default/payments',
            kind: 'Component',
            title: 'Payments',
          },
        ],
      ],
    ]);
  });

  it('does not list an entity another existing owner keeps', () => {
    const orphans = findOrphans(new Set(['user:default/bob']), {
      owned: [
        owned('component:default/payments', [
          'user:default/bob',
          'group:default/team-a',
        ]),
      ],
      existing: new Set(['user:default/bob', 'group:default/team-a']),
    });
    expect(orphans.size).toBe(0);
  });

  it('lists an entity whose other owner is removed too, or does not exist, under each removed owner', () => {
    const orphans = findOrphans(
      new Set(['user:default/bob', 'group:default/sales']),
      {
        owned: [
          owned('api:default/quotes', [
            'user:default/bob',
            'group:default/sales',
          ]),
          owned('component:default/crm', [
            'user:default/bob',
            'group:default/ghost',
          ]),
        ],
        existing: new Set(['user:default/bob', 'group:default/sales']),
      },
    );
    expect(orphans.get('user:default/bob')?.map(o => o.entityRef)).toEqual([
      'api:default/quotes',
      'component:default/crm',
    ]);
    expect(orphans.get('group:default/sales')?.map(o => o.entityRef)).toEqual([
      'api:default/quotes',
    ]);
  });

  it('does not list an entity the run removes itself', () => {
    const orphans = findOrphans(
      new Set(['user:default/bob', 'group:default/sub']),
      {
        owned: [owned('group:default/sub', ['user:default/bob'])],
        existing: new Set(['user:default/bob']),
      },
    );
    expect(orphans.size).toBe(0);
  });
});

describe('evaluateOwnershipGuard', () => {
  const payments = {
    entityRef: 'component:default/payments',
    kind: 'Component',
  };
  const bob = user('bob');
  const answer = (
    orphans: Record<string, Array<typeof payments>>,
    suggestions: Record<string, string> = {},
  ): OwnershipAnswer => ({
    ok: true,
    orphans: new Map(Object.entries(orphans)),
    suggestions: new Map(Object.entries(suggestions)),
  });
  function check(input: Partial<OwnershipGuardInput>) {
    return evaluateOwnershipGuard({
      decision: { action: 'apply' },
      removed: [bob, ...users(3)],
      mode: 'hold',
      answer: answer({}),
      hashOf: removalSetHash,
      ...input,
    });
  }

  it('holds only the removals that orphan entities, naming them and the suggested owner, whatever the share', () => {
    const result = check({
      answer: answer(
        { 'user:default/bob': [payments] },
        { 'user:default/bob': 'group:default/engineering' },
      ),
    });
    expect(result.decision).toEqual({
      action: 'hold',
      reason: expect.stringContaining(
        'Removing Name bob (user:default/bob) would leave 1 catalog entity without an existing owner (component:default/payments).',
      ),
      removals: [
        {
          entityRef: 'user:default/bob',
          kind: 'User',
          displayName: 'Name bob',
          employeeId: 'emp-bob',
          orphans: [payments],
          suggestedOwner: 'group:default/engineering',
        },
      ],
    });
    expect(result.orphaned).toEqual([
      {
        ...payments,
        owner: 'user:default/bob',
        suggestedOwner: 'group:default/engineering',
      },
    ]);
    expect(result.warning).toBeUndefined();
  });

  it('applies when nothing would be orphaned', () => {
    expect(check({})).toEqual({ decision: { action: 'apply' }, orphaned: [] });
  });

  it('matches removed refs case-insensitively, as the catalog normalizes them', () => {
    const result = check({
      removed: [user('Bob.Smith')],
      answer: answer({ 'user:default/bob.smith': [payments] }),
    });
    expect(result.decision).toMatchObject({
      action: 'hold',
      removals: [{ entityRef: 'user:default/Bob.Smith', orphans: [payments] }],
    });
  });

  it('warn applies the removals and says what they orphan', () => {
    const result = check({
      mode: 'warn',
      answer: answer({ 'user:default/bob': [payments] }),
    });
    expect(result.decision).toEqual({ action: 'apply' });
    expect(result.orphaned).toHaveLength(1);
    expect(result.warning).toMatch(
      /component:default\/payments.*applied anyway \(removalGuard.ownedEntities: warn\)/,
    );
  });

  it('off changes nothing and reports nothing', () => {
    expect(
      check({
        mode: 'off',
        answer: answer({ 'user:default/bob': [payments] }),
      }),
    ).toEqual({ decision: { action: 'apply' }, orphaned: [] });
  });

  it('holds every removal when the catalog could not be asked (hold), never applying them unchecked', () => {
    const result = check({
      answer: { ok: false, error: 'no such table: search' },
    });
    expect(result.decision).toMatchObject({
      action: 'hold',
      reason: expect.stringContaining(
        'could not be checked (no such table: search). The removal guard holds all 4 removals',
      ),
    });
    expect(
      result.decision.action === 'hold' &&
        result.decision.removals.map(r => r.entityRef),
    ).toEqual([bob, ...users(3)].map(r => r.entityRef));
  });

  it('warn applies when the catalog could not be asked, with a warning', () => {
    const result = check({
      mode: 'warn',
      answer: { ok: false, error: 'timeout' },
    });
    expect(result.decision).toEqual({ action: 'apply' });
    expect(result.warning).toMatch(/could not be checked \(timeout\)/);
  });

  it('annotates removals the share of Users already holds with what they own', () => {
    const countHold = guard({ removed: [bob, ...users(11)], usersAfter: 88 });
    expect(countHold.action).toBe('hold');
    const result = check({
      decision: countHold,
      removed: [bob, ...users(11)],
      answer: answer(
        { 'user:default/bob': [payments] },
        { 'user:default/bob': 'group:default/engineering' },
      ),
    });
    expect(result.decision).toMatchObject({
      action: 'hold',
      reason: expect.stringMatching(
        /^This run would remove 12 of 100 Users .* Also, removing Name bob/,
      ),
    });
    const removals =
      result.decision.action === 'hold' ? result.decision.removals : [];
    expect(removals).toHaveLength(12);
    expect(removals[0]).toMatchObject({
      entityRef: 'user:default/bob',
      orphans: [payments],
      suggestedOwner: 'group:default/engineering',
    });
    expect(removals[1].orphans).toBeUndefined();
  });

  it('keeps the entities when an admin rejected exactly these held removals', () => {
    const result = check({
      answer: answer({ 'user:default/bob': [payments] }),
      rejectedHash: removalSetHash(['user:default/bob']),
    });
    expect(result.decision).toMatchObject({
      action: 'keep-rejected',
      removals: [{ entityRef: 'user:default/bob' }],
    });
  });

  it('leaves renames and runs that remove nothing alone', () => {
    expect(
      check({
        removed: [{ ...bob, renamedTo: 'user:default/robert' }],
        answer: answer({ 'user:default/bob': [payments] }),
      }).decision,
    ).toEqual({ action: 'apply' });
    const partial = guard({ removed: [bob], unidentifiedRecords: 1 });
    expect(
      check({
        decision: partial,
        answer: answer({ 'user:default/bob': [payments] }),
      }).decision,
    ).toBe(partial);
  });
});
