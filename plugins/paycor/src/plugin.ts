import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { PaycorSyncClient, paycorSyncApiRef } from './api';
import type {
  EntityPaycorCardProps,
  EntityReportingLineCardProps,
  PaycorSyncPageProps,
  PaycorSyncStatusCardProps,
} from './components';

// The extensions below are typed by their props: inferred, their types would
// name the lazily loaded components, which are not part of the public API.
import { rootRouteRef } from './routes';

/**
 * The Paycor sync frontend plugin.
 *
 * @public
 */
export const paycorPlugin = createPlugin({
  id: 'paycor',
  routes: {
    root: rootRouteRef,
  },
  apis: [
    createApiFactory({
      api: paycorSyncApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PaycorSyncClient({ discoveryApi, fetchApi }),
    }),
  ],
});

/**
 * The Paycor sync admin page. Mount it at e.g. `/paycor`.
 *
 * @public
 */
export const PaycorSyncPage: (props: PaycorSyncPageProps) => JSX.Element =
  paycorPlugin.provide(
  createRoutableExtension({
    name: 'PaycorSyncPage',
    component: () =>
      import('./components/PaycorSyncPage').then(m => m.PaycorSyncPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Health of each Paycor connection with "Sync now" and "Verify connection",
 * for a home or admin page.
 *
 * @public
 */
export const PaycorSyncStatusCard: (props: PaycorSyncStatusCardProps) => JSX.Element =
  paycorPlugin.provide(
  createComponentExtension({
    name: 'PaycorSyncStatusCard',
    component: {
      lazy: () =>
        import('./components/PaycorSyncStatusCard').then(
          m => m.PaycorSyncStatusCard,
        ),
    },
  }),
);

/**
 * Paycor details of a synced User or Group, for entity pages.
 *
 * @public
 */
export const EntityPaycorCard: (props: EntityPaycorCardProps) => JSX.Element =
  paycorPlugin.provide(
  createComponentExtension({
    name: 'EntityPaycorCard',
    component: {
      lazy: () =>
        import('./components/EntityPaycorCard').then(m => m.EntityPaycorCard),
    },
  }),
);

/**
 * A synced User's reporting line (managers up to the top, direct reports),
 * for User entity pages.
 *
 * @public
 */
export const EntityReportingLineCard: (props: EntityReportingLineCardProps) => JSX.Element =
  paycorPlugin.provide(
  createComponentExtension({
    name: 'EntityReportingLineCard',
    component: {
      lazy: () =>
        import('./components/EntityReportingLineCard').then(
          m => m.EntityReportingLineCard,
        ),
    },
  }),
);
