export { PaycorSyncContent, PaycorSyncPage } from './PaycorSyncPage';
export type { PaycorSyncPageProps } from './PaycorSyncPage';
export { PaycorSyncSection } from './PaycorSyncSection';
