import type { TekunPolicy } from '../../../config/policy/sections/tekun-policy.schema';
import { monthlyFen, tekunMonthlySupport } from './support-amount';

// 崇阳县 (seed 003): rural 8,200 yuan a year, urban 1,000 yuan a month, care for no self-care 12,908 yuan a year.
// The seeds give no partial or full care figure: these two are the test's own.
const chongyang: TekunPolicy = {
  basicLiving: { urban: { fen: 100_000, per: 'month' }, rural: { fen: 820_000, per: 'year' } },
  care: { full: { fen: 0, per: 'month' }, partial: { fen: 30_000, per: 'month' }, none: { fen: 1_290_800, per: 'year' } },
};

test('a monthly amount is taken as it is; a yearly one is divided by 12 and rounded up to the fen', () => {
  expect(monthlyFen({ fen: 100_000, per: 'month' })).toBe(100_000);
  expect(monthlyFen({ fen: 820_000, per: 'year' })).toBe(68_334); // 68,333.33 → 68,334
  expect(monthlyFen({ fen: 1_290_800, per: 'year' })).toBe(107_567); // 107,566.67 → 107,567
  expect(monthlyFen({ fen: 1_200, per: 'year' })).toBe(100);
  expect(12 * monthlyFen({ fen: 820_000, per: 'year' })).toBeGreaterThanOrEqual(820_000);
  expect(() => monthlyFen({ fen: -1, per: 'month' })).toThrow(RangeError);
});

test('support is the area basic-living standard plus the care standard of the self-care level', () => {
  expect(tekunMonthlySupport(chongyang, 'rural', 'none')).toEqual({ basicLivingFen: 68_334, careFen: 107_567, totalFen: 175_901 });
  expect(tekunMonthlySupport(chongyang, 'urban', 'full')).toEqual({ basicLivingFen: 100_000, careFen: 0, totalFen: 100_000 });
  expect(tekunMonthlySupport(chongyang, 'urban', 'partial')).toEqual({ basicLivingFen: 100_000, careFen: 30_000, totalFen: 130_000 });
});
