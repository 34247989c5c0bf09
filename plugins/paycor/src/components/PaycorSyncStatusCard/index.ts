export { PaycorSyncStatusCard } from './PaycorSyncStatusCard';
export type { PaycorSyncStatusCardProps } from './PaycorSyncStatusCard';
export { ProviderSyncBlock } from './ProviderSyncBlock';
export type { ProviderSyncBlockProps } from './ProviderSyncBlock';
