import { Entity } from '@backstage/catalog-model';

/**
 * Annotation keys written on every entity the Paycor provider emits.
 *
 * Ids are kept as annotations so sign-in resolvers, re-homing and the UI key on
 * Paycor's stable ids, never on entity names (which follow emails and names).
 *
 * @public
 */
export const PAYCOR_ANNOTATIONS = {
  /** The `catalog.providers.paycor.<id>` that emitted the entity. */
  providerId: 'paycor.com/provider-id',
  /** Paycor legal entity (client) id. */
  legalEntityId: 'paycor.com/legal-entity-id',
  /** Paycor employee GUID (Users). */
  employeeId: 'paycor.com/employee-id',
  /** Paycor employee number (Users). */
  employeeNumber: 'paycor.com/employee-number',
  /** Paycor department GUID (Users: their department; Groups: the department). */
  departmentId: 'paycor.com/department-id',
  /** Paycor department code (Groups). */
  departmentCode: 'paycor.com/department-code',
  /** Job title (Users). */
  jobTitle: 'paycor.com/job-title',
  /** Work location name (Users). */
  workLocation: 'paycor.com/work-location',
  /** The manager's Paycor employee GUID (Users). */
  managerEmployeeId: 'paycor.com/manager-employee-id',
  /**
   * The manager's User ref (Users whose manager is synced by the same
   * provider). The module's catalog processor turns it into the `reportsTo`
   * and `managerOf` relations.
   */
  managerRef: 'paycor.com/manager-ref',
  /**
   * Why the reporting line ends at this User although Paycor names a
   * manager (Users): one of `REPORTING_LINE_END_REASONS`.
   */
  reportingLineEnd: 'paycor.com/reporting-line-end',
  /** The same in a sentence, for people reading the entity (Users). */
  reportingLineNote: 'paycor.com/reporting-line-note',
  /**
   * `off` on every User of a provider whose `reportingLines.enabled` is
   * false: no User then has a manager ref or a line end, so readers (the
   * Reporting line card) must not take one without them for the top of the
   * line. Absent when reporting lines are on.
   */
  reportingLines: 'paycor.com/reporting-lines',
  /** The department's head, a User ref (department Groups). */
  departmentHead: 'paycor.com/department-head',
  /**
   * How the head was found (department Groups): `configured`
   * (`reportingLines.departmentHeads`) or `reporting-lines` (the manager most
   * of the department's members report to).
   */
  departmentHeadSource: 'paycor.com/department-head-source',
  /** Employment type, e.g. Regular, Temporary (Users). */
  employmentType: 'paycor.com/employment-type',
  /** Employment status, e.g. Active, LeaveWithPay (Users). */
  employmentStatus: 'paycor.com/employment-status',
  /** Where a Group's parent comes from: `paycor`, `override` or `organization`. */
  parentSource: 'paycor.com/parent-source',
  /** The Paycor parent of a re-homed department Group, for reference. */
  paycorParent: 'paycor.com/paycor-parent',
  /** Marks a Group an admin defined in the sync page (not a Paycor department). */
  adminGroup: 'paycor.com/admin-group',
} as const;

/**
 * Fields of a Paycor-synced entity that the sync owns: edits made elsewhere are
 * overwritten by the next sync. Everything else on the entity is Backstage's.
 *
 * @public
 */
export const PAYCOR_MANAGED_FIELDS: Record<'User' | 'Group', string[]> = {
  User: [
    'metadata.name',
    'metadata.description',
    'spec.profile.displayName',
    'spec.profile.email',
    'spec.memberOf',
    'metadata.annotations[paycor.com/*]',
  ],
  Group: [
    'metadata.name',
    'metadata.title',
    'spec.type',
    'spec.profile.displayName',
    'spec.parent',
    'spec.children',
    'metadata.annotations[paycor.com/*]',
  ],
};

/**
 * True for Users and Groups emitted by a Paycor provider. Works as an
 * `EntitySwitch` condition.
 *
 * @public
 */
export function isPaycorEntity(entity: Entity): boolean {
  return (
    (entity.kind === 'User' || entity.kind === 'Group') &&
    Boolean(entity.metadata.annotations?.[PAYCOR_ANNOTATIONS.providerId])
  );
}
