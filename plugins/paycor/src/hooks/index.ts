export { usePaycorPermissions } from './usePaycorPermissions';
export type { PaycorPermissions } from './usePaycorPermissions';
export { useProviders } from './useProviders';
export { useSyncNow } from './useSyncNow';
export type { SyncNowState, UseSyncNowOptions } from './useSyncNow';
export { PAYCOR_SYNC_TABS, usePaycorPageLink } from './usePaycorPageLink';
export type { PaycorSyncTab } from './usePaycorPageLink';
export { useGroupOptions } from './useGroupOptions';
export type { GroupOption } from './useGroupOptions';
