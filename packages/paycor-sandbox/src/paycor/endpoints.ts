/**
 * Stable names of the Paycor endpoints the sandbox serves. They key the call log, scope
 * fault injection (`endpoint`) and appear in the README; never rename one.
 *
 * @public
 */
export const ENDPOINT_NAMES = [
  'token',
  'legalEntity',
  'activatedLegalEntities',
  'employees',
  'employee',
  'employeePerson',
  'departments',
  'department',
  'persons',
  'workLocations',
  'workLocation',
  'mockEvent',
] as const;

/** @public */
export type EndpointName = (typeof ENDPOINT_NAMES)[number];

/** Paged list endpoints: the only ones a listing fault can hit. */
export const LIST_ENDPOINTS: readonly EndpointName[] = [
  'employees',
  'departments',
  'persons',
  'workLocations',
];

/** Call-log bucket for requests that matched no Paycor route. */
export const UNKNOWN_ROUTE = 'notFound';
