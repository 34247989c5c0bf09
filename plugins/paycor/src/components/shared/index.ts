export { errorMessage, isNotAllowed } from './errors';
export * from './formatting';
export { GuardedButton } from './GuardedButton';
export { RelativeTime } from './RelativeTime';
export { TextWithTimes } from './TextWithTimes';
export {
  InlineError,
  LoadError,
  NoProvidersState,
  PAYCOR_SETUP_DOCS_URL,
} from './States';
export {
  HEALTH_TITLES,
  HealthStatus,
  RUN_STATUS_TITLES,
  RunStatus,
} from './StatusLabels';
export { RefreshButton } from './RefreshButton';
export { ConfirmDialog } from './ConfirmDialog';
export { EntityRefOrText } from './EntityRefOrText';
export { Facts } from './Facts';
export { TextField } from './TextField';
export { ServerPagedTable, useServerPaging } from './ServerPagedTable';
