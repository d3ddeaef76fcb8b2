import { formatMinutes, formatPercent, onTimeRate } from './format';

describe('formatMinutes', () => {
  it.each([
    [undefined, '—'],
    [0, '0 min'],
    [15, '15 min'],
    [59.6, '1 h'],
    [150, '2 h 30 min'],
    [600, '10 h'],
    [1080, '18 h'],
    [1620, '1 d 3 h'],
    [1649, '1 d 3 h'],
    [2880, '2 d'],
  ])('writes %p minutes as %p', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });
});

describe('onTimeRate', () => {
  it('is the share closed on time, and none when nothing closed', () => {
    expect(onTimeRate({ closed: 4, closedOnTime: 3 })).toBe(75);
    expect(onTimeRate({ closed: 0, closedOnTime: 0 })).toBeUndefined();
    expect(formatPercent(onTimeRate({ closed: 3, closedOnTime: 2 }))).toBe(
      '67%',
    );
    expect(formatPercent(undefined)).toBe('—');
  });
});
