/**
 * The Paycor sync plugin for Backstage's new frontend system, as the default
 * export. `app.packages: all` discovers it from this entry point.
 *
 * @packageDocumentation
 */
export { paycorFrontendPlugin as default } from './alpha/plugin';
export {
  paycorEntityCard,
  paycorReportingLineCard,
  paycorSyncApi,
  paycorSyncPage,
  paycorSyncStatusWidget,
  paycorSyncTabPages,
} from './alpha/extensions';
