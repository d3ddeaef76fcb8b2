import { InputError } from '@backstage/errors';

/**
 * Keyset cursors are opaque to clients: the sort key of the last row of a
 * page, base64url-encoded.
 */
export function encodeCursor(key: string[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor} with `length` parts. */
export function decodeCursor(cursor: string, length: number): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== length ||
    !parsed.every(part => typeof part === 'string')
  ) {
    throw new InputError('cursor: not a cursor this list returned');
  }
  return parsed;
}
