import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { CAPA_RESOURCE_TYPE } from '@internal/backstage-plugin-capa-common';
import { z } from 'zod';

/**
 * A CAPA record or an action, as the permission framework sees it.
 *
 * @public
 */
export type CapaPermissionResource = {
  kind: 'capa' | 'action';
  id: string;
  ownerRef: string;
};

/**
 * The store filter a conditional decision turns into.
 *
 * @public
 */
export type CapaPermissionQuery = { ownerRefs: string[] };

/**
 * The permission resource of CAPA records and actions.
 *
 * @public
 */
export const capaPermissionResourceRef = createPermissionResourceRef<
  CapaPermissionResource,
  CapaPermissionQuery
>().with({ pluginId: 'capa', resourceType: CAPA_RESOURCE_TYPE });

/**
 * "Is owner": the caller, or one of the groups the caller belongs to, owns
 * the CAPA or action.
 *
 * @public
 */
export const isOwnerRule = createPermissionRule({
  name: 'IS_OWNER',
  description:
    'Allow when the caller or one of their groups owns the CAPA or action',
  resourceRef: capaPermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('The ownership refs of the caller: their user and group refs'),
  }),
  apply: (resource, { claims }) =>
    claims
      .map(claim => claim.toLocaleLowerCase('en-US'))
      .includes(resource.ownerRef),
  toQuery: ({ claims }) => ({
    ownerRefs: claims.map(claim => claim.toLocaleLowerCase('en-US')),
  }),
});

const conditionExports = createConditionExports({
  resourceRef: capaPermissionResourceRef,
  rules: { isOwner: isOwnerRule },
});

/**
 * Conditions of the capa resource type, for permission policies.
 *
 * @public
 */
export const capaConditions = conditionExports.conditions;

/**
 * Makes a conditional decision on a capa permission, for permission policies.
 *
 * @public
 */
export const createCapaConditionalDecision =
  conditionExports.createConditionalDecision;
