import { z } from 'zod';
import { CalendarDate } from './calendarDate';
import { Quarter, quarterSchema } from './quarter';

/**
 * The most rows a per-service or per-owner table of the review holds; the
 * busiest first. `truncated` says when there were more.
 *
 * @public
 */
export const REVIEW_MAX_ROWS = 100;

/**
 * A count per value, such as postmortems per priority.
 *
 * @public
 */
export type CountBy<K extends string = string> = { key: K; count: number };

/**
 * How long open records had been open at quarter end.
 *
 * @public
 */
export const AGEING_BUCKETS = ['0-30', '31-90', '91-180', '181+'] as const;

/** @public */
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

/**
 * Opened, closed and overdue figures of CAPAs or of actions in a quarter.
 * "Closed" counts closed CAPAs and done actions; cancelled and not-doing
 * count apart. "On time" means finished on or before the due date. "Overdue
 * at quarter end" judges the last day of the quarter against today's due
 * dates.
 *
 * @public
 */
export type WorkFigures = {
  opened: number;
  closed: number;
  closedOnTime: number;
  cancelled: number;
  openAtQuarterEnd: number;
  overdueAtQuarterEnd: number;
  ageing: CountBy<AgeingBucket>[];
};

/**
 * A CAPA fed by two or more postmortems, at least one of them in the
 * quarter: the same problem came back.
 *
 * @public
 */
export type RecurringCapa = {
  capaId: string;
  key: string;
  title: string;
  ownerRef: string;
  postmortemCount: number;
};

/**
 * A CAPA still open and overdue at the end of the quarter.
 *
 * @public
 */
export type OverdueCapa = {
  capaId: string;
  key: string;
  title: string;
  ownerRef: string;
  dueDate: CalendarDate;
  daysOverdue: number;
};

/**
 * The review's figures for one catalog entity.
 *
 * @public
 */
export type EntityReviewRow = {
  entityRef: string;
  postmortems: number;
  patientsAffected: number;
  actionsOpened: number;
  actionsClosed: number;
  actionsOverdueAtQuarterEnd: number;
};

/**
 * The review's figures for one owner (user or group).
 *
 * @public
 */
export type OwnerReviewRow = {
  ownerRef: string;
  capasOpened: number;
  capasClosed: number;
  actionsOpened: number;
  actionsClosed: number;
  actionsClosedOnTime: number;
  overdueAtQuarterEnd: number;
};

/**
 * The quarterly quality review: an input to the management review of the
 * quality system. Every figure is computed in SQL.
 *
 * @public
 */
export type QuarterlyReview = {
  quarter: Quarter;
  first: CalendarDate;
  last: CalendarDate;
  postmortems: {
    total: number;
    byPriority: CountBy[];
    byClassification: CountBy[];
    organisationsAffected: number;
    patientsAffected: number;
    medianLeadTimeMinutes?: number;
    medianCorrectionTimeMinutes?: number;
  };
  capas: WorkFigures;
  actions: WorkFigures;
  recurringCapas: RecurringCapa[];
  overdueCapas: OverdueCapa[];
  byEntity: { rows: EntityReviewRow[]; truncated: boolean };
  byOwner: { rows: OwnerReviewRow[]; truncated: boolean };
};

/**
 * Query of `GET /review`. Without a quarter, the server picks the last
 * complete one by its own clock.
 *
 * @public
 */
export const reviewQuerySchema = z
  .object({ quarter: quarterSchema.optional() })
  .strict();
