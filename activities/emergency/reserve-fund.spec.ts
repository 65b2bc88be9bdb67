import { annualFunding, balanceOf, canPay } from './reserve-fund';

test('annual funding is residents × amount per resident (2 yuan each)', () => {
  expect(annualFunding(35_000, 200)).toBe(7_000_000);
  expect(annualFunding(0, 200)).toBe(0);
});

test('annual funding refuses fractional residents and yuan amounts', () => {
  expect(() => annualFunding(10.5, 200)).toThrow(RangeError);
  expect(() => annualFunding(10, 2.5)).toThrow(RangeError);
  expect(() => annualFunding(-1, 200)).toThrow(RangeError);
});

test('the balance is the sum of signed movements', () => {
  expect(balanceOf([])).toBe(0);
  expect(
    balanceOf([
      { kind: 'funding', amountFen: 7_000_000 },
      { kind: 'payment', amountFen: -150_000 },
      { kind: 'top_up', amountFen: 500_000 },
      { kind: 'recovery', amountFen: 50_000 },
    ]),
  ).toBe(7_400_000);
  expect(() => balanceOf([{ kind: 'payment', amountFen: -0.5 }])).toThrow(RangeError);
});

test('a payment may take the fund to exactly zero, never below', () => {
  expect(canPay(100_000, 100_000)).toBe(true);
  expect(canPay(100_000, 100_001)).toBe(false);
  expect(canPay(0, 1)).toBe(false);
});

test('canPay refuses fractional and non-positive amounts', () => {
  expect(() => canPay(100, 1.5)).toThrow(RangeError);
  expect(() => canPay(100.5, 1)).toThrow(RangeError);
  expect(() => canPay(100, 0)).toThrow(RangeError);
});
