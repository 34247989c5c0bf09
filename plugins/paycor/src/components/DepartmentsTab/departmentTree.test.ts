import { DepartmentView } from '@paycor-backstage/plugin-paycor-common';
import { makeDepartments } from '../../__testUtils__/fixtures';
import { buildDepartmentTree, refsBelow } from './departmentTree';

function dept(
  id: string,
  effectiveParentRef: string | undefined,
  extra: Partial<DepartmentView> = {},
): DepartmentView {
  return {
    id,
    name: id.toUpperCase(),
    entityRef: `group:default/${id}`,
    effectiveParentRef,
    memberCount: 1,
    state: 'synced',
    ...extra,
  };
}

describe('buildDepartmentTree', () => {
  it('nests departments under their effective parent and groups the tops by outside Group', () => {
    const sections = buildDepartmentTree(makeDepartments().items);
    expect(
      sections.map(s => ({
        parentRef: s.parentRef,
        rows: s.rows.map(r => `${'  '.repeat(r.depth)}${r.department.name}`),
      })),
    ).toEqual([
      {
        parentRef: 'group:default/acme-corp',
        rows: ['Marketing', 'Sales'],
      },
      {
        parentRef: 'group:default/product-engineering',
        rows: ['Engineering', '  Platform'],
      },
      { parentRef: undefined, rows: ['Finance'] },
    ]);
  });

  it('nests departments without a Group under their Paycor parent', () => {
    const sections = buildDepartmentTree([
      dept('a', 'group:default/org'),
      dept('b', undefined, {
        entityRef: undefined,
        paycorParentId: 'a',
        state: 'empty',
      }),
    ]);
    expect(sections).toHaveLength(1);
    expect(sections[0].rows.map(r => [r.department.id, r.depth])).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
  });

  it('breaks cycles instead of looping', () => {
    const sections = buildDepartmentTree([
      dept('a', 'group:default/b'),
      dept('b', 'group:default/a'),
      dept('c', 'group:default/c'),
    ]);
    const ids = sections.flatMap(s => s.rows.map(r => r.department.id)).sort();
    expect(ids).toEqual(['a', 'b', 'c']);
  });

  it('matches entity refs case-insensitively', () => {
    const sections = buildDepartmentTree([
      dept('a', 'group:default/org'),
      dept('b', 'Group:default/A'),
    ]);
    expect(sections[0].rows.map(r => r.depth)).toEqual([0, 1]);
  });
});

describe('refsBelow', () => {
  it('returns the department and its descendants', () => {
    const items = [
      dept('a', 'group:default/org'),
      dept('b', 'group:default/a'),
      dept('c', 'group:default/b'),
      dept('d', 'group:default/org'),
    ];
    expect([...refsBelow(items, 'b')].sort()).toEqual([
      'group:default/b',
      'group:default/c',
    ]);
    expect([...refsBelow(items, 'a')].sort()).toEqual([
      'group:default/a',
      'group:default/b',
      'group:default/c',
    ]);
  });
});
