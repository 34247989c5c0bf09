import { Entity } from '@backstage/catalog-model';
import { sortConflicts } from './conflictOrder';
import { buildDepartmentTree } from './departmentTree';
import { PreparedEmployees } from './employees';
import { EntityContext } from './entityCommon';
import { compileFieldMapping } from './fieldMapping';
import { arrangeGroups } from './groups';
import { resolveRoot } from './organization';
import { selectPeople } from './people';
import { locationBuilder } from './refs';
import { TransformInput, TransformResult } from './types';
import { reportingLinesOf } from './reportingLines';
import { buildUserEntity, reportingLineOf } from './userEntities';
import { compareStrings, nonBlank } from './util';

/** What every entity of one provider and legal entity shares. */
export function entityContext(
  config: TransformInput['config'],
  legalEntityId: number | string,
): EntityContext {
  const id = String(legalEntityId);
  return {
    namespace: config.namespace || 'default',
    providerId: config.id,
    legalEntityId: id,
    locations: locationBuilder(config.id, id),
    reportingLinesOff: !config.reportingLines.enabled,
  };
}

/** A synced employee's department Group, else the root. */
export function memberOfRef(
  departmentId: string | undefined,
  departmentRefs: ReadonlyMap<string, string>,
  rootRef: string,
): string {
  const id = nonBlank(departmentId);
  return (id !== undefined ? departmentRefs.get(id) : undefined) ?? rootRef;
}

/**
 * Maps one Paycor snapshot to the catalog entities to emit, the conflicts
 * found and where every department ended up.
 *
 * Pure and deterministic: the same input gives a deep-equal result with the
 * same key order, whatever the order of records in the input, because the
 * caller hashes entities to compute deltas. Every array in the output is
 * sorted; the clock is read only through `input.now`.
 *
 * Four stages, which the sync engine also runs (and caches) one by one:
 * people (`selectPeople`: dating, status, filters, duplicate emails, User
 * names), reporting lines (`reportingLinesOf`: managers, loops, department
 * heads), Groups (`arrangeGroups`: department names after the reserved ones,
 * then parents) and the Users' memberships. Users never depend on department
 * overrides: a re-home moves Groups only.
 */
export function transformSnapshot(input: TransformInput): TransformResult {
  const { snapshot, config } = input;
  const ctx = entityContext(config, snapshot.legalEntity.id);
  const tree = buildDepartmentTree(snapshot.departments);
  const root = resolveRoot(
    config.organization,
    snapshot.legalEntity,
    ctx.namespace,
  );

  const employees = PreparedEmployees.of(snapshot.employees, config.userNaming);
  const people = selectPeople({
    employees,
    invalid: snapshot.invalid,
    tree,
    legalEntity: snapshot.legalEntity,
    config,
    exclusions: input.exclusions,
    previousUserNames: input.previous?.userNames ?? new Map(),
    rootRef: root.ref,
    now: input.now,
  });
  const lines = reportingLinesOf({
    config,
    people,
    employees,
    invalid: snapshot.invalid,
    tree,
    elsewhere: input.elsewhere,
  });
  const groups = arrangeGroups({
    tree,
    root,
    config,
    ctx,
    directMembers: people.directMembers,
    adminGroups: input.adminGroups,
    overrides: input.overrides,
    external: input.external,
    previousGroupNames: input.previous?.groupNames ?? new Map(),
    invalid: snapshot.invalid,
    departmentHeads: lines.departmentHeads,
  });

  const fieldMapping = compileFieldMapping(config.fieldMapping);
  // Groups are `group:…`, Users `user:…`: each list is sorted by ref, so the
  // concatenation is too.
  const users = people.synced
    .map(({ employee, name, ref }) => ({
      ref,
      entity: buildUserEntity({
        employee,
        name,
        memberOf: memberOfRef(
          employee.departmentId,
          groups.departmentRefs,
          root.ref,
        ),
        line: reportingLineOf(lines, employee.id),
        ctx,
        fieldMapping,
      }) as Entity,
    }))
    .sort((a, b) => compareStrings(a.ref, b.ref));

  return {
    entities: [...groups.entities, ...users.map(u => u.entity)],
    conflicts: sortConflicts([
      ...people.conflicts,
      ...lines.conflicts,
      ...groups.conflicts,
    ]),
    departments: groups.departments,
    emission: { userNames: people.userNames, groupNames: groups.groupNames },
    stats: {
      users: people.synced.length,
      groups: groups.entities.length,
      skipped: people.skipped,
      skippedByReason: people.skippedByReason,
    },
  };
}
