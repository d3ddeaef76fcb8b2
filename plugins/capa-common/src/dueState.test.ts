import { calendarDateInZone } from './calendarDate';
import { dueSoonLastDay, dueStateOf } from './dueState';

/** Due state of an open record due `dueDate`, at a server instant, in a zone. */
function stateAt(
  instant: string,
  timeZone: string,
  dueDate: string,
  dueSoonDays = 7,
) {
  const today = calendarDateInZone(new Date(instant), timeZone);
  return dueStateOf({ dueDate, status: 'open' }, today, dueSoonDays);
}

describe('due state, on one clock in one zone', () => {
  it.each([
    // Due 2026-11-22 in Amsterdam (UTC+1 in November).
    [
      'last second of the due day',
      '2026-11-22T22:59:59Z',
      'Europe/Amsterdam',
      '2026-11-22',
      'due_soon',
    ],
    [
      'first second after it',
      '2026-11-22T23:00:00Z',
      'Europe/Amsterdam',
      '2026-11-22',
      'overdue',
    ],
    // The same instants are still the 22nd in New York.
    [
      'same instant in New York',
      '2026-11-22T23:00:00Z',
      'America/New_York',
      '2026-11-22',
      'due_soon',
    ],
    [
      'New York midnight',
      '2026-11-23T05:00:00Z',
      'America/New_York',
      '2026-11-22',
      'overdue',
    ],
    // Europe/Amsterdam springs forward on 29 March 2026 (02:00 -> 03:00).
    [
      'Amsterdam DST start, last second',
      '2026-03-29T21:59:59Z',
      'Europe/Amsterdam',
      '2026-03-29',
      'due_soon',
    ],
    [
      'Amsterdam DST start, next day',
      '2026-03-29T22:00:00Z',
      'Europe/Amsterdam',
      '2026-03-29',
      'overdue',
    ],
    // ...and falls back on 25 October 2026 (03:00 -> 02:00): a 25-hour day.
    [
      'Amsterdam DST end, 24h in',
      '2026-10-25T22:30:00Z',
      'Europe/Amsterdam',
      '2026-10-25',
      'due_soon',
    ],
    [
      'Amsterdam DST end, over',
      '2026-10-25T23:00:00Z',
      'Europe/Amsterdam',
      '2026-10-25',
      'overdue',
    ],
    // America/New_York: 8 March 2026 springs forward, 1 November falls back.
    [
      'New York DST start, last second',
      '2026-03-09T03:59:59Z',
      'America/New_York',
      '2026-03-08',
      'due_soon',
    ],
    [
      'New York DST start, over',
      '2026-03-09T04:00:00Z',
      'America/New_York',
      '2026-03-08',
      'overdue',
    ],
    [
      'New York DST end, last second',
      '2026-11-02T04:59:59Z',
      'America/New_York',
      '2026-11-01',
      'due_soon',
    ],
    [
      'New York DST end, over',
      '2026-11-02T05:00:00Z',
      'America/New_York',
      '2026-11-01',
      'overdue',
    ],
    // 29 February exists in 2028.
    [
      'leap day itself',
      '2028-02-29T12:00:00Z',
      'Europe/Amsterdam',
      '2028-02-29',
      'due_soon',
    ],
    [
      'day after a leap day',
      '2028-03-01T00:00:00Z',
      'Europe/Amsterdam',
      '2028-02-29',
      'overdue',
    ],
    [
      'due soon across a leap day',
      '2028-02-23T12:00:00Z',
      'Europe/Amsterdam',
      '2028-03-01',
      'due_soon',
    ],
    [
      'on track before the window',
      '2028-02-22T12:00:00Z',
      'Europe/Amsterdam',
      '2028-03-01',
      'on_track',
    ],
  ])('%s', (_, instant, zone, dueDate, expected) => {
    expect(stateAt(instant, zone, dueDate)).toBe(expected);
  });

  it('treats finished records as done, however late', () => {
    expect(
      dueStateOf({ dueDate: '2020-01-01', status: 'closed' }, '2026-11-22', 7),
    ).toBe('done');
    expect(
      dueStateOf(
        { dueDate: '2020-01-01', status: 'not_doing' },
        '2026-11-22',
        7,
      ),
    ).toBe('done');
  });

  it('counts the window inclusively: today + N is due soon, today + N + 1 is not', () => {
    expect(dueSoonLastDay('2026-12-28', 7)).toBe('2027-01-04');
    expect(
      dueStateOf({ dueDate: '2027-01-04', status: 'open' }, '2026-12-28', 7),
    ).toBe('due_soon');
    expect(
      dueStateOf({ dueDate: '2027-01-05', status: 'open' }, '2026-12-28', 7),
    ).toBe('on_track');
    expect(
      dueStateOf({ dueDate: '2026-12-28', status: 'open' }, '2026-12-28', 0),
    ).toBe('due_soon');
  });

  it('does not depend on the time zone of the process', () => {
    const original = process.env.TZ;
    const results: string[] = [];
    try {
      for (const tz of [
        'UTC',
        'Pacific/Kiritimati',
        'America/Los_Angeles',
        'Asia/Kolkata',
      ]) {
        process.env.TZ = tz;
        // The process's own idea of the day differs; the configured zone's does not.
        results.push(
          stateAt('2026-11-22T23:30:00Z', 'Europe/Amsterdam', '2026-11-22'),
        );
      }
    } finally {
      process.env.TZ = original;
    }
    expect(results).toEqual(['overdue', 'overdue', 'overdue', 'overdue']);
  });
});
