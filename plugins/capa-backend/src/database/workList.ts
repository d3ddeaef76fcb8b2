import { Knex } from 'knex';
import { PageRequest, WorkFilter } from './CapaStore';
import { mergePages, refChunks } from './chunks';

/** Up to this many entities are read one by one from an ordered link index. */
const FEW_ENTITIES = 20;
import { decodeCursor } from './cursor';

/** A row of a work list: a CAPA or an action, in open-work-first order. */
type WorkRow = { id: string; finished: number | string; due_date: string };

/**
 * Lists CAPAs or actions in the one stable order of every work list: open
 * before finished, then by due date (so overdue work comes first), then by
 * id. `matchEntities` narrows a query to records reaching the given refs.
 */
export async function listWork<Row extends WorkRow>(options: {
  db: Knex;
  table: string;
  alias: string;
  filter: WorkFilter;
  page: PageRequest;
  select?: (query: Knex.QueryBuilder) => void;
  matchEntities: (query: Knex.QueryBuilder, entityRefs: string[]) => void;
  matchPostmortem: (query: Knex.QueryBuilder, postmortemId: string) => void;
  /**
   * Link rows that carry the record's finished flag and due date: a few
   * entities are then read one by one from the links' (entity, finished,
   * due date, id) index, one page each, however busy the entity is.
   */
  entityLinks?: { table: string; recordColumn: string };
}): Promise<{ rows: Row[]; nextCursor?: string }> {
  const { db, alias, filter, page } = options;
  const col = (name: string) => `${alias}.${name}`;
  const after = page.cursor
    ? decodeCursor(page.cursor, ['number', 'string', 'string'])
    : undefined;
  const links =
    options.entityLinks &&
    filter.entityRefs &&
    filter.entityRefs.length <= FEW_ENTITIES
      ? options.entityLinks
      : undefined;
  // The columns of the list order: the links' when reading from them.
  const order = links
    ? {
        finished: 'l.finished',
        dueDate: 'l.due_date',
        id: `l.${links.recordColumn}`,
      }
    : { finished: col('finished'), dueDate: col('due_date'), id: col('id') };
  const chunks = links
    ? filter.entityRefs!.flatMap(entityRef =>
        refChunks(undefined, filter.ownerRefs).map(c => ({
          ...c,
          entityRefs: [entityRef],
        })),
      )
    : refChunks(filter.entityRefs, filter.ownerRefs);

  const queries = chunks.map(({ entityRefs, ownerRefs }) => {
    const query = (
      links
        ? db(`${links.table} as l`).join(
            `${options.table} as ${alias}`,
            col('id'),
            order.id,
          )
        : db(`${options.table} as ${alias}`)
    )
      .select(`${alias}.*`)
      .orderBy([
        { column: order.finished, order: 'asc' },
        { column: order.dueDate, order: 'asc' },
        { column: order.id, order: 'asc' },
      ])
      .limit(page.limit + 1);
    options.select?.(query);
    if (entityRefs && links) {
      query.where('l.entity_ref', entityRefs[0]);
    } else if (entityRefs) {
      options.matchEntities(query, entityRefs);
    }
    if (ownerRefs) {
      query.whereIn(col('owner_ref'), ownerRefs);
    }
    if (filter.status) {
      query.where(col('status'), filter.status);
    }
    if (filter.capaId) {
      query.where(col(alias === 'c' ? 'id' : 'capa_id'), filter.capaId);
    }
    if (filter.postmortemId) {
      options.matchPostmortem(query, filter.postmortemId);
    }
    if (filter.dueBetween) {
      query.whereBetween(col('due_date'), [
        filter.dueBetween.first,
        filter.dueBetween.last,
      ]);
    }
    if (filter.due) {
      // The SQL form of dueStateOf() in capa-common: same rule, same today.
      query.where(col('finished'), 0);
      if (filter.due.state === 'overdue') {
        query.where(col('due_date'), '<', filter.due.today);
      } else {
        query.whereBetween(col('due_date'), [
          filter.due.today,
          filter.due.dueSoonLastDay,
        ]);
      }
    }
    if (after) {
      const [finished, dueDate, id] = after;
      query.where(q =>
        q
          .where(order.finished, '>', finished)
          .orWhere(q2 =>
            q2
              .where(order.finished, finished)
              .andWhere(order.dueDate, '>', dueDate),
          )
          .orWhere(q3 =>
            q3
              .where(order.finished, finished)
              .andWhere(order.dueDate, dueDate)
              .andWhere(order.id, '>', id),
          ),
      );
    }
    return query;
  });

  const pages = (await Promise.all(queries)) as Row[][];
  return mergePages(
    pages,
    row => [Number(row.finished), row.due_date, row.id],
    page.limit,
  );
}

/** Groups link rows by their owner id. */
export function groupLinks<Row>(
  rows: Row[],
  idOf: (row: Row) => string,
  valueOf: (row: Row) => string,
): Map<string, string[]> {
  const byId = new Map<string, string[]>();
  for (const row of rows) {
    byId.set(idOf(row), [...(byId.get(idOf(row)) ?? []), valueOf(row)]);
  }
  return byId;
}

/**
 * Counts the records of a filter in SQL. Ref filters longer than one chunk
 * are counted chunk by chunk: a record reaching refs in two different chunks
 * is then counted twice, so counts are exact up to REFS_PER_QUERY refs.
 */
export async function countWork(options: {
  db: Knex;
  table: string;
  alias: string;
  filter: WorkFilter;
  today: string;
  dueSoonLastDay: string;
  quarter: { first: string; last: string };
  matchEntities: (query: Knex.QueryBuilder, entityRefs: string[]) => void;
}): Promise<{
  open: number;
  overdue: number;
  dueSoon: number;
  closedThisQuarter: number;
}> {
  const { db, alias, filter } = options;
  const col = (name: string) => `${alias}.${name}`;
  const totals = { open: 0, overdue: 0, dueSoon: 0, closedThisQuarter: 0 };
  for (const { entityRefs, ownerRefs } of refChunks(
    filter.entityRefs,
    filter.ownerRefs,
  )) {
    const query = db(`${options.table} as ${alias}`).select(
      db.raw(
        `SUM(CASE WHEN ${col('finished')} = 0 THEN 1 ELSE 0 END) AS open_count`,
      ),
      db.raw(
        `SUM(CASE WHEN ${col('finished')} = 0 AND ${col(
          'due_date',
        )} < ? THEN 1 ELSE 0 END) AS overdue_count`,
        [options.today],
      ),
      db.raw(
        `SUM(CASE WHEN ${col('finished')} = 0 AND ${col(
          'due_date',
        )} BETWEEN ? AND ? THEN 1 ELSE 0 END) AS due_soon_count`,
        [options.today, options.dueSoonLastDay],
      ),
      db.raw(
        `SUM(CASE WHEN ${col('finished')} = 1 AND ${col(
          'status',
        )} IN ('closed', 'done') AND ${col(
          'finished_on',
        )} BETWEEN ? AND ? THEN 1 ELSE 0 END) AS closed_count`,
        [options.quarter.first, options.quarter.last],
      ),
    );
    if (entityRefs) {
      options.matchEntities(query, entityRefs);
    }
    if (ownerRefs) {
      query.whereIn(col('owner_ref'), ownerRefs);
    }
    if (filter.capaId) {
      query.where(col(alias === 'c' ? 'id' : 'capa_id'), filter.capaId);
    }
    const [row] = (await query) as Array<
      Record<string, number | string | null>
    >;
    totals.open += Number(row?.open_count ?? 0);
    totals.overdue += Number(row?.overdue_count ?? 0);
    totals.dueSoon += Number(row?.due_soon_count ?? 0);
    totals.closedThisQuarter += Number(row?.closed_count ?? 0);
  }
  return totals;
}
