import { Entity } from '@backstage/catalog-model';
import {
  departmentCycleConflict,
  departmentNameCollisionConflict,
  describeDepartment,
  duplicateEmailConflict,
  missingEmailConflict,
  unknownDepartmentConflict,
  userNameCollisionConflict,
} from './conflictMessages';
import { sortConflicts } from './conflictOrder';
import {
  createCalendar,
  evaluateEmployment,
  resolveTimeZone,
  statusPolicy,
} from './dating';
import {
  buildDepartmentTree,
  compareDepartmentPriority,
  computeDepartmentStates,
} from './departmentTree';
import {
  Candidate,
  compareBySeniority,
  findDuplicateEmails,
} from './duplicateEmails';
import { EntityContext } from './entityCommon';
import { compileFieldMapping } from './fieldMapping';
import { createDepartmentFilter, createEmployeeFilter } from './filters';
import {
  buildAdminGroup,
  buildDepartmentGroup,
  buildOrganizationGroup,
  ParentSource,
} from './groupEntities';
import { buildHierarchy } from './hierarchy';
import { assignNames, wantedDepartmentName, wantedUserName } from './naming';
import { reserveGroupNames, resolveRoot } from './organization';
import { overridesFromConfig, selectOverrides } from './overrides';
import { buildPlacements } from './placements';
import { recordConflicts } from './recordConflicts';
import { groupRef, locationBuilder, userRef } from './refs';
import {
  ConflictDraft,
  PaycorEmployeeRecord,
  SkipReason,
  TransformInput,
  TransformResult,
} from './types';
import { buildUserEntity } from './userEntities';
import { compareStrings, nonBlank } from './util';

/** The order skip reasons appear in `stats.skippedByReason`. */
const SKIP_REASONS: readonly SkipReason[] = [
  'not-yet-hired',
  'terminated',
  'status',
  'on-leave',
  'filtered',
  'excluded',
  'invalid',
  'duplicate-email',
];

/**
 * Maps one Paycor snapshot to the catalog entities to emit, the conflicts
 * found and where every department ended up.
 *
 * Pure and deterministic: the same input gives a deep-equal result with the
 * same key order, whatever the order of records in the input, because the
 * caller hashes entities to compute deltas. Every array in the output is
 * sorted; the clock is read only through `input.now`.
 *
 * Steps: department tree → per employee dating, status and filters →
 * duplicate emails → department states → names (the root and admin Groups
 * reserve theirs first) → parents (admin Groups, then department overrides)
 * → entities, conflicts, placements and stats.
 *
 * `config.departmentParents` is applied here too (as `config` overrides,
 * matched by department id or code), so callers may pass them in
 * `input.overrides` or not; duplicates are harmless.
 */
export function transformSnapshot(input: TransformInput): TransformResult {
  const { snapshot, config } = input;
  const namespace = config.namespace || 'default';
  const legalEntityId = String(snapshot.legalEntity.id);
  const previousUsers = input.previous?.userNames ?? new Map<string, string>();
  const previousGroups =
    input.previous?.groupNames ?? new Map<string, string>();
  const ctx: EntityContext = {
    namespace,
    providerId: config.id,
    legalEntityId,
    locations: locationBuilder(config.id, legalEntityId),
  };
  const conflicts: ConflictDraft[] = [];
  const skipCounts = new Map<SkipReason, number>();
  const skip = (reason: SkipReason) =>
    skipCounts.set(reason, (skipCounts.get(reason) ?? 0) + 1);

  // --- Departments as Paycor has them ---------------------------------------
  const tree = buildDepartmentTree(snapshot.departments);
  for (const cycle of tree.cycles) {
    conflicts.push(
      departmentCycleConflict({
        department: tree.get(cycle.brokenAt)!,
        cycle: cycle.members.map(id => tree.get(id)!),
      }),
    );
  }

  // --- Who is a colleague right now -----------------------------------------
  // A repeated id keeps its first record; the client never sends one.
  const seenEmployees = new Set<string>();
  const employees: PaycorEmployeeRecord[] = [];
  for (const employee of snapshot.employees) {
    if (seenEmployees.has(employee.id)) continue;
    seenEmployees.add(employee.id);
    employees.push(employee);
  }
  employees.sort((a, b) => compareStrings(a.id, b.id));

  const calendar = createCalendar(
    resolveTimeZone(config.timeZone, snapshot.legalEntity.timeZone),
  );
  const policy = statusPolicy(config);
  const now = input.now.getTime();
  const departmentFilter = createDepartmentFilter(
    config.filters?.departments,
    tree,
  );
  const employeeFilter = createEmployeeFilter(
    config.filters ?? {},
    input.exclusions,
    departmentFilter,
    tree,
  );

  const passed: Candidate[] = [];
  for (const employee of employees) {
    const decision = evaluateEmployment(employee, calendar, policy, now);
    if (!decision.present) {
      skip(decision.reason);
      continue;
    }
    const verdict = employeeFilter(employee);
    if (verdict) {
      skip(verdict);
      continue;
    }
    passed.push(
      decision.start ? { employee, start: decision.start } : { employee },
    );
  }
  // Employees Paycor sent in a shape we could not read, with no earlier good
  // version to fall back on, are people we did not emit.
  for (const record of snapshot.invalid) {
    if (
      record.resource === 'employee' &&
      !(record.id && seenEmployees.has(record.id))
    ) {
      skip('invalid');
    }
  }

  const duplicates = findDuplicateEmails(passed, id => previousUsers.has(id));
  const duplicateIds = new Set(duplicates.map(d => d.skipped.employee.id));
  duplicates.forEach(() => skip('duplicate-email'));
  const synced = passed.filter(c => !duplicateIds.has(c.employee.id));

  // --- Which departments become Groups --------------------------------------
  const directMembers = new Map<string, number>();
  for (const { employee } of synced) {
    const id = nonBlank(employee.departmentId);
    if (id !== undefined && tree.has(id)) {
      directMembers.set(id, (directMembers.get(id) ?? 0) + 1);
    }
  }
  const states = computeDepartmentStates(tree, {
    passesFilter: departmentFilter,
    directMembers,
    includeEmpty: config.emptyDepartments === 'include',
  });
  const emittedDepartments = tree.ids
    .filter(id => states.get(id)!.emitted)
    .map(id => tree.get(id)!);

  // --- Names ------------------------------------------------------------------
  const root = resolveRoot(
    config.organization,
    snapshot.legalEntity,
    namespace,
  );
  const reservations = reserveGroupNames(root, input.adminGroups, namespace);
  const { adminGroups } = reservations;
  conflicts.push(...reservations.conflicts);

  const departmentNames = assignNames(
    [...emittedDepartments].sort(compareDepartmentPriority).map(d => ({
      id: d.id,
      wanted: wantedDepartmentName(d, config.groupNaming),
      previousName: previousGroups.get(d.id),
    })),
    reservations.reserved,
  );
  const departmentRef = new Map<string, string>();
  for (const department of emittedDepartments) {
    const name = departmentNames.names.get(department.id)!;
    departmentRef.set(department.id, groupRef(namespace, name));
  }
  for (const collision of departmentNames.collisions) {
    const winnerRef =
      collision.reservedBy ?? departmentRef.get(collision.winnerId!)!;
    conflicts.push(
      departmentNameCollisionConflict({
        department: tree.get(collision.id)!,
        wanted: collision.wanted,
        givenRef: departmentRef.get(collision.id)!,
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

  const userNames = assignNames(
    [...synced].sort(compareBySeniority).map(({ employee }) => ({
      id: employee.id,
      wanted: wantedUserName(employee, config.userNaming),
      previousName: previousUsers.get(employee.id),
    })),
  );
  const userRefs = new Map<string, string>();
  for (const { employee } of synced) {
    const name = userNames.names.get(employee.id)!;
    userRefs.set(employee.id, userRef(namespace, name));
  }
  const syncedById = new Map(synced.map(c => [c.employee.id, c.employee]));
  for (const collision of userNames.collisions) {
    conflicts.push(
      userNameCollisionConflict({
        employee: syncedById.get(collision.id)!,
        winner: syncedById.get(collision.winnerId!)!,
        winnerRef: userRefs.get(collision.winnerId!)!,
        wanted: collision.wanted,
        givenRef: userRefs.get(collision.id)!,
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
    departmentRef,
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
      departmentRef.get(department.id)!,
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
  const keyed: Array<{ ref: string; entity: Entity }> = [];
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
    const ref = departmentRef.get(department.id)!;
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
        ctx,
      }),
    });
  }

  const fieldMapping = compileFieldMapping(config.fieldMapping);
  for (const { employee } of synced) {
    const ref = userRefs.get(employee.id)!;
    const departmentId = nonBlank(employee.departmentId);
    const departmentGroup =
      departmentId !== undefined ? departmentRef.get(departmentId) : undefined;
    keyed.push({
      ref,
      entity: buildUserEntity({
        employee,
        name: userNames.names.get(employee.id)!,
        memberOf: departmentGroup ?? root.ref,
        ctx,
        fieldMapping,
      }),
    });
    if (nonBlank(employee.email) === undefined) {
      conflicts.push(missingEmailConflict({ employee, userRef: ref }));
    }
    if (departmentId !== undefined && !tree.has(departmentId)) {
      conflicts.push(
        unknownDepartmentConflict({
          employee,
          userRef: ref,
          rootRef: root.ref,
        }),
      );
    }
  }
  keyed.sort((a, b) => compareStrings(a.ref, b.ref));

  // --- Remaining conflicts ----------------------------------------------------
  for (const { skipped, owner, email } of duplicates) {
    conflicts.push(
      duplicateEmailConflict({
        skipped: skipped.employee,
        owner: owner.employee,
        ownerRef: userRefs.get(owner.employee.id)!,
        email,
      }),
    );
  }
  conflicts.push(
    ...recordConflicts({
      invalid: snapshot.invalid,
      employees,
      userRefs,
      departmentRefs: departmentRef,
    }),
  );

  // --- Emission and stats -----------------------------------------------------
  const emittedUserNames = new Map<string, string>();
  for (const { employee } of synced) {
    emittedUserNames.set(employee.id, userNames.names.get(employee.id)!);
  }
  const emittedGroupNames = new Map<string, string>();
  for (const { id } of emittedDepartments) {
    emittedGroupNames.set(id, departmentNames.names.get(id)!);
  }

  const skippedByReason: Partial<Record<SkipReason, number>> = {};
  let skipped = 0;
  for (const reason of SKIP_REASONS) {
    const count = skipCounts.get(reason);
    if (count) {
      skippedByReason[reason] = count;
      skipped += count;
    }
  }

  return {
    entities: keyed.map(k => k.entity),
    conflicts: sortConflicts(conflicts),
    departments: buildPlacements({
      tree,
      states,
      departmentRef,
      hierarchy,
      overrides,
    }),
    emission: { userNames: emittedUserNames, groupNames: emittedGroupNames },
    stats: {
      users: synced.length,
      groups:
        (root.org ? 1 : 0) + adminGroups.length + emittedDepartments.length,
      skipped,
      skippedByReason,
    },
  };
}
