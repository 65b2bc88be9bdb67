import { ageOn } from './age';

test('a year is complete on the birthday, not the day before', () => {
  expect(ageOn('2008-11-30', '2026-11-30')).toBe(18);
  expect(ageOn('2008-12-01', '2026-11-30')).toBe(17);
  expect(ageOn('2008-11-29', '2026-11-30')).toBe(18);
});

test('a later month of the birth year counts as not yet reached', () => {
  expect(ageOn('1970-12-31', '2026-01-01')).toBe(55);
  expect(ageOn('1970-01-01', '2026-12-31')).toBe(56);
});

test('born on 29 February: a year older on 1 March of a common year', () => {
  expect(ageOn('2012-02-29', '2026-02-28')).toBe(13);
  expect(ageOn('2012-02-29', '2026-03-01')).toBe(14);
  expect(ageOn('2012-02-29', '2028-02-29')).toBe(16);
});

test('on the day of birth the age is 0', () => {
  expect(ageOn('2026-11-30', '2026-11-30')).toBe(0);
});
