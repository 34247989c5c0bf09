/**
 * Relation type from a User to their manager's User, emitted by the Paycor
 * module's catalog processor. Query it with
 * `filter=relations.reportsTo=user:default/jane.doe`.
 *
 * @public
 */
export const RELATION_REPORTS_TO = 'reportsTo';

/**
 * Relation type from a manager's User to each of their direct reports; the
 * reverse of {@link RELATION_REPORTS_TO}.
 *
 * @public
 */
export const RELATION_MANAGER_OF = 'managerOf';

/**
 * Why a reporting line ends at a synced User although Paycor names a manager:
 * the value of the `paycor.com/reporting-line-end` annotation.
 *
 * @public
 */
export const REPORTING_LINE_END_REASONS = [
  /** the manager left the company */
  'manager-terminated',
  /** the manager's hire date is still ahead */
  'manager-not-yet-hired',
  /** the manager's employment status is not synced (filters.statuses) */
  'manager-status',
  /** the manager is on leave and `onLeave: exclude` hides them */
  'manager-on-leave',
  /** config's filters leave the manager out */
  'manager-filtered',
  /** an admin or config excluded the manager */
  'manager-excluded',
  /** Paycor's record of the manager failed validation */
  'manager-invalid',
  /** the manager shares a work email with someone who keeps it */
  'manager-duplicate-email',
  /** the manager is an employee of another legal entity */
  'manager-other-legal-entity',
  /** Paycor did not list the manager's id (a conflict) */
  'manager-unknown',
  /** Paycor names the person as their own manager (a conflict) */
  'self-managed',
  /** managers form a loop, cut here (a conflict) */
  'manager-loop',
] as const;

/** @public */
export type ReportingLineEndReason =
  (typeof REPORTING_LINE_END_REASONS)[number];

/**
 * A short phrase per reason, for a line such as "Reporting line ends here:
 * the manager left the company".
 *
 * @public
 */
export const REPORTING_LINE_END_TITLES: Record<ReportingLineEndReason, string> =
  {
    'manager-terminated': 'the manager left the company',
    'manager-not-yet-hired': 'the manager has not started yet',
    'manager-status': 'the manager’s employment status is not synced',
    'manager-on-leave': 'the manager is on leave and not synced',
    'manager-filtered': 'the manager is filtered out of the sync',
    'manager-excluded': 'the manager is excluded from the sync',
    'manager-invalid': 'Paycor’s record of the manager is invalid',
    'manager-duplicate-email':
      'the manager is not synced (their work email belongs to someone else)',
    'manager-other-legal-entity': 'the manager works for another legal entity',
    'manager-unknown': 'Paycor does not know the manager',
    'self-managed': 'Paycor lists this person as their own manager',
    'manager-loop': 'the managers form a loop, cut here',
  };
