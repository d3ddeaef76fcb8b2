import { compareKeys, encodeCursor, SortKey } from './cursor';

/**
 * The most refs one query binds. Queries bind each chunk up to three times
 * (a CAPA reaches an entity three ways), so every query stays well under 500
 * bind parameters however many refs a system or a caller's groups bring.
 */
export const REFS_PER_QUERY = 150;

/** Up to this many owners, each gets its own query. */
const FEW_OWNERS = 20;

/** Splits a list into chunks of at most `size`. */
export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}

/**
 * The chunk combinations to query for optional ref filters: one query when
 * both are small, one per pair of chunks otherwise. An empty filter list
 * matches nothing, so it yields no combination at all.
 */
export function refChunks(
  entityRefs: string[] | undefined,
  ownerRefs: string[] | undefined,
): Array<{ entityRefs?: string[]; ownerRefs?: string[] }> {
  const entityChunks = entityRefs
    ? chunk(entityRefs, REFS_PER_QUERY)
    : [undefined];
  // A few owners ("mine": a user and their groups) are asked one by one: each
  // query then reads the owner index in list order and stops at the page,
  // where an IN over several owners sorts all their records.
  const ownerChunks = ownerRefs
    ? chunk(ownerRefs, ownerRefs.length <= FEW_OWNERS ? 1 : REFS_PER_QUERY)
    : [undefined];
  return entityChunks.flatMap(e =>
    ownerChunks.map(o => ({ entityRefs: e, ownerRefs: o })),
  );
}

/**
 * Merges the first pages of several keyset queries (each ordered by the same
 * key and limited to `limit + 1` rows after the same cursor) into one page.
 * The rows a caller loads are bounded by the page size times the number of
 * chunks, never by the size of the table.
 */
export function mergePages<Row extends { id: string }>(
  pages: Row[][],
  keyOf: (row: Row) => SortKey,
  limit: number,
  order: 'asc' | 'desc' = 'asc',
): { rows: Row[]; nextCursor?: string } {
  const sign = order === 'asc' ? 1 : -1;
  const byId = new Map<string, Row>();
  for (const row of pages.flat()) {
    byId.set(row.id, row);
  }
  const sorted = [...byId.values()].sort(
    (a, b) => sign * compareKeys(keyOf(a), keyOf(b)),
  );
  const rows = sorted.slice(0, limit);
  const last = rows[rows.length - 1];
  return {
    rows,
    nextCursor:
      sorted.length > limit && last ? encodeCursor(keyOf(last)) : undefined,
  };
}
