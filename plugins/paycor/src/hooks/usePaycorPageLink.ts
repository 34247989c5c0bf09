import { useRouteRef } from '@backstage/core-plugin-api';
import { useCallback } from 'react';
import { rootRouteRef } from '../routes';

/**
 * The sections of the Paycor sync page, in tab order.
 *
 * @public
 */
export const PAYCOR_SYNC_TABS = [
  'runs',
  'conflicts',
  'departments',
  'approvals',
  'exclusions',
  'preview',
] as const;

/** @public */
export type PaycorSyncTab = (typeof PAYCOR_SYNC_TABS)[number];

/** Where the page is expected when the app has not mounted its route ref. */
const FALLBACK_PATH = '/paycor';

function useSyncPagePath(): string {
  // useRouteRef throws when the page is not mounted in this app (e.g. an app
  // that only shows the card). All of its hooks run before it throws, so the
  // hook order stays stable.
  try {
    // eslint-disable-next-line react-hooks/rules-of-hooks
    return useRouteRef(rootRouteRef)();
  } catch {
    return FALLBACK_PATH;
  }
}

/**
 * Builds links to the Paycor sync page, e.g. to a provider's conflicts tab.
 *
 * @public
 */
export function usePaycorPageLink(): (options?: {
  provider?: string;
  tab?: PaycorSyncTab;
}) => string {
  const path = useSyncPagePath();
  return useCallback(
    (options = {}) => {
      const params = new URLSearchParams();
      if (options.provider) params.set('provider', options.provider);
      if (options.tab) params.set('tab', options.tab);
      const search = params.toString();
      return search ? `${path}?${search}` : path;
    },
    [path],
  );
}
