import { calendarDateInZone, isCalendarDate } from './calendarDate';
import { normalizeEntityRef, entityRefSchema } from './entityRefs';

describe('calendar dates', () => {
  it.each(['2024-02-29', '2023-12-31'])('%s is a date', value => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each(['2023-02-29', '2024-13-01', '10-04-2023', '2024-4-1', ''])(
    '%s is not a date',
    value => {
      expect(isCalendarDate(value)).toBe(false);
    },
  );

  it('decides the day in the configured zone, not the process zone', () => {
    // 23:30 UTC on 31 March is already 1 April in Amsterdam (UTC+2 in summer).
    const instant = new Date('2024-03-31T23:30:00Z');
    expect(calendarDateInZone(instant, 'Europe/Amsterdam')).toBe('2024-04-01');
    expect(calendarDateInZone(instant, 'America/New_York')).toBe('2024-03-31');
  });

  it('refuses an unknown zone', () => {
    expect(() => calendarDateInZone(new Date(), 'Mars/Olympus')).toThrow(
      /Invalid time zone/,
    );
  });
});

describe('entity refs', () => {
  it('normalises kind, namespace and case', () => {
    expect(normalizeEntityRef('Component:clinical-engine')).toBe(
      'component:default/clinical-engine',
    );
    expect(normalizeEntityRef('group:default/Quality')).toBe(
      'group:default/quality',
    );
  });

  it('refuses a ref without a kind, naming it', () => {
    const result = entityRefSchema.safeParse('clinical-engine');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toContain("'clinical-engine'");
  });
});
