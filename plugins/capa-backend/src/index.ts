/**
 * The CAPA backend plugin, and what permission policies need from it.
 *
 * @packageDocumentation
 */

export { capaPlugin as default } from './plugin';
export {
  capaConditions,
  capaPermissionResourceRef,
  createCapaConditionalDecision,
  isOwnerRule,
} from './permissions/rules';
export type {
  CapaPermissionQuery,
  CapaPermissionResource,
} from './permissions/rules';
export { capaPolicyDecision } from './permissions/policy';
