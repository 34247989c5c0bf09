import { RouteRef, createRouteRef } from '@backstage/core-plugin-api';
import { PAYCOR_SYNC_TABS, PaycorSyncTab } from './tabs';

/**
 * Where the Paycor sync page is mounted (`/paycor` in the demo app).
 *
 * Created with `@backstage/core-plugin-api` so the legacy plugin can mount it;
 * the same object is the new frontend system plugin's `root` route.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({
  id: 'paycor',
});

/**
 * One route per tab. In the new frontend system every tab is a sub-page of
 * its own (`/paycor/conflicts`) that mounts its ref; the legacy page has no
 * sub-routes, so there the refs stay unmounted and links use `?tab=` instead.
 */
export const tabRouteRefs = Object.fromEntries(
  PAYCOR_SYNC_TABS.map(tab => [tab, createRouteRef({ id: `paycor-${tab}` })]),
) as Record<PaycorSyncTab, RouteRef>;
