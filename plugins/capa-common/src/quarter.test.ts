import { lastCompleteQuarter, quarterOf, quarterRange } from './quarter';

describe('quarters', () => {
  it.each([
    ['2024-Q1', '2024-01-01', '2024-03-31'],
    ['2024-Q2', '2024-04-01', '2024-06-30'],
    ['2024-Q4', '2024-10-01', '2024-12-31'],
  ])('%s spans %s to %s', (quarter, first, last) => {
    expect(quarterRange(quarter)).toEqual({ first, last });
  });

  it('refuses what is not a quarter', () => {
    expect(() => quarterRange('2024-Q5')).toThrow(/not a quarter/);
  });

  it.each([
    ['2024-03-31', '2024-Q1'],
    ['2024-04-01', '2024-Q2'],
    ['2024-12-31', '2024-Q4'],
  ])('%s falls in %s', (date, quarter) => {
    expect(quarterOf(date)).toBe(quarter);
  });

  it.each([
    ['2026-11-22', '2026-Q3'],
    ['2026-01-01', '2025-Q4'],
    ['2026-03-31', '2025-Q4'],
    ['2026-04-01', '2026-Q1'],
  ])('on %s the last complete quarter is %s', (today, quarter) => {
    expect(lastCompleteQuarter(today)).toBe(quarter);
  });
});
