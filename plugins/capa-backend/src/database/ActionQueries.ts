import { Page, WorkSummary } from '@internal/backstage-plugin-capa-common';
import { Knex } from 'knex';
import {
  ActionPatch,
  ActionTable,
  NewAction,
  PageRequest,
  StoredAction,
  WorkFilter,
} from './CapaStore';
import { ActionRow, compact, finishedColumn, toStoredAction } from './rows';
import { countWork, groupLinks, listWork } from './workList';

/** Action SQL, on the plugin's database or inside a transaction. */
export class ActionQueries implements ActionTable {
  constructor(private readonly db: Knex) {}

  async get(id: string): Promise<StoredAction | undefined> {
    const row = await this.db('capa_actions as a')
      .join('capa_records as c', 'c.id', 'a.capa_id')
      .select('a.*', 'c.key as capa_key')
      .where('a.id', id)
      .first();
    if (!row) {
      return undefined;
    }
    return toStoredAction(row, (await this.entityRefsOf([id])).get(id) ?? []);
  }

  async list(
    filter: WorkFilter,
    page: PageRequest,
  ): Promise<Page<StoredAction>> {
    const { rows, nextCursor } = await listWork<ActionRow>({
      db: this.db,
      table: 'capa_actions',
      alias: 'a',
      filter,
      page,
      select: query =>
        query
          .join('capa_records as c', 'c.id', 'a.capa_id')
          .select('c.key as capa_key'),
      matchEntities: (query, entityRefs) =>
        this.matchEntities(query, entityRefs),
      matchPostmortem: (query, postmortemId) =>
        query.where('a.postmortem_id', postmortemId),
      entityLinks: { table: 'capa_action_entities', recordColumn: 'action_id' },
    });
    const entityRefs = await this.entityRefsOf(rows.map(row => row.id));
    return {
      items: rows.map(row => toStoredAction(row, entityRefs.get(row.id) ?? [])),
      nextCursor,
    };
  }

  summary(
    filter: WorkFilter,
    days: {
      today: string;
      dueSoonLastDay: string;
      quarter: { first: string; last: string };
    },
  ): Promise<WorkSummary> {
    const onlyEntities =
      filter.entityRefs &&
      filter.entityRefs.length <= 20 &&
      !filter.ownerRefs &&
      !filter.capaId &&
      !filter.postmortemId &&
      !filter.dueBetween;
    if (onlyEntities) {
      return this.summaryFromLinks(filter.entityRefs!, days);
    }
    return countWork({
      db: this.db,
      table: 'capa_actions',
      alias: 'a',
      filter,
      ...days,
      matchEntities: (query, entityRefs) =>
        this.matchEntities(query, entityRefs),
    });
  }

  /**
   * The service tab's counts, as ranges of the links' indexes: a busy
   * service costs index entries, not a pass over its actions. Actions
   * touching several of the entities are counted once.
   */
  private async summaryFromLinks(
    entityRefs: string[],
    days: {
      today: string;
      dueSoonLastDay: string;
      quarter: { first: string; last: string };
    },
  ): Promise<WorkSummary> {
    const count = async (narrow: (query: Knex.QueryBuilder) => void) => {
      const query = this.db('capa_action_entities').whereIn(
        'entity_ref',
        entityRefs,
      );
      narrow(query);
      const [{ n }] = await query.countDistinct({ n: 'action_id' });
      return Number(n);
    };
    const [open, overdue, dueSoon, closedThisQuarter] = await Promise.all([
      count(q => q.where('finished', 0)),
      count(q => q.where('finished', 0).where('due_date', '<', days.today)),
      count(q =>
        q
          .where('finished', 0)
          .whereBetween('due_date', [days.today, days.dueSoonLastDay]),
      ),
      count(q =>
        q.whereBetween('done_on', [days.quarter.first, days.quarter.last]),
      ),
    ]);
    return { open, overdue, dueSoon, closedThisQuarter };
  }

  async insert(action: NewAction): Promise<void> {
    await this.db('capa_actions').insert({
      id: action.id,
      capa_id: action.capaId,
      postmortem_id: action.postmortemId ?? null,
      title: action.title,
      description: action.description ?? null,
      owner_ref: action.ownerRef,
      due_date: action.dueDate,
      status: action.status,
      finished: finishedColumn(action.status),
      ticket_url: action.ticketUrl ?? null,
      opened_on: action.openedOn,
      created_by: action.createdBy,
      created_at: new Date(action.createdAt),
      updated_at: new Date(action.createdAt),
      version: 1,
    });
    await this.insertEntityRefs(action.id, action.entityRefs, {
      finished: finishedColumn(action.status) ?? 0,
      due_date: action.dueDate,
      done_on: null,
    });
  }

  async update(
    id: string,
    expectedVersion: number,
    patch: ActionPatch,
    now: Date,
  ): Promise<boolean> {
    const columns = compact({
      title: patch.title,
      description: patch.description,
      owner_ref: patch.ownerRef,
      due_date: patch.dueDate,
      // A moved due date may be announced again in its new state.
      notified_due_state: patch.dueDate === undefined ? undefined : null,
      ticket_url: patch.ticketUrl,
      status: patch.status,
      finished: finishedColumn(patch.status),
      status_reason: patch.statusReason,
      finished_on: patch.finishedOn,
    });
    const changed = await this.db('capa_actions')
      .where({ id, version: expectedVersion })
      .update({ ...columns, updated_at: now, version: expectedVersion + 1 });
    if (changed !== 1) {
      return false;
    }
    if (patch.entityRefs) {
      const stored = await this.db('capa_actions')
        .where({ id })
        .first('finished', 'due_date', 'status', 'finished_on');
      await this.db('capa_action_entities').where({ action_id: id }).delete();
      await this.insertEntityRefs(id, patch.entityRefs, {
        finished: Number(stored.finished),
        due_date: stored.due_date,
        done_on: stored.status === 'done' ? stored.finished_on : null,
      });
    } else if (patch.status !== undefined || patch.dueDate !== undefined) {
      // The links carry the list order; they move with the action.
      await this.db('capa_action_entities')
        .where({ action_id: id })
        .update(
          compact({
            finished: finishedColumn(patch.status),
            due_date: patch.dueDate,
            done_on:
              patch.status === undefined
                ? undefined
                : (patch.status === 'done' && patch.finishedOn) || null,
          }),
        );
    }
    return true;
  }

  /** Narrows a query on `capa_actions as a` to actions touching the refs. */
  private matchEntities(query: Knex.QueryBuilder, entityRefs: string[]) {
    // IN (subquery) lets both engines start from the entity_ref index; an
    // EXISTS per row made SQLite scan every action.
    query.whereIn(
      'a.id',
      this.db('capa_action_entities')
        .select('action_id')
        .whereIn('entity_ref', entityRefs),
    );
  }

  private async insertEntityRefs(
    actionId: string,
    entityRefs: string[],
    order: { finished: number; due_date: string; done_on: string | null },
  ) {
    const unique = [...new Set(entityRefs)];
    if (unique.length > 0) {
      await this.db('capa_action_entities').insert(
        unique.map(entityRef => ({
          action_id: actionId,
          entity_ref: entityRef,
          ...order,
        })),
      );
    }
  }

  /** Entity refs of a page of actions; `ids` is at most one page long. */
  private async entityRefsOf(ids: string[]): Promise<Map<string, string[]>> {
    if (ids.length === 0) {
      return new Map();
    }
    const rows = await this.db('capa_action_entities')
      .whereIn('action_id', ids)
      .orderBy('entity_ref');
    return groupLinks(
      rows,
      r => r.action_id,
      r => r.entity_ref,
    );
  }
}
