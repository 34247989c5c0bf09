/**
 * Every kind of problem the sync reports instead of crashing or guessing.
 *
 * @public
 */
export const CONFLICT_TYPES = [
  /** Two employees share a work email; only one can own it. */
  'duplicate-email',
  /** An active employee has no work email (the User is still created). */
  'missing-email',
  /** Two records map to the same entity name; one got a suffixed name. */
  'name-collision',
  /** The entity ref is already owned by another source (a catalog-info.yaml, another provider). */
  'owned-by-other-source',
  /** A Paycor record failed validation (field path and reason in the message). */
  'invalid-record',
  /** An employee points at a department Paycor did not list. */
  'unknown-department',
  /** A re-home target group does not exist; the department kept its Paycor parent. */
  'rehome-target-missing',
  /** A re-home would make a department its own ancestor; it kept its Paycor parent. */
  'rehome-cycle',
  /** An employee is their own manager, or managers form a loop; the loop is cut at one person. */
  'manager-cycle',
  /** An employee's manager id is not an employee Paycor listed for the legal entity. */
  'unknown-manager',
  /** The safety guard held back removals until an admin approves or rejects them. */
  'removals-held',
  /** The catalog rejected an emitted entity while processing it. */
  'catalog-rejected',
] as const;

/** @public */
export type ConflictType = (typeof CONFLICT_TYPES)[number];

/** What a conflict is about. @public */
export type ConflictSubjectKind = 'employee' | 'department' | 'entity' | 'run';

/**
 * A short title per conflict type, for tables and filters.
 *
 * @public
 */
export const CONFLICT_TYPE_TITLES: Record<ConflictType, string> = {
  'duplicate-email': 'Duplicate email',
  'missing-email': 'Missing email',
  'name-collision': 'Entity name collision',
  'owned-by-other-source': 'Owned by another source',
  'invalid-record': 'Invalid Paycor record',
  'unknown-department': 'Unknown department',
  'rehome-target-missing': 'Re-home target missing',
  'rehome-cycle': 'Re-home cycle',
  'manager-cycle': 'Manager loop',
  'unknown-manager': 'Unknown manager',
  'removals-held': 'Removals held for approval',
  'catalog-rejected': 'Rejected by the catalog',
};
