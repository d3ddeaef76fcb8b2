import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { capaPolicyDecision } from '@internal/backstage-plugin-capa-backend';

/**
 * The portal's permission policy. For CAPA: every signed-in user reads and
 * records; owners and the quality group change; only the quality group
 * closes CAPAs. Everything else: any signed-in user, nobody else.
 */
export class CarePlatformPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly options: {
      userInfo: UserInfoService;
      qualityGroupRef: string;
    },
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(
      user.credentials,
    );
    return (
      capaPolicyDecision(request, { ownershipEntityRefs }, this.options) ?? {
        result: AuthorizeResult.ALLOW,
      }
    );
  }
}

/** Installs {@link CarePlatformPermissionPolicy} in the permission backend. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'care-platform-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        userInfo: coreServices.userInfo,
        config: coreServices.rootConfig,
      },
      async init({ policy, userInfo, config }) {
        policy.setPolicy(
          new CarePlatformPermissionPolicy({
            userInfo,
            qualityGroupRef:
              config.getOptionalString('capa.qualityGroupRef') ??
              'group:default/quality',
          }),
        );
      },
    });
  },
});
