import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  RELATION_HAS_PART,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { normalizeEntityRef } from '@internal/backstage-plugin-capa-common';

/** The most refs asked of the catalog in one call. */
const CATALOG_CHUNK = 200;

/**
 * How long a user's groups are remembered. "Mine" is asked on every board
 * load; without this each one costs a catalog query. A membership change
 * shows within this time.
 */
const MEMBERSHIP_TTL_MS = 60_000;
const MEMBERSHIP_CACHE_SIZE = 1_000;

function quoted(refs: string[]): string {
  return refs.map(ref => `'${ref}'`).join(', ');
}

/**
 * What the plugin asks the catalog, always with the caller's credentials and
 * in bounded chunks.
 */
export class CatalogLookup {
  private readonly memberships = new Map<
    string,
    { groups: string[]; until: number }
  >();

  constructor(
    private readonly catalog: CatalogService,
    private readonly now: () => number = Date.now,
  ) {}

  /** Refuses refs the catalog does not know (400, naming them). */
  async assertEntitiesExist(
    entityRefs: string[],
    credentials: BackstageCredentials,
    field: string,
  ): Promise<void> {
    const unknown: string[] = [];
    const unique = [...new Set(entityRefs)];
    for (let i = 0; i < unique.length; i += CATALOG_CHUNK) {
      const refs = unique.slice(i, i + CATALOG_CHUNK);
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: refs, fields: ['kind', 'metadata.name'] },
        { credentials },
      );
      unknown.push(...refs.filter((_, index) => !items[index]));
    }
    if (unknown.length > 0) {
      throw new InputError(
        `${field}: unknown catalog ${
          unknown.length === 1 ? 'entity' : 'entities'
        } ${quoted(unknown)}`,
      );
    }
  }

  /** Refuses an owner that is not a user or group of the catalog. */
  async assertOwner(
    ownerRef: string,
    credentials: BackstageCredentials,
    field: string,
  ): Promise<void> {
    const { kind } = parseEntityRef(ownerRef);
    if (kind !== 'user' && kind !== 'group') {
      throw new InputError(
        `${field}: an owner is a user or a group, not '${ownerRef}'`,
      );
    }
    await this.assertEntitiesExist([ownerRef], credentials, field);
  }

  /**
   * The refs whose records count for an entity: the entity itself, and for a
   * system its components (and anything else that is part of it). An entity
   * the catalog no longer has still counts as itself, so its records stay
   * visible.
   */
  async scopeOf(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    if (parseEntityRef(entityRef).kind !== 'system') {
      return [entityRef];
    }
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    const parts = (entity?.relations ?? [])
      .filter(relation => relation.type === RELATION_HAS_PART)
      .map(relation => normalizeEntityRef(relation.targetRef));
    return [entityRef, ...new Set(parts)];
  }

  /**
   * The refs that make up "mine": the caller and every group the catalog
   * lists the caller as a member of, plus the ownership refs of the
   * caller's token.
   */
  async ownershipOf(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    tokenOwnership: string[],
  ): Promise<string[]> {
    const userRef = normalizeEntityRef(credentials.principal.userEntityRef);
    const groups = await this.groupsOf(userRef, credentials);
    return [
      ...new Set([
        userRef,
        ...tokenOwnership.map(normalizeEntityRef),
        ...groups,
      ]),
    ];
  }

  private async groupsOf(
    userRef: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const cached = this.memberships.get(userRef);
    if (cached && cached.until > this.now()) {
      return cached.groups;
    }
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'group', 'relations.hasMember': userRef },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    const groups = items.map(group =>
      normalizeEntityRef(stringifyEntityRef(group)),
    );
    if (this.memberships.size >= MEMBERSHIP_CACHE_SIZE) {
      // The oldest entry goes first: a Map keeps insertion order.
      this.memberships.delete(this.memberships.keys().next().value!);
    }
    this.memberships.delete(userRef);
    this.memberships.set(userRef, {
      groups,
      until: this.now() + MEMBERSHIP_TTL_MS,
    });
    return groups;
  }
}
