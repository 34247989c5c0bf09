import { RouteRef, useRouteRef } from '@backstage/core-plugin-api';
import { useCallback } from 'react';
import { rootRouteRef, tabRouteRefs } from '../routes';
import { PAYCOR_SYNC_TABS, PaycorSyncTab } from '../tabs';

export { PAYCOR_SYNC_TABS };
export type { PaycorSyncTab };

/** Where the page is expected when the app has not mounted its route ref. */
const FALLBACK_PATH = '/paycor';

/** The path of a mounted route, or undefined where the app did not mount it. */
function useMountedPath(routeRef: RouteRef): string | undefined {
  // useRouteRef throws when the ref is not mounted in this app (e.g. an app
  // that only shows the card, or a legacy app for the tab refs). All of its
  // hooks run before it throws, so the hook order stays stable.
  try {
    // eslint-disable-next-line react-hooks/rules-of-hooks
    return useRouteRef(routeRef)();
  } catch {
    return undefined;
  }
}

/**
 * Builds links to the Paycor sync page, e.g. to a provider's conflicts tab.
 *
 * In the new frontend system each tab is a sub-page (`/paycor/conflicts`); in
 * a legacy app the page keeps the tab in the query (`/paycor?tab=conflicts`).
 * The hook finds out which from the routes the app has mounted, so the status
 * card and the entity card link to the right place in both.
 *
 * @public
 */
export function usePaycorPageLink(): (options?: {
  provider?: string;
  tab?: PaycorSyncTab;
  /** People tab: the person to open (their Paycor employee id) */
  person?: string;
  /** People tab: `upcoming` for the dated changes ahead */
  view?: 'upcoming';
}) => string {
  const rootPath = useMountedPath(rootRouteRef) ?? FALLBACK_PATH;
  // One path per tab, '' where unmounted, joined so the callback below only
  // changes when the routes do. PAYCOR_SYNC_TABS is constant, so the number
  // and order of hook calls never changes.
  const tabPathsKey = PAYCOR_SYNC_TABS.map(
    // eslint-disable-next-line react-hooks/rules-of-hooks
    tab => useMountedPath(tabRouteRefs[tab]) ?? '',
  ).join('\n');

  return useCallback(
    (options = {}) => {
      const mounted = tabPathsKey.split('\n');
      const params = new URLSearchParams();
      if (options.provider) params.set('provider', options.provider);
      let path = rootPath;
      if (options.tab) {
        const tabPath = mounted[PAYCOR_SYNC_TABS.indexOf(options.tab)];
        if (tabPath) path = tabPath;
        else params.set('tab', options.tab);
      }
      if (options.person) params.set('person', options.person);
      if (options.view) params.set('view', options.view);
      const search = params.toString();
      return search ? `${path}?${search}` : path;
    },
    [rootPath, tabPathsKey],
  );
}
