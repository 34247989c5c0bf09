/**
 * A local simulator of Paycor's public API: synthetic orgs of any size, rotating
 * refresh tokens, rate limits and fault injection. See the package README.
 *
 * @packageDocumentation
 */

export { startPaycorSandbox } from './sandbox';
export type {
  PaycorSandbox,
  SandboxCredentials,
  SandboxOptions,
} from './sandbox';
export { generateOrg } from './org/generate';
export type { GenerateOrgOptions } from './org/generate';
export { parseOrgFixture, loadOrgFixtureFile } from './org/fixture';
export type { CompleteOrgFixture } from './org/fixture';
export type { EmployeePatch } from './org/schemas';
export { CORPORATION_TYPES, PERSON_PREFIXES, PERSON_SUFFIXES } from './paycor/enums';
export {
  addEmployeeSchema,
  bulkTerminateSchema,
  emitEventSchema,
  terminateSchema,
} from './control/schemas';
export { DEFAULT_DIRTY_DATA, NO_DIRTY_DATA } from './org/dirtyData';
export type { DirtyDataShares } from './org/dirtyData';
export { FAULT_TYPES } from './faults/FaultInjector';
export type {
  SandboxFault,
  SandboxFaultType,
  ActiveFault,
} from './faults/FaultInjector';
export type {
  SandboxControl,
  ResetOptions,
  OrgSummary,
  NewEmployee,
  EmployeeUpdate,
  TerminateOptions,
  BulkTerminateOptions,
  NewDepartment,
  DepartmentUpdate,
  DeletedDepartment,
  MintedTokens,
  EmitEvent,
  SandboxSettings,
  ProcessUsage,
} from './control/types';
export type { CallLogSnapshot } from './http/CallLog';
export { EVENT_TYPES } from './events/types';
export type {
  PaycorEvent,
  PaycorEventType,
  EventSubscription,
  NewSubscription,
  DeliveryFault,
  Delivery,
  DeliveryAttempt,
  DeliveryLog,
  DeliveryState,
} from './events/types';
export type { RateLimitSettings } from './rateLimit';
export { ENDPOINT_NAMES } from './paycor/endpoints';
export type { EndpointName } from './paycor/endpoints';
export { DATA_ACCESS_SCOPES } from './paycor/scopes';
export type { DataAccessScope } from './paycor/scopes';
export { SandboxInputError, SandboxNotFoundError } from './errors';
export type { FieldIssue } from './errors';
export type {
  SandboxOrgFixture,
  BenefitData,
  BusinessName,
  DemographicData,
  EmailData,
  EmergencyContact,
  EmployeeAssignment,
  EmployeePositionData,
  EmployeeStatusData,
  EmployeeWorkLocationData,
  EmploymentDateData,
  MilitaryData,
  PersonAddress,
  Phone,
  SocialMedia,
  WorkLocationAddress,
  WorkLocationPhone,
  Employee,
  Department,
  Person,
  LegalEntity,
  WorkLocation,
  PagedResult,
  PaycorErrorBody,
  ResourceReference,
} from './paycor/types';
export { runCli } from './cli';
export { measurePageCost } from './bench/pageCost';
export type { PageCostReport } from './bench/pageCost';
export type { EmailType, EmploymentStatus, EmploymentType, FlsaType } from './paycor/enums';
export type { LegalEntityAddress, ManagerData } from './paycor/types';
export { BUSINESS_NAME_TYPES, ETHNICITIES, GENDERS, MARITAL_STATUSES, PERSON_ADDRESS_TYPES, PHONE_TYPES, SOCIAL_MEDIA_TYPES, TRI_STATE_ANSWERS, WORK_LOCATION_ADDRESS_TYPES, WORK_LOCATION_PHONE_TYPES } from './paycor/enums';
export { strictSchemas } from './org/schemas';
export { EMAIL_TYPES, EMPLOYMENT_STATUSES, EMPLOYMENT_TYPES, FLSA_TYPES, LEGAL_ENTITY_ADDRESS_TYPES } from './paycor/enums';
