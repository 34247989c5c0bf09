import {
  ApiBlueprint,
  PageBlueprint,
  SubPageBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import SyncIcon from '@material-ui/icons/Sync';
import { PaycorSyncClient, paycorSyncApiRef } from '../api';
import { rootRouteRef, tabRouteRefs } from '../routes';
import { PAYCOR_SYNC_TABS, PAYCOR_SYNC_TAB_TITLES } from '../tabs';

// Every extension loads its component lazily: the app's first bundle only
// carries these definitions.

/**
 * The admin API client (`api:paycor`); the same ref the legacy plugin uses.
 *
 * @alpha
 */
export const paycorSyncApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: paycorSyncApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PaycorSyncClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The sync page (`page:paycor`) at `/paycor`. It has no content of its own:
 * the app draws its page header with one tab per sub-page below, and the
 * title, icon and route ref put it in the sidebar.
 *
 * @alpha
 */
export const paycorSyncPage = PageBlueprint.make({
  params: {
    path: '/paycor',
    title: 'Paycor sync',
    icon: <SyncIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
  },
});

/**
 * One sub-page per tab (`sub-page:paycor/runs`, …), in tab order.
 *
 * @alpha
 */
export const paycorSyncTabPages = PAYCOR_SYNC_TABS.map(tab =>
  SubPageBlueprint.make({
    name: tab,
    params: {
      path: tab,
      title: PAYCOR_SYNC_TAB_TITLES[tab],
      routeRef: tabRouteRefs[tab],
      loader: () =>
        import('../components/PaycorSyncPage/PaycorSyncSection').then(m => (
          <m.PaycorSyncSection tab={tab} />
        )),
    },
  }),
);

/**
 * Which entities get the entity card: Users and Groups the sync emitted (the
 * same test as `isPaycorEntity`, written as a filter predicate so an app can
 * read and replace it in its config).
 *
 * @alpha
 */
export const paycorEntityFilter = {
  kind: { $in: ['user', 'group'] },
  // PAYCOR_ANNOTATIONS.providerId, spelled out: a computed key would lose the
  // filter's type (the tests check the two agree)
  'metadata.annotations.paycor.com/provider-id': { $exists: true },
};

/**
 * The Paycor card on synced User and Group pages (`entity-card:paycor/details`).
 *
 * @alpha
 */
export const paycorEntityCard = EntityCardBlueprint.make({
  name: 'details',
  params: {
    type: 'info',
    filter: paycorEntityFilter,
    loader: () =>
      import('../components/EntityPaycorCard').then(m => (
        <m.EntityPaycorCard />
      )),
  },
});

/**
 * Which entities get the reporting line card: Users the sync emitted.
 *
 * @alpha
 */
export const paycorUserFilter = {
  kind: 'user',
  'metadata.annotations.paycor.com/provider-id': { $exists: true },
};

/**
 * The reporting line of a synced User: managers up to the top and direct
 * reports (`entity-card:paycor/reporting-line`).
 *
 * @alpha
 */
export const paycorReportingLineCard = EntityCardBlueprint.make({
  name: 'reporting-line',
  params: {
    type: 'content',
    filter: paycorUserFilter,
    loader: () =>
      import('../components/EntityReportingLineCard').then(m => (
        <m.EntityReportingLineCard />
      )),
  },
});

/**
 * The sync status as a home page widget
 * (`home-page-widget:paycor/sync-status`, component name `PaycorSyncStatus`).
 * The home page draws the card and its title; the widget only brings what
 * goes inside, plus the link to the page as the card's action.
 *
 * @alpha
 */
export const paycorSyncStatusWidget = HomePageWidgetBlueprint.make({
  name: 'sync-status',
  params: {
    name: 'PaycorSyncStatus',
    title: 'Paycor sync',
    description:
      'Health of each Paycor connection, with Sync now and Verify connection',
    layout: {
      width: { minColumns: 4, defaultColumns: 6 },
      height: { minRows: 4, defaultRows: 8 },
    },
    components: () =>
      import('../components/PaycorSyncStatusCard').then(m => ({
        Content: () => <m.PaycorSyncStatusBody />,
        Actions: () => <m.PaycorSyncPageLink />,
      })),
  },
});
