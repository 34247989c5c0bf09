import { Entity } from '@backstage/catalog-model';
import { PAYCOR_ANNOTATIONS } from '@paycor-backstage/plugin-paycor-common';
import { Emission } from '../store/SnapshotStore';
import {
  changedPaths,
  countRefKinds,
  createUserHasher,
  diffEmission,
  emissionToPrevious,
  entityHash,
  withKeptRemovals,
} from './emissionDiff';

function userEntity(
  name: string,
  employeeId: string,
  title = 'Engineer',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name,
      annotations: { [PAYCOR_ANNOTATIONS.employeeId]: employeeId },
    },
    spec: {
      profile: { displayName: `Display ${name}` },
      memberOf: [],
      jobTitle: title,
    },
  };
}

function groupEntity(name: string, departmentId: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name,
      title: `Title ${name}`,
      annotations: { [PAYCOR_ANNOTATIONS.departmentId]: departmentId },
    },
    spec: { type: 'team', children: [] },
  };
}

const noNames = {
  userNames: new Map<string, string>(),
  groupNames: new Map<string, string>(),
};

/** The emission a previous run left, from its entities. */
function emitted(entities: Entity[]): Emission {
  return diffEmission(entities, noNames, undefined).next;
}

describe('diffEmission', () => {
  it('adds everything on a first run', () => {
    const entities = [userEntity('ana', 'e1'), groupEntity('sales', 'd1')];
    const diff = diffEmission(entities, noNames, undefined);
    expect(diff.added).toEqual(entities);
    expect(diff).toMatchObject({ changed: [], removed: [], unchanged: 0 });
  });

  it('sorts out added, changed, removed and unchanged entities', () => {
    const previous = emitted([
      userEntity('ana', 'e1'),
      userEntity('bo', 'e2'),
      userEntity('cy', 'e3'),
      groupEntity('sales', 'd1'),
    ]);
    const diff = diffEmission(
      [
        userEntity('ana', 'e1'), // unchanged
        userEntity('bo', 'e2', 'Manager'), // changed
        userEntity('di', 'e4'), // added
        groupEntity('sales', 'd1'), // unchanged
      ],
      noNames,
      previous,
    );
    expect(diff.added.map(e => e.metadata.name)).toEqual(['di']);
    expect(diff.changed.map(e => e.metadata.name)).toEqual(['bo']);
    expect(diff.unchanged).toBe(2);
    expect(diff.removed).toEqual([
      { entityRef: 'user:default/cy', label: 'Display cy', paycorId: 'e3' },
    ]);
  });

  it('marks a removal as a rename when the same Paycor id is emitted under a new ref', () => {
    const previous = emitted([
      userEntity('ana.okafor', 'e1'),
      groupEntity('sales', 'd1'),
    ]);
    const diff = diffEmission(
      [userEntity('ana.smith', 'e1'), groupEntity('sales-and-marketing', 'd1')],
      noNames,
      previous,
    );
    expect(diff.removed).toEqual([
      {
        entityRef: 'group:default/sales',
        label: 'Title sales',
        paycorId: 'd1',
        renamedTo: 'group:default/sales-and-marketing',
      },
      {
        entityRef: 'user:default/ana.okafor',
        label: 'Display ana.okafor',
        paycorId: 'e1',
        renamedTo: 'user:default/ana.smith',
      },
    ]);
  });

  it('finds a rename onto a ref another entity held before', () => {
    // Ana takes the name Bo had; Bo gets another
    const previous = emitted([userEntity('ana', 'e1'), userEntity('bo', 'e2')]);
    const diff = diffEmission(
      [userEntity('bo', 'e1'), userEntity('bo.2', 'e2')],
      noNames,
      previous,
    );
    expect(diff.changed.map(e => e.metadata.name)).toEqual(['bo']);
    expect(diff.removed).toEqual([
      {
        entityRef: 'user:default/ana',
        label: 'Display ana',
        paycorId: 'e1',
        renamedTo: 'user:default/bo',
      },
    ]);
  });

  it('does not take a Group with a matching id for a renamed User', () => {
    // Employee and department ids are different id spaces.
    const previous = emitted([userEntity('ana', 'x1')]);
    const diff = diffEmission([groupEntity('team-x', 'x1')], noNames, previous);
    expect(diff.removed).toEqual([
      { entityRef: 'user:default/ana', label: 'Display ana', paycorId: 'x1' },
    ]);
  });

  it('builds the next emission sorted by ref, with the names the transform gave', () => {
    const diff = diffEmission(
      [
        userEntity('zed', 'e9'),
        groupEntity('alpha', 'd1'),
        userEntity('ana', 'e1'),
      ],
      {
        userNames: new Map([
          ['e9', 'zed'],
          ['e1', 'ana'],
        ]),
        groupNames: new Map([['d1', 'alpha']]),
      },
      undefined,
    );
    expect(diff.next).toEqual({
      version: 1,
      entities: [
        [
          'group:default/alpha',
          entityHash(groupEntity('alpha', 'd1')),
          'Title alpha',
          'd1',
        ],
        [
          'user:default/ana',
          entityHash(userEntity('ana', 'e1')),
          'Display ana',
          'e1',
        ],
        [
          'user:default/zed',
          entityHash(userEntity('zed', 'e9')),
          'Display zed',
          'e9',
        ],
      ],
      userNames: [
        ['e1', 'ana'],
        ['e9', 'zed'],
      ],
      groupNames: [['d1', 'alpha']],
    });
    expect(countRefKinds(diff.next.entities)).toEqual({ users: 2, groups: 1 });
    expect(emissionToPrevious(diff.next).userNames.get('e9')).toBe('zed');
  });
});

describe('countRefKinds', () => {
  const row = (ref: string): Emission['entities'][number] => [ref, 'h'];
  const rows = [
    'component:default/x',
    'group:default/a',
    'group:default/b',
    'groupie:default/c',
    'user:default/a',
    'user:default/b',
    'user:default/c',
    'users:default/d',
  ].map(row);

  it('counts the Users and Groups of a sorted list', () => {
    expect(countRefKinds(rows)).toEqual({ users: 3, groups: 2 });
    expect(countRefKinds([])).toEqual({ users: 0, groups: 0 });
  });

  it('counts them one by one in a list out of order', () => {
    expect(countRefKinds([...rows].reverse())).toEqual({
      users: 3,
      groups: 2,
    });
  });
});

describe('createUserHasher', () => {
  const settings = {
    namespace: 'default',
    providerId: 'acme',
    legalEntityId: 501123,
    fieldMapping: { annotations: {}, labels: {} },
  };
  const hashOf = (s: Parameters<typeof createUserHasher>[0]) =>
    createUserHasher(s)(
      'ann',
      'group:default/eng',
      'digest-1',
      'user:default/bob',
    );

  it('gives a User with reporting lines on the hash it had before the reporting-lines annotation existed', () => {
    // taken with the code before the setting existed: an upgrade must not
    // make the catalog reprocess every User
    expect(hashOf(settings)).toBe('-1X_rfP2ToogaioRJO6ka0ZqafM');
  });

  it("changes every User's hash when reporting lines are off (they carry the annotation)", () => {
    expect(hashOf({ ...settings, reportingLines: false })).not.toBe(
      hashOf(settings),
    );
  });
});

describe('entityHash', () => {
  it('changes with any value and stays equal for equal entities', () => {
    expect(entityHash(userEntity('ana', 'e1'))).toBe(
      entityHash(userEntity('ana', 'e1')),
    );
    expect(entityHash(userEntity('ana', 'e1'))).not.toBe(
      entityHash(userEntity('ana', 'e1', 'CTO')),
    );
  });
});

describe('withKeptRemovals', () => {
  const previous = emitted([
    userEntity('ana', 'e1'),
    userEntity('bo', 'e2'),
    userEntity('cy', 'e3'),
  ]);
  const next = emitted([userEntity('bo', 'e2')]);

  it('keeps the held removals in the emission, sorted', () => {
    const kept = withKeptRemovals(
      next,
      previous,
      new Set(['user:default/cy', 'user:default/ana']),
    );
    expect(kept.entities.map(([ref]) => ref)).toEqual([
      'user:default/ana',
      'user:default/bo',
      'user:default/cy',
    ]);
    // the kept rows are what the catalog still holds: the previous hashes
    expect(kept.entities[0]).toEqual(previous.entities[0]);
  });

  it('changes nothing when nothing is kept or there was no previous emission', () => {
    expect(withKeptRemovals(next, previous, new Set())).toBe(next);
    expect(
      withKeptRemovals(next, undefined, new Set(['user:default/ana'])),
    ).toBe(next);
  });
});

describe('changedPaths', () => {
  it('lists the dotted paths whose values differ', () => {
    const before = userEntity('ana', 'e1');
    const after: Entity = {
      ...before,
      metadata: {
        ...before.metadata,
        annotations: { ...before.metadata.annotations, extra: 'x' },
      },
      spec: {
        ...before.spec,
        jobTitle: 'CTO',
        memberOf: ['group:default/exec'],
      },
    };
    expect(changedPaths(before, after)).toEqual([
      'metadata.annotations.extra',
      'spec.jobTitle',
      'spec.memberOf',
    ]);
  });

  it('is empty for equal values and names the root when a whole value differs', () => {
    expect(changedPaths({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
    expect(changedPaths({ a: 1 }, null)).toEqual(['(entity)']);
    expect(
      changedPaths({ a: { b: 1 } }, { a: { b: 2, c: undefined } }),
    ).toEqual(['a.b']);
  });
});
