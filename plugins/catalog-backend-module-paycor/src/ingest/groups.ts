import { GroupEntity } from '@backstage/catalog-model';
import { PaycorProviderConfig } from '../config/types';
import {
  departmentCycleConflict,
  departmentNameCollisionConflict,
  describeDepartment,
} from './conflictMessages';
import {
  compareDepartmentPriority,
  computeDepartmentStates,
  DepartmentTree,
} from './departmentTree';
import { EntityContext } from './entityCommon';
import { createDepartmentFilter } from './filters';
import {
  buildAdminGroup,
  buildDepartmentGroup,
  buildOrganizationGroup,
  ParentSource,
} from './groupEntities';
import { buildHierarchy } from './hierarchy';
import { assignNames, wantedDepartmentName } from './naming';
import { reserveGroupNames, Root } from './organization';
import { overridesFromConfig, selectOverrides } from './overrides';
import { buildPlacements } from './placements';
import { recordConflicts } from './recordConflicts';
import { groupRef } from './refs';
import {
  AdminGroupDefinition,
  ConflictDraft,
  DepartmentOverride,
  DepartmentPlacement,
  ExternalGroups,
  InvalidRecord,
} from './types';
import { compareStrings } from './util';

export interface GroupsInput {
  tree: DepartmentTree;
  root: Root;
  config: PaycorProviderConfig;
  ctx: EntityContext;
  /** synced Users per department id, from `selectPeople` */
  directMembers: ReadonlyMap<string, number>;
  adminGroups: readonly AdminGroupDefinition[];
  overrides: readonly DepartmentOverride[];
  external: ExternalGroups;
  /** Paycor department id → the Group name the previous run gave */
  previousGroupNames: ReadonlyMap<string, string>;
  invalid: readonly InvalidRecord[];
  /** department id → its head (from the reporting lines) */
  departmentHeads?: ReadonlyMap<string, { ref: string; source: string }>;
}

/** Every Group and where it hangs. */
export interface Groups {
  /** organization, admin and department Groups, sorted by ref */
  entities: GroupEntity[];
  /** emitted department id → its Group ref (what Users are members of) */
  departmentRefs: Map<string, string>;
  departments: DepartmentPlacement[];
  conflicts: ConflictDraft[];
  /** Paycor department id → Group name, for the next run's `previous` */
  groupNames: Map<string, string>;
}

/**
 * The Groups: which departments are emitted, their names (the root and admin
 * Groups reserve theirs first), then parents (admin Groups, then department
 * overrides). Cheap next to the people: a legal entity has a few thousand
 * departments at most, so every admin change recomputes this.
 *
 * `config.departmentParents` is applied here too (as `config` overrides), so
 * callers may pass them in `overrides` or not; duplicates are harmless.
 */
export function arrangeGroups(input: GroupsInput): Groups {
  const { tree, root, config, ctx } = input;
  const namespace = ctx.namespace;
  const conflicts: ConflictDraft[] = [];

  for (const cycle of tree.cycles) {
    conflicts.push(
      departmentCycleConflict({
        department: tree.get(cycle.brokenAt)!,
        cycle: cycle.members.map(id => tree.get(id)!),
      }),
    );
  }

  // --- Which departments become Groups --------------------------------------
  const states = computeDepartmentStates(tree, {
    passesFilter: createDepartmentFilter(config.filters?.departments, tree),
    directMembers: input.directMembers,
    includeEmpty: config.emptyDepartments === 'include',
  });
  const emittedDepartments = tree.ids
    .filter(id => states.get(id)!.emitted)
    .map(id => tree.get(id)!);

  // --- Names ------------------------------------------------------------------
  const reservations = reserveGroupNames(root, input.adminGroups, namespace);
  const { adminGroups } = reservations;
  conflicts.push(...reservations.conflicts);

  const departmentNames = assignNames(
    [...emittedDepartments].sort(compareDepartmentPriority).map(d => ({
      id: d.id,
      wanted: wantedDepartmentName(d, config.groupNaming),
      previousName: input.previousGroupNames.get(d.id),
    })),
    reservations.reserved,
  );
  const departmentRefs = new Map<string, string>();
  for (const department of emittedDepartments) {
    const name = departmentNames.names.get(department.id)!;
    departmentRefs.set(department.id, groupRef(namespace, name));
  }
  for (const collision of departmentNames.collisions) {
    const winnerRef =
      collision.reservedBy ?? departmentRefs.get(collision.winnerId!)!;
    conflicts.push(
      departmentNameCollisionConflict({
        department: tree.get(collision.id)!,
        wanted: collision.wanted,
        givenRef: departmentRefs.get(collision.id)!,
        winnerRef,
        winnerDescription:
          collision.reservedBy !== undefined
            ? reservations.describe.get(collision.reservedBy)!
            : `the ${describeDepartment(
                tree.get(collision.winnerId!)!,
                winnerRef,
              )}`,
        winnerIsDepartment: collision.reservedBy === undefined,
      }),
    );
  }

  // --- Parents ----------------------------------------------------------------
  const overrides = selectOverrides([
    ...input.overrides,
    ...overridesFromConfig(config.departmentParents, tree),
  ]);
  const hierarchy = buildHierarchy({
    tree,
    emittedDepartments,
    departmentRef: departmentRefs,
    adminGroups,
    overrides,
    root,
    external: input.external,
    namespace,
  });
  conflicts.push(...hierarchy.conflicts);

  const parentOfGroup = new Map<string, string>();
  for (const admin of adminGroups) {
    parentOfGroup.set(
      admin.ref,
      hierarchy.adminParents.get(admin.name)!.parentRef,
    );
  }
  for (const department of emittedDepartments) {
    parentOfGroup.set(
      departmentRefs.get(department.id)!,
      hierarchy.departmentParents.get(department.id)!.parentRef,
    );
  }
  const children = new Map<string, string[]>();
  for (const [child, parent] of parentOfGroup) {
    const list = children.get(parent);
    if (list) list.push(child);
    else children.set(parent, [child]);
  }
  const childrenOf = (ref: string) =>
    (children.get(ref) ?? []).sort(compareStrings);

  // --- Entities ---------------------------------------------------------------
  const keyed: Array<{ ref: string; entity: GroupEntity }> = [];
  if (root.org) {
    keyed.push({
      ref: root.ref,
      entity: buildOrganizationGroup({
        ...root.org,
        children: childrenOf(root.ref),
        ctx,
      }),
    });
  }
  for (const admin of adminGroups) {
    keyed.push({
      ref: admin.ref,
      entity: buildAdminGroup({
        definition: admin.definition,
        name: admin.name,
        parent: parentOfGroup.get(admin.ref)!,
        children: childrenOf(admin.ref),
        ctx,
      }),
    });
  }
  for (const department of emittedDepartments) {
    const ref = departmentRefs.get(department.id)!;
    const settled = hierarchy.departmentParents.get(department.id)!;
    const paycorParent = hierarchy.paycorParentRef.get(department.id)!;
    let parentSource: ParentSource = 'paycor';
    if (settled.applied) parentSource = 'override';
    else if (settled.parentRef === root.ref) parentSource = 'organization';
    const moved = settled.applied && paycorParent !== settled.parentRef;
    keyed.push({
      ref,
      entity: buildDepartmentGroup({
        department,
        name: departmentNames.names.get(department.id)!,
        parent: settled.parentRef,
        parentSource,
        ...(moved ? { paycorParent } : {}),
        children: childrenOf(ref),
        head: input.departmentHeads?.get(department.id),
        ctx,
      }),
    });
  }
  keyed.sort((a, b) => compareStrings(a.ref, b.ref));

  conflicts.push(
    ...recordConflicts({
      invalid: input.invalid.filter(r => r.resource === 'department'),
      employees: [],
      userRefs: new Map(),
      departmentRefs,
    }),
  );

  const groupNames = new Map<string, string>();
  for (const { id } of emittedDepartments) {
    groupNames.set(id, departmentNames.names.get(id)!);
  }

  return {
    entities: keyed.map(k => k.entity),
    departmentRefs,
    departments: buildPlacements({
      tree,
      states,
      departmentRef: departmentRefs,
      hierarchy,
      overrides,
    }),
    conflicts,
    groupNames,
  };
}
