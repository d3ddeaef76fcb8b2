import { FieldChange } from '@internal/backstage-plugin-capa-common';
import { isDeepStrictEqual } from 'node:util';

/**
 * The fields whose value differs between `before` and `after`, with both
 * values: what a history entry records.
 */
export function changedFields<T extends object>(
  before: T,
  after: Partial<T>,
): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const [field, value] of Object.entries(after)) {
    if (value === undefined) {
      continue;
    }
    const old = (before as Record<string, unknown>)[field];
    if (!isDeepStrictEqual(old, value)) {
      changes[field] = { before: old ?? null, after: value };
    }
  }
  return changes;
}

/** Every set field of a new record, as changes from nothing. */
export function createdFields(record: object): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const [field, value] of Object.entries(record)) {
    if (value !== undefined) {
      changes[field] = { before: null, after: value };
    }
  }
  return changes;
}
