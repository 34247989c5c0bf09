/**
 * The pure mapping from a Paycor snapshot to catalog entities, conflicts and
 * department placements. No I/O: the sync feeds it a snapshot and applies
 * what it returns.
 */
export { transformSnapshot } from './transform';
export {
  normalizeEntityName,
  sanitizeLabelValue,
  wantedDepartmentName,
  wantedUserName,
} from './naming';
export { normalizeGroupRef } from './refs';
export { calendarDate, resolveTimeZone } from './dating';
export { overridesFromConfig, selectOverrides } from './overrides';
export type * from './types';
