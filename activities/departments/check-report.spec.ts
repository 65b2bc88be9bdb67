import { buildCheckReport, depositLimitFen, undeclaredAssets, type CheckReportInput } from './check-report';
import { DEPARTMENT_SOURCES, type DepartmentRecord } from './departments.port';
import { idNumberCheckDigit } from './id-number';

/** A well-formed fictional ID number from a sequence number (灌云县, born 1980-01-01). */
function id(seq: number): string {
  const first17 = `32072319800101${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckDigit(first17);
}

const A = id(11);
const B = id(22);
const OUTSIDER = id(33);
const limits = { depositLimitFen: 1_000_000, vehiclesAllowed: 0, extraPropertiesAllowed: 0 };

function report(records: DepartmentRecord[], overrides: Partial<CheckReportInput> = {}) {
  return buildCheckReport({
    members: [
      { memberId: 'm-a', idNumber: A, declaredMonthlyIncomeFen: 100_000 },
      { memberId: 'm-b', idNumber: B, declaredMonthlyIncomeFen: 0 },
    ],
    records,
    limits,
    ...overrides,
  });
}

const tax = (idNumber: string, monthlyIncomeFen: number): DepartmentRecord => ({ source: 'tax', idNumber, monthlyIncomeFen, payer: '示例公司' });
const insurance = (idNumber: string, monthlyIncomeFen: number): DepartmentRecord => ({
  source: 'social_insurance', idNumber, status: 'employed', monthlyIncomeFen,
});
const vehicle = (kind: 'car' | 'farm', valueFen = 3_000_000): DepartmentRecord => ({ source: 'vehicles', idNumber: A, plate: '苏G·00001', kind, valueFen });
const estate = (use: 'residential' | 'commercial' | 'other'): DepartmentRecord => ({
  source: 'real_estate', idNumber: A, certificateNo: '苏(2020)灌云县不动产权第0000009号', areaM2: 80.5, use,
});
const bank = (idNumber: string, balanceFen: number): DepartmentRecord => ({ source: 'banks', idNumber, bank: '示例银行', balanceFen });
const registry = (idNumber: string, name: string): DepartmentRecord => ({
  source: 'household_registry', idNumber, householdNo: '320723-0001', name, relation: '户主',
});

describe('buildCheckReport', () => {
  it('reports nothing for a household the departments know nothing about', () => {
    const r = report([registry(A, '甲'), registry(B, '乙')]);
    expect(r).toEqual({
      incomeFoundFen: 0,
      perMember: [{ memberId: 'm-a', incomeFoundFen: 0 }, { memberId: 'm-b', incomeFoundFen: 0 }],
      assets: { vehicles: 0, vehicleValueFen: 0, properties: 0, commercialProperties: 0, businesses: 0, depositsFen: 0 },
      flags: [],
      sourcesQueried: [...DEPARTMENT_SOURCES],
    });
  });

  it('takes the larger of tax and social-insurance income per member, adds payers, ignores housing fund', () => {
    const r = report([
      tax(A, 60_000), tax(A, 30_000), insurance(A, 80_000),
      insurance(B, 5_000), tax(B, 4_000),
      { source: 'housing_fund', idNumber: A, monthlyDepositFen: 20_000 },
    ]);
    expect(r.perMember).toEqual([{ memberId: 'm-a', incomeFoundFen: 90_000 }, { memberId: 'm-b', incomeFoundFen: 5_000 }]);
    expect(r.incomeFoundFen).toBe(95_000);
  });

  describe('income_above_declared', () => {
    it('is not raised at exactly 10% above declared, and is one fen more', () => {
      expect(report([tax(A, 110_000)]).flags).not.toContain('income_above_declared');
      expect(report([tax(A, 110_001)]).flags).toContain('income_above_declared');
    });

    it('is raised by any income of a member who declared none, and not by none', () => {
      expect(report([insurance(B, 1)]).flags).toEqual(['income_above_declared']);
      expect(report([insurance(B, 0)]).flags).toEqual([]);
    });

    it('is judged per member: one member under-declaring is not hidden by another over-declaring', () => {
      const r = report([tax(A, 0), tax(B, 1_000)], {
        members: [
          { memberId: 'm-a', idNumber: A, declaredMonthlyIncomeFen: 500_000 },
          { memberId: 'm-b', idNumber: B, declaredMonthlyIncomeFen: 0 },
        ],
      });
      expect(r.flags).toEqual(['income_above_declared']);
    });
  });

  it('vehicle_owned counts vehicles beyond the allowance, farm machinery never', () => {
    expect(report([vehicle('farm'), vehicle('farm')]).flags).toEqual([]);
    expect(report([vehicle('car', 4_500_000), vehicle('farm', 900_000)]).assets).toMatchObject({ vehicles: 1, vehicleValueFen: 4_500_000 });
    expect(report([vehicle('car')]).flags).toEqual(['vehicle_owned']);
    expect(report([vehicle('car')], { limits: { ...limits, vehiclesAllowed: 1 } }).flags).toEqual([]);
    expect(report([vehicle('car'), vehicle('car')], { limits: { ...limits, vehiclesAllowed: 1 } }).flags).toEqual(['vehicle_owned']);
  });

  it('extra_property allows one home plus the extra allowance, never a commercial property', () => {
    expect(report([estate('residential'), estate('other')]).flags).toEqual([]);
    expect(report([estate('residential'), estate('residential')]).flags).toEqual(['extra_property']);
    const allowOne = { limits: { ...limits, extraPropertiesAllowed: 1 } };
    expect(report([estate('residential'), estate('residential')], allowOne).flags).toEqual([]);
    expect(report([estate('residential'), estate('residential'), estate('residential')], allowOne).flags).toEqual(['extra_property']);
    const shop = report([estate('commercial')], allowOne);
    expect(shop.flags).toEqual(['extra_property']);
    expect(shop.assets).toMatchObject({ properties: 0, commercialProperties: 1 });
  });

  it('business_registered on any registration; one enterprise held by two members counts once', () => {
    const share = (idNumber: string): DepartmentRecord => ({
      source: 'business_registration', idNumber, enterprise: '示例商贸有限公司', role: 'shareholder', registeredCapitalFen: 10_000_000,
    });
    expect(report([]).flags).not.toContain('business_registered');
    const r = report([share(A), share(B)]);
    expect(r.flags).toEqual(['business_registered']);
    expect(r.assets.businesses).toBe(1);
  });

  it('deposits_above_limit only above the limit, summing every member and account', () => {
    expect(report([bank(A, 600_000), bank(B, 400_000)]).flags).toEqual([]);
    const over = report([bank(A, 600_000), bank(B, 400_001)]);
    expect(over.flags).toEqual(['deposits_above_limit']);
    expect(over.assets.depositsFen).toBe(1_000_001);
  });

  it('registry_mismatch when the registry shows a member the applicant did not declare', () => {
    expect(report([registry(A, '甲'), registry(B, '乙')]).flags).toEqual([]);
    // A declared member missing from the registry (registered elsewhere) is for the home visit, not this flag.
    expect(report([registry(A, '甲')]).flags).toEqual([]);
    expect(report([registry(A, '甲'), registry(OUTSIDER, '丙')]).flags).toEqual(['registry_mismatch']);
  });

  it("counts no one's income or assets but the declared members'", () => {
    const r = report([tax(OUTSIDER, 900_000), bank(OUTSIDER, 9_000_000), { ...vehicle('car'), idNumber: OUTSIDER }]);
    expect(r.incomeFoundFen).toBe(0);
    expect(r.assets).toMatchObject({ vehicles: 0, depositsFen: 0 });
    expect(r.flags).toEqual([]);
  });

  it('lists flags sorted and once, amounts as integers, and no ID number or name anywhere', () => {
    const r = report([
      registry(A, '王甲'), registry(OUTSIDER, '李丙'),
      vehicle('car'), vehicle('car'), estate('commercial'), bank(A, 2_000_000), bank(B, 1), tax(A, 200_000), tax(B, 1),
      { source: 'business_registration', idNumber: B, enterprise: '示例企业', role: 'legal_representative', registeredCapitalFen: 1 },
    ]);
    expect(r.flags).toEqual([
      'business_registered', 'deposits_above_limit', 'extra_property', 'income_above_declared', 'registry_mismatch', 'vehicle_owned',
    ]);
    const json = JSON.stringify(r);
    for (const secret of [A, B, OUTSIDER, '王甲', '李丙', '苏G·00001', '示例银行', '示例企业', '不动产权']) expect(json).not.toContain(secret);
    const amounts = [r.incomeFoundFen, ...r.perMember.map((m) => m.incomeFoundFen), ...Object.values(r.assets)];
    for (const amount of amounts) expect(Number.isSafeInteger(amount)).toBe(true);
  });

  it('reports the sources asked, in the standard order, including silent ones', () => {
    expect(report([], { sourcesQueried: ['tax', 'banks', 'vehicles'] }).sourcesQueried).toEqual(['vehicles', 'tax', 'banks']);
  });

  it('refuses a fractional or negative declared income or limit', () => {
    const members = [{ memberId: 'm-a', idNumber: A, declaredMonthlyIncomeFen: 100.5 }];
    expect(() => report([], { members })).toThrow(RangeError);
    expect(() => report([], { limits: { ...limits, depositLimitFen: -1 } })).toThrow(RangeError);
  });
});

describe('depositLimitFen', () => {
  it('is standard × members × months, in integer fen', () => {
    expect(depositLimitFen(83_000, 3, 24)).toBe(5_976_000);
    expect(depositLimitFen(53_500, 1, 0)).toBe(0);
  });

  it('refuses non-integer inputs', () => {
    expect(() => depositLimitFen(830.5, 1, 24)).toThrow(RangeError);
    expect(() => depositLimitFen(83_000, -1, 24)).toThrow(RangeError);
  });
});

describe('申报财产 against what the check found', () => {
  const found = { vehicles: 1, vehicleValueFen: 3_000_000, properties: 2, commercialProperties: 0, businesses: 0, depositsFen: 500_000 };
  test('anything found beyond the declaration is named', () => {
    expect(undeclaredAssets({ depositsFen: 100_000, vehicles: 0, properties: 2, businesses: 0 }, found)).toEqual(['depositsFen', 'vehicles']);
  });
  test('a declaration at or above what was found hides nothing', () => {
    expect(undeclaredAssets({ depositsFen: 500_000, vehicles: 1, properties: 2, businesses: 0 }, found)).toEqual([]);
  });
});
