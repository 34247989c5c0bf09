import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import SyncIcon from '@material-ui/icons/Sync';
import { rootRouteRef } from '../routes';
import {
  paycorEntityCard,
  paycorReportingLineCard,
  paycorSyncApi,
  paycorSyncPage,
  paycorSyncStatusWidget,
  paycorSyncTabPages,
} from './extensions';

/**
 * The Paycor sync plugin for the new frontend system. Apps with
 * `app.packages: all` find it on their own once the package is a dependency
 * of `packages/app`.
 *
 * @alpha
 */
export const paycorFrontendPlugin = createFrontendPlugin({
  pluginId: 'paycor',
  title: 'Paycor sync',
  icon: <SyncIcon fontSize="inherit" />,
  info: { packageJson: () => import('../../package.json') },
  routes: { root: rootRouteRef },
  extensions: [
    paycorSyncApi,
    paycorSyncPage,
    ...paycorSyncTabPages,
    paycorEntityCard,
    paycorReportingLineCard,
    paycorSyncStatusWidget,
  ],
});
