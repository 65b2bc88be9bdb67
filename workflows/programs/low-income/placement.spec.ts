import { placeHousehold } from './placement';

// 830 yuan standard, two members: the line is 1,660 yuan, 1.5 × is 2,490 yuan.
const base = { standardFen: 83_000, members: 2, multiplier: 1.5, assetsWithinLimits: true };

test.each([
  [165_999, 'dibao'],
  [166_000, 'none'], // at the standard: not 低于 it, not 高于 it
  [166_001, 'low_income'],
  [248_999, 'low_income'],
  [249_000, 'none'], // at 1.5 ×: not 低于 it
  [300_000, 'none'],
])('income %i fen for two places the household in %s', (totalIncomeFen, placement) => {
  expect(placeHousehold({ ...base, totalIncomeFen })).toBe(placement);
});

test('assets above the 低保 limits place a household in neither program, whatever its income', () => {
  expect(placeHousehold({ ...base, totalIncomeFen: 200_000, assetsWithinLimits: false })).toBe('none');
  expect(placeHousehold({ ...base, totalIncomeFen: 100_000, assetsWithinLimits: false })).toBe('none');
});

test('the region sets the multiplier', () => {
  expect(placeHousehold({ ...base, totalIncomeFen: 300_000, multiplier: 2 })).toBe('low_income');
  expect(() => placeHousehold({ ...base, members: 0, totalIncomeFen: 1 })).toThrow(RangeError);
});
