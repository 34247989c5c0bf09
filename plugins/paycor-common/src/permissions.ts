import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read sync status, runs, conflicts, departments, approvals and exclusions.
 *
 * @public
 */
export const paycorSyncReadPermission = createPermission({
  name: 'catalog.paycor.sync.read',
  attributes: { action: 'read' },
});

/**
 * Start a sync now, verify the Paycor connection, preview a dry run. These
 * call Paycor and spend its rate budget, so they are separate from reading.
 *
 * @public
 */
export const paycorSyncRunPermission = createPermission({
  name: 'catalog.paycor.sync.run',
  attributes: { action: 'update' },
});

/**
 * Change how the org is built: department re-homing, admin-defined groups,
 * approvals of held removals, exclusions.
 *
 * @public
 */
export const paycorSyncManagePermission = createPermission({
  name: 'catalog.paycor.sync.manage',
  attributes: { action: 'update' },
});

/**
 * Every permission this plugin defines, for `permissionsRegistry.addPermissions`.
 *
 * @public
 */
export const paycorPermissions = [
  paycorSyncReadPermission,
  paycorSyncRunPermission,
  paycorSyncManagePermission,
];
