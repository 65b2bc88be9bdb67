import { fnv1a, isSampled, quotaDraw } from './sampling';

describe('fnv1a', () => {
  test('matches the published 32-bit FNV-1a test vectors', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  test('is an unsigned 32-bit integer', () => {
    for (const text of ['app-1', 'app-2', '申请-001', 'x'.repeat(1000)]) {
      const h = fnv1a(text);
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(2 ** 32);
    }
  });
});

describe('isSampled', () => {
  const ids = Array.from({ length: 20_000 }, (_, i) => `app-2026-${String(i).padStart(6, '0')}`);

  test('is deterministic: the same id and rate always give the same answer', () => {
    for (const id of ids.slice(0, 500)) {
      const first = isSampled(id, 0.3);
      expect(isSampled(id, 0.3)).toBe(first);
    }
  });

  test('rate 0 samples nothing, rate 1 samples everything', () => {
    expect(ids.slice(0, 1000).some((id) => isSampled(id, 0))).toBe(false);
    expect(ids.slice(0, 1000).every((id) => isSampled(id, 1))).toBe(true);
  });

  test('the observed rate over 20,000 sequential ids is within ±1.5 points of 30%', () => {
    const sampled = ids.filter((id) => isSampled(id, 0.3)).length;
    expect(sampled / ids.length).toBeGreaterThanOrEqual(0.285);
    expect(sampled / ids.length).toBeLessThanOrEqual(0.315);
  });

  test('the observed rate follows other rates too (10%, 50%)', () => {
    const at10 = ids.filter((id) => isSampled(id, 0.1)).length / ids.length;
    const at50 = ids.filter((id) => isSampled(id, 0.5)).length / ids.length;
    expect(Math.abs(at10 - 0.1)).toBeLessThanOrEqual(0.015);
    expect(Math.abs(at50 - 0.5)).toBeLessThanOrEqual(0.015);
  });

  test('a higher rate keeps every case a lower rate sampled (monotone per id)', () => {
    for (const id of ids.slice(0, 2000)) {
      if (isSampled(id, 0.3)) expect(isSampled(id, 0.5)).toBe(true);
    }
  });

  test('distinct ids disagree sometimes', () => {
    const answers = new Set(ids.slice(0, 100).map((id) => isSampled(id, 0.3)));
    expect(answers).toEqual(new Set([true, false]));
  });

  test.each([-0.01, 1.01, 30, Number.NaN, Number.POSITIVE_INFINITY])('rate %p throws RangeError', (rate) => {
    expect(() => isSampled('app-1', rate)).toThrow(RangeError);
  });
});

describe('the county floor (不低于30%)', () => {
  const run = (n: number, rate: number, prefix = 'app') => {
    let tally = { cases: 0, sampled: 0 };
    const shares: number[] = [];
    for (let i = 0; i < n; i++) {
      tally = quotaDraw(tally, `${prefix}-${i}`, rate).tally;
      shares.push(tally.sampled / tally.cases);
    }
    return { tally, shares };
  };

  test('holds after every case, in every batch of 1,000, not only on average', () => {
    for (let batch = 0; batch < 20; batch++) {
      const { tally, shares } = run(1_000, 0.3, `batch${batch}`);
      expect(tally.sampled).toBeGreaterThanOrEqual(300);
      expect(shares.every((s, i) => s * (i + 1) >= Math.ceil(0.3 * (i + 1)) - 1e-9)).toBe(true);
      // The floor is met without sampling far above it.
      expect(tally.sampled).toBeLessThan(400);
    }
  });

  test('the lottery alone leaves some batches of 1,000 below the floor (what the quota repairs)', () => {
    const below = Array.from({ length: 20 }, (_, b) => Array.from({ length: 1_000 }, (_, i) => isSampled(`batch${b}-${i}`, 0.3)).filter(Boolean).length).filter((n) => n < 300);
    expect(below.length).toBeGreaterThan(0);
  });

  test('a case the lottery picks is sampled even when the county is above its floor; rates 0 and 1 are exact', () => {
    const picked = Array.from({ length: 50 }, (_, i) => `p${i}`).find((id) => isSampled(id, 0.3))!;
    expect(quotaDraw({ cases: 10, sampled: 9 }, picked, 0.3).sampled).toBe(true);
    expect(run(200, 0).tally.sampled).toBe(0);
    expect(run(200, 1).tally.sampled).toBe(200);
  });
});
