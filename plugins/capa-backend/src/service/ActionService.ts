import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  ACTION_TRANSITIONS,
  ActionTransitionRequest,
  CapaAction,
  capaCreatePermission,
  capaTransitionPermission,
  capaUpdatePermission,
  CreateActionRequest,
  HistoryEntry,
  isFinished,
  nextActionStatus,
  Page,
  statusLabels,
  UpdateActionRequest,
  WorkListQuery,
  WorkSummary,
  quarterOf,
  quarterRange,
} from '@internal/backstage-plugin-capa-common';
import { randomUUID } from 'node:crypto';
import {
  ActionPatch,
  CapaTables,
  NewAction,
  PageRequest,
  StoredAction,
} from '../database/CapaStore';
import { changedFields, createdFields } from './history';
import { createOnce, CreateResult, replayOf } from './idempotency';
import { ServiceContext, UserCredentials } from './ServiceContext';
import { workFilterOf } from './workFilter';
import { writeVersioned } from './writeVersioned';

/** A new action before it is stored: its fields and where it belongs. */
export type ActionDraft = Omit<CreateActionRequest, 'entityRefs'> & {
  entityRefs?: string[];
};

/** The rules of actions: under an open CAPA, owned, due, moved forward. */
export class ActionService {
  constructor(private readonly ctx: ServiceContext) {}

  async list(
    query: WorkListQuery,
    credentials: BackstageCredentials,
  ): Promise<Page<CapaAction>> {
    const filter = await workFilterOf(query, credentials, this.ctx);
    return this.ctx.dueDates.withDueStates(
      await this.ctx.store.actions.list(filter, query),
    );
  }

  /** Counts for the service tab: open, overdue, due soon, closed this quarter. */
  async summary(
    query: WorkListQuery,
    credentials: BackstageCredentials,
  ): Promise<WorkSummary> {
    const filter = await workFilterOf(query, credentials, this.ctx);
    const today = this.ctx.dueDates.today();
    return this.ctx.store.actions.summary(filter, {
      today,
      dueSoonLastDay: this.ctx.dueDates.filterFor('due_soon').dueSoonLastDay,
      quarter: quarterRange(quarterOf(today)),
    });
  }

  async get(id: string): Promise<CapaAction> {
    return this.ctx.dueDates.withDueState(
      await this.stored(this.ctx.store, id),
    );
  }

  async history(id: string, page: PageRequest): Promise<Page<HistoryEntry>> {
    await this.stored(this.ctx.store, id);
    return this.ctx.store.history.list('action', id, page);
  }

  async create(
    request: CreateActionRequest,
    credentials: UserCredentials,
    idempotencyKey?: string,
  ): Promise<CreateResult<CapaAction>> {
    const actor = credentials.principal.userEntityRef;
    const idempotent = {
      actor,
      key: idempotencyKey,
      operation: 'action.create',
      body: request,
    };
    const replay = await replayOf<CapaAction>(this.ctx.store, idempotent);
    if (replay) {
      return replay;
    }
    await this.ctx.access.assertAllowed(
      capaCreatePermission,
      credentials,
      'add actions',
    );
    await this.checkReferences(request, credentials, '');

    const now = this.ctx.dueDates.now();
    return this.ctx.store.write(tx =>
      createOnce(tx, idempotent, now, async () => {
        const id = await this.insert(tx, request, actor, now, '');
        return this.ctx.dueDates.withDueState(await this.stored(tx, id));
      }),
    );
  }

  /** Checks an action's owner and entities against the catalog. */
  async checkReferences(
    draft: ActionDraft,
    credentials: UserCredentials,
    field: string,
  ) {
    await this.ctx.catalog.assertOwner(
      draft.ownerRef,
      credentials,
      `${field}ownerRef`,
    );
    if (draft.entityRefs) {
      await this.ctx.catalog.assertEntitiesExist(
        draft.entityRefs,
        credentials,
        `${field}entityRefs`,
      );
    }
  }

  /**
   * Stores a new action inside the caller's transaction, with its history.
   * Its CAPA must exist and be open; without entities of its own it touches
   * its postmortem's.
   */
  async insert(
    tx: CapaTables,
    draft: ActionDraft,
    actor: string,
    now: Date,
    field: string,
  ): Promise<string> {
    const capa = await tx.capas.get(draft.capaId);
    if (!capa) {
      throw new InputError(`${field}capaId: no CAPA with id '${draft.capaId}'`);
    }
    if (isFinished(capa.status)) {
      throw new ConflictError(
        `${capa.key} is ${statusLabels[
          capa.status
        ].toLowerCase()}; it takes no new actions`,
      );
    }
    let entityRefs = draft.entityRefs;
    if (draft.postmortemId) {
      const postmortem = await tx.postmortems.get(draft.postmortemId);
      if (!postmortem) {
        throw new InputError(
          `${field}postmortemId: no postmortem with id '${draft.postmortemId}'`,
        );
      }
      entityRefs ??= postmortem.entityRefs;
    }
    const id = randomUUID();
    const action: NewAction = {
      ...draft,
      id,
      entityRefs: entityRefs ?? [],
      status: 'open',
      openedOn: this.ctx.dueDates.today(),
      createdBy: actor,
      createdAt: now.toISOString(),
    };
    await tx.actions.insert(action);
    await tx.history.append([
      {
        recordType: 'action',
        recordId: id,
        event: 'created',
        actor,
        at: now.toISOString(),
        changes: createdFields({
          capaKey: capa.key,
          status: 'open',
          ...draft,
          entityRefs: action.entityRefs,
        }),
      },
    ]);
    return id;
  }

  async update(
    id: string,
    request: UpdateActionRequest,
    credentials: UserCredentials,
  ): Promise<CapaAction> {
    const current = await this.stored(this.ctx.store, id);
    await this.ctx.access.assertAllowedOn(
      capaUpdatePermission,
      { kind: 'action', id, ownerRef: current.ownerRef },
      credentials,
      `change the action "${current.title}"`,
    );
    const { version, dueDateReason, ...patch } = request;
    if (patch.ownerRef) {
      await this.ctx.catalog.assertOwner(
        patch.ownerRef,
        credentials,
        'ownerRef',
      );
    }
    if (patch.entityRefs) {
      await this.ctx.catalog.assertEntitiesExist(
        patch.entityRefs,
        credentials,
        'entityRefs',
      );
    }

    const now = this.ctx.dueDates.now();
    const updated = await writeVersioned(this.ctx.store, {
      recordType: 'action',
      id,
      version,
      actor: credentials.principal.userEntityRef,
      now,
      load: tx => this.stored(tx, id),
      name: action => `The action "${action.title}"`,
      decide: before => {
        if (isFinished(before.status)) {
          throw new ConflictError(
            `The action "${before.title}" is ${statusLabels[
              before.status
            ].toLowerCase()}; reopen it to change it`,
          );
        }
        const changes = changedFields(before, patch);
        return {
          patch,
          changes,
          event: 'updated',
          reason: changes.dueDate ? dueDateReason : undefined,
        };
      },
      apply: (tx, changed) => tx.actions.update(id, version, changed, now),
    });
    return this.ctx.dueDates.withDueState(updated);
  }

  async transition(
    id: string,
    request: ActionTransitionRequest,
    credentials: UserCredentials,
  ): Promise<CapaAction> {
    const current = await this.stored(this.ctx.store, id);
    const move = ACTION_TRANSITIONS[request.transition];
    await this.ctx.access.assertAllowedOn(
      capaTransitionPermission,
      { kind: 'action', id, ownerRef: current.ownerRef },
      credentials,
      `${move.label.toLowerCase()} on "${current.title}"`,
    );

    const now = this.ctx.dueDates.now();
    const moved = await writeVersioned(this.ctx.store, {
      recordType: 'action',
      id,
      version: request.version,
      actor: credentials.principal.userEntityRef,
      now,
      load: tx => this.stored(tx, id),
      name: action => `The action "${action.title}"`,
      decide: async (before, tx) => {
        const status = nextActionStatus(before.status, request.transition);
        if (!status) {
          throw new ConflictError(
            `The action "${before.title}" is ${statusLabels[
              before.status
            ].toLowerCase()}: "${move.label}" is not possible from there`,
          );
        }
        const capa = (await tx.capas.get(before.capaId))!;
        if (isFinished(capa.status)) {
          throw new ConflictError(
            `${capa.key} is ${statusLabels[
              capa.status
            ].toLowerCase()}; its actions can no longer move`,
          );
        }
        const patch: ActionPatch = {
          status,
          statusReason: request.reason ?? null,
          finishedOn: isFinished(status) ? this.ctx.dueDates.today() : null,
        };
        return {
          patch,
          changes: changedFields(before, { status }),
          event: 'transition',
          reason: request.reason,
        };
      },
      apply: (tx, patch) => tx.actions.update(id, request.version, patch, now),
    });
    return this.ctx.dueDates.withDueState(moved);
  }

  private async stored(
    tables: Pick<CapaTables, 'actions'>,
    id: string,
  ): Promise<StoredAction> {
    const action = await tables.actions.get(id);
    if (!action) {
      throw new NotFoundError(`No action with id '${id}'`);
    }
    return action;
  }
}
