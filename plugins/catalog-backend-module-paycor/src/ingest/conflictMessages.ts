import {
  ConflictDraft,
  DepartmentOverride,
  InvalidRecord,
  PaycorDepartmentRecord,
  PaycorEmployeeRecord,
} from './types';
import { nonBlank } from './util';

/*
 * Every text names the person or department and the entity refs involved,
 * and says what an admin can do: in Paycor, or on the Paycor sync page
 * (Departments tab for re-homing, Exclusions tab for unsyncing people).
 */

/** `Maria Okafor`, else the employee number, else the id. */
export function personName(employee: PaycorEmployeeRecord): string {
  const full = [nonBlank(employee.firstName), nonBlank(employee.lastName)]
    .filter(Boolean)
    .join(' ');
  return full || nonBlank(employee.employeeNumber) || employee.id;
}

/** `Maria Okafor (employee #1042)`, for sentences. */
export function describePerson(employee: PaycorEmployeeRecord): string {
  const name = personName(employee);
  const number = nonBlank(employee.employeeNumber);
  if (number && name !== number) return `${name} (employee #${number})`;
  if (number) return `employee #${number}`;
  return name === employee.id
    ? `employee ${employee.id}`
    : `${name} (employee ${employee.id})`;
}

/** The department name shown to users: description, else code, else id. */
export function departmentTitle(department: PaycorDepartmentRecord): string {
  return (
    nonBlank(department.description) ??
    nonBlank(department.code) ??
    department.id
  );
}

/** `department "Customer Support" (code 110, group:default/customer-support)`, for sentences. */
export function describeDepartment(
  department: PaycorDepartmentRecord,
  ref?: string,
): string {
  const code = nonBlank(department.code);
  const title = departmentTitle(department);
  const details = [code && code !== title ? `code ${code}` : undefined, ref]
    .filter(Boolean)
    .join(', ');
  return details
    ? `department "${title}" (${details})`
    : `department "${title}"`;
}

function employeeSubject(
  employee: PaycorEmployeeRecord,
): ConflictDraft['subject'] {
  return { kind: 'employee', id: employee.id, label: personName(employee) };
}

function departmentSubject(
  department: PaycorDepartmentRecord,
): ConflictDraft['subject'] {
  return {
    kind: 'department',
    id: department.id,
    label: departmentTitle(department),
  };
}

const EXCLUSIONS_TAB = 'the Exclusions tab of the Paycor sync page';
const DEPARTMENTS_TAB = 'the Departments tab of the Paycor sync page';

// ---------------------------------------------------------------------------
// People

export function duplicateEmailConflict(args: {
  skipped: PaycorEmployeeRecord;
  owner: PaycorEmployeeRecord;
  ownerRef: string;
  email: string;
}): ConflictDraft {
  const { skipped, owner, ownerRef, email } = args;
  return {
    type: 'duplicate-email',
    subject: employeeSubject(skipped),
    entityRef: ownerRef,
    message:
      `${describePerson(
        skipped,
      )} has the work email ${email}, which already belongs to ` +
      `${describePerson(
        owner,
      )} (${ownerRef}). One email can own only one User, so ` +
      `${personName(skipped)} was not synced.`,
    resolution:
      `Correct the work email of one of them in Paycor, or exclude one of them on ${EXCLUSIONS_TAB}. ` +
      `${personName(
        skipped,
      )} is synced on the next run once the email is unique.`,
  };
}

export function missingEmailConflict(args: {
  employee: PaycorEmployeeRecord;
  userRef: string;
}): ConflictDraft {
  const { employee, userRef } = args;
  return {
    type: 'missing-email',
    subject: employeeSubject(employee),
    entityRef: userRef,
    message:
      `${describePerson(
        employee,
      )} has no work email in Paycor. The User ${userRef} was still ` +
      `created, but sign-in by email and email notifications will not find them.`,
    resolution: `Add a work email for ${personName(
      employee,
    )} in Paycor; the next sync adds it to ${userRef}.`,
  };
}

export function unknownDepartmentConflict(args: {
  employee: PaycorEmployeeRecord;
  userRef: string;
  rootRef: string;
}): ConflictDraft {
  const { employee, userRef, rootRef } = args;
  return {
    type: 'unknown-department',
    subject: employeeSubject(employee),
    entityRef: userRef,
    message:
      `${describePerson(employee)} is assigned to department ${
        employee.departmentId
      }, which Paycor ` +
      `did not list for this legal entity. ${userRef} was placed directly under ${rootRef}.`,
    resolution:
      `Assign ${personName(
        employee,
      )} to an existing department in Paycor, or check that the ` +
      `Paycor API client may read all departments of the legal entity.`,
  };
}

export function userNameCollisionConflict(args: {
  employee: PaycorEmployeeRecord;
  winner: PaycorEmployeeRecord;
  winnerRef: string;
  wanted: string;
  givenRef: string;
}): ConflictDraft {
  const { employee, winner, winnerRef, wanted, givenRef } = args;
  return {
    type: 'name-collision',
    subject: employeeSubject(employee),
    entityRef: winnerRef,
    message:
      `${describePerson(employee)} and ${describePerson(
        winner,
      )} both map to the User name ` +
      `"${wanted}". ${describePerson(winner)} keeps ${winnerRef}; ${personName(
        employee,
      )} ` +
      `was synced as ${givenRef} instead.`,
    resolution:
      `Make their work emails (or names) distinct in Paycor, or switch userNaming to ` +
      `"employee-number" or "employee-id", which are unique per person.`,
  };
}

export function departmentNameCollisionConflict(args: {
  department: PaycorDepartmentRecord;
  wanted: string;
  givenRef: string;
  winnerRef: string;
  /** the winner in words, ref included: `the department "X" (code 1, group:…)` */
  winnerDescription: string;
  winnerIsDepartment: boolean;
}): ConflictDraft {
  const { department, wanted, givenRef, winnerRef, winnerDescription } = args;
  return {
    type: 'name-collision',
    subject: departmentSubject(department),
    entityRef: winnerRef,
    message:
      `The ${describeDepartment(
        department,
      )} maps to the Group name "${wanted}", which ` +
      `${winnerDescription} already has. It was synced as ${givenRef} instead.`,
    resolution: args.winnerIsDepartment
      ? `Rename one of the departments in Paycor, or set groupNaming.strategy to "code" or ` +
        `"id" (or a groupNaming.prefix) so department names are unique.`
      : `Rename the department in Paycor, rename ${winnerDescription}, or set a ` +
        `groupNaming.prefix such as "paycor-" so departments never share names with other Groups.`,
  };
}

export function adminGroupNameConflict(args: {
  name: string;
  ref: string;
  reason: 'organization' | 'duplicate' | 'invalid';
}): ConflictDraft {
  const { name, ref, reason } = args;
  const messages: Record<typeof reason, string> = {
    invalid: `The admin Group "${name}" has no usable entity name, so it was not emitted.`,
    organization:
      `The admin Group "${name}" has the same name as the organization Group ${ref}, ` +
      `so it was not emitted.`,
    duplicate: `More than one admin Group is named "${name}" (${ref}); only the first was emitted.`,
  };
  const message = messages[reason];
  return {
    type: 'name-collision',
    subject: { kind: 'entity', id: ref, label: name },
    entityRef: ref,
    message,
    resolution:
      reason === 'organization'
        ? `Rename the admin Group on the Paycor sync page, or set organization.name in the provider config.`
        : `Give the admin Group a unique name (lower-case letters, digits, "-", "_", ".") on the Paycor sync page.`,
  };
}

// ---------------------------------------------------------------------------
// Invalid and stale records

function formatIssues(issues: InvalidRecord['issues']): string {
  if (issues.length === 0) return 'no details were given';
  return issues.map(i => `${i.path || '(record)'}: ${i.message}`).join('; ');
}

export function invalidRecordConflict(args: {
  record: InvalidRecord;
  /** subject id for records whose id could not be read */
  fallbackId: string;
  /** set when a last good version of this employee is still synced */
  staleSince?: string;
  entityRef?: string;
}): ConflictDraft {
  const { record, fallbackId, staleSince, entityRef } = args;
  const label = nonBlank(record.label);
  const what =
    record.resource === 'employee' ? 'employee record' : 'department record';
  const who = [
    label ? `"${label}"` : undefined,
    record.id ? `id ${record.id}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const outcome = staleSince
    ? `The last good data from ${staleSince} is kept${
        entityRef ? ` for ${entityRef}` : ''
      } until the record is fixed.`
    : `It was not synced.`;
  return {
    type: 'invalid-record',
    subject: {
      kind: record.resource,
      id: record.id ?? fallbackId,
      ...(label ? { label } : {}),
    },
    ...(entityRef ? { entityRef } : {}),
    message: `Paycor returned an invalid ${what}${
      who ? ` (${who})` : ''
    }: ${formatIssues(record.issues)}. ${outcome}`,
    resolution: `Correct these fields in Paycor; the next sync picks up the corrected record.`,
  };
}

export function staleRecordConflict(args: {
  employee: PaycorEmployeeRecord;
  staleSince: string;
  entityRef?: string;
}): ConflictDraft {
  const { employee, staleSince, entityRef } = args;
  return {
    type: 'invalid-record',
    subject: employeeSubject(employee),
    ...(entityRef ? { entityRef } : {}),
    message:
      `Paycor's current record for ${describePerson(
        employee,
      )} failed validation. The last good ` +
      `data from ${staleSince} is kept${
        entityRef ? ` for ${entityRef}` : ''
      } until the record is fixed.`,
    resolution: `Check ${personName(
      employee,
    )}'s record in Paycor for missing or malformed fields and correct them.`,
  };
}

export function departmentCycleConflict(args: {
  department: PaycorDepartmentRecord;
  cycle: PaycorDepartmentRecord[];
}): ConflictDraft {
  const { department, cycle } = args;
  const chain = [...cycle, cycle[0]]
    .map(d => `"${departmentTitle(d)}"`)
    .join(' → ');
  return {
    type: 'invalid-record',
    subject: departmentSubject(department),
    message:
      `Paycor's department tree contains a cycle (${chain}, each pointing at the next as its ` +
      `parent). The ${describeDepartment(
        department,
      )} was treated as a top-level department to break it.`,
    resolution: `Correct the parent department of one of these departments in Paycor.`,
  };
}

// ---------------------------------------------------------------------------
// Re-homing

function overrideOrigin(override: DepartmentOverride): string {
  return override.source === 'api'
    ? `on ${DEPARTMENTS_TAB}`
    : `in the provider config (departmentParents)`;
}

export function rehomeTargetMissingConflict(args: {
  department: PaycorDepartmentRecord;
  ref: string;
  override: DepartmentOverride;
  fallbackRef: string;
}): ConflictDraft {
  const { department, ref, override, fallbackRef } = args;
  return {
    type: 'rehome-target-missing',
    subject: departmentSubject(department),
    entityRef: ref,
    message:
      `The ${describeDepartment(department, ref)} is set to move under ${
        override.parentRef
      }, ` +
      `but no such Group exists in the catalog. It stays under ${fallbackRef} for now.`,
    resolution:
      `Create the Group ${override.parentRef} (on the Paycor sync page or in a catalog-info.yaml), ` +
      `or change or remove the parent override ${overrideOrigin(override)}.`,
  };
}

export function rehomeCycleConflict(args: {
  department: PaycorDepartmentRecord;
  ref: string;
  override: DepartmentOverride;
  fallbackRef: string;
  path: string[];
}): ConflictDraft {
  const { department, ref, override, fallbackRef, path } = args;
  const detail =
    path.length <= 1
      ? `that is the department's own Group`
      : `that Group lies below it (${path.join(' → ')})`;
  return {
    type: 'rehome-cycle',
    subject: departmentSubject(department),
    entityRef: ref,
    message:
      `The ${describeDepartment(department, ref)} is set to move under ${
        override.parentRef
      }, but ` +
      `${detail}, so the move would make it its own ancestor. It stays under ${fallbackRef}.`,
    resolution:
      `Choose a parent outside the department's own subtree, or move the other Group first, ` +
      `${overrideOrigin(override)}.`,
  };
}

export function adminParentConflict(args: {
  name: string;
  ref: string;
  requested: string;
  fallbackRef: string;
  problem: 'target-missing' | 'cycle';
  path?: string[];
}): ConflictDraft {
  const { name, ref, requested, fallbackRef, problem, path } = args;
  let detail = `a Group cannot be its own parent`;
  if (problem === 'target-missing') {
    detail = `no such Group exists in the catalog`;
  } else if (path && path.length > 1) {
    detail = `that Group lies below it (${path.join(
      ' → ',
    )}), so it would be its own ancestor`;
  }
  return {
    type:
      problem === 'target-missing' ? 'rehome-target-missing' : 'rehome-cycle',
    subject: { kind: 'entity', id: ref, label: name },
    entityRef: ref,
    message: `The admin Group "${name}" (${ref}) has the parent ${requested}, but ${detail}. It was placed under ${fallbackRef} instead.`,
    resolution:
      problem === 'target-missing'
        ? `Edit the Group on the Paycor sync page and choose an existing parent, or create ${requested}.`
        : `Edit the Group on the Paycor sync page and choose a parent outside its own subtree.`,
  };
}

// ---------------------------------------------------------------------------
// The catalog and the safety guard

export function ownedByOtherSourceConflict(args: {
  ref: string;
  /** the display name we would have emitted */
  label?: string;
  /** the other source's location key */
  owner: string;
}): ConflictDraft {
  const { ref, label, owner } = args;
  const what = ref.startsWith('user:') ? 'employee' : 'department';
  return {
    type: 'owned-by-other-source',
    subject: { kind: 'entity', id: ref, label },
    entityRef: ref,
    message: `${ref} already exists in the catalog from ${owner}; the catalog keeps that version, so the Paycor ${what} is not synced into it.`,
    resolution:
      'Remove the other definition (or its location) if Paycor should own this entity, or change the naming settings (userNaming / groupNaming.prefix) so the names differ.',
  };
}

export function removalsHeldConflict(args: {
  /** the guard's reason, one or two sentences */
  reason: string;
}): ConflictDraft {
  return {
    type: 'removals-held',
    subject: { kind: 'run', id: 'removal-guard', label: 'Safety guard' },
    message: `${args.reason} Nothing was removed; additions and updates were applied.`,
    resolution:
      'Review the removals on the Approvals tab: approve them if the people really left, reject them to keep everyone, or fix the filters or the Paycor data.',
  };
}

// ---------------------------------------------------------------------------
// Reporting lines

/** `Ana Lee (employee #1001, user:default/ana.lee)`, for a list of synced people. */
function describeSyncedPerson(employee: PaycorEmployeeRecord, ref: string) {
  const number = nonBlank(employee.employeeNumber);
  const name = personName(employee);
  return number && number !== name
    ? `${name} (employee #${number}, ${ref})`
    : `${name} (${ref})`;
}

/** `employee #1007`, else `employee <id>`: a manager who is not synced is never named. */
export function describeManagerId(managerId: string, employeeNumber?: string) {
  const number = nonBlank(employeeNumber);
  return number ? `employee #${number}` : `employee ${managerId}`;
}

export function managerCycleConflict(args: {
  /** the loop in reporting order, starting with the person it is cut at */
  members: ReadonlyArray<{ employee: PaycorEmployeeRecord; ref: string }>;
}): ConflictDraft {
  const [cut, ...others] = args.members;
  const subject = employeeSubject(cut.employee);
  if (others.length === 0) {
    return {
      type: 'manager-cycle',
      subject,
      entityRef: cut.ref,
      message:
        `Paycor lists ${describeSyncedPerson(
          cut.employee,
          cut.ref,
        )} as their own manager. ` +
        `A reporting line cannot end in itself, so ${cut.ref} has no manager in the catalog.`,
      resolution:
        `Set ${personName(
          cut.employee,
        )}'s manager in Paycor (Position → Manager), or clear it if they ` +
        `are at the top of the company; the next sync picks it up.`,
    };
  }
  const loop = [...args.members, cut]
    .map(m => personName(m.employee))
    .join(' → ');
  return {
    type: 'manager-cycle',
    subject,
    entityRef: cut.ref,
    message:
      `Paycor's managers form a loop: ${loop}, each reporting to the next. The people in it: ` +
      `${args.members
        .map(m => describeSyncedPerson(m.employee, m.ref))
        .join(', ')}. ` +
      `The loop is cut at ${personName(
        cut.employee,
      )}, the longest-serving of them: ${cut.ref} has no ` +
      `manager in the catalog, the others keep theirs.`,
    resolution:
      `Correct the manager of one of them in Paycor (Position → Manager): whoever should be at ` +
      `the top of this group reports to someone outside it. The next sync picks it up.`,
  };
}

export function unknownManagerConflict(args: {
  managerId: string;
  legalEntityId: string;
  /** the synced people naming this manager, sorted */
  reports: ReadonlyArray<{ employee: PaycorEmployeeRecord; ref: string }>;
}): ConflictDraft {
  const { managerId, legalEntityId, reports } = args;
  const manager = describeManagerId(managerId);
  const shown = reports
    .slice(0, 5)
    .map(r => describeSyncedPerson(r.employee, r.ref));
  const more = reports.length - shown.length;
  const who =
    reports.length === 1
      ? `${shown[0]} names ${manager} as their manager`
      : `${
          reports.length
        } synced people name ${manager} as their manager (${shown.join(', ')}${
          more > 0 ? ` and ${more} more` : ''
        })`;
  return {
    type: 'unknown-manager',
    subject: { kind: 'employee', id: managerId, label: manager },
    entityRef: reports[0]?.ref,
    message:
      `${who}, but Paycor did not list ${manager} for legal entity ${legalEntityId}, ` +
      `so the reporting line ends there.`,
    resolution:
      `Correct the manager in Paycor (Position → Manager). If the manager works for another ` +
      `legal entity, configure that legal entity as a Paycor connection too, so the module ` +
      `recognises them; if they should be listed here, check that the Paycor API client may ` +
      `read every employee of the legal entity, terminated ones included.`,
  };
}
