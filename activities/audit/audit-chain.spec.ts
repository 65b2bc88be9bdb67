import { GENESIS_HASH, LEGACY_CHAIN, canonicalJson, chainHash, chainOf, type ChainedFields } from './audit-chain';

const fields = (over: Partial<ChainedFields> = {}): ChainedFields => ({
  seq: 1,
  at: new Date('2026-11-23T00:00:00.000Z'),
  actorId: 'u1',
  actorRole: 'county_approver',
  regionCode: '320723',
  action: 'decision',
  targetType: 'application',
  targetId: 'a1',
  before: null,
  after: { status: 'approved', amountFen: 53500 },
  reason: null,
  ...over,
});

describe('canonical serialization', () => {
  test('key order, undefined members and dates do not change the form', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: undefined, at: new Date(0) } })).toBe(
      canonicalJson({ a: { at: '1970-01-01T00:00:00.000Z', d: [1, 'x'] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  test('the hash covers every field and the previous hash', () => {
    const base = chainHash(GENESIS_HASH, fields());
    expect(chainHash(GENESIS_HASH, fields({ after: { amountFen: 53500, status: 'approved' } }))).toBe(base);
    const variants: Partial<ChainedFields>[] = [
      { seq: 2 },
      { at: new Date('2026-11-23T00:00:00.001Z') },
      { actorId: 'u2' },
      { actorRole: 'township_reviewer' },
      { regionCode: '220103' },
      { action: 'pii_reveal' },
      { targetType: 'member' },
      { targetId: 'a2' },
      { before: { status: 'in_progress' } },
      { after: { status: 'approved', amountFen: 53501 } },
      { reason: 'r' },
    ];
    for (const v of variants) expect(chainHash(GENESIS_HASH, fields(v))).not.toBe(base);
    expect(chainHash('1'.repeat(64), fields())).not.toBe(base);
  });

  test('field boundaries cannot be shifted between adjacent strings', () => {
    expect(chainHash(GENESIS_HASH, fields({ actorId: 'u1a', actorRole: 'b' }))).not.toBe(
      chainHash(GENESIS_HASH, fields({ actorId: 'u1', actorRole: 'ab' })),
    );
  });
});

describe('chains', () => {
  test('an entry joins its county\'s chain; a province or city code is its own chain', () => {
    expect(chainOf('220103001001')).toBe('220103');
    expect(chainOf('220103001')).toBe('220103');
    expect(chainOf('2201')).toBe('2201');
    expect(chainOf('22')).toBe('22');
    expect(chainOf('system')).toBe('other');
  });

  test('a county chain\'s hash covers chain and link; a legacy entry hashes as it did before chains', () => {
    const placed = chainHash(GENESIS_HASH, fields({ chain: '320723', link: 1 }));
    expect(chainHash(GENESIS_HASH, fields({ chain: '320724', link: 1 }))).not.toBe(placed);
    expect(chainHash(GENESIS_HASH, fields({ chain: '320723', link: 2 }))).not.toBe(placed);
    expect(chainHash(GENESIS_HASH, fields({ chain: LEGACY_CHAIN, link: 1 }))).toBe(chainHash(GENESIS_HASH, fields()));
  });
});
