export { paycorSyncApiRef } from './PaycorSyncApi';
export type {
  ItemList,
  ListConflictsOptions,
  ListPeopleOptions,
  PageOptions,
  PaycorSyncApi,
} from './PaycorSyncApi';
export { PaycorSyncClient } from './PaycorSyncClient';
