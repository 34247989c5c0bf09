export { ApprovalsTab } from './ApprovalsTab';
export { ConflictsTab } from './ConflictsTab';
export { DepartmentsTab } from './DepartmentsTab';
export { EntityPaycorCard } from './EntityPaycorCard';
export type { EntityPaycorCardProps } from './EntityPaycorCard';
export { ExclusionsTab } from './ExclusionsTab';
export {
  PAYCOR_SYNC_TAB_TITLES,
  PaycorSyncContent,
  PaycorSyncPage,
} from './PaycorSyncPage';
export type { PaycorSyncPageProps } from './PaycorSyncPage';
export {
  PaycorSyncStatusCard,
  ProviderSyncBlock,
} from './PaycorSyncStatusCard';
export type {
  PaycorSyncStatusCardProps,
  ProviderSyncBlockProps,
} from './PaycorSyncStatusCard';
export { PreviewTab } from './PreviewTab';
export { RunsTab } from './RunsTab';
