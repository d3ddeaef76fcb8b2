import {
  PostmortemClassification,
  PostmortemPriority,
  PostmortemStatus,
  PostmortemSummary,
} from '@internal/backstage-plugin-capa-common';

/** A row of `capa_postmortems`. */
export type PostmortemRow = {
  id: string;
  title: string;
  incident_date: string;
  priority: string | null;
  classification: string | null;
  status: string;
  created_by: string;
  created_at: Date | string | number;
  updated_at: Date | string | number;
  version: number | string;
};

/** A row of `capa_postmortem_entities`. */
export type PostmortemEntityRow = {
  postmortem_id: string;
  entity_ref: string;
};

/**
 * Engines return timestamps as Date (pg), number or string (SQLite); the API
 * always speaks ISO 8601 in UTC.
 */
export function toIsoTimestamp(value: Date | string | number): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new Error(`Unreadable timestamp from the database: ${String(value)}`);
  }
  return date.toISOString();
}

/** Maps a stored postmortem and its entity refs to the API type. */
export function toPostmortemSummary(
  row: PostmortemRow,
  entityRefs: string[],
): PostmortemSummary {
  return {
    id: row.id,
    title: row.title,
    incidentDate: row.incident_date,
    priority: (row.priority ?? undefined) as PostmortemPriority | undefined,
    classification: (row.classification ?? undefined) as
      | PostmortemClassification
      | undefined,
    status: row.status as PostmortemStatus,
    entityRefs,
    createdBy: row.created_by,
    createdAt: toIsoTimestamp(row.created_at),
    updatedAt: toIsoTimestamp(row.updated_at),
    version: Number(row.version),
  };
}
