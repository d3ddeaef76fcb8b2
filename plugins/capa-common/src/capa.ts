import { z } from 'zod';
import {
  CalendarDate,
  calendarDateSchema,
  dueDateNeedsReason,
} from './calendarDate';
import { entityRefListSchema, entityRefSchema } from './entityRefs';
import { CAPA_TRANSITIONS, CapaStatus, CAPA_STATUSES } from './lifecycle';
import { pageQuerySchema } from './pagination';
import { quarterSchema } from './quarter';

/**
 * Whether a CAPA corrects what happened, prevents what could, or both.
 *
 * @public
 */
export const CAPA_TYPES = ['corrective', 'preventive', 'both'] as const;

/** @public */
export type CapaType = (typeof CAPA_TYPES)[number];

/**
 * Risk or severity of the problem a CAPA addresses.
 *
 * @public
 */
export const CAPA_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** @public */
export type CapaSeverity = (typeof CAPA_SEVERITIES)[number];

/**
 * Due states, decided by the server's clock in the configured zone.
 *
 * @public
 */
export const DUE_STATES = ['on_track', 'due_soon', 'overdue', 'done'] as const;

/** @public */
export type DueState = (typeof DUE_STATES)[number];

/**
 * How a CAPA was checked for effectiveness. `verifiedBy` and `verifiedAt` are
 * the caller and the server's time, never the client's.
 *
 * @public
 */
export type EffectivenessCheck = {
  method: string;
  criteria: string;
  result: 'effective' | 'not_effective';
  notes?: string;
  verifiedBy: string;
  verifiedAt: string;
};

/**
 * A CAPA record.
 *
 * @public
 */
export type CapaRecord = {
  id: string;
  /** `CAPA-N`, assigned by the server and never reused. */
  key: string;
  title: string;
  problemStatement: string;
  type: CapaType;
  ownerRef: string;
  dueDate: CalendarDate;
  status: CapaStatus;
  severity: CapaSeverity;
  rootCause?: string;
  effectivenessCheck?: EffectivenessCheck;
  /** Postmortems linked directly. */
  postmortemIds: string[];
  /** Entities linked directly. */
  entityRefs: string[];
  dueState: DueState;
  /** The day it was opened, in the configured zone. */
  openedOn: CalendarDate;
  /** The day it was closed or cancelled, in the configured zone. */
  finishedOn?: CalendarDate;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
};

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * Body of `POST /capas`.
 *
 * @public
 */
export const createCapaRequestSchema = z
  .object({
    title: text(200),
    problemStatement: text(5000),
    type: z.enum(CAPA_TYPES),
    ownerRef: entityRefSchema,
    dueDate: calendarDateSchema,
    severity: z.enum(CAPA_SEVERITIES),
    rootCause: text(5000).optional(),
    postmortemIds: z
      .array(z.uuid())
      .max(50)
      .transform(ids => [...new Set(ids)].sort())
      .default([]),
    entityRefs: entityRefListSchema(50).default([]),
  })
  .strict();

/** @public */
export type CreateCapaRequest = z.infer<typeof createCapaRequestSchema>;

/**
 * Body of `PATCH /capas/:id`: the fields to change and the version they were
 * read at. A new due date needs `dueDateReason`.
 *
 * @public
 */
export const updateCapaRequestSchema = z
  .object({
    version: z.number().int().min(1),
    title: text(200).optional(),
    problemStatement: text(5000).optional(),
    type: z.enum(CAPA_TYPES).optional(),
    ownerRef: entityRefSchema.optional(),
    dueDate: calendarDateSchema.optional(),
    dueDateReason: text(1000).optional(),
    severity: z.enum(CAPA_SEVERITIES).optional(),
    rootCause: text(5000).optional(),
    postmortemIds: z
      .array(z.uuid())
      .max(50)
      .transform(ids => [...new Set(ids)].sort())
      .optional(),
    entityRefs: entityRefListSchema(50).optional(),
  })
  .strict()
  .refine(...dueDateNeedsReason);

/** @public */
export type UpdateCapaRequest = z.infer<typeof updateCapaRequestSchema>;

/**
 * Body of `POST /capas/:id/transitions`.
 *
 * @public
 */
export const capaTransitionRequestSchema = z
  .object({
    version: z.number().int().min(1),
    transition: z.enum(
      Object.keys(CAPA_TRANSITIONS) as [keyof typeof CAPA_TRANSITIONS],
    ),
    reason: text(1000).optional(),
    effectivenessCheck: z
      .object({
        method: text(2000),
        criteria: text(2000),
        result: z.enum(['effective', 'not_effective']),
        notes: text(5000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (CAPA_TRANSITIONS[body.transition].reasonRequired && !body.reason) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: `${body.transition} needs a reason`,
      });
    }
    if (body.transition === 'recordEffectiveness' && !body.effectivenessCheck) {
      ctx.addIssue({
        code: 'custom',
        path: ['effectivenessCheck'],
        message:
          'recording the effectiveness check needs its method, criteria and result',
      });
    }
    if (body.transition !== 'recordEffectiveness' && body.effectivenessCheck) {
      ctx.addIssue({
        code: 'custom',
        path: ['effectivenessCheck'],
        message: 'only recordEffectiveness takes an effectiveness check',
      });
    }
  });

/** @public */
export type CapaTransitionRequest = z.infer<typeof capaTransitionRequestSchema>;

/**
 * Query of `GET /capas` and `GET /actions`: who owns it, what it concerns,
 * where it stands.
 *
 * @public
 */
export const workListQuerySchema = pageQuerySchema
  .extend({
    entityRef: entityRefSchema.optional(),
    /** A user or group ref, or `mine`: the caller and the caller's groups. */
    owner: z.union([z.literal('mine'), entityRefSchema]).optional(),
    status: z.enum([...CAPA_STATUSES, 'done', 'not_doing'] as const).optional(),
    dueState: z.enum(['overdue', 'due_soon']).optional(),
    quarter: quarterSchema.optional(),
    capaId: z.uuid().optional(),
    postmortemId: z.uuid().optional(),
  })
  .strict();

/** @public */
export type WorkListQuery = z.infer<typeof workListQuerySchema>;

/**
 * Severity labels.
 *
 * @public
 */
export const capaLabels = {
  type: {
    corrective: 'Corrective',
    preventive: 'Preventive',
    both: 'Corrective and preventive',
  },
  severity: {
    low: 'Low',
    medium: 'Medium',
    high: 'High',
    critical: 'Critical',
  },
  dueState: {
    on_track: 'On track',
    due_soon: 'Due soon',
    overdue: 'Overdue',
    done: 'Done',
  },
} as const;

/**
 * Counts of the actions matching a filter, by where they stand: what the
 * service tab and card show on top.
 *
 * @public
 */
export type WorkSummary = {
  open: number;
  overdue: number;
  dueSoon: number;
  closedThisQuarter: number;
};

/**
 * Query of `GET /actions/summary`: a list query's filters, without paging.
 *
 * @public
 */
export const workSummaryQuerySchema = workListQuerySchema.omit({
  limit: true,
  cursor: true,
  dueState: true,
  status: true,
});
