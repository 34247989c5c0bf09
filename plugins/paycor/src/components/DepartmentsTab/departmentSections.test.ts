import { DepartmentView } from '@paycor-backstage/plugin-paycor-common';
import { makeDepartments } from '../../__testUtils__/fixtures';
import { departmentSections, subtreeRefs } from './departmentSections';

function department(
  id: string,
  effectiveParentRef: string | undefined,
  depth?: number,
): DepartmentView {
  return {
    id,
    name: id.toUpperCase(),
    entityRef: `group:default/${id}`,
    effectiveParentRef,
    memberCount: 1,
    state: 'synced',
    depth,
  };
}

const drawn = (sections: ReturnType<typeof departmentSections>) =>
  sections.map(s => ({
    parentRef: s.parentRef,
    rows: s.rows.map(r => `${'  '.repeat(r.depth)}${r.department.name}`),
  }));

describe('departmentSections', () => {
  it('draws the server’s order, cut into sections by outside Group', () => {
    expect(drawn(departmentSections(makeDepartments()))).toEqual([
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

  it('follows treeOrder, not the order of the items', () => {
    const sections = departmentSections({
      items: [
        department('a', 'group:default/org', 0),
        department('b', 'group:default/a', 1),
        department('c', 'group:default/org', 0),
      ],
      treeOrder: ['c', 'a', 'b'],
    });
    expect(drawn(sections)).toEqual([
      { parentRef: 'group:default/org', rows: ['C', 'A', '  B'] },
    ]);
  });

  it('lists the departments of an older backend flat, as they come', () => {
    const sections = departmentSections({
      items: [
        department('b', 'group:default/a'),
        department('a', 'group:default/org'),
        department('c', 'group:default/a'),
      ],
    });
    expect(drawn(sections)).toEqual([
      { parentRef: 'group:default/a', rows: ['B', 'C'] },
      { parentRef: 'group:default/org', rows: ['A'] },
    ]);
  });
});

describe('subtreeRefs', () => {
  it('is the department and the deeper rows after it', () => {
    const sections = departmentSections({
      items: [
        department('a', 'group:default/org', 0),
        department('b', 'group:default/a', 1),
        department('c', 'group:default/b', 2),
        department('d', 'group:default/a', 1),
        department('e', 'group:default/org', 0),
      ],
      treeOrder: ['a', 'b', 'c', 'd', 'e'],
    });
    expect([...subtreeRefs(sections, 'b')].sort()).toEqual([
      'group:default/b',
      'group:default/c',
    ]);
    expect([...subtreeRefs(sections, 'a')].sort()).toEqual([
      'group:default/a',
      'group:default/b',
      'group:default/c',
      'group:default/d',
    ]);
    expect([...subtreeRefs(sections, 'x')]).toEqual([]);
  });
});
