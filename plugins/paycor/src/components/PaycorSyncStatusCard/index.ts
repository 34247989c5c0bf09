export { PaycorSyncStatusCard } from './PaycorSyncStatusCard';
export type { PaycorSyncStatusCardProps } from './PaycorSyncStatusCard';
export {
  PaycorSyncPageLink,
  PaycorSyncStatusBody,
} from './PaycorSyncStatusBody';
export type { PaycorSyncStatusBodyProps } from './PaycorSyncStatusBody';
export { ProviderSyncBlock } from './ProviderSyncBlock';
export type { ProviderSyncBlockProps } from './ProviderSyncBlock';
