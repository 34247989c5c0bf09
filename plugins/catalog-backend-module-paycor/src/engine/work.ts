/**
 * The expensive steps of planning, reported as they happen so tests and the
 * benchmark can count them (an admin edit should decode the stored snapshot
 * at most once and transform at most once; a re-home should not transform
 * people at all).
 *
 * - `snapshot-decode`: the stored snapshot was read from the database and
 *   decompressed (the plan cache did not hold it).
 * - `emission-decode`: the stored emission was read and decompressed.
 * - `people-transform`: who is synced and their names were worked out for
 *   every employee (`selectPeople`).
 * - `reporting-lines`: everyone's manager, the loops and the department
 *   heads were worked out (`reportingLinesOf`; one pass over the people).
 * - `group-transform`: the Groups and their parents were worked out
 *   (`arrangeGroups`; a few thousand departments at most).
 *
 * @public
 */
export type PlanWorkKind =
  | 'snapshot-decode'
  | 'emission-decode'
  | 'people-transform'
  | 'reporting-lines'
  | 'group-transform';

/**
 * Receives every piece of planning work of one provider.
 *
 * @public
 */
export type PlanWorkListener = (providerId: string, kind: PlanWorkKind) => void;
