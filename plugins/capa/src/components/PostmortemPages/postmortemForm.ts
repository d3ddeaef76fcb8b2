import {
  CreatePostmortemRequest,
  createPostmortemRequestSchema,
  Postmortem,
  PostmortemClassification,
  PostmortemPriority,
  UpdatePostmortemRequest,
  updatePostmortemRequestSchema,
} from '@internal/backstage-plugin-capa-common';
import { parseWrittenTime } from './format';

/** A duration as typed: hours and minutes. */
export type DurationValue = { hours: string; minutes: string };

/** One timeline row as typed; `written` is the stored time it was read from. */
export type TimelineRow = {
  key: string;
  at: string;
  event: string;
  written?: string;
};

/** One improvement row of a new postmortem. */
export type ImprovementRow = {
  key: string;
  title: string;
  capaId: string;
  ownerRef: string;
  dueDate: string;
};

/** The durations of a postmortem, in the order the form shows them. */
export const DURATION_FIELDS = [
  'leadTimeMinutes',
  'workaroundTimeMinutes',
  'correctionTimeMinutes',
  'resolutionTimeMinutes',
] as const;

/** A postmortem duration field. */
export type DurationField = (typeof DURATION_FIELDS)[number];

/** The counted impacts of a postmortem, in the order the form shows them. */
export const IMPACT_COUNTS = [
  'organisationsAffected',
  'programsAffected',
  'patientsAffected',
  'missedAlerts',
  'patientsNotMonitored',
] as const;

/** A counted impact field. */
export type ImpactCount = (typeof IMPACT_COUNTS)[number];

/** Everything the postmortem form holds, as the inputs hold it: text. */
export type PostmortemFormValues = {
  title: string;
  incidentDate: string;
  priority: PostmortemPriority | '';
  classification: PostmortemClassification | '';
  summary: string;
  timeline: TimelineRow[];
  durations: Record<DurationField, DurationValue>;
  slaMet: '' | 'yes' | 'no';
  impact: Record<ImpactCount, string> & { patientSafetyAssessment: string };
  workaround: string;
  cause: string;
  solution: { correction: string; correctiveAction: string };
  communication: { external: string; internal: string };
  entityRefs: string[];
  improvements: ImprovementRow[];
};

/** Messages by request path, such as `title` or `improvements.0.ownerRef`. */
export type FieldErrors = Record<string, string>;

let rowCount = 0;

/** A key for a new form row, unique for the page's lifetime. */
export function newRowKey(): string {
  rowCount += 1;
  return `row-${rowCount}`;
}

/** An empty improvement row. */
export function newImprovementRow(): ImprovementRow {
  return { key: newRowKey(), title: '', capaId: '', ownerRef: '', dueDate: '' };
}

/** An empty timeline row. */
export function newTimelineRow(): TimelineRow {
  return { key: newRowKey(), at: '', event: '' };
}

const noDuration = (): DurationValue => ({ hours: '', minutes: '' });

/** The form of a new postmortem, with the services it starts with. */
export function emptyPostmortemForm(
  entityRefs: string[] = [],
): PostmortemFormValues {
  return {
    title: '',
    incidentDate: '',
    priority: '',
    classification: '',
    summary: '',
    timeline: [],
    durations: {
      leadTimeMinutes: noDuration(),
      workaroundTimeMinutes: noDuration(),
      correctionTimeMinutes: noDuration(),
      resolutionTimeMinutes: noDuration(),
    },
    slaMet: '',
    impact: {
      organisationsAffected: '',
      programsAffected: '',
      patientsAffected: '',
      missedAlerts: '',
      patientsNotMonitored: '',
      patientSafetyAssessment: '',
    },
    workaround: '',
    cause: '',
    solution: { correction: '', correctiveAction: '' },
    communication: { external: '', internal: '' },
    entityRefs,
    improvements: [],
  };
}

/** A stored time as a `datetime-local` input holds it, as it was written. */
export function toLocalInput(at: string): string {
  const time = parseWrittenTime(at);
  return time.isValid ? time.toFormat("yyyy-MM-dd'T'HH:mm") : '';
}

function durationOf(minutes: number | undefined): DurationValue {
  if (minutes === undefined) {
    return noDuration();
  }
  return {
    hours: String(Math.floor(minutes / 60)),
    minutes: String(minutes % 60),
  };
}

function slaMetOf(value: boolean | undefined): PostmortemFormValues['slaMet'] {
  if (value === undefined) {
    return '';
  }
  return value ? 'yes' : 'no';
}

const textOf = (value: string | undefined) => value ?? '';
const countOf = (value: number | undefined) =>
  value === undefined ? '' : String(value);

/** The form of a stored postmortem, to edit it. */
export function postmortemToForm(postmortem: Postmortem): PostmortemFormValues {
  const { impact, solution, communication } = postmortem;
  return {
    title: postmortem.title,
    incidentDate: postmortem.incidentDate,
    priority: postmortem.priority ?? '',
    classification: postmortem.classification ?? '',
    summary: textOf(postmortem.summary),
    timeline: postmortem.timeline.map(entry => ({
      key: newRowKey(),
      at: toLocalInput(entry.at),
      event: entry.event,
      written: entry.at,
    })),
    durations: {
      leadTimeMinutes: durationOf(postmortem.leadTimeMinutes),
      workaroundTimeMinutes: durationOf(postmortem.workaroundTimeMinutes),
      correctionTimeMinutes: durationOf(postmortem.correctionTimeMinutes),
      resolutionTimeMinutes: durationOf(postmortem.resolutionTimeMinutes),
    },
    slaMet: slaMetOf(postmortem.slaMet),
    impact: {
      organisationsAffected: countOf(impact.organisationsAffected),
      programsAffected: countOf(impact.programsAffected),
      patientsAffected: countOf(impact.patientsAffected),
      missedAlerts: countOf(impact.missedAlerts),
      patientsNotMonitored: countOf(impact.patientsNotMonitored),
      patientSafetyAssessment: textOf(impact.patientSafetyAssessment),
    },
    workaround: textOf(postmortem.workaround),
    cause: textOf(postmortem.cause),
    solution: {
      correction: textOf(solution.correction),
      correctiveAction: textOf(solution.correctiveAction),
    },
    communication: {
      external: textOf(communication.external),
      internal: textOf(communication.internal),
    },
    entityRefs: [...postmortem.entityRefs],
    improvements: [],
  };
}

const optionalText = (value: string) => value.trim() || undefined;
const optionalChoice = <T extends string>(value: T | '') =>
  value === '' ? undefined : value;

/** Drops undefined members, so that objects compare and send as written. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, member]) => member !== undefined),
  ) as T;
}

/** The postmortem's fields of the form, converted; and what did not convert. */
type ConvertedFields = {
  fields: Omit<CreatePostmortemRequest, 'improvements'>;
  errors: FieldErrors;
};

const WHOLE_NUMBER = /^\d+$/;

function convertFields(values: PostmortemFormValues): ConvertedFields {
  const errors: FieldErrors = {};

  const count = (path: string, typed: string): number | undefined => {
    const trimmed = typed.trim();
    if (trimmed === '') {
      return undefined;
    }
    if (!WHOLE_NUMBER.test(trimmed)) {
      errors[path] = 'Enter a whole number, 0 or more';
      return undefined;
    }
    return Number(trimmed);
  };

  const durations: Partial<Record<DurationField, number>> = {};
  for (const field of DURATION_FIELDS) {
    const { hours, minutes } = values.durations[field];
    if (hours.trim() === '' && minutes.trim() === '') {
      continue;
    }
    const h = count(field, hours === '' ? '0' : hours);
    const m = count(field, minutes === '' ? '0' : minutes);
    if (h !== undefined && m !== undefined) {
      durations[field] = h * 60 + m;
    }
  }

  const timeline = values.timeline.map(row => ({
    at:
      row.written && toLocalInput(row.written) === row.at
        ? row.written
        : row.at || undefined,
    event: row.event.trim() || undefined,
  })) as CreatePostmortemRequest['timeline'];

  const fields = compact({
    title: values.title.trim(),
    incidentDate: values.incidentDate || undefined,
    priority: optionalChoice(values.priority),
    classification: optionalChoice(values.classification),
    summary: optionalText(values.summary),
    timeline,
    ...durations,
    slaMet: values.slaMet === '' ? undefined : values.slaMet === 'yes',
    impact: compact({
      organisationsAffected: count(
        'impact.organisationsAffected',
        values.impact.organisationsAffected,
      ),
      programsAffected: count(
        'impact.programsAffected',
        values.impact.programsAffected,
      ),
      patientsAffected: count(
        'impact.patientsAffected',
        values.impact.patientsAffected,
      ),
      missedAlerts: count('impact.missedAlerts', values.impact.missedAlerts),
      patientsNotMonitored: count(
        'impact.patientsNotMonitored',
        values.impact.patientsNotMonitored,
      ),
      patientSafetyAssessment: optionalText(
        values.impact.patientSafetyAssessment,
      ),
    }),
    workaround: optionalText(values.workaround),
    cause: optionalText(values.cause),
    solution: compact({
      correction: optionalText(values.solution.correction),
      correctiveAction: optionalText(values.solution.correctiveAction),
    }),
    communication: compact({
      external: optionalText(values.communication.external),
      internal: optionalText(values.communication.internal),
    }),
    entityRefs: values.entityRefs,
  }) as ConvertedFields['fields'];

  return { fields, errors };
}

type Issue = NonNullable<
  ReturnType<(typeof createPostmortemRequestSchema)['safeParse']>['error']
>['issues'][number];

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) {
      return undefined;
    }
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A schema complaint in the words of the form. */
function issueMessage(issue: Issue, input: unknown): string {
  if (valueAt(input, issue.path) === undefined) {
    return 'Required';
  }
  if (issue.path[0] === 'entityRefs' && issue.code === 'custom') {
    return 'Choose at least one component or system';
  }
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) {
        return 'Required';
      }
      return issue.origin === 'number'
        ? `Must be ${issue.minimum} or more`
        : issue.message;
    case 'too_big':
      if (issue.origin === 'string') {
        return `Keep it to ${issue.maximum} characters`;
      }
      if (issue.origin === 'array') {
        return `At most ${issue.maximum} entries`;
      }
      return issue.origin === 'number'
        ? `Must be ${issue.maximum} or less`
        : issue.message;
    case 'invalid_format':
      if (issue.format === 'uuid') {
        return 'Choose one of the list';
      }
      return issue.format === 'datetime'
        ? 'Enter a date and time'
        : issue.message;
    default:
      return issue.message;
  }
}

function issuesToErrors(issues: Issue[], input: unknown): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= issueMessage(issue, input);
  }
  return errors;
}

/** The form's improvements, converted; row numbers stay those of the form. */
function convertImprovements(values: PostmortemFormValues) {
  return values.improvements.map(row =>
    compact({
      title: row.title.trim() || undefined,
      capaId: row.capaId || undefined,
      ownerRef: row.ownerRef.trim() || undefined,
      dueDate: row.dueDate || undefined,
    }),
  ) as CreatePostmortemRequest['improvements'];
}

/** A request ready to send, or the messages of the fields that stop it. */
export type Validated<T> =
  | { request: T; errors?: undefined }
  | { request?: undefined; errors: FieldErrors };

/**
 * Checks a new postmortem with the schema the backend uses, and builds the
 * request to send.
 */
export function validateCreate(
  values: PostmortemFormValues,
): Validated<CreatePostmortemRequest> {
  const { fields, errors } = convertFields(values);
  const input = { ...fields, improvements: convertImprovements(values) };
  const parsed = createPostmortemRequestSchema.safeParse(input);
  const schemaErrors = parsed.success
    ? {}
    : issuesToErrors(parsed.error.issues, input);
  const all = { ...schemaErrors, ...errors };
  if (!parsed.success || Object.keys(all).length > 0) {
    return { errors: all };
  }
  return { request: parsed.data };
}

/** Stable text of a value: keys sorted, undefined members left out. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) =>
    member && typeof member === 'object' && !Array.isArray(member)
      ? Object.fromEntries(
          Object.entries(member as Record<string, unknown>).sort(([a], [b]) =>
            a.localeCompare(b),
          ),
        )
      : member,
  );
}

/** Fields the API cannot empty once they have a value. */
const SET_ONCE_FIELDS = [
  'priority',
  'classification',
  'summary',
  ...DURATION_FIELDS,
  'slaMet',
  'workaround',
  'cause',
] as const;

/**
 * Checks an edit, and builds a request of only the fields that changed since
 * `original` was read, with its version. `unchanged` when there is nothing to
 * send.
 */
export function validateUpdate(
  values: PostmortemFormValues,
  original: Postmortem,
): Validated<UpdatePostmortemRequest> & { unchanged?: boolean } {
  const { fields, errors } = convertFields(values);
  const changed: Record<string, unknown> = {};
  const current = fields as Record<string, unknown>;
  const stored = original as unknown as Record<string, unknown>;
  for (const [field, value] of Object.entries(current)) {
    const before =
      field === 'entityRefs' ? [...original.entityRefs].sort() : stored[field];
    const after =
      field === 'entityRefs' ? [...(value as string[])].sort() : value;
    if (canonical(before) !== canonical(after)) {
      changed[field] = value;
    }
  }
  for (const field of SET_ONCE_FIELDS) {
    if (stored[field] !== undefined && current[field] === undefined) {
      errors[field] ??= 'Once recorded this can be changed, not removed';
    }
  }
  const input = { version: original.version, ...changed };
  const parsed = updatePostmortemRequestSchema.safeParse(input);
  const schemaErrors = parsed.success
    ? {}
    : issuesToErrors(parsed.error.issues, input);
  const all = { ...schemaErrors, ...errors };
  if (!parsed.success || Object.keys(all).length > 0) {
    return { errors: all };
  }
  return {
    request: parsed.data,
    unchanged: Object.keys(changed).length === 0,
  };
}

const REQUEST_FIELDS = new Set([
  ...Object.keys(createPostmortemRequestSchema.shape),
  'version',
]);

/**
 * The fields a server's 400 names (`title: ...; improvements.0.ownerRef: ...`),
 * to show next to them.
 */
export function serverFieldErrors(message: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const part of message.replace(/^Invalid body: /, '').split('; ')) {
    const match = /^([A-Za-z]+(?:\.[A-Za-z0-9]+)*): (.+)$/.exec(part);
    if (match && REQUEST_FIELDS.has(match[1].split('.')[0])) {
      errors[match[1]] = match[2];
    }
  }
  return errors;
}

/** The message of a field, or of anything inside it (`entityRefs.2`). */
export function errorWithin(
  errors: FieldErrors,
  path: string,
): string | undefined {
  if (errors[path]) {
    return errors[path];
  }
  const inside = Object.keys(errors).find(key => key.startsWith(`${path}.`));
  return inside ? errors[inside] : undefined;
}

/** Changes the form's values; always given the latest ones. */
export type FormUpdate = (
  change: (values: PostmortemFormValues) => PostmortemFormValues,
) => void;

function setIn(target: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) {
    return value;
  }
  const [head, ...rest] = path;
  if (Array.isArray(target)) {
    const copy = [...target];
    copy[Number(head)] = setIn(copy[Number(head)], rest, value);
    return copy;
  }
  const object = target as Record<string, unknown>;
  return { ...object, [head]: setIn(object[head], rest, value) };
}

/**
 * The form's values with the input at `path` (such as `impact.missedAlerts`
 * or `timeline.2.event`) set to what was typed.
 */
export function withInput(
  values: PostmortemFormValues,
  path: string,
  typed: string,
): PostmortemFormValues {
  return setIn(values, path.split('.'), typed) as PostmortemFormValues;
}
