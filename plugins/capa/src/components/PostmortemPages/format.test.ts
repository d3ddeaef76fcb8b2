import {
  formatFieldValue,
  formatMinutes,
  formatWrittenTime,
  timelineInOrder,
} from './format';

describe('formatMinutes', () => {
  it.each([
    [0, '0 min'],
    [15, '15 min'],
    [90, '1 h 30 min'],
    [1080, '18 h'],
    [1620, '1 d 3 h'],
    [1440 + 5, '1 d 5 min'],
  ])('%i minutes is %s', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });
});

describe('timeline times', () => {
  it('reads a time as written, in its own offset', () => {
    expect(formatWrittenTime('2024-03-27T14:00:00+01:00')).toBe(
      '2024-03-27 14:00',
    );
    expect(formatWrittenTime('2024-03-27T14:00')).toBe('2024-03-27 14:00');
  });

  it('orders entries by the instant they name', () => {
    const late = { at: '2024-03-27T14:30:00+01:00', event: 'late' };
    const early = { at: '2024-03-27T13:15:00Z', event: 'early' };
    expect(timelineInOrder([late, early]).map(entry => entry.event)).toEqual([
      'early',
      'late',
    ]);
    const first = { at: '2024-03-27T09:00:00+01:00', event: 'first' };
    expect(timelineInOrder([late, first]).map(entry => entry.event)).toEqual([
      'first',
      'late',
    ]);
  });
});

describe('formatFieldValue', () => {
  it('puts recorded values in words, never raw data', () => {
    expect(formatFieldValue('priority', 'P1')).toBe('Prio 1');
    expect(formatFieldValue('status', 'published')).toBe('Published');
    expect(formatFieldValue('leadTimeMinutes', 1620)).toBe('1 d 3 h');
    expect(formatFieldValue('slaMet', false)).toBe('No');
    expect(formatFieldValue('summary', null)).toBe('—');
    expect(
      formatFieldValue('impact', { patientsAffected: 40, missedAlerts: 2 }),
    ).toBe('Patients affected: 40; Missed alerts: 2');
    expect(
      formatFieldValue('timeline', [
        { at: '2024-03-27T14:00:00+01:00', event: 'Alarm' },
      ]),
    ).toBe('2024-03-27 14:00 Alarm');
    expect(
      formatFieldValue('entityRefs', [
        'component:default/a',
        'component:default/b',
      ]),
    ).toBe('component:default/a, component:default/b');
  });
});
