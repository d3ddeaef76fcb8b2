import { DateTime } from 'luxon';
import { z } from 'zod';
import { CalendarDate } from './calendarDate';

/**
 * A calendar quarter such as `2024-Q2`.
 *
 * @public
 */
export type Quarter = string;

/**
 * The first and last calendar day of a quarter, both inclusive.
 *
 * @public
 */
export type QuarterRange = { first: CalendarDate; last: CalendarDate };

const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

/**
 * Zod schema of a quarter (`YYYY-Qn`).
 *
 * @public
 */
export const quarterSchema = z
  .string()
  .regex(QUARTER_PATTERN, { message: 'must be a quarter like 2024-Q2' });

/**
 * The days a quarter spans.
 *
 * @public
 */
export function quarterRange(quarter: Quarter): QuarterRange {
  const match = QUARTER_PATTERN.exec(quarter);
  if (!match) {
    throw new Error(`'${quarter}' is not a quarter like 2024-Q2`);
  }
  const start = DateTime.utc(
    Number(match[1]),
    (Number(match[2]) - 1) * 3 + 1,
    1,
  );
  return {
    first: start.toISODate()!,
    last: start.plus({ months: 3 }).minus({ days: 1 }).toISODate()!,
  };
}

/**
 * The quarter a calendar day falls in.
 *
 * @public
 */
export function quarterOf(date: CalendarDate): Quarter {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  return `${day.year}-Q${day.quarter}`;
}

/**
 * The last quarter that has ended on a given day: the default of the quarterly
 * review.
 *
 * @public
 */
export function lastCompleteQuarter(today: CalendarDate): Quarter {
  const day = DateTime.fromISO(today, { zone: 'UTC' });
  return quarterOf(day.startOf('quarter').minus({ days: 1 }).toISODate()!);
}
