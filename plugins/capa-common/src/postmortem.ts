import { z } from 'zod';
import { calendarDateSchema, CalendarDate } from './calendarDate';
import { entityRefListSchema, entityRefSchema } from './entityRefs';
import { newActionSchema } from './action';
import { pageQuerySchema } from './pagination';
import { quarterSchema } from './quarter';

/**
 * Priorities as the company writes them ("Prio 1" is the most urgent).
 *
 * @public
 */
export const POSTMORTEM_PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;

/** @public */
export type PostmortemPriority = (typeof POSTMORTEM_PRIORITIES)[number];

/**
 * Classifications of an incident's severity, worst first.
 *
 * @public
 */
export const POSTMORTEM_CLASSIFICATIONS = [
  'blocker',
  'critical',
  'high',
  'medium',
  'low',
] as const;

/** @public */
export type PostmortemClassification =
  (typeof POSTMORTEM_CLASSIFICATIONS)[number];

/**
 * A postmortem is drafted, published, and archived instead of deleted.
 *
 * @public
 */
export const POSTMORTEM_STATUSES = ['draft', 'published', 'archived'] as const;

/** @public */
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

/**
 * One line of a postmortem's timeline of events.
 *
 * @public
 */
export type TimelineEntry = {
  /** ISO 8601 date and time, with or without an offset, as written. */
  at: string;
  event: string;
};

/**
 * Who and what an incident affected.
 *
 * @public
 */
export type PostmortemImpact = {
  organisationsAffected?: number;
  programsAffected?: number;
  patientsAffected?: number;
  missedAlerts?: number;
  patientsNotMonitored?: number;
  patientSafetyAssessment?: string;
};

/**
 * A postmortem, with every field the company's postmortems have. Times are in
 * whole minutes. Its improvements are the actions whose `postmortemId` names
 * it.
 *
 * @public
 */
export type Postmortem = {
  id: string;
  title: string;
  incidentDate: CalendarDate;
  priority?: PostmortemPriority;
  classification?: PostmortemClassification;
  status: PostmortemStatus;
  summary?: string;
  timeline: TimelineEntry[];
  leadTimeMinutes?: number;
  workaroundTimeMinutes?: number;
  correctionTimeMinutes?: number;
  resolutionTimeMinutes?: number;
  slaMet?: boolean;
  impact: PostmortemImpact;
  workaround?: string;
  cause?: string;
  solution: { correction?: string; correctiveAction?: string };
  communication: { external?: string; internal?: string };
  /** The catalog entities it concerns, normalised refs. */
  entityRefs: string[];
  /** The author: the user who recorded it. */
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
};

const text = (max: number) => z.string().trim().min(1).max(max);
const minutes = z
  .number()
  .int()
  .min(0)
  .max(60 * 24 * 366);
const count = z.number().int().min(0).max(100_000_000);

const postmortemFields = {
  title: text(200),
  incidentDate: calendarDateSchema,
  priority: z.enum(POSTMORTEM_PRIORITIES).optional(),
  classification: z.enum(POSTMORTEM_CLASSIFICATIONS).optional(),
  summary: text(10_000).optional(),
  timeline: z
    .array(
      z
        .object({
          at: z.iso.datetime({ local: true, offset: true }),
          event: text(1000),
        })
        .strict(),
    )
    .max(200),
  leadTimeMinutes: minutes.optional(),
  workaroundTimeMinutes: minutes.optional(),
  correctionTimeMinutes: minutes.optional(),
  resolutionTimeMinutes: minutes.optional(),
  slaMet: z.boolean().optional(),
  impact: z
    .object({
      organisationsAffected: count.optional(),
      programsAffected: count.optional(),
      patientsAffected: count.optional(),
      missedAlerts: count.optional(),
      patientsNotMonitored: count.optional(),
      patientSafetyAssessment: text(5000).optional(),
    })
    .strict(),
  workaround: text(10_000).optional(),
  cause: text(10_000).optional(),
  solution: z
    .object({
      correction: text(10_000).optional(),
      correctiveAction: text(10_000).optional(),
    })
    .strict(),
  communication: z
    .object({
      external: text(10_000).optional(),
      internal: text(10_000).optional(),
    })
    .strict(),
  entityRefs: entityRefListSchema(50).refine(refs => refs.length > 0, {
    message: 'name at least one entity',
  }),
};

/**
 * Body of `POST /postmortems`. Strict: server-owned fields (id, author,
 * version, timestamps, status) and unknown fields are refused, not ignored.
 * Each improvement becomes an action under the CAPA it names, in the same
 * transaction.
 *
 * @public
 */
export const createPostmortemRequestSchema = z
  .object({
    ...postmortemFields,
    timeline: postmortemFields.timeline.default([]),
    impact: postmortemFields.impact.default({}),
    solution: postmortemFields.solution.default({}),
    communication: postmortemFields.communication.default({}),
    improvements: z
      .array(newActionSchema.extend({ capaId: z.uuid() }).strict())
      .max(50)
      .default([]),
  })
  .strict();

/** @public */
export type CreatePostmortemRequest = z.input<
  typeof createPostmortemRequestSchema
>;

/** @public */
export type ParsedCreatePostmortemRequest = z.output<
  typeof createPostmortemRequestSchema
>;

/**
 * Body of `PATCH /postmortems/:id`: the fields to change and the version they
 * were read at.
 *
 * @public
 */
export const updatePostmortemRequestSchema = z
  .object({ version: z.number().int().min(1), ...postmortemFields })
  .partial()
  .required({ version: true })
  .strict();

/** @public */
export type UpdatePostmortemRequest = z.infer<
  typeof updatePostmortemRequestSchema
>;

/**
 * Body of `POST /postmortems/:id/publish` and `/archive`.
 *
 * @public
 */
export const postmortemStatusRequestSchema = z
  .object({ version: z.number().int().min(1), reason: text(1000).optional() })
  .strict();

/** @public */
export type PostmortemStatusRequest = z.infer<
  typeof postmortemStatusRequestSchema
>;

/**
 * Query of `GET /postmortems`.
 *
 * @public
 */
export const listPostmortemsQuerySchema = pageQuerySchema
  .extend({
    entityRef: entityRefSchema.optional(),
    quarter: quarterSchema.optional(),
    status: z.enum(POSTMORTEM_STATUSES).optional(),
  })
  .strict();

/** @public */
export type ListPostmortemsQuery = z.infer<typeof listPostmortemsQuerySchema>;

/**
 * Display labels for priorities and classifications.
 *
 * @public
 */
export const postmortemLabels = {
  priority: { P1: 'Prio 1', P2: 'Prio 2', P3: 'Prio 3', P4: 'Prio 4' },
  classification: {
    blocker: 'Blocker',
    critical: 'Critical',
    high: 'High',
    medium: 'Medium',
    low: 'Low',
  },
  status: { draft: 'Draft', published: 'Published', archived: 'Archived' },
} as const;
