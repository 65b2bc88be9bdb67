import { computeMonthlyBenefit, type BenefitMember } from './benefit';

/** Amounts in fen; 连云港 urban standard 535 yuan = 53500 fen per person per month. */
const STANDARD = 53_500;
const member = (monthlyIncomeFen: number, singleEnrolment = false): BenefitMember => ({ monthlyIncomeFen, singleEnrolment });

describe('差额补助 (household)', () => {
  test('3 members earning 300 + 200 + 0 yuan: 1605.00 − 500.00 = 1105.00 yuan', () => {
    const r = computeMonthlyBenefit({ standardFen: STANDARD, members: [member(30_000), member(20_000), member(0)] });
    expect(r).toEqual({
      amountFen: 110_500,
      basis: 'household',
      membersCounted: 3,
      totalIncomeFen: 50_000,
      perCapitaIncomeFen: 16_666,
      standardFen: 53_500,
      deductionsFen: 0,
    });
  });

  test('exact when per-capita income is not a whole fen: 160500 − 100001 = 60499', () => {
    const r = computeMonthlyBenefit({ standardFen: STANDARD, members: [member(100_001), member(0), member(0)] });
    expect(r.amountFen).toBe(60_499);
    expect(r.perCapitaIncomeFen).toBe(33_333);
    expect(r.totalIncomeFen).toBe(100_001);
    // Rounding per-capita first would give (53500 − 33333) × 3 = 60501 or (53500 − 33334) × 3 = 60498: both wrong.
    expect(r.amountFen).not.toBe(60_501);
    expect(r.amountFen).not.toBe(60_498);
  });

  test('one person with no income gets the whole standard', () => {
    expect(computeMonthlyBenefit({ standardFen: STANDARD, members: [member(0)] })).toMatchObject({
      amountFen: 53_500,
      basis: 'household',
      membersCounted: 1,
    });
  });

  test('one fen below the line still pays one fen', () => {
    const r = computeMonthlyBenefit({ standardFen: STANDARD, members: [member(53_499)] });
    expect(r).toMatchObject({ amountFen: 1, basis: 'household' });
  });

  test('income exactly at the line pays nothing', () => {
    const r = computeMonthlyBenefit({ standardFen: STANDARD, members: [member(60_000), member(47_000)] });
    expect(r).toMatchObject({ amountFen: 0, basis: 'none', membersCounted: 0, totalIncomeFen: 107_000, perCapitaIncomeFen: 53_500 });
  });

  test('income exactly at the line with a 单人保 member pays that member alone', () => {
    const r = computeMonthlyBenefit({ standardFen: STANDARD, members: [member(107_000), member(0, true)] });
    expect(r).toMatchObject({ amountFen: 53_500, basis: 'single_person', membersCounted: 1 });
  });
});

describe('单人保 (severely disabled adult)', () => {
  test('household above the line: standard − own income, one person', () => {
    // Household: 2 × 53500 = 107000 < 100000 + 200000, so no household benefit.
    const r = computeMonthlyBenefit({ standardFen: STANDARD, members: [member(10_000, true), member(200_000)] });
    expect(r).toMatchObject({ amountFen: 43_500, basis: 'single_person', membersCounted: 1, totalIncomeFen: 210_000 });
  });

  test('two such members are each paid standard − own income', () => {
    // (53500 − 0) + (53500 − 20000) = 87000; household 3 × 53500 = 160500 < 320000.
    const r = computeMonthlyBenefit({
      standardFen: STANDARD,
      members: [member(0, true), member(20_000, true), member(300_000)],
    });
    expect(r).toMatchObject({ amountFen: 87_000, basis: 'single_person', membersCounted: 2 });
  });

  test('a member whose own income is above the standard adds nothing', () => {
    const r = computeMonthlyBenefit({
      standardFen: STANDARD,
      members: [member(60_000, true), member(5_000, true), member(400_000)],
    });
    expect(r).toMatchObject({ amountFen: 48_500, basis: 'single_person', membersCounted: 1 });
    const none = computeMonthlyBenefit({ standardFen: STANDARD, members: [member(60_000, true), member(400_000)] });
    expect(none).toMatchObject({ amountFen: 0, basis: 'none', membersCounted: 0 });
  });

  test('a household below the line is paid as a household even with a 单人保 member', () => {
    const r = computeMonthlyBenefit({ standardFen: STANDARD, members: [member(0, true), member(50_000)] });
    expect(r).toMatchObject({ amountFen: 57_000, basis: 'household', membersCounted: 2 });
  });
});

describe('deductions (rigid expenses, costs of work)', () => {
  test('reduce the income before the gap is computed', () => {
    const without = computeMonthlyBenefit({ standardFen: STANDARD, members: [member(80_000), member(0)] });
    expect(without.amountFen).toBe(27_000);
    const r = computeMonthlyBenefit({ standardFen: STANDARD, members: [member(80_000), member(0)], deductionsFen: 20_000 });
    expect(r).toMatchObject({ amountFen: 47_000, totalIncomeFen: 60_000, perCapitaIncomeFen: 30_000, deductionsFen: 20_000 });
  });

  test('can bring a household back under the line', () => {
    const r = computeMonthlyBenefit({ standardFen: STANDARD, members: [member(110_000), member(0)], deductionsFen: 10_000 });
    expect(r).toMatchObject({ amountFen: 7_000, basis: 'household' });
  });

  test('never make income negative', () => {
    const r = computeMonthlyBenefit({ standardFen: STANDARD, members: [member(10_000)], deductionsFen: 30_000 });
    expect(r).toMatchObject({ amountFen: 53_500, totalIncomeFen: 0 });
  });
});

describe('malformed money', () => {
  test.each([535.5, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('standardFen %p throws RangeError', (v) => {
    expect(() => computeMonthlyBenefit({ standardFen: v, members: [member(0)] })).toThrow(RangeError);
  });

  test.each([0.5, -100, Number.NaN, Number.MAX_SAFE_INTEGER + 1])('member income %p throws RangeError', (v) => {
    expect(() => computeMonthlyBenefit({ standardFen: STANDARD, members: [member(0), member(v)] })).toThrow(
      /members\[1\]\.monthlyIncomeFen/,
    );
  });

  test.each([1.25, -1, Number.NaN])('deductions %p throw RangeError', (v) => {
    expect(() => computeMonthlyBenefit({ standardFen: STANDARD, members: [member(0)], deductionsFen: v })).toThrow(RangeError);
  });

  test('an empty household throws', () => {
    expect(() => computeMonthlyBenefit({ standardFen: STANDARD, members: [] })).toThrow(RangeError);
  });
});

describe("单人保 under a region's household-income ceiling", () => {
  // Two members, standard 535 yuan: a ceiling of 2 × the standard is 2 × 535 × 2 = 2140 yuan of household income.
  const ceiling = 214_000;
  test('below the ceiling (低于, strict) the disabled member is enrolled alone', () => {
    const r = computeMonthlyBenefit({ standardFen: STANDARD, members: [member(10_000, true), member(203_999)], singleEnrolmentCeilingFen: ceiling });
    expect(r).toMatchObject({ basis: 'single_person', amountFen: 43_500 });
  });
  test('at or above the ceiling nobody is enrolled alone', () => {
    expect(computeMonthlyBenefit({ standardFen: STANDARD, members: [member(10_000, true), member(204_000)], singleEnrolmentCeilingFen: ceiling })).toMatchObject({ basis: 'none', amountFen: 0 });
    expect(computeMonthlyBenefit({ standardFen: STANDARD, members: [member(10_000, true), member(900_000)], singleEnrolmentCeilingFen: ceiling })).toMatchObject({ basis: 'none' });
  });
});
