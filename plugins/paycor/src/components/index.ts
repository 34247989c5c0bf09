export { ApprovalsTab } from './ApprovalsTab';
export { ConflictsTab } from './ConflictsTab';
export { DepartmentsTab } from './DepartmentsTab';
export { EntityPaycorCard } from './EntityPaycorCard';
export type { EntityPaycorCardProps } from './EntityPaycorCard';
export { EntityReportingLineCard } from './EntityReportingLineCard';
export type { EntityReportingLineCardProps } from './EntityReportingLineCard';
export { ExclusionsTab } from './ExclusionsTab';
export { OrgChartTab } from './OrgChartTab';
export {
  PaycorSyncContent,
  PaycorSyncPage,
  PaycorSyncSection,
} from './PaycorSyncPage';
export type { PaycorSyncPageProps } from './PaycorSyncPage';
export {
  PaycorSyncPageLink,
  PaycorSyncStatusBody,
  PaycorSyncStatusCard,
  ProviderSyncBlock,
} from './PaycorSyncStatusCard';
export type {
  PaycorSyncStatusBodyProps,
  PaycorSyncStatusCardProps,
  ProviderSyncBlockProps,
} from './PaycorSyncStatusCard';
export { PeopleTab } from './PeopleTab';
export { PreviewTab } from './PreviewTab';
export { RunsTab } from './RunsTab';
