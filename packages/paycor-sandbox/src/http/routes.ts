import type { ApiRoute } from './ApiRoute';
import { departmentRoute, departmentsRoute } from './endpoints/departments';
import { employeeRoute, employeesRoute } from './endpoints/employees';
import { mockEventRoute } from './endpoints/events';
import {
  activatedLegalEntitiesRoute,
  legalEntityRoute,
} from './endpoints/legalEntity';
import { employeePersonRoute, personsRoute } from './endpoints/persons';
import { tokenRoute } from './endpoints/token';
import {
  workLocationRoute,
  workLocationsRoute,
} from './endpoints/workLocations';

/**
 * Every Paycor operation the sandbox serves. Order matters where paths overlap:
 * `ActivatedLegalEntityTenantList` must precede `/v1/legalentities/:legalEntityId`.
 */
export const API_ROUTES: readonly ApiRoute[] = [
  tokenRoute,
  activatedLegalEntitiesRoute,
  legalEntityRoute,
  employeesRoute,
  departmentsRoute,
  departmentRoute,
  workLocationsRoute,
  workLocationRoute,
  personsRoute,
  employeeRoute,
  employeePersonRoute,
  mockEventRoute,
];
