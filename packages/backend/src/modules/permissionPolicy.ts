import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { paycorSyncReadPermission } from '@paycor-backstage/plugin-paycor-common';

/**
 * The demo app's policy: everything is allowed, except that changing or
 * running the Paycor sync needs the user (or one of their groups) to be listed
 * in `paycorSync.admins`. Calls from services (other backends, or scripts
 * with a static token from `backend.auth.externalAccess`) are trusted. A
 * production policy is shown in the module's README.
 */
export class DemoPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly admins: ReadonlySet<string>,
    private readonly userInfo: UserInfoService,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const isPaycorAdminAction =
      permission.name.startsWith('catalog.paycor.') &&
      !isPermission(permission, paycorSyncReadPermission);
    if (!isPaycorAdminAction) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user) {
      return { result: AuthorizeResult.ALLOW };
    }
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    return ownershipEntityRefs.some(ref => this.admins.has(ref.toLocaleLowerCase('en-US')))
      ? { result: AuthorizeResult.ALLOW }
      : { result: AuthorizeResult.DENY };
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'demo-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        const admins =
          config.getOptionalStringArray('paycorSync.admins') ?? [];
        policy.setPolicy(
          new DemoPermissionPolicy(
            new Set(admins.map(ref => ref.toLocaleLowerCase('en-US'))),
            userInfo,
          ),
        );
      },
    });
  },
});
