import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PolicyQuery } from '@backstage/plugin-permission-node';
import {
  capaAdminPermission,
  capaClosePermission,
  capaCreatePermission,
  capaReadPermission,
  capaTransitionPermission,
  capaUpdatePermission,
} from '@internal/backstage-plugin-capa-common';
import { capaConditions, createCapaConditionalDecision } from './rules';

/**
 * The CAPA part of a permission policy: every signed-in user reads and
 * records; owners and the quality group change and move records; only the
 * quality group closes CAPAs and administers postmortems. Returns undefined
 * for permissions that are not capa's, so a policy can fall through. `user`
 * is the signed-in caller's ownership (their user and group refs).
 *
 * @public
 */
export function capaPolicyDecision(
  request: PolicyQuery,
  user: { ownershipEntityRefs: string[] } | undefined,
  options: { qualityGroupRef: string },
): PolicyDecision | undefined {
  const { permission } = request;
  const isCapa = [
    capaReadPermission,
    capaCreatePermission,
    capaUpdatePermission,
    capaTransitionPermission,
    capaClosePermission,
    capaAdminPermission,
  ].some(p => isPermission(permission, p));
  if (!isCapa) {
    return undefined;
  }
  if (!user) {
    return { result: AuthorizeResult.DENY };
  }
  const claims = user.ownershipEntityRefs.map(ref =>
    ref.toLocaleLowerCase('en-US'),
  );
  const inQuality = claims.includes(
    options.qualityGroupRef.toLocaleLowerCase('en-US'),
  );

  if (
    isPermission(permission, capaReadPermission) ||
    isPermission(permission, capaCreatePermission)
  ) {
    return { result: AuthorizeResult.ALLOW };
  }
  if (
    isPermission(permission, capaClosePermission) ||
    isPermission(permission, capaAdminPermission)
  ) {
    return { result: inQuality ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
  if (
    isPermission(permission, capaUpdatePermission) ||
    isPermission(permission, capaTransitionPermission)
  ) {
    return inQuality
      ? { result: AuthorizeResult.ALLOW }
      : createCapaConditionalDecision(
          permission,
          capaConditions.isOwner({ claims }),
        );
  }
  return { result: AuthorizeResult.DENY };
}
