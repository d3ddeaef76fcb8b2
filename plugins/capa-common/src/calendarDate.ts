import { DateTime } from 'luxon';
import { z } from 'zod';

/**
 * A calendar date, `YYYY-MM-DD`, with no time and no time zone: due dates and
 * incident dates are days, and stay strings end to end so that no clock or
 * zone can shift them.
 *
 * @public
 */
export type CalendarDate = string;

/**
 * Whether a string is a real calendar date in `YYYY-MM-DD` form (so `2024-02-30`
 * is not).
 *
 * @public
 */
export function isCalendarDate(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    DateTime.fromISO(value, { zone: 'UTC' }).isValid
  );
}

/**
 * Zod schema of a calendar date.
 *
 * @public
 */
export const calendarDateSchema = z
  .string()
  .refine(isCalendarDate, { message: 'must be a real date as YYYY-MM-DD' });

/**
 * Today's calendar date in a time zone, from an instant. The backend passes its
 * own clock; nothing the browser sends decides what today is.
 *
 * @public
 */
export function calendarDateInZone(
  instant: Date,
  timeZone: string,
): CalendarDate {
  const date = DateTime.fromJSDate(instant, { zone: timeZone });
  if (!date.isValid) {
    throw new Error(`Invalid time zone '${timeZone}'`);
  }
  return date.toISODate()!;
}

/**
 * The rule that a due date changes only with a reason, for update schemas.
 *
 * @public
 */
export const dueDateNeedsReason: [
  (body: { dueDate?: string; dueDateReason?: string }) => boolean,
  { message: string; path: string[] },
] = [
  body => body.dueDate === undefined || body.dueDateReason !== undefined,
  { message: 'a new due date needs a reason', path: ['dueDateReason'] },
];
