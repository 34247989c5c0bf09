/**
 * Paycor "Data Access" scope names, spelled exactly as api.md §8 prints them, and which
 * endpoint / `include` value needs which scope.
 */

/** @public */
export const DATA_ACCESS_SCOPES = [
  'View Legal Entity Basic Information',
  'View Legal Entity Business Names & Addresses',
  'View Legal Entity Employees',
  'View Legal Entity Employees Employment Dates',
  'View Legal Entity Employees Status',
  'View Legal Entity Employees Position',
  'View Legal Entity Employees Work Location',
  'View Legal Entity Employees Manager & Position',
  'View Employee Information',
  'View Employee Employment Dates',
  'View Employee Status',
  'View Employee Position',
  'View Employee Work Location',
  'View Employee Person',
  'View Legal Entity Persons',
  'View Person Email',
  'View Person Phone',
  'View Person Addresses',
  'View Person Demographic Information',
  'View Person Disability and Tobacco Status',
  'View Person Military',
  'View Person Social Media',
  'View Employee Records',
  'View Person SSN',
  'View Person Emergency Contacts',
  'View Legal Entity Departments Information',
  'View Legal Entity Departments by Department Id',
  'View Legal Entity Work Locations',
  'View Legal Entity Work Location',
] as const;

/** @public */
export type DataAccessScope = (typeof DATA_ACCESS_SCOPES)[number];

/** An `include` catalogue: canonical include value → the scope it needs. */
export type IncludeCatalog = Readonly<Record<string, DataAccessScope>>;

export const LEGAL_ENTITY_EMPLOYEE_INCLUDES = {
  EmploymentDates: 'View Legal Entity Employees Employment Dates',
  Position: 'View Legal Entity Employees Position',
  Status: 'View Legal Entity Employees Status',
  WorkLocation: 'View Legal Entity Employees Work Location',
} as const satisfies IncludeCatalog;

export const SINGLE_EMPLOYEE_INCLUDES = {
  EmploymentDates: 'View Employee Employment Dates',
  Position: 'View Employee Position',
  Status: 'View Employee Status',
  WorkLocation: 'View Employee Work Location',
} as const satisfies IncludeCatalog;

/** `include` on `GET /v1/legalEntities/{id}/persons` (no EmergencyContact in bulk). */
export const PERSON_LIST_INCLUDES = {
  Demographic: 'View Person Demographic Information',
  Benefit: 'View Person Disability and Tobacco Status',
  Military: 'View Person Military',
  SocialMedia: 'View Person Social Media',
  Addresses: 'View Person Addresses',
  EmployeeAssignments: 'View Employee Records',
  SocialSecurityNumber: 'View Person SSN',
  Phones: 'View Person Phone',
  Email: 'View Person Email',
} as const satisfies IncludeCatalog;

/** `include` on `GET /v1/employees/{id}/person`: the list's values plus EmergencyContact. */
export const SINGLE_PERSON_INCLUDES = {
  ...PERSON_LIST_INCLUDES,
  EmergencyContact: 'View Person Emergency Contacts',
} as const satisfies IncludeCatalog;

export const LEGAL_ENTITY_INCLUDES = {
  BusinessNames: 'View Legal Entity Business Names & Addresses',
} as const satisfies IncludeCatalog;

export function isDataAccessScope(value: string): value is DataAccessScope {
  return (DATA_ACCESS_SCOPES as readonly string[]).includes(value);
}
