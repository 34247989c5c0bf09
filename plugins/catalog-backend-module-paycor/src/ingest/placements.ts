import { departmentTitle } from './conflictMessages';
import { DepartmentStatus, DepartmentTree } from './departmentTree';
import { Hierarchy } from './hierarchy';
import { DepartmentOverride, DepartmentPlacement } from './types';
import { compareStrings, nonBlank } from './util';

/**
 * One placement per Paycor department, emitted or not, for the Departments
 * tab: its state, both parents and the override with any problem. Sorted by
 * name then id. `paycorParentId` is the parent as the tree reads it (absent
 * for top-level departments, including those whose parent is the payroll or
 * unknown, and for the department a cycle was broken at).
 */
export function buildPlacements(args: {
  tree: DepartmentTree;
  states: ReadonlyMap<string, DepartmentStatus>;
  departmentRef: ReadonlyMap<string, string>;
  hierarchy: Hierarchy;
  overrides: ReadonlyMap<string, DepartmentOverride>;
}): DepartmentPlacement[] {
  const { tree, states, departmentRef, hierarchy, overrides } = args;
  const placements = tree.ids.map((id): DepartmentPlacement => {
    const department = tree.get(id)!;
    const status = states.get(id)!;
    const ref = departmentRef.get(id);
    const settled = hierarchy.departmentParents.get(id);
    const override = overrides.get(id);
    const code = nonBlank(department.code);
    const paycorParentId = tree.parentOf(id);
    const level = department.level;
    return {
      id,
      ...(code !== undefined ? { code } : {}),
      name: departmentTitle(department),
      ...(level !== undefined && level !== null ? { level } : {}),
      ...(paycorParentId !== undefined ? { paycorParentId } : {}),
      paycorParentRef: hierarchy.paycorParentRef.get(id)!,
      ...(settled ? { effectiveParentRef: settled.parentRef } : {}),
      ...(ref !== undefined ? { entityRef: ref } : {}),
      memberCount: status.memberCount,
      state: status.state,
      ...(override ? { override } : {}),
      ...(settled?.problem && override
        ? { overrideProblem: settled.problem }
        : {}),
    };
  });
  return placements.sort(
    (a, b) => compareStrings(a.name, b.name) || compareStrings(a.id, b.id),
  );
}
