export {
  PaycorSyncContent,
  PaycorSyncPage,
  PAYCOR_SYNC_TAB_TITLES,
} from './PaycorSyncPage';
export type { PaycorSyncPageProps } from './PaycorSyncPage';
