import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { CAPA_RESOURCE_TYPE } from '@internal/backstage-plugin-capa-common';
import { OwnedRecord } from '../database/CapaStore';

/** Applies a conditional decision's conditions to one loaded record. */
export type ConditionApplier = (
  decision: PolicyDecision,
  record: OwnedRecord,
) => boolean;

/**
 * Asks the permission framework before anything changes. Conditional
 * decisions (such as "is owner") are applied here to the record itself, as
 * the catalog does for entities, without a round trip. A denial is a
 * NotAllowedError (403) and nothing is written.
 */
export class AccessControl {
  constructor(
    private readonly deps: {
      permissions: PermissionsService;
      applyConditions: ConditionApplier;
    },
  ) {}

  async assertAllowed(
    permission: BasicPermission,
    credentials: BackstageCredentials,
    what: string,
  ) {
    if (!(await this.isAllowed(permission, credentials))) {
      throw new NotAllowedError(`You may not ${what}`);
    }
  }

  async assertAllowedOn(
    permission: ResourcePermission<typeof CAPA_RESOURCE_TYPE>,
    resource: OwnedRecord,
    credentials: BackstageCredentials,
    what: string,
  ): Promise<void> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission }],
      {
        credentials,
      },
    );
    if (decision.result === AuthorizeResult.ALLOW) {
      return;
    }
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      // The caller has the record already: its owner decides, no second read.
      if (this.deps.applyConditions(decision, resource)) {
        return;
      }
    }
    throw new NotAllowedError(`You may not ${what}`);
  }

  /** Whether a basic permission is granted, for rules with an alternative. */
  async isAllowed(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await this.deps.permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }
}
