/**
 * Frontend of the Paycor → Backstage catalog sync: the sync status card, the
 * sync admin page and the entity card for Users and Groups.
 *
 * This entry point is the legacy frontend system (`@backstage/core-plugin-api`)
 * plugin and its extensions, for apps created with `--legacy`. Apps on the new
 * frontend system use the default export of `@paycor-backstage/plugin-paycor/alpha`,
 * which they discover on their own.
 *
 * @packageDocumentation
 */
export {
  EntityPaycorCard,
  EntityReportingLineCard,
  PaycorSyncPage,
  PaycorSyncStatusCard,
  paycorPlugin,
} from './plugin';
export { rootRouteRef } from './routes';
export { PaycorSyncClient, paycorSyncApiRef } from './api';
export type {
  ItemList,
  ListConflictsOptions,
  ListPeopleOptions,
  PageOptions,
  PaycorSyncApi,
} from './api';
export type {
  EntityPaycorCardProps,
  EntityReportingLineCardProps,
  PaycorSyncPageProps,
  PaycorSyncStatusCardProps,
} from './components';
export {
  PAYCOR_ANNOTATIONS,
  RELATION_MANAGER_OF,
  RELATION_REPORTS_TO,
  isPaycorEntity,
} from '@paycor-backstage/plugin-paycor-common';
export type {
  AdminGroup,
  AdminGroupRequest,
  Approval,
  ApprovalDecisionRequest,
  Conflict,
  ConflictType,
  DepartmentList,
  DepartmentView,
  EntityChange,
  EntitySummary,
  Exclusion,
  ExclusionRequest,
  HeldRemoval,
  OrgChartPerson,
  OrgChartSearchResult,
  OrgChartView,
  Page,
  ParentOverride,
  PersonDetail,
  PersonHistoryEntry,
  PersonList,
  PersonOutcome,
  PersonSummary,
  PersonSyncResult,
  PersonTraceStep,
  PreviewResult,
  ProviderHealth,
  ProviderList,
  ProviderStatus,
  SetParentRequest,
  SyncRequestResult,
  SyncRun,
  SyncRunCounts,
  SyncRunStatus,
  SyncTrigger,
  UpcomingChange,
  UpcomingChanges,
  VerifyResult,
  VerifyStep,
} from '@paycor-backstage/plugin-paycor-common';
