import { z } from 'zod';
import {
  CalendarDate,
  calendarDateSchema,
  dueDateNeedsReason,
} from './calendarDate';
import { DueState } from './capa';
import { entityRefListSchema, entityRefSchema } from './entityRefs';
import { ACTION_TRANSITIONS, ActionStatus } from './lifecycle';

/**
 * An action under a CAPA record: one improvement, owned and due.
 *
 * @public
 */
export type CapaAction = {
  id: string;
  capaId: string;
  /** The key of its CAPA, such as `CAPA-3`. */
  capaKey: string;
  /** The postmortem it came from, if any. */
  postmortemId?: string;
  title: string;
  description?: string;
  entityRefs: string[];
  ownerRef: string;
  dueDate: CalendarDate;
  status: ActionStatus;
  /** Why it is not being done, or why it was reopened. */
  statusReason?: string;
  ticketUrl?: string;
  dueState: DueState;
  /** The day it was opened, in the configured zone. */
  openedOn: CalendarDate;
  /** The day it was done or dropped, in the configured zone. */
  finishedOn?: CalendarDate;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
};

const text = (max: number) => z.string().trim().min(1).max(max);
const ticketUrlSchema = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .max(2000);

/**
 * The fields of a new action, as a postmortem's improvement or on its own.
 *
 * @public
 */
export const newActionSchema = z
  .object({
    title: text(200),
    description: text(5000).optional(),
    ownerRef: entityRefSchema,
    dueDate: calendarDateSchema,
    entityRefs: entityRefListSchema(50).optional(),
    ticketUrl: ticketUrlSchema.optional(),
  })
  .strict();

/**
 * Body of `POST /actions`.
 *
 * @public
 */
export const createActionRequestSchema = newActionSchema
  .extend({
    capaId: z.uuid(),
    postmortemId: z.uuid().optional(),
  })
  .strict();

/** @public */
export type CreateActionRequest = z.infer<typeof createActionRequestSchema>;

/**
 * Body of `PATCH /actions/:id`. A new due date needs `dueDateReason`.
 *
 * @public
 */
export const updateActionRequestSchema = z
  .object({
    version: z.number().int().min(1),
    title: text(200).optional(),
    description: text(5000).optional(),
    ownerRef: entityRefSchema.optional(),
    dueDate: calendarDateSchema.optional(),
    dueDateReason: text(1000).optional(),
    entityRefs: entityRefListSchema(50).optional(),
    ticketUrl: ticketUrlSchema.optional(),
  })
  .strict()
  .refine(...dueDateNeedsReason);

/** @public */
export type UpdateActionRequest = z.infer<typeof updateActionRequestSchema>;

/**
 * Body of `POST /actions/:id/transitions`.
 *
 * @public
 */
export const actionTransitionRequestSchema = z
  .object({
    version: z.number().int().min(1),
    transition: z.enum(
      Object.keys(ACTION_TRANSITIONS) as [keyof typeof ACTION_TRANSITIONS],
    ),
    reason: text(1000).optional(),
  })
  .strict()
  .refine(
    body =>
      !ACTION_TRANSITIONS[body.transition].reasonRequired || !!body.reason,
    {
      message: 'this move needs a reason',
      path: ['reason'],
    },
  );

/** @public */
export type ActionTransitionRequest = z.infer<
  typeof actionTransitionRequestSchema
>;
