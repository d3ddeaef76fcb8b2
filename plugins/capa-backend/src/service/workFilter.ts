import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  quarterRange,
  WorkListQuery,
} from '@internal/backstage-plugin-capa-common';
import { WorkFilter } from '../database/CapaStore';
import { ServiceContext } from './ServiceContext';

/**
 * Turns a list query into a store filter: an entity becomes its scope (a
 * system with its components), `mine` becomes the caller and their groups,
 * a due state gets today from the server's clock.
 */
export async function workFilterOf(
  query: WorkListQuery,
  credentials: BackstageCredentials,
  ctx: ServiceContext,
): Promise<WorkFilter> {
  const filter: WorkFilter = {
    status: query.status,
    capaId: query.capaId,
    postmortemId: query.postmortemId,
  };
  if (query.entityRef) {
    filter.entityRefs = await ctx.catalog.scopeOf(query.entityRef, credentials);
  }
  if (query.owner === 'mine') {
    if ((credentials.principal as { type?: string }).type !== 'user') {
      throw new InputError('owner: "mine" needs a signed-in user');
    }
    const userCredentials =
      credentials as BackstageCredentials<BackstageUserPrincipal>;
    const { ownershipEntityRefs } = await ctx.userInfo.getUserInfo(
      userCredentials,
    );
    filter.ownerRefs = await ctx.catalog.ownershipOf(
      userCredentials,
      ownershipEntityRefs,
    );
  } else if (query.owner) {
    filter.ownerRefs = [query.owner];
  }
  if (query.dueState) {
    filter.due = ctx.dueDates.filterFor(query.dueState);
  }
  if (query.quarter) {
    filter.dueBetween = quarterRange(query.quarter);
  }
  return filter;
}
