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
