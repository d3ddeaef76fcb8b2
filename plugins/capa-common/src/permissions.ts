import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of CAPA records and actions, for conditional decisions
 * such as "the caller owns it".
 *
 * @public
 */
export const CAPA_RESOURCE_TYPE = 'capa-record';

/**
 * Read postmortems, CAPAs, actions, history and the review.
 *
 * @public
 */
export const capaReadPermission = createPermission({
  name: 'capa.read',
  attributes: { action: 'read' },
});

/**
 * Record postmortems, CAPAs and actions.
 *
 * @public
 */
export const capaCreatePermission = createPermission({
  name: 'capa.create',
  attributes: { action: 'create' },
});

/**
 * Change a CAPA's or an action's fields.
 *
 * @public
 */
export const capaUpdatePermission = createPermission({
  name: 'capa.update',
  attributes: { action: 'update' },
  resourceType: CAPA_RESOURCE_TYPE,
});

/**
 * Move a CAPA or an action through its lifecycle, except closing a CAPA.
 *
 * @public
 */
export const capaTransitionPermission = createPermission({
  name: 'capa.transition',
  attributes: { action: 'update' },
  resourceType: CAPA_RESOURCE_TYPE,
});

/**
 * Close a CAPA after its effectiveness check.
 *
 * @public
 */
export const capaClosePermission = createPermission({
  name: 'capa.close',
  attributes: { action: 'update' },
  resourceType: CAPA_RESOURCE_TYPE,
});

/**
 * Administer postmortems: edit, publish and archive any of them.
 *
 * @public
 */
export const capaAdminPermission = createPermission({
  name: 'capa.admin',
  attributes: { action: 'update' },
});

/**
 * Every capa permission, for the permissions registry.
 *
 * @public
 */
export const capaPermissions = [
  capaReadPermission,
  capaCreatePermission,
  capaUpdatePermission,
  capaTransitionPermission,
  capaClosePermission,
  capaAdminPermission,
];
