import { assess, reReviewInterval, type AssessInput } from './lifecycle';

const lifecycle = {
  gradualExit: { multiplier: 2, months: 6 },
  reReviewMonths: { stable: 12, working_age: 6, other: 3 },
  economicCheckMonths: 6,
  deductions: { rigidExpenses: true, workCosts: false },
};

describe('re-review', () => {
  test('the re-review interval comes from the category', () => {
    expect(reReviewInterval(lifecycle, 'stable')).toBe(12);
    expect(reReviewInterval(lifecycle, 'working_age')).toBe(6);
    expect(reReviewInterval(lifecycle, 'other')).toBe(3);
  });
});

describe('assess', () => {
  // Standard 600.00 yuan, two members, paying 800.00 yuan now.
  const input = (incomes: number[], over: Partial<AssessInput> = {}): AssessInput => ({
    standardFen: 60_000,
    members: incomes.map((monthlyIncomeFen) => ({ monthlyIncomeFen })),
    deductions: { rigidExpensesFen: 0, workCostsFen: 0 },
    lifecycle,
    currentAmountFen: 80_000,
    ...over,
  });

  test('income below the standard: 差额 recomputed, increase / decrease / continue by comparison', () => {
    // 2 × 600 − (300 + 100) = 800 yuan.
    expect(assess(input([30_000, 10_000]))).toMatchObject({ kind: 'continue', amountFen: 80_000, perCapitaIncomeFen: 20_000 });
    expect(assess(input([30_000, 0]))).toMatchObject({ kind: 'increase', amountFen: 90_000 });
    expect(assess(input([50_000, 10_000]))).toMatchObject({ kind: 'decrease', amountFen: 60_000 });
  });

  test('rigid expenses are deducted where the region allows it; work costs are not here', () => {
    const a = assess(input([70_000, 20_000], { deductions: { rigidExpensesFen: 10_000, workCostsFen: 50_000 } }));
    // 900 − 100 rigid = 800 total; 1200 − 800 = 400 yuan.
    expect(a).toEqual({
      kind: 'decrease',
      amountFen: 40_000,
      perCapitaIncomeFen: 40_000,
      derivation: { standardFen: 60_000, totalIncomeFen: 80_000, members: 2, deductionsFen: 10_000, basis: 'household' },
    });
  });

  test('渐退 band, as seed 002 writes it: 超过低保标准但低于低保标准2倍 — both ends excluded', () => {
    expect(assess(input([60_000, 60_001]))).toMatchObject({ kind: 'gradual_exit', amountFen: 80_000, perCapitaIncomeFen: 60_000 });
    expect(assess(input([200_000, 39_999]))).toMatchObject({ kind: 'gradual_exit', amountFen: 80_000, perCapitaIncomeFen: 119_999 });
    // Exactly at the standard is not 超过; exactly at twice the standard is not 低于.
    expect(assess(input([60_000, 60_000]))).toMatchObject({ kind: 'stop', amountFen: 0 });
    expect(assess(input([200_000, 40_000]))).toMatchObject({ kind: 'stop', amountFen: 0 });
  });

  test('the earlier inclusive reading is kept for recorded histories only', () => {
    expect(assess(input([60_000, 60_000], { band: 'inclusive' })).kind).toBe('gradual_exit');
    expect(assess(input([200_000, 40_000], { band: 'inclusive' })).kind).toBe('gradual_exit');
    expect(assess(input([200_000, 40_001], { band: 'inclusive' })).kind).toBe('stop');
  });

  test('a fractional multiplier is compared exactly, and a zero-month window exits at once', () => {
    const narrow = { ...lifecycle, gradualExit: { multiplier: 1.5, months: 6 } };
    expect(assess(input([90_000, 89_999], { lifecycle: narrow })).kind).toBe('gradual_exit');
    expect(assess(input([90_000, 90_000], { lifecycle: narrow })).kind).toBe('stop');
    const none = { ...lifecycle, gradualExit: { multiplier: 2, months: 0 } };
    expect(assess(input([70_000, 70_000], { lifecycle: none })).kind).toBe('stop');
  });
});
