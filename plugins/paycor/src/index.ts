/**
 * Frontend of the Paycor → Backstage catalog sync: the sync status card, the
 * sync admin page and the entity card for Users and Groups.
 *
 * @packageDocumentation
 */
export {
  EntityPaycorCard,
  PaycorSyncPage,
  PaycorSyncStatusCard,
  paycorPlugin,
} from './plugin';
export { rootRouteRef } from './routes';
export { PaycorSyncClient, paycorSyncApiRef } from './api';
export type {
  ItemList,
  ListConflictsOptions,
  PageOptions,
  PaycorSyncApi,
} from './api';
export {
  PAYCOR_SYNC_TABS,
  useGroupOptions,
  usePaycorPageLink,
  usePaycorPermissions,
  useProviders,
  useSyncNow,
} from './hooks';
export type {
  GroupOption,
  PaycorPermissions,
  PaycorSyncTab,
  SyncNowState,
  UseSyncNowOptions,
} from './hooks';
export {
  ApprovalsTab,
  ConflictsTab,
  DepartmentsTab,
  EntityPaycorCard as EntityPaycorCardComponent,
  ExclusionsTab,
  PAYCOR_SYNC_TAB_TITLES,
  PaycorSyncContent,
  PaycorSyncPage as PaycorSyncPageComponent,
  PaycorSyncStatusCard as PaycorSyncStatusCardComponent,
  PreviewTab,
  ProviderSyncBlock,
  RunsTab,
} from './components';
export type {
  EntityPaycorCardProps,
  PaycorSyncPageProps,
  PaycorSyncStatusCardProps,
  ProviderSyncBlockProps,
} from './components';
export { PAYCOR_SETUP_DOCS_URL } from './components/shared';
export {
  PAYCOR_ANNOTATIONS,
  PAYCOR_MANAGED_FIELDS,
  isPaycorEntity,
  paycorSyncManagePermission,
  paycorSyncReadPermission,
  paycorSyncRunPermission,
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
  Page,
  ParentOverride,
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
  VerifyResult,
  VerifyStep,
} from '@paycor-backstage/plugin-paycor-common';
