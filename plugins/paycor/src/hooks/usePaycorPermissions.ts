import { usePermission } from '@backstage/plugin-permission-react';
import {
  paycorSyncManagePermission,
  paycorSyncReadPermission,
  paycorSyncRunPermission,
} from '@paycor-backstage/plugin-paycor-common';

/**
 * What the signed-in user may do with the Paycor sync.
 *
 * @public
 */
export interface PaycorPermissions {
  /** true until every permission is decided */
  loading: boolean;
  /** `catalog.paycor.sync.read`: see status, runs, conflicts, departments… */
  canRead: boolean;
  /** `catalog.paycor.sync.run`: sync now, verify the connection, preview */
  canRun: boolean;
  /** `catalog.paycor.sync.manage`: re-home, admin groups, approvals, exclusions */
  canManage: boolean;
}

/** Tooltips for actions the user may not take. */
export const PERMISSION_DENIED = {
  run: 'You need the catalog.paycor.sync.run permission to do this',
  manage: 'You need the catalog.paycor.sync.manage permission to do this',
} as const;

/**
 * The Paycor sync permissions of the signed-in user.
 *
 * @public
 */
export function usePaycorPermissions(): PaycorPermissions {
  const read = usePermission({ permission: paycorSyncReadPermission });
  const run = usePermission({ permission: paycorSyncRunPermission });
  const manage = usePermission({ permission: paycorSyncManagePermission });
  return {
    loading: read.loading || run.loading || manage.loading,
    canRead: read.allowed,
    canRun: run.allowed,
    canManage: manage.allowed,
  };
}
