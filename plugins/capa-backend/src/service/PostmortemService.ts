import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  capaAdminPermission,
  capaCreatePermission,
  HistoryEntry,
  ListPostmortemsQuery,
  Page,
  ParsedCreatePostmortemRequest,
  Postmortem,
  PostmortemStatus,
  PostmortemStatusRequest,
  quarterRange,
  UpdatePostmortemRequest,
} from '@internal/backstage-plugin-capa-common';
import { randomUUID } from 'node:crypto';
import { CapaTables, PageRequest } from '../database/CapaStore';
import { ActionService } from './ActionService';
import { changedFields, createdFields } from './history';
import { createOnce, CreateResult, replayOf } from './idempotency';
import { ServiceContext, UserCredentials } from './ServiceContext';
import { writeVersioned } from './writeVersioned';

/**
 * The rules of postmortems: recorded as drafts with their improvements,
 * changed by their author or an administrator, archived instead of deleted.
 */
export class PostmortemService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly actions: ActionService,
  ) {}

  async list(
    query: ListPostmortemsQuery,
    credentials: BackstageCredentials,
  ): Promise<Page<Postmortem>> {
    return this.ctx.store.postmortems.list(
      {
        entityRefs: query.entityRef
          ? await this.ctx.catalog.scopeOf(query.entityRef, credentials)
          : undefined,
        incidentBetween: query.quarter
          ? quarterRange(query.quarter)
          : undefined,
        status: query.status,
      },
      query,
    );
  }

  async get(id: string): Promise<Postmortem> {
    return this.stored(this.ctx.store, id);
  }

  async history(id: string, page: PageRequest): Promise<Page<HistoryEntry>> {
    await this.stored(this.ctx.store, id);
    return this.ctx.store.history.list('postmortem', id, page);
  }

  /**
   * Records a draft written by the caller, and each improvement as an action
   * under the CAPA it names, all in one transaction.
   */
  async create(
    request: ParsedCreatePostmortemRequest,
    credentials: UserCredentials,
    idempotencyKey?: string,
  ): Promise<CreateResult<Postmortem>> {
    const actor = credentials.principal.userEntityRef;
    const idempotent = {
      actor,
      key: idempotencyKey,
      operation: 'postmortem.create',
      body: request,
    };
    const replay = await replayOf<Postmortem>(this.ctx.store, idempotent);
    if (replay) {
      return replay;
    }
    await this.ctx.access.assertAllowed(
      capaCreatePermission,
      credentials,
      'record postmortems',
    );
    await this.ctx.catalog.assertEntitiesExist(
      request.entityRefs,
      credentials,
      'entityRefs',
    );
    for (const [index, improvement] of request.improvements.entries()) {
      await this.actions.checkReferences(
        { ...improvement, entityRefs: improvement.entityRefs },
        credentials,
        `improvements.${index}.`,
      );
    }

    const now = this.ctx.dueDates.now();
    const { improvements, ...fields } = request;
    return this.ctx.store.write(tx =>
      createOnce(tx, idempotent, now, async () => {
        const id = randomUUID();
        await tx.postmortems.insert({
          ...fields,
          id,
          status: 'draft',
          createdBy: actor,
          createdAt: now,
        });
        await tx.history.append([
          {
            recordType: 'postmortem',
            recordId: id,
            event: 'created',
            actor,
            at: now.toISOString(),
            changes: createdFields({ status: 'draft', ...fields }),
          },
        ]);
        for (const [index, improvement] of improvements.entries()) {
          await this.actions.insert(
            tx,
            {
              ...improvement,
              postmortemId: id,
              entityRefs: improvement.entityRefs ?? fields.entityRefs,
            },
            actor,
            now,
            `improvements.${index}.`,
          );
        }
        return this.stored(tx, id);
      }),
    );
  }

  async update(
    id: string,
    request: UpdatePostmortemRequest,
    credentials: UserCredentials,
  ): Promise<Postmortem> {
    const current = await this.stored(this.ctx.store, id);
    await this.assertMayChange(current, credentials);
    const { version, ...patch } = request;
    if (patch.entityRefs) {
      await this.ctx.catalog.assertEntitiesExist(
        patch.entityRefs,
        credentials,
        'entityRefs',
      );
    }
    return this.write(id, version, credentials, before => {
      if (before.status === 'archived') {
        throw new ConflictError(
          `"${before.title}" is archived and can no longer be changed`,
        );
      }
      return { patch, changes: changedFields(before, patch) };
    });
  }

  /** Publishes a draft, or archives a postmortem: nothing is ever deleted. */
  async setStatus(
    id: string,
    status: Exclude<PostmortemStatus, 'draft'>,
    request: PostmortemStatusRequest,
    credentials: UserCredentials,
  ): Promise<Postmortem> {
    const current = await this.stored(this.ctx.store, id);
    await this.assertMayChange(current, credentials);
    return this.write(
      id,
      request.version,
      credentials,
      before => {
        const legal =
          status === 'published'
            ? before.status === 'draft'
            : before.status !== 'archived';
        if (!legal) {
          throw new ConflictError(
            `"${before.title}" is ${before.status}; it cannot be ${status} now`,
          );
        }
        return {
          patch: { status },
          changes: changedFields(before, { status }),
        };
      },
      request.reason,
    );
  }

  private write(
    id: string,
    version: number,
    credentials: UserCredentials,
    decide: (before: Postmortem) => {
      patch: Partial<Postmortem>;
      changes: HistoryEntry['changes'];
    },
    reason?: string,
  ): Promise<Postmortem> {
    const now = this.ctx.dueDates.now();
    return writeVersioned(this.ctx.store, {
      recordType: 'postmortem',
      id,
      version,
      actor: credentials.principal.userEntityRef,
      now,
      load: tx => this.stored(tx, id),
      name: postmortem => `"${postmortem.title}"`,
      decide: before => {
        const { patch, changes } = decide(before);
        return {
          patch,
          changes,
          event: patch.status ? 'transition' : 'updated',
          reason,
        };
      },
      apply: (tx, patch) => tx.postmortems.update(id, version, patch, now),
    });
  }

  /** Its author changes a postmortem; anyone else needs capa.admin. */
  private async assertMayChange(
    postmortem: Postmortem,
    credentials: UserCredentials,
  ) {
    if (postmortem.createdBy === credentials.principal.userEntityRef) {
      return;
    }
    if (!(await this.ctx.access.isAllowed(capaAdminPermission, credentials))) {
      throw new NotAllowedError(
        `Only its author or an administrator may change "${postmortem.title}"`,
      );
    }
  }

  private async stored(
    tables: Pick<CapaTables, 'postmortems'>,
    id: string,
  ): Promise<Postmortem> {
    const postmortem = await tables.postmortems.get(id);
    if (!postmortem) {
      throw new NotFoundError(`No postmortem with id '${id}'`);
    }
    return postmortem;
  }
}
