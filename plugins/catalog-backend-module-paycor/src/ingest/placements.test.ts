import { makeDepartment } from './__testUtils__/builders';
import { buildDepartmentTree, computeDepartmentStates } from './departmentTree';
import { Hierarchy } from './hierarchy';
import { buildPlacements } from './placements';

describe('buildPlacements', () => {
  const tree = buildDepartmentTree([
    makeDepartment({ id: 'B', code: '2', description: 'Beta', level: 2 }),
    makeDepartment({
      id: 'A',
      code: '1',
      description: 'Alpha',
      parentId: 'B',
      level: 3,
    }),
    makeDepartment({
      id: 'C',
      code: undefined,
      description: 'Alpha',
      level: undefined,
    }),
  ]);
  const states = computeDepartmentStates(tree, {
    passesFilter: id => id !== 'C',
    directMembers: new Map([['A', 3]]),
    includeEmpty: false,
  });
  const hierarchy: Hierarchy = {
    paycorParentRef: new Map([
      ['A', 'group:default/beta'],
      ['B', 'group:default/acme'],
      ['C', 'group:default/acme'],
    ]),
    adminParents: new Map(),
    departmentParents: new Map([
      [
        'A',
        {
          parentRef: 'group:default/beta',
          applied: false,
          targetRef: 'group:default/x',
          problem: 'target-missing' as const,
        },
      ],
      ['B', { parentRef: 'group:default/acme', applied: false }],
    ]),
    conflicts: [],
  };

  it('lists every department, sorted by name then id', () => {
    const placements = buildPlacements({
      tree,
      states,
      departmentRef: new Map([
        ['A', 'group:default/alpha'],
        ['B', 'group:default/beta'],
      ]),
      hierarchy,
      overrides: new Map([
        [
          'A',
          {
            departmentId: 'A',
            parentRef: 'group:default/x',
            source: 'api' as const,
          },
        ],
      ]),
    });
    expect(placements).toEqual([
      {
        id: 'A',
        code: '1',
        name: 'Alpha',
        level: 3,
        paycorParentId: 'B',
        paycorParentRef: 'group:default/beta',
        effectiveParentRef: 'group:default/beta',
        entityRef: 'group:default/alpha',
        memberCount: 3,
        state: 'synced',
        override: {
          departmentId: 'A',
          parentRef: 'group:default/x',
          source: 'api',
        },
        overrideProblem: 'target-missing',
      },
      {
        id: 'C',
        name: 'Alpha',
        paycorParentRef: 'group:default/acme',
        memberCount: 0,
        state: 'filtered',
      },
      {
        id: 'B',
        code: '2',
        name: 'Beta',
        level: 2,
        paycorParentRef: 'group:default/acme',
        effectiveParentRef: 'group:default/acme',
        entityRef: 'group:default/beta',
        memberCount: 0,
        state: 'synced',
      },
    ]);
  });
});
