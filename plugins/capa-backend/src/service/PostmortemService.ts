import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CreatePostmortemRequest,
  ListPostmortemsQuery,
  Page,
  PostmortemSummary,
} from '@internal/backstage-plugin-capa-common';
import { randomUUID } from 'crypto';
import { CapaStore } from '../database/CapaStore';
import { Clock } from './Clock';

/** The rules for postmortems: who writes them, what they may link to. */
export class PostmortemService {
  constructor(
    private readonly deps: {
      store: CapaStore;
      catalog: CatalogService;
      clock: Clock;
    },
  ) {}

  list(query: ListPostmortemsQuery): Promise<Page<PostmortemSummary>> {
    return this.deps.store.listPostmortems(query);
  }

  async get(id: string): Promise<PostmortemSummary> {
    const postmortem = await this.deps.store.getPostmortem(id);
    if (!postmortem) {
      throw new NotFoundError(`No postmortem with id '${id}'`);
    }
    return postmortem;
  }

  /**
   * Records a new postmortem as a draft written by the caller. Every entity it
   * names must exist in the catalog as the caller sees it.
   */
  async create(
    request: CreatePostmortemRequest,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<PostmortemSummary> {
    await this.assertEntitiesExist(request.entityRefs, credentials);
    return this.deps.store.createPostmortem({
      ...request,
      id: randomUUID(),
      status: 'draft',
      createdBy: credentials.principal.userEntityRef,
      createdAt: this.deps.clock.now(),
    });
  }

  private async assertEntitiesExist(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ) {
    // The request schema caps entityRefs at 20, well inside one catalog call.
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs, fields: ['kind', 'metadata.name'] },
      { credentials },
    );
    const unknown = entityRefs.filter((_, index) => !items[index]);
    if (unknown.length > 0) {
      throw new InputError(
        `entityRefs: unknown catalog ${
          unknown.length === 1 ? 'entity' : 'entities'
        } ${unknown.map(ref => `'${ref}'`).join(', ')}`,
      );
    }
  }
}
