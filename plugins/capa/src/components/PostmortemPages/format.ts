import {
  postmortemLabels,
  statusLabels,
  TimelineEntry,
} from '@internal/backstage-plugin-capa-common';
import { DateTime } from 'luxon';

const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;

/**
 * A duration in whole minutes as people say it: `15 min`, `18 h`, `1 d 3 h`.
 */
export function formatMinutes(total: number): string {
  if (total === 0) {
    return '0 min';
  }
  const days = Math.floor(total / MINUTES_PER_DAY);
  const hours = Math.floor((total % MINUTES_PER_DAY) / MINUTES_PER_HOUR);
  const minutes = total % MINUTES_PER_HOUR;
  return [
    days ? `${days} d` : '',
    hours ? `${hours} h` : '',
    minutes ? `${minutes} min` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** A timeline time as it was written, in its own offset (or none). */
export function parseWrittenTime(at: string): DateTime {
  return DateTime.fromISO(at, { setZone: true });
}

/** A timeline time for reading: `2024-03-27 14:00`, as written. */
export function formatWrittenTime(at: string): string {
  const time = parseWrittenTime(at);
  return time.isValid ? time.toFormat('yyyy-MM-dd HH:mm') : at;
}

/** A server instant in the reader's own zone: `2024-04-10 10:00`. */
export function formatInstant(at: string): string {
  const time = DateTime.fromISO(at);
  return time.isValid ? time.toFormat('yyyy-MM-dd HH:mm') : at;
}

/** Timeline entries by time; entries at the same time keep their order. */
export function timelineInOrder(entries: TimelineEntry[]): TimelineEntry[] {
  return entries
    .map((entry, index) => ({
      entry,
      index,
      millis: parseWrittenTime(entry.at).toMillis(),
    }))
    .sort((a, b) =>
      a.millis === b.millis || Number.isNaN(a.millis - b.millis)
        ? a.index - b.index
        : a.millis - b.millis,
    )
    .map(item => item.entry);
}

/** Labels of every postmortem field, for the page, the form and the history. */
export const fieldLabels: Record<string, string> = {
  title: 'Title',
  incidentDate: 'Incident date',
  priority: 'Priority',
  classification: 'Classification',
  status: 'Status',
  summary: 'Summary',
  timeline: 'Timeline',
  leadTimeMinutes: 'Lead time',
  workaroundTimeMinutes: 'Workaround time',
  correctionTimeMinutes: 'Correction time',
  resolutionTimeMinutes: 'Resolution time',
  slaMet: 'SLA met',
  impact: 'Impact',
  organisationsAffected: 'Organisations affected',
  programsAffected: 'Programs affected',
  patientsAffected: 'Patients affected',
  missedAlerts: 'Missed alerts',
  patientsNotMonitored: 'Patients not monitored',
  patientSafetyAssessment: 'Patient-safety assessment',
  workaround: 'Workaround',
  cause: 'Cause',
  solution: 'Solution',
  correction: 'Correction',
  correctiveAction: 'Corrective action',
  communication: 'Communication',
  external: 'External',
  internal: 'Internal',
  entityRefs: 'Services',
  createdBy: 'Author',
};

/** A field's label, or its name spelled out when no label is known. */
export function fieldLabel(field: string): string {
  if (fieldLabels[field]) {
    return fieldLabels[field];
  }
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').toLocaleLowerCase();
  return words.charAt(0).toLocaleUpperCase() + words.slice(1);
}

function isTimelineEntry(value: unknown): value is TimelineEntry {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as TimelineEntry).at === 'string' &&
    typeof (value as TimelineEntry).event === 'string'
  );
}

function labelOf(field: string, value: string): string {
  const labels: Record<string, Record<string, string>> = {
    priority: postmortemLabels.priority,
    classification: postmortemLabels.classification,
    status: { ...statusLabels, ...postmortemLabels.status },
  };
  return labels[field]?.[value] ?? value;
}

/**
 * A recorded field value in words, for the history: labels instead of codes,
 * durations in hours, nested values as "Label: value". Empty is `—`.
 */
export function formatFieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  if (typeof value === 'boolean') {
    return value ? 'Yes' : 'No';
  }
  if (typeof value === 'number') {
    return field.endsWith('Minutes')
      ? formatMinutes(value)
      : value.toLocaleString('en-GB');
  }
  if (typeof value === 'string') {
    return labelOf(field, value);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      return '—';
    }
    return value
      .map(item =>
        isTimelineEntry(item)
          ? `${formatWrittenTime(item.at)} ${item.event}`
          : formatFieldValue(field, item),
      )
      .join(field === 'timeline' ? '; ' : ', ');
  }
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined && inner !== null)
      .map(
        ([key, inner]) => `${fieldLabel(key)}: ${formatFieldValue(key, inner)}`,
      );
    return parts.length > 0 ? parts.join('; ') : '—';
  }
  return String(value);
}
