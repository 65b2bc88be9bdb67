import { addMonths, monthOf, monthStart, monthsBetween } from './months';

describe('months in Asia/Shanghai', () => {
  test('a month starts at 00:00 Shanghai, which is 16:00 UTC the day before', () => {
    expect(new Date(monthStart('2027-01')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(monthOf(Date.parse('2026-12-31T15:59:59Z'))).toBe('2026-12');
    expect(monthOf(Date.parse('2026-12-31T16:00:00Z'))).toBe('2027-01');
  });

  test('month arithmetic crosses years both ways', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2027-01', -13)).toBe('2025-12');
    expect(addMonths('2026-06', 24)).toBe('2028-06');
    expect(monthsBetween('2026-11', '2028-02')).toBe(15);
    expect(monthsBetween('2027-02', '2026-12')).toBe(-2);
    expect(() => addMonths('2026-13', 1)).toThrow(RangeError);
  });
});
