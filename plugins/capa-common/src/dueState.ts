import { DateTime } from 'luxon';
import { CalendarDate } from './calendarDate';
import { DueState } from './capa';
import { ActionStatus, CapaStatus, isFinished } from './lifecycle';

/**
 * The one rule of due states. A record is overdue when it is not finished and
 * today (a calendar date in the configured zone, from the server's clock) is
 * after its due date; due soon when today is within `dueSoonDays` days before
 * it. The SQL filters implement the same rule ({@link dueSoonLastDay}).
 *
 * @public
 */
export function dueStateOf(
  record: { dueDate: CalendarDate; status: CapaStatus | ActionStatus },
  today: CalendarDate,
  dueSoonDays: number,
): DueState {
  if (isFinished(record.status)) {
    return 'done';
  }
  if (today > record.dueDate) {
    return 'overdue';
  }
  return record.dueDate <= dueSoonLastDay(today, dueSoonDays)
    ? 'due_soon'
    : 'on_track';
}

/**
 * The last due date that counts as due soon on `today`: due dates from today
 * up to and including this day are due soon.
 *
 * @public
 */
export function dueSoonLastDay(
  today: CalendarDate,
  dueSoonDays: number,
): CalendarDate {
  return DateTime.fromISO(today, { zone: 'UTC' })
    .plus({ days: dueSoonDays })
    .toISODate()!;
}
