export { paycorSyncApiRef } from './PaycorSyncApi';
export type {
  ItemList,
  ListConflictsOptions,
  PageOptions,
  PaycorSyncApi,
} from './PaycorSyncApi';
export { PaycorSyncClient } from './PaycorSyncClient';
