import { HistoryEntry, Page } from '@internal/backstage-plugin-capa-common';
import { Knex } from 'knex';
import { HistoryTable, NewHistoryEntry, PageRequest } from './CapaStore';
import { decodeCursor, encodeCursor } from './cursor';
import { HistoryRow, toHistoryEntry } from './rows';

/**
 * History SQL. There is deliberately no update or delete here: the history is
 * append-only.
 */
export class HistoryQueries implements HistoryTable {
  constructor(private readonly db: Knex) {}

  async append(entries: NewHistoryEntry[]): Promise<void> {
    if (entries.length === 0) {
      return;
    }
    await this.db('capa_history').insert(
      entries.map(entry => ({
        record_type: entry.recordType,
        record_id: entry.recordId,
        event: entry.event,
        actor: entry.actor,
        at: new Date(entry.at),
        changes: JSON.stringify(entry.changes),
        reason: entry.reason ?? null,
      })),
    );
  }

  async list(
    recordType: HistoryEntry['recordType'],
    recordId: string,
    page: PageRequest,
  ): Promise<Page<HistoryEntry>> {
    const query = this.db<HistoryRow>('capa_history')
      .where({ record_type: recordType, record_id: recordId })
      .orderBy('id', 'asc')
      .limit(page.limit + 1);
    if (page.cursor) {
      const [afterId] = decodeCursor(page.cursor, ['number']);
      query.where('id', '>', afterId);
    }
    const rows = (await query) as HistoryRow[];
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toHistoryEntry),
      nextCursor:
        rows.length > page.limit && last
          ? encodeCursor([Number(last.id)])
          : undefined,
    };
  }
}
