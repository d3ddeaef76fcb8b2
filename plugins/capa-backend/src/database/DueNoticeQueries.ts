import {
  CalendarDate,
  OverdueCheckRun,
} from '@internal/backstage-plugin-capa-common';
import { Knex } from 'knex';
import { DueNotice, DueNoticeTable, TaskRunTable } from './CapaStore';
import { compact, toIsoTimestamp } from './rows';

const TABLES = { capa: 'capa_records', action: 'capa_actions' } as const;

/** SQL of the overdue check: which open records to announce, and the claims. */
export class DueNoticeQueries implements DueNoticeTable {
  constructor(private readonly db: Knex) {}

  async dueBy(
    kind: DueNotice['kind'],
    lastDay: CalendarDate,
    after: { dueDate: CalendarDate; id: string } | undefined,
    limit: number,
  ): Promise<DueNotice[]> {
    const query = this.db(`${TABLES[kind]} as r`)
      .where('r.finished', 0)
      .where('r.due_date', '<=', lastDay)
      // The work-list index (finished, due_date, id) serves this order.
      .orderBy([
        { column: 'r.due_date', order: 'asc' },
        { column: 'r.id', order: 'asc' },
      ])
      .limit(limit);
    if (kind === 'capa') {
      query.select(
        'r.id',
        'r.title',
        'r.owner_ref',
        'r.due_date',
        'r.notified_due_state',
        'r.key as capa_key',
        'r.id as capa_id',
      );
    } else {
      query
        .join('capa_records as c', 'c.id', 'r.capa_id')
        .select(
          'r.id',
          'r.title',
          'r.owner_ref',
          'r.due_date',
          'r.notified_due_state',
          'c.key as capa_key',
          'c.id as capa_id',
        );
    }
    if (after) {
      query.where(q =>
        q
          .where('r.due_date', '>', after.dueDate)
          .orWhere(q2 =>
            q2
              .where('r.due_date', after.dueDate)
              .andWhere('r.id', '>', after.id),
          ),
      );
    }
    const rows: Array<{
      id: string;
      title: string;
      owner_ref: string;
      due_date: string;
      notified_due_state: string | null;
      capa_key: string;
      capa_id: string;
    }> = await query;
    return rows.map(row =>
      compact({
        kind,
        id: row.id,
        title: row.title,
        ownerRef: row.owner_ref,
        dueDate: row.due_date,
        capaKey: row.capa_key,
        capaId: row.capa_id,
        notifiedDueState: row.notified_due_state ?? undefined,
      }),
    );
  }

  async claim(
    kind: DueNotice['kind'],
    ids: string[],
    state: 'due_soon' | 'overdue',
    today: CalendarDate,
    lastDay: CalendarDate,
  ): Promise<string[]> {
    if (ids.length === 0) {
      return [];
    }
    // Compare-and-set: only records still open, still in this state and not
    // yet announced in it. A second run, or a second backend, claims nothing.
    const query = this.db(TABLES[kind])
      .whereIn('id', ids)
      .where('finished', 0)
      .where(q =>
        q
          .whereNull('notified_due_state')
          .orWhereNot('notified_due_state', state),
      );
    if (state === 'overdue') {
      query.where('due_date', '<', today);
    } else {
      query.whereBetween('due_date', [today, lastDay]);
    }
    const claimed: Array<{ id: string }> = await query
      .update({ notified_due_state: state })
      .returning('id');
    return claimed.map(row => row.id);
  }

  async release(
    kind: DueNotice['kind'],
    id: string,
    state: 'due_soon' | 'overdue',
    previous: string | undefined,
  ): Promise<void> {
    await this.db(TABLES[kind])
      .where({ id, notified_due_state: state })
      .update({ notified_due_state: previous ?? null });
  }
}

/** The last run of each background task. */
export class TaskRunQueries implements TaskRunTable {
  constructor(private readonly db: Knex) {}

  async start(task: string, startedAt: Date): Promise<void> {
    await this.db('capa_task_runs')
      .insert({
        task,
        started_at: startedAt,
        finished_at: null,
        examined: 0,
        notified: 0,
        error: null,
      })
      .onConflict('task')
      .merge();
  }

  async finish(
    task: string,
    run: Omit<OverdueCheckRun, 'startedAt'>,
  ): Promise<void> {
    await this.db('capa_task_runs')
      .where({ task })
      .update({
        finished_at: run.finishedAt ? new Date(run.finishedAt) : null,
        examined: run.examined,
        notified: run.notified,
        error: run.error ?? null,
      });
  }

  async last(task: string): Promise<OverdueCheckRun | undefined> {
    const row = await this.db('capa_task_runs').where({ task }).first();
    if (!row) {
      return undefined;
    }
    return compact({
      startedAt: toIsoTimestamp(row.started_at),
      finishedAt:
        row.finished_at === null ? undefined : toIsoTimestamp(row.finished_at),
      examined: Number(row.examined),
      notified: Number(row.notified),
      error: row.error ?? undefined,
    });
  }
}
