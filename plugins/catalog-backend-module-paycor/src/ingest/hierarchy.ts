import {
  adminParentConflict,
  rehomeCycleConflict,
  rehomeTargetMissingConflict,
} from './conflictMessages';
import { DepartmentTree } from './departmentTree';
import { AcceptedAdminGroup, Root } from './organization';
import { ParentRequest, SettledParent, settleParents } from './overrides';
import {
  ConflictDraft,
  DepartmentOverride,
  ExternalGroups,
  PaycorDepartmentRecord,
} from './types';
import { nonBlank } from './util';

export interface Hierarchy {
  /** per department id (all of them): the nearest emitted Paycor ancestor, else the root */
  paycorParentRef: Map<string, string>;
  /** per admin Group name */
  adminParents: Map<string, SettledParent>;
  /** per emitted department id */
  departmentParents: Map<string, SettledParent>;
  conflicts: ConflictDraft[];
}

/**
 * Decides where every Group hangs.
 *
 * 1. Paycor parent: the nearest ancestor that is emitted, else the root.
 * 2. Admin Groups: their chosen parent when it exists (ours, external, the
 *    root), else the root. Settled before overrides, against Paycor parents.
 * 3. Department overrides, against the settled admin parents; a target must
 *    exist and must not lie in the department's own subtree, walking up
 *    through our Groups and `external.parents`.
 *
 * Refused choices fall back (admin Groups to the root, departments to their
 * Paycor parent) and become conflicts; overrides of departments that are not
 * emitted are not looked at.
 */
export function buildHierarchy(args: {
  tree: DepartmentTree;
  emittedDepartments: readonly PaycorDepartmentRecord[];
  departmentRef: ReadonlyMap<string, string>;
  adminGroups: readonly AcceptedAdminGroup[];
  overrides: ReadonlyMap<string, DepartmentOverride>;
  root: Root;
  external: ExternalGroups;
  namespace: string;
}): Hierarchy {
  const { tree, departmentRef, adminGroups, overrides, root, external } = args;
  const conflicts: ConflictDraft[] = [];

  const paycorParentRef = new Map<string, string>();
  for (const id of tree.ids) {
    const ancestor = tree.ancestorsOf(id).find(a => departmentRef.has(a));
    paycorParentRef.set(
      id,
      ancestor !== undefined ? departmentRef.get(ancestor)! : root.ref,
    );
  }

  const departmentByRef = new Map<string, string>();
  for (const [id, ref] of departmentRef) departmentByRef.set(ref, id);
  const adminByRef = new Map(adminGroups.map(a => [a.ref, a]));
  const exists = (ref: string) =>
    ref === root.ref ||
    departmentByRef.has(ref) ||
    adminByRef.has(ref) ||
    external.refs.has(ref);
  // Our organization Group has no parent, whatever the catalog says.
  const externalParent = (ref: string) =>
    root.org && ref === root.ref ? undefined : external.parents.get(ref);

  const adminParents = settleParents(
    adminGroups.map(a => {
      const requested = nonBlank(a.definition.parentRef);
      return {
        key: a.name,
        ref: a.ref,
        fallbackRef: root.ref,
        ...(requested !== undefined ? { requested } : {}),
      };
    }),
    {
      namespace: args.namespace,
      exists,
      parentOf: ref => {
        const department = departmentByRef.get(ref);
        return department !== undefined
          ? paycorParentRef.get(department)
          : externalParent(ref);
      },
    },
  );
  for (const admin of adminGroups) {
    const settled = adminParents.get(admin.name)!;
    if (!settled.problem) continue;
    conflicts.push(
      adminParentConflict({
        name: nonBlank(admin.definition.title) ?? admin.name,
        ref: admin.ref,
        requested: settled.targetRef ?? admin.definition.parentRef!.trim(),
        fallbackRef: settled.parentRef,
        problem: settled.problem,
        ...(settled.cyclePath ? { path: settled.cyclePath } : {}),
      }),
    );
  }

  const departmentParents = settleParents(
    args.emittedDepartments.map(department => {
      const override = overrides.get(department.id);
      return {
        key: department.id,
        ref: departmentRef.get(department.id)!,
        fallbackRef: paycorParentRef.get(department.id)!,
        ...(override ? { requested: override.parentRef } : {}),
      } satisfies ParentRequest;
    }),
    {
      namespace: args.namespace,
      exists,
      parentOf: ref => {
        const admin = adminByRef.get(ref);
        return admin
          ? adminParents.get(admin.name)!.parentRef
          : externalParent(ref);
      },
    },
  );
  for (const department of args.emittedDepartments) {
    const settled = departmentParents.get(department.id)!;
    const override = overrides.get(department.id);
    if (!override || !settled.problem) continue;
    const common = {
      department,
      ref: departmentRef.get(department.id)!,
      override,
      fallbackRef: settled.parentRef,
    };
    conflicts.push(
      settled.problem === 'cycle'
        ? rehomeCycleConflict({ ...common, path: settled.cyclePath ?? [] })
        : rehomeTargetMissingConflict(common),
    );
  }

  return { paycorParentRef, adminParents, departmentParents, conflicts };
}
