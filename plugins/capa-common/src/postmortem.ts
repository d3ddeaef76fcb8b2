import { z } from 'zod';
import { calendarDateSchema, CalendarDate } from './calendarDate';
import { entityRefSchema } from './entityRefs';
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
 * A postmortem as lists show it.
 *
 * @public
 */
export type PostmortemSummary = {
  id: string;
  title: string;
  incidentDate: CalendarDate;
  priority?: PostmortemPriority;
  classification?: PostmortemClassification;
  status: PostmortemStatus;
  /** The catalog entities it concerns, normalised refs. */
  entityRefs: string[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
};

/**
 * Body of `POST /postmortems`. Strict: server-owned fields (id, author,
 * version, timestamps) and unknown fields are refused, not ignored.
 *
 * @public
 */
export const createPostmortemRequestSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    incidentDate: calendarDateSchema,
    priority: z.enum(POSTMORTEM_PRIORITIES).optional(),
    classification: z.enum(POSTMORTEM_CLASSIFICATIONS).optional(),
    entityRefs: z.array(entityRefSchema).min(1).max(20),
  })
  .strict();

/** @public */
export type CreatePostmortemRequest = z.infer<
  typeof createPostmortemRequestSchema
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
