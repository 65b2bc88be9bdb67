import { formatYuan } from './money';

describe('formatYuan', () => {
  test.each([
    [110_500, '1105.00'],
    [60_499, '604.99'],
    [53_500, '535.00'],
    [5, '0.05'],
    [50, '0.50'],
    [0, '0.00'],
    [-150, '-1.50'],
  ])('%p fen → %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });
});
