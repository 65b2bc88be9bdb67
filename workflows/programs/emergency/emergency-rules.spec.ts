import { amountCeilingFen, approvalTier, assistanceCause, ledgerYear, townshipLimitFen } from './emergency-rules';

const standards = { urbanFen: 60_000, ruralFen: 45_000 };
const policy = { townshipDecisionHours: 24, countyDecisionHours: 24, townshipLimitMonths: 3, followUpDays: 10, reserveFundPerResidentFen: 200 };

describe('approvalTier', () => {
  test('up to three months of the urban standard the township decides alone', () => {
    expect(townshipLimitFen(standards, policy)).toBe(180_000);
    expect(approvalTier(180_000, standards, policy)).toBe('township');
    expect(approvalTier(1, standards, policy)).toBe('township');
  });

  test('one fen above the limit needs the county', () => {
    expect(approvalTier(180_001, standards, policy)).toBe('county');
  });

  test('fractional months are counted in tenths without floating error', () => {
    const p = { ...policy, townshipLimitMonths: 1.1 };
    expect(townshipLimitFen({ urbanFen: 83_000, ruralFen: 63_000 }, p)).toBe(91_300);
    expect(approvalTier(91_300, { urbanFen: 83_000, ruralFen: 63_000 }, p)).toBe('township');
    expect(approvalTier(91_301, { urbanFen: 83_000, ruralFen: 63_000 }, p)).toBe('county');
  });

  test('yuan with decimals and non-positive amounts are refused', () => {
    expect(() => approvalTier(1500.5, standards, policy)).toThrow(RangeError);
    expect(() => approvalTier(0, standards, policy)).toThrow(RangeError);
    expect(() => approvalTier(100, { urbanFen: 600.5, ruralFen: 1 }, policy)).toThrow(RangeError);
  });
});

test('the ledger year is the calendar year in China', () => {
  expect(ledgerYear(Date.UTC(2026, 11, 31, 15, 59))).toBe(2026);
  expect(ledgerYear(Date.UTC(2026, 11, 31, 16, 0))).toBe(2027);
});

describe('临时救助 amount tiers', () => {
  const standards = { urbanFen: 83_000, ruralFen: 63_000 };
  const tiers = { fire: { monthsPerPerson: 1.5, maxMonths: 6 }, expense: { monthsPerPerson: 1, maxMonths: 3 } };

  test('months of the urban standard per person, up to the most for a household, to the fen', () => {
    expect(amountCeilingFen(standards, tiers, 'fire', 1)).toBe(124_500);
    expect(amountCeilingFen(standards, tiers, 'fire', 3)).toBe(373_500);
    expect(amountCeilingFen(standards, tiers, 'fire', 5)).toBe(498_000);
    expect(amountCeilingFen(standards, tiers, assistanceCause('expense', 'illness'), 2)).toBe(166_000);
  });

  test('no tier for the cause, or none set: no ceiling', () => {
    expect(amountCeilingFen(standards, tiers, assistanceCause('urgent', 'illness'), 2)).toBeUndefined();
    expect(amountCeilingFen(standards, undefined, 'fire', 2)).toBeUndefined();
    expect(() => amountCeilingFen(standards, tiers, 'fire', 0)).toThrow(RangeError);
  });
});
