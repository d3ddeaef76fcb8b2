import {
  isFinished,
  ActionStatus,
  CapaSeverity,
  CapaStatus,
  CapaType,
  HistoryEntry,
  Postmortem,
  PostmortemClassification,
  PostmortemPriority,
  PostmortemStatus,
} from '@internal/backstage-plugin-capa-common';
import { StoredAction, StoredCapa } from './CapaStore';

/** Timestamps as the engines return them: Date (pg), number or string (SQLite). */
type DbTimestamp = Date | string | number;

/** A row of `capa_postmortems`. */
export type PostmortemRow = {
  id: string;
  title: string;
  incident_date: string;
  priority: string | null;
  classification: string | null;
  status: string;
  summary: string | null;
  timeline: string;
  lead_time_minutes: number | null;
  workaround_time_minutes: number | null;
  correction_time_minutes: number | null;
  resolution_time_minutes: number | null;
  sla_met: boolean | number | null;
  organisations_affected: number | null;
  programs_affected: number | null;
  patients_affected: number | null;
  missed_alerts: number | null;
  patients_not_monitored: number | null;
  patient_safety_assessment: string | null;
  workaround: string | null;
  cause: string | null;
  solution_correction: string | null;
  solution_corrective_action: string | null;
  communication_external: string | null;
  communication_internal: string | null;
  created_by: string;
  created_at: DbTimestamp;
  updated_at: DbTimestamp;
  version: number | string;
};

/** A row of `capa_records`. */
export type CapaRow = {
  id: string;
  seq: number | string;
  key: string;
  title: string;
  problem_statement: string;
  type: string;
  owner_ref: string;
  due_date: string;
  status: string;
  finished: number | string;
  severity: string;
  root_cause: string | null;
  effectiveness_method: string | null;
  effectiveness_criteria: string | null;
  effectiveness_result: string | null;
  effectiveness_notes: string | null;
  effectiveness_verified_by: string | null;
  effectiveness_verified_at: DbTimestamp | null;
  opened_on: string;
  finished_on: string | null;
  created_by: string;
  created_at: DbTimestamp;
  updated_at: DbTimestamp;
  version: number | string;
};

/** A row of `capa_actions`, with its CAPA's key joined in. */
export type ActionRow = {
  id: string;
  capa_id: string;
  capa_key: string;
  postmortem_id: string | null;
  title: string;
  description: string | null;
  owner_ref: string;
  due_date: string;
  status: string;
  finished: number | string;
  status_reason: string | null;
  ticket_url: string | null;
  opened_on: string;
  finished_on: string | null;
  created_by: string;
  created_at: DbTimestamp;
  updated_at: DbTimestamp;
  version: number | string;
};

/** A row of `capa_history`. */
export type HistoryRow = {
  id: number | string;
  record_type: string;
  record_id: string;
  event: string;
  actor: string;
  at: DbTimestamp;
  changes: string;
  reason: string | null;
};

/** The API speaks ISO 8601 in UTC, whatever the engine returned. */
export function toIsoTimestamp(value: DbTimestamp): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new Error(`Unreadable timestamp from the database: ${String(value)}`);
  }
  return date.toISOString();
}

function optional<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

function optionalNumber(value: number | string | null): number | undefined {
  return value === null ? undefined : Number(value);
}

/** The `finished` column for a status being written, if one is. */
export function finishedColumn(
  status: CapaStatus | ActionStatus | undefined,
): 0 | 1 | undefined {
  if (status === undefined) {
    return undefined;
  }
  return isFinished(status) ? 1 : 0;
}

/** Drops undefined members, so API objects carry no empty keys. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

export function toPostmortem(
  row: PostmortemRow,
  entityRefs: string[],
): Postmortem {
  return compact({
    id: row.id,
    title: row.title,
    incidentDate: row.incident_date,
    priority: optional(row.priority) as PostmortemPriority | undefined,
    classification: optional(row.classification) as
      | PostmortemClassification
      | undefined,
    status: row.status as PostmortemStatus,
    summary: optional(row.summary),
    timeline: JSON.parse(row.timeline),
    leadTimeMinutes: optionalNumber(row.lead_time_minutes),
    workaroundTimeMinutes: optionalNumber(row.workaround_time_minutes),
    correctionTimeMinutes: optionalNumber(row.correction_time_minutes),
    resolutionTimeMinutes: optionalNumber(row.resolution_time_minutes),
    slaMet: row.sla_met === null ? undefined : Boolean(row.sla_met),
    impact: compact({
      organisationsAffected: optionalNumber(row.organisations_affected),
      programsAffected: optionalNumber(row.programs_affected),
      patientsAffected: optionalNumber(row.patients_affected),
      missedAlerts: optionalNumber(row.missed_alerts),
      patientsNotMonitored: optionalNumber(row.patients_not_monitored),
      patientSafetyAssessment: optional(row.patient_safety_assessment),
    }),
    workaround: optional(row.workaround),
    cause: optional(row.cause),
    solution: compact({
      correction: optional(row.solution_correction),
      correctiveAction: optional(row.solution_corrective_action),
    }),
    communication: compact({
      external: optional(row.communication_external),
      internal: optional(row.communication_internal),
    }),
    entityRefs,
    createdBy: row.created_by,
    createdAt: toIsoTimestamp(row.created_at),
    updatedAt: toIsoTimestamp(row.updated_at),
    version: Number(row.version),
  });
}

/** The columns of a postmortem's fields (not its id, links or bookkeeping). */
export function postmortemColumns(
  p: Partial<
    Omit<
      Postmortem,
      'id' | 'entityRefs' | 'createdBy' | 'createdAt' | 'updatedAt' | 'version'
    >
  >,
): Partial<PostmortemRow> {
  const columns: Partial<PostmortemRow> = {
    title: p.title,
    incident_date: p.incidentDate,
    status: p.status,
    timeline: p.timeline && JSON.stringify(p.timeline),
  };
  // Optional fields: absent from a patch means unchanged; present means set.
  const nullable = <K extends keyof PostmortemRow>(
    key: K,
    present: boolean,
    value: unknown,
  ) => {
    if (present) {
      (columns as Record<string, unknown>)[key] = value ?? null;
    }
  };
  nullable('priority', 'priority' in p, p.priority);
  nullable('classification', 'classification' in p, p.classification);
  nullable('summary', 'summary' in p, p.summary);
  nullable('lead_time_minutes', 'leadTimeMinutes' in p, p.leadTimeMinutes);
  nullable(
    'workaround_time_minutes',
    'workaroundTimeMinutes' in p,
    p.workaroundTimeMinutes,
  );
  nullable(
    'correction_time_minutes',
    'correctionTimeMinutes' in p,
    p.correctionTimeMinutes,
  );
  nullable(
    'resolution_time_minutes',
    'resolutionTimeMinutes' in p,
    p.resolutionTimeMinutes,
  );
  nullable('sla_met', 'slaMet' in p, p.slaMet);
  nullable('workaround', 'workaround' in p, p.workaround);
  nullable('cause', 'cause' in p, p.cause);
  if (p.impact) {
    nullable('organisations_affected', true, p.impact.organisationsAffected);
    nullable('programs_affected', true, p.impact.programsAffected);
    nullable('patients_affected', true, p.impact.patientsAffected);
    nullable('missed_alerts', true, p.impact.missedAlerts);
    nullable('patients_not_monitored', true, p.impact.patientsNotMonitored);
    nullable(
      'patient_safety_assessment',
      true,
      p.impact.patientSafetyAssessment,
    );
  }
  if (p.solution) {
    nullable('solution_correction', true, p.solution.correction);
    nullable('solution_corrective_action', true, p.solution.correctiveAction);
  }
  if (p.communication) {
    nullable('communication_external', true, p.communication.external);
    nullable('communication_internal', true, p.communication.internal);
  }
  return compact(columns);
}

export function toStoredCapa(
  row: CapaRow,
  links: { postmortemIds: string[]; entityRefs: string[] },
): StoredCapa {
  return compact({
    id: row.id,
    key: row.key,
    title: row.title,
    problemStatement: row.problem_statement,
    type: row.type as CapaType,
    ownerRef: row.owner_ref,
    dueDate: row.due_date,
    status: row.status as CapaStatus,
    severity: row.severity as CapaSeverity,
    rootCause: optional(row.root_cause),
    effectivenessCheck:
      row.effectiveness_result === null
        ? undefined
        : compact({
            method: row.effectiveness_method ?? '',
            criteria: row.effectiveness_criteria ?? '',
            result: row.effectiveness_result as 'effective' | 'not_effective',
            notes: optional(row.effectiveness_notes),
            verifiedBy: row.effectiveness_verified_by ?? '',
            verifiedAt: toIsoTimestamp(row.effectiveness_verified_at!),
          }),
    postmortemIds: links.postmortemIds,
    entityRefs: links.entityRefs,
    openedOn: row.opened_on,
    finishedOn: optional(row.finished_on),
    createdBy: row.created_by,
    createdAt: toIsoTimestamp(row.created_at),
    updatedAt: toIsoTimestamp(row.updated_at),
    version: Number(row.version),
  });
}

export function toStoredAction(
  row: ActionRow,
  entityRefs: string[],
): StoredAction {
  return compact({
    id: row.id,
    capaId: row.capa_id,
    capaKey: row.capa_key,
    postmortemId: optional(row.postmortem_id),
    title: row.title,
    description: optional(row.description),
    entityRefs,
    ownerRef: row.owner_ref,
    dueDate: row.due_date,
    status: row.status as ActionStatus,
    statusReason: optional(row.status_reason),
    ticketUrl: optional(row.ticket_url),
    openedOn: row.opened_on,
    finishedOn: optional(row.finished_on),
    createdBy: row.created_by,
    createdAt: toIsoTimestamp(row.created_at),
    updatedAt: toIsoTimestamp(row.updated_at),
    version: Number(row.version),
  });
}

export function toHistoryEntry(row: HistoryRow): HistoryEntry {
  return compact({
    id: String(row.id),
    recordType: row.record_type as HistoryEntry['recordType'],
    recordId: row.record_id,
    event: row.event as HistoryEntry['event'],
    actor: row.actor,
    at: toIsoTimestamp(row.at),
    changes: JSON.parse(row.changes),
    reason: optional(row.reason),
  });
}
