import { makeDepartment } from './__testUtils__/builders';
import { buildDepartmentTree, computeDepartmentStates } from './departmentTree';

describe('buildDepartmentTree', () => {
  it('treats missing, payroll and unknown parents as top level', () => {
    const tree = buildDepartmentTree([
      makeDepartment({ id: 'd1' }),
      makeDepartment({ id: 'd2', parentId: '' }),
      makeDepartment({
        id: 'd3',
        parentId: 'payroll-1',
        payrollId: 'payroll-1',
      }),
      makeDepartment({ id: 'd4', parentId: 'gone' }),
      makeDepartment({ id: 'd5', parentId: 'd1', level: 3 }),
    ]);
    expect(['d1', 'd2', 'd3', 'd4'].map(tree.parentOf)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(tree.parentOf('d5')).toBe('d1');
    expect(tree.cycles).toEqual([]);
  });

  it('sorts ids and children, and lists ancestors nearest first', () => {
    const tree = buildDepartmentTree([
      makeDepartment({ id: 'c', parentId: 'b' }),
      makeDepartment({ id: 'b', parentId: 'a' }),
      makeDepartment({ id: 'a' }),
      makeDepartment({ id: 'b2', parentId: 'a' }),
      makeDepartment({ id: 'b1', parentId: 'a' }),
    ]);
    expect(tree.ids).toEqual(['a', 'b', 'b1', 'b2', 'c']);
    expect(tree.childrenOf('a')).toEqual(['b', 'b1', 'b2']);
    expect(tree.childrenOf('c')).toEqual([]);
    expect(tree.ancestorsOf('c')).toEqual(['b', 'a']);
    expect(tree.ancestorsOf('c')).toBe(tree.ancestorsOf('c'));
    expect(tree.ancestorsOf('a')).toEqual([]);
    expect(tree.has('b')).toBe(true);
    expect(tree.get('zz')).toBeUndefined();
  });

  it('breaks a cycle at the first member reached in id order', () => {
    const tree = buildDepartmentTree([
      makeDepartment({ id: 'b', parentId: 'a' }),
      makeDepartment({ id: 'a', parentId: 'b' }),
    ]);
    expect(tree.cycles).toEqual([{ brokenAt: 'a', members: ['a', 'b'] }]);
    expect(tree.parentOf('a')).toBeUndefined();
    expect(tree.parentOf('b')).toBe('a');
    expect(tree.ancestorsOf('b')).toEqual(['a']);
  });

  it('breaks a cycle reached from outside at its entry point', () => {
    const tree = buildDepartmentTree([
      makeDepartment({ id: 'a', parentId: 'c' }),
      makeDepartment({ id: 'c', parentId: 'b' }),
      makeDepartment({ id: 'b', parentId: 'c' }),
    ]);
    expect(tree.cycles).toEqual([{ brokenAt: 'c', members: ['c', 'b'] }]);
    expect(tree.ancestorsOf('a')).toEqual(['c']);
    expect(tree.ancestorsOf('b')).toEqual(['c']);
  });

  it('breaks a self-parent', () => {
    const tree = buildDepartmentTree([
      makeDepartment({ id: 'x', parentId: 'x' }),
    ]);
    expect(tree.cycles).toEqual([{ brokenAt: 'x', members: ['x'] }]);
    expect(tree.parentOf('x')).toBeUndefined();
  });

  it('breaks the same way whatever the input order', () => {
    const records = [
      makeDepartment({ id: 'a', parentId: 'c' }),
      makeDepartment({ id: 'b', parentId: 'a' }),
      makeDepartment({ id: 'c', parentId: 'b' }),
    ];
    const first = buildDepartmentTree(records).cycles;
    expect(buildDepartmentTree([...records].reverse()).cycles).toEqual(first);
    expect(first).toEqual([{ brokenAt: 'a', members: ['a', 'c', 'b'] }]);
  });

  it('keeps the first record of a repeated id', () => {
    const tree = buildDepartmentTree([
      makeDepartment({ id: 'a', description: 'First' }),
      makeDepartment({ id: 'a', description: 'Second' }),
    ]);
    expect(tree.ids).toEqual(['a']);
    expect(tree.get('a')?.description).toBe('First');
  });
});

describe('computeDepartmentStates', () => {
  const tree = buildDepartmentTree([
    makeDepartment({ id: 'root' }),
    makeDepartment({ id: 'mid', parentId: 'root' }),
    makeDepartment({ id: 'leaf', parentId: 'mid' }),
    makeDepartment({ id: 'lonely' }),
    makeDepartment({ id: 'blocked' }),
    makeDepartment({ id: 'blocked-child', parentId: 'blocked' }),
  ]);
  const directMembers = new Map([
    ['leaf', 2],
    ['root', 1],
    ['blocked-child', 0],
  ]);

  it('marks departments with synced Users in their subtree as synced', () => {
    const states = computeDepartmentStates(tree, {
      passesFilter: id => !id.startsWith('blocked'),
      directMembers,
      includeEmpty: false,
    });
    expect(Object.fromEntries(states)).toEqual({
      root: { state: 'synced', memberCount: 1, emitted: true },
      mid: { state: 'synced', memberCount: 0, emitted: true },
      leaf: { state: 'synced', memberCount: 2, emitted: true },
      lonely: { state: 'empty', memberCount: 0, emitted: false },
      blocked: { state: 'filtered', memberCount: 0, emitted: false },
      'blocked-child': { state: 'filtered', memberCount: 0, emitted: false },
    });
  });

  it('emits empty departments when asked, never filtered ones', () => {
    const states = computeDepartmentStates(tree, {
      passesFilter: id => !id.startsWith('blocked'),
      directMembers,
      includeEmpty: true,
    });
    expect(states.get('lonely')).toEqual({
      state: 'empty',
      memberCount: 0,
      emitted: true,
    });
    expect(states.get('blocked')?.emitted).toBe(false);
  });
});
