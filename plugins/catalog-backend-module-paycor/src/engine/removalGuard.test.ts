import { removalSetHash } from '../store/ApprovalStore';
import { RemovedEntity } from './emissionDiff';
import { evaluateRemovalGuard, GuardInput } from './removalGuard';

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
