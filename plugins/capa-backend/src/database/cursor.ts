import { InputError } from '@backstage/errors';

/** A keyset sort key: the values of the ORDER BY columns of one row. */
export type SortKey = Array<string | number>;

/**
 * Keyset cursors are opaque to clients: the sort key of the last row of a
 * page, base64url-encoded.
 */
export function encodeCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor} whose parts have these types. */
export function decodeCursor(
  cursor: string,
  types: Array<'string' | 'number'>,
): SortKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== types.length ||
    !parsed.every((part, i) => typeof part === types[i])
  ) {
    throw new InputError('cursor: not a cursor this list returned');
  }
  return parsed;
}

/** Compares sort keys column by column, ascending. */
export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}
