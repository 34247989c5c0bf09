import { makeDepartment, makeExternal } from './__testUtils__/builders';
import { buildDepartmentTree } from './departmentTree';
import { buildHierarchy } from './hierarchy';
import { AcceptedAdminGroup, Root } from './organization';
import { DepartmentOverride } from './types';

const ROOT: Root = {
  ref: 'group:default/acme',
  org: { name: 'acme', title: 'Acme' },
};
const g = (name: string) => `group:default/${name}`;

const tree = buildDepartmentTree([
  makeDepartment({ id: 'A' }),
  makeDepartment({ id: 'B', parentId: 'A' }),
  makeDepartment({ id: 'C', parentId: 'B' }),
  makeDepartment({ id: 'D' }),
]);

function hierarchy(options: {
  emitted?: string[];
  admins?: AcceptedAdminGroup[];
  overrides?: DepartmentOverride[];
  external?: Record<string, string | undefined>;
  root?: Root;
}) {
  const emitted = options.emitted ?? ['A', 'B', 'C', 'D'];
  return buildHierarchy({
    tree,
    emittedDepartments: emitted.map(id => tree.get(id)!),
    departmentRef: new Map(emitted.map(id => [id, g(id.toLowerCase())])),
    adminGroups: options.admins ?? [],
    overrides: new Map((options.overrides ?? []).map(o => [o.departmentId, o])),
    root: options.root ?? ROOT,
    external: makeExternal(options.external),
    namespace: 'default',
  });
}

const admin = (name: string, parentRef?: string): AcceptedAdminGroup => ({
  name,
  ref: g(name),
  definition: {
    name,
    title: name.toUpperCase(),
    type: 'team',
    ...(parentRef ? { parentRef } : {}),
  },
});

describe('buildHierarchy', () => {
  it('skips departments that are not emitted when finding the Paycor parent', () => {
    const h = hierarchy({ emitted: ['A', 'C'] });
    expect(Object.fromEntries(h.paycorParentRef)).toEqual({
      A: ROOT.ref,
      B: g('a'),
      C: g('a'),
      D: ROOT.ref,
    });
    expect([...h.departmentParents.keys()]).toEqual(['A', 'C']);
  });

  it('settles admin parents before department overrides', () => {
    // The admin Group hangs below C; moving A under it would be a cycle.
    const h = hierarchy({
      admins: [admin('tech', g('c'))],
      overrides: [{ departmentId: 'A', parentRef: g('tech'), source: 'api' }],
    });
    expect(h.adminParents.get('tech')?.parentRef).toBe(g('c'));
    expect(h.departmentParents.get('A')).toMatchObject({
      parentRef: ROOT.ref,
      problem: 'cycle',
      cyclePath: [g('tech'), g('c'), g('b'), g('a')],
    });
    expect(h.conflicts.map(c => [c.type, c.subject.id])).toEqual([
      ['rehome-cycle', 'A'],
    ]);
  });

  it('reports admin Groups whose parent is missing, with the ref as given', () => {
    const h = hierarchy({ admins: [admin('tech', ' nowhere ')] });
    expect(h.adminParents.get('tech')?.parentRef).toBe(ROOT.ref);
    expect(h.conflicts[0]).toMatchObject({
      type: 'rehome-target-missing',
      message: expect.stringContaining('has the parent group:default/nowhere'),
    });
  });

  it('ignores what the catalog says about our own organization Group', () => {
    const h = hierarchy({
      overrides: [{ departmentId: 'A', parentRef: ROOT.ref, source: 'api' }],
      external: { [ROOT.ref]: g('c') },
    });
    expect(h.departmentParents.get('A')?.applied).toBe(true);
  });

  it('follows the catalog parent of a configured root Group', () => {
    const root: Root = { ref: g('company') };
    const h = hierarchy({
      root,
      overrides: [
        { departmentId: 'A', parentRef: g('company'), source: 'api' },
      ],
      external: { [g('company')]: g('c') },
    });
    expect(h.departmentParents.get('A')).toMatchObject({ problem: 'cycle' });
  });

  it('reports only overrides of emitted departments', () => {
    const h = hierarchy({
      emitted: ['A'],
      overrides: [{ departmentId: 'D', parentRef: g('ghost'), source: 'api' }],
    });
    expect(h.conflicts).toEqual([]);
  });
});
