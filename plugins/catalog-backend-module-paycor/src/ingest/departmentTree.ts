import { PaycorDepartmentRecord } from './types';
import {
  compareCodes,
  compareNumbers,
  compareOptional,
  compareStrings,
  nonBlank,
} from './util';

export interface DepartmentCycle {
  /** the department made top-level to break the cycle */
  brokenAt: string;
  /** the cycle's members in parent order, starting at `brokenAt` */
  members: string[];
}

/**
 * Paycor's department tree as the sync reads it: every parent link points at
 * a listed department and there are no cycles.
 */
export interface DepartmentTree {
  /** department ids, sorted */
  ids: readonly string[];
  get(id: string): PaycorDepartmentRecord | undefined;
  has(id: string): boolean;
  /** the parent department, or undefined for top-level ones */
  parentOf(id: string): string | undefined;
  /** nearest first, without the department itself */
  ancestorsOf(id: string): readonly string[];
  /** sorted ids */
  childrenOf(id: string): readonly string[];
  cycles: readonly DepartmentCycle[];
}

/**
 * Builds the tree. A department is top-level when its `parentId` is empty,
 * equals its payroll id (level-2 departments hang off the payroll itself),
 * or names a department Paycor did not list.
 *
 * Paycor's own data can contain cycles; walking departments in id order, the
 * first member of a cycle that the walk reaches is made top-level, so the
 * same data always breaks at the same place and no walk ever loops.
 * When an id is listed twice the first record wins.
 */
export function buildDepartmentTree(
  departments: readonly PaycorDepartmentRecord[],
): DepartmentTree {
  const byId = new Map<string, PaycorDepartmentRecord>();
  for (const department of departments) {
    if (!byId.has(department.id)) byId.set(department.id, department);
  }
  const ids = [...byId.keys()].sort(compareStrings);

  const parent = new Map<string, string | undefined>();
  for (const id of ids) {
    const record = byId.get(id)!;
    const parentId = nonBlank(record.parentId);
    const isTop =
      parentId === undefined ||
      parentId === nonBlank(record.payrollId) ||
      !byId.has(parentId);
    parent.set(id, isTop ? undefined : parentId);
  }

  const cycles: DepartmentCycle[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  for (const id of ids) {
    const path: string[] = [];
    let current: string | undefined = id;
    while (current !== undefined && !state.has(current)) {
      state.set(current, 'visiting');
      path.push(current);
      current = parent.get(current);
    }
    if (current !== undefined && state.get(current) === 'visiting') {
      const members = path.slice(path.indexOf(current));
      parent.set(current, undefined);
      cycles.push({ brokenAt: current, members });
    }
    for (const p of path) state.set(p, 'done');
  }

  const children = new Map<string, string[]>();
  for (const id of ids) {
    const p = parent.get(id);
    if (p === undefined) continue;
    const list = children.get(p);
    if (list) list.push(id);
    else children.set(p, [id]);
  }

  const ancestors = new Map<string, readonly string[]>();
  const ancestorsOf = (id: string): readonly string[] => {
    const cached = ancestors.get(id);
    if (cached) return cached;
    const chain: string[] = [];
    for (let p = parent.get(id); p !== undefined; p = parent.get(p)) {
      const known = ancestors.get(p);
      if (known) {
        chain.push(p, ...known);
        break;
      }
      chain.push(p);
    }
    ancestors.set(id, chain);
    return chain;
  };

  return {
    ids,
    get: id => byId.get(id),
    has: id => byId.has(id),
    parentOf: id => parent.get(id),
    ancestorsOf,
    childrenOf: id => children.get(id) ?? [],
    cycles,
  };
}

export type DepartmentState = 'synced' | 'empty' | 'filtered';

export interface DepartmentStatus {
  state: DepartmentState;
  /** synced Users directly in the department */
  memberCount: number;
  emitted: boolean;
}

/**
 * `filtered` when the department filter rejects it; else `empty` when no
 * synced User is in its subtree; else `synced`. Only synced departments
 * become Groups, plus empty ones when `includeEmpty` (new departments
 * "appear once they have an employee" by default).
 */
export function computeDepartmentStates(
  tree: DepartmentTree,
  options: {
    passesFilter: (departmentId: string) => boolean;
    /** synced Users per department id */
    directMembers: ReadonlyMap<string, number>;
    includeEmpty: boolean;
  },
): Map<string, DepartmentStatus> {
  const subtreeMembers = new Map<string, number>();
  // Deepest first, so every child is summed before its parent.
  const byDepth = [...tree.ids].sort(
    (a, b) =>
      tree.ancestorsOf(b).length - tree.ancestorsOf(a).length ||
      compareStrings(a, b),
  );
  for (const id of byDepth) {
    let total = options.directMembers.get(id) ?? 0;
    for (const child of tree.childrenOf(id)) {
      total += subtreeMembers.get(child) ?? 0;
    }
    subtreeMembers.set(id, total);
  }

  const result = new Map<string, DepartmentStatus>();
  for (const id of tree.ids) {
    if (!options.passesFilter(id)) {
      result.set(id, { state: 'filtered', memberCount: 0, emitted: false });
      continue;
    }
    const memberCount = options.directMembers.get(id) ?? 0;
    const state: DepartmentState =
      (subtreeMembers.get(id) ?? 0) > 0 ? 'synced' : 'empty';
    result.set(id, {
      state,
      memberCount,
      emitted: state === 'synced' || options.includeEmpty,
    });
  }
  return result;
}

/**
 * The department most entitled to a contested name first: lowest level
 * (closest to the top), then lowest code, then id.
 */
export function compareDepartmentPriority(
  a: PaycorDepartmentRecord,
  b: PaycorDepartmentRecord,
): number {
  return (
    compareOptional(a.level, b.level, compareNumbers) ||
    compareOptional(nonBlank(a.code), nonBlank(b.code), compareCodes) ||
    compareStrings(a.id, b.id)
  );
}
