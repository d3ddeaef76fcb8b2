import { createBackendModule } from '@backstage/backend-plugin-api';
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

/**
 * The portal's permission policy: every signed-in user may do everything, and
 * nobody else anything. The CAPA rules (owners and the quality group change,
 * only quality closes) replace this when the CAPA permissions exist.
 */
export class CarePlatformPermissionPolicy implements PermissionPolicy {
  async handle(
    _request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    return { result: user ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
}

/** Installs {@link CarePlatformPermissionPolicy} in the permission backend. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'care-platform-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new CarePlatformPermissionPolicy());
      },
    });
  },
});
