/**
 * What an entry of the history is about.
 *
 * @public
 */
export type HistoryRecordType = 'postmortem' | 'capa' | 'action';

/**
 * One field's value before and after a change.
 *
 * @public
 */
export type FieldChange = { before: unknown; after: unknown };

/**
 * An append-only history entry: who changed what, when, and why.
 *
 * @public
 */
export type HistoryEntry = {
  id: string;
  recordType: HistoryRecordType;
  recordId: string;
  event: 'created' | 'updated' | 'transition';
  actor: string;
  /** Server time, ISO 8601 UTC. */
  at: string;
  changes: Record<string, FieldChange>;
  reason?: string;
};
