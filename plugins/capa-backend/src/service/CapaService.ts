import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  CAPA_TRANSITIONS,
  capaClosePermission,
  capaCreatePermission,
  CapaRecord,
  CapaTransitionRequest,
  capaTransitionPermission,
  capaUpdatePermission,
  CreateCapaRequest,
  HistoryEntry,
  isFinished,
  nextCapaStatus,
  Page,
  statusLabels,
  UpdateCapaRequest,
  WorkListQuery,
} from '@internal/backstage-plugin-capa-common';
import { randomUUID } from 'node:crypto';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CapaPatch,
  CapaTables,
  PageRequest,
  StoredCapa,
} from '../database/CapaStore';
import { changedFields, createdFields } from './history';
import { createOnce, CreateResult, replayOf } from './idempotency';
import { ServiceContext, UserCredentials } from './ServiceContext';
import { workFilterOf } from './workFilter';
import { writeVersioned } from './writeVersioned';

/** The rules of CAPA records: keys, owners, due dates, the lifecycle. */
export class CapaService {
  constructor(private readonly ctx: ServiceContext) {}

  async list(
    query: WorkListQuery,
    credentials: BackstageCredentials,
  ): Promise<Page<CapaRecord>> {
    const filter = await workFilterOf(query, credentials, this.ctx);
    return this.ctx.dueDates.withDueStates(
      await this.ctx.store.capas.list(filter, query),
    );
  }

  async get(id: string): Promise<CapaRecord> {
    return this.ctx.dueDates.withDueState(
      await this.stored(this.ctx.store, id),
    );
  }

  async history(id: string, page: PageRequest): Promise<Page<HistoryEntry>> {
    await this.stored(this.ctx.store, id);
    return this.ctx.store.history.list('capa', id, page);
  }

  /** Opens a CAPA with the next key; retried with the same key, returns the first. */
  async create(
    request: CreateCapaRequest,
    credentials: UserCredentials,
    idempotencyKey?: string,
  ): Promise<CreateResult<CapaRecord>> {
    const actor = credentials.principal.userEntityRef;
    const idempotent = {
      actor,
      key: idempotencyKey,
      operation: 'capa.create',
      body: request,
    };
    const replay = await replayOf<CapaRecord>(this.ctx.store, idempotent);
    if (replay) {
      return replay;
    }
    await this.ctx.access.assertAllowed(
      capaCreatePermission,
      credentials,
      'open CAPAs',
    );
    await this.ctx.catalog.assertOwner(
      request.ownerRef,
      credentials,
      'ownerRef',
    );
    await this.ctx.catalog.assertEntitiesExist(
      request.entityRefs,
      credentials,
      'entityRefs',
    );

    const now = this.ctx.dueDates.now();
    return this.ctx.store.write(tx =>
      createOnce(tx, idempotent, now, async () => {
        await assertPostmortemsExist(tx, request.postmortemIds);
        const id = randomUUID();
        const { seq, key } = await tx.capas.nextKey();
        await tx.capas.insert({
          ...request,
          id,
          seq,
          key,
          status: 'open',
          openedOn: this.ctx.dueDates.today(),
          createdBy: actor,
          createdAt: now.toISOString(),
        });
        await tx.history.append([
          {
            recordType: 'capa',
            recordId: id,
            event: 'created',
            actor,
            at: now.toISOString(),
            changes: createdFields({ key, status: 'open', ...request }),
          },
        ]);
        return this.ctx.dueDates.withDueState(await this.stored(tx, id));
      }),
    );
  }

  /** Changes fields, compare-and-set on the version the caller read. */
  async update(
    id: string,
    request: UpdateCapaRequest,
    credentials: UserCredentials,
  ): Promise<CapaRecord> {
    const current = await this.stored(this.ctx.store, id);
    await this.ctx.access.assertAllowedOn(
      capaUpdatePermission,
      { kind: 'capa', id, ownerRef: current.ownerRef },
      credentials,
      `change ${current.key}`,
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
      recordType: 'capa',
      id,
      version,
      actor: credentials.principal.userEntityRef,
      now,
      load: tx => this.stored(tx, id),
      name: capa => capa.key,
      decide: async (before, tx) => {
        if (isFinished(before.status)) {
          throw new ConflictError(
            `${before.key} is ${statusLabels[
              before.status
            ].toLowerCase()} and can no longer be changed`,
          );
        }
        if (patch.postmortemIds) {
          await assertPostmortemsExist(tx, patch.postmortemIds);
        }
        const changes = changedFields(before, patch);
        return {
          patch,
          changes,
          event: 'updated',
          reason: changes.dueDate ? dueDateReason : undefined,
        };
      },
      apply: (tx, changed) => tx.capas.update(id, version, changed, now),
    });
    return this.ctx.dueDates.withDueState(updated);
  }

  /** Moves a CAPA through its lifecycle, if the move is legal from where it is. */
  async transition(
    id: string,
    request: CapaTransitionRequest,
    credentials: UserCredentials,
  ): Promise<CapaRecord> {
    const current = await this.stored(this.ctx.store, id);
    const move = CAPA_TRANSITIONS[request.transition];
    await this.ctx.access.assertAllowedOn(
      request.transition === 'close'
        ? capaClosePermission
        : capaTransitionPermission,
      { kind: 'capa', id, ownerRef: current.ownerRef },
      credentials,
      `${move.label.toLowerCase()} ${current.key}`,
    );

    const actor = credentials.principal.userEntityRef;
    const now = this.ctx.dueDates.now();
    const moved = await writeVersioned(this.ctx.store, {
      recordType: 'capa',
      id,
      version: request.version,
      actor,
      now,
      load: tx => this.stored(tx, id),
      name: capa => capa.key,
      decide: async (before, tx) => {
        const effective = request.effectivenessCheck?.result === 'effective';
        const status = nextCapaStatus(
          before.status,
          request.transition,
          effective,
        );
        if (!status) {
          throw new ConflictError(
            `${before.key} is ${statusLabels[before.status].toLowerCase()}: "${
              move.label
            }" is not possible from there`,
          );
        }
        if (
          request.transition === 'close' &&
          this.ctx.closeRequiresActionsFinished
        ) {
          const open = await tx.capas.countUnfinishedActions(id);
          if (open > 0) {
            throw new ConflictError(
              `${before.key} still has ${open} open ${
                open === 1 ? 'action' : 'actions'
              }; finish them or mark them not doing before closing`,
            );
          }
        }
        const patch: CapaPatch = {
          status,
          finishedOn: isFinished(status) ? this.ctx.dueDates.today() : null,
          effectivenessCheck: request.effectivenessCheck && {
            ...request.effectivenessCheck,
            verifiedBy: actor,
            verifiedAt: now.toISOString(),
          },
        };
        return {
          patch,
          changes: changedFields(before, {
            status,
            effectivenessCheck: patch.effectivenessCheck,
          }),
          event: 'transition',
          reason: request.reason,
        };
      },
      apply: (tx, patch) => tx.capas.update(id, request.version, patch, now),
    });
    return this.ctx.dueDates.withDueState(moved);
  }

  private async stored(
    tables: Pick<CapaTables, 'capas'>,
    id: string,
  ): Promise<StoredCapa> {
    const capa = await tables.capas.get(id);
    if (!capa) {
      throw new NotFoundError(`No CAPA with id '${id}'`);
    }
    return capa;
  }
}

/** Refuses links to postmortems that do not exist (400, naming them). */
export async function assertPostmortemsExist(
  tx: Pick<CapaTables, 'postmortems'>,
  postmortemIds: string[],
): Promise<void> {
  const missing: string[] = [];
  // At most 50 ids, by the request schema.
  for (const id of new Set(postmortemIds)) {
    if (!(await tx.postmortems.get(id))) {
      missing.push(id);
    }
  }
  if (missing.length > 0) {
    throw new InputError(
      `postmortemIds: no postmortem with id ${missing
        .map(id => `'${id}'`)
        .join(', ')}`,
    );
  }
}
