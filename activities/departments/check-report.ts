import { DEPARTMENT_SOURCES, type DepartmentRecord, type DepartmentSource, type RecordOf } from './departments.port';

/**
 * The economic-status check report (家庭经济状况核对报告) as the procedure stores and shows it. It travels into
 * workflow histories and onto reviewers' screens, so it holds member ids, counts, amounts (integer fen) and flag
 * codes only: never an ID number, a name, a plate, a certificate number or a bank.
 */

/** Stable flag codes; a reviewer's screen translates them. */
export const CHECK_FLAGS = [
  'assets_undeclared',
  'business_registered',
  'deposits_above_limit',
  'extra_property',
  'income_above_declared',
  'registry_mismatch',
  'vehicle_owned',
] as const;
export type CheckFlag = (typeof CHECK_FLAGS)[number];

export interface CheckReportInput {
  /** The household as the applicant declared it. Declared income in fen per month. */
  members: { memberId: string; idNumber: string; declaredMonthlyIncomeFen: number }[];
  /** Every record the departments returned for this household. */
  records: DepartmentRecord[];
  limits: {
    /** Total bank balance the household may hold, in fen (see depositLimitFen). */
    depositLimitFen: number;
    /** Vehicles (not counting farm machinery) the household may own. */
    vehiclesAllowed: number;
    /** Residential properties allowed beyond the one the household lives in. */
    extraPropertiesAllowed: number;
  };
  /** The sources that were asked (default: all eight); a source asked and silent is a finding too. */
  sourcesQueried?: readonly DepartmentSource[];
}

export interface CheckReport {
  /** Monthly income the departments know of, summed over members, in fen. */
  incomeFoundFen: number;
  /** Per declared member, in the order given: the larger of tax income and social-insurance income, fen per month. */
  perMember: { memberId: string; incomeFoundFen: number }[];
  assets: {
    /** Vehicles other than farm machinery, and their total value in fen. */
    vehicles: number;
    vehicleValueFen: number;
    /** Residential properties; commercial ones separately; 'other' use (sheds, farmland buildings) is not counted. */
    properties: number;
    commercialProperties: number;
    /** Distinct enterprises a member represents or holds shares in. */
    businesses: number;
    depositsFen: number;
  };
  /** Sorted, without duplicates. */
  flags: CheckFlag[];
  /** In DEPARTMENT_SOURCES order. */
  sourcesQueried: DepartmentSource[];
}

/**
 * Turns department records into a check report. Pure and deterministic: same input, same report.
 *
 * Only records about declared members count toward income and assets; household-registry records about anyone
 * else raise registry_mismatch (a registered member the applicant did not declare). Per member, tax and
 * social-insurance income are two views of the same wages, so the larger is taken rather than the sum; several
 * payers of one source add up. Housing-fund deposits only corroborate employment and are not added to income.
 * All arithmetic is on integers (the 10% tolerance is compared as found × 10 > declared × 11).
 *
 * @throws RangeError when a declared income or a limit is not a non-negative safe integer
 */
export function buildCheckReport(input: CheckReportInput): CheckReport {
  const { members, records, limits } = input;
  for (const [what, value] of [
    ...members.map((m) => ['declaredMonthlyIncomeFen', m.declaredMonthlyIncomeFen] as const),
    ...Object.entries(limits),
  ]) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer`);
  }

  const declared = new Set(members.map((m) => m.idNumber));
  const ofMembers = records.filter((r) => declared.has(r.idNumber));
  const pick = <S extends DepartmentSource>(source: S) => ofMembers.filter((r): r is RecordOf<S> => r.source === source);
  const sumFor = (rows: { idNumber: string; monthlyIncomeFen: number }[], idNumber: string) =>
    sum(rows.filter((r) => r.idNumber === idNumber).map((r) => r.monthlyIncomeFen));

  const tax = pick('tax');
  const insurance = pick('social_insurance');
  const flags = new Set<CheckFlag>();
  const perMember = members.map((m) => {
    const incomeFoundFen = Math.max(sumFor(tax, m.idNumber), sumFor(insurance, m.idNumber));
    if (incomeFoundFen * 10 > m.declaredMonthlyIncomeFen * 11) flags.add('income_above_declared');
    return { memberId: m.memberId, incomeFoundFen };
  });

  const vehicles = pick('vehicles').filter((v) => v.kind !== 'farm');
  const estates = pick('real_estate');
  const properties = estates.filter((e) => e.use === 'residential').length;
  const commercialProperties = estates.filter((e) => e.use === 'commercial').length;
  const businesses = new Set(pick('business_registration').map((b) => b.enterprise)).size;
  const depositsFen = sum(pick('banks').map((b) => b.balanceFen));

  if (vehicles.length > limits.vehiclesAllowed) flags.add('vehicle_owned');
  if (properties > 1 + limits.extraPropertiesAllowed || commercialProperties > 0) flags.add('extra_property');
  if (businesses > 0) flags.add('business_registered');
  if (depositsFen > limits.depositLimitFen) flags.add('deposits_above_limit');
  if (records.some((r) => r.source === 'household_registry' && !declared.has(r.idNumber))) flags.add('registry_mismatch');

  const asked = new Set<DepartmentSource>([...(input.sourcesQueried ?? DEPARTMENT_SOURCES), ...records.map((r) => r.source)]);
  return {
    incomeFoundFen: sum(perMember.map((m) => m.incomeFoundFen)),
    perMember,
    assets: {
      vehicles: vehicles.length,
      vehicleValueFen: sum(vehicles.map((v) => v.valueFen)),
      properties,
      commercialProperties,
      businesses,
      depositsFen,
    },
    flags: [...flags].sort(),
    sourcesQueried: DEPARTMENT_SOURCES.filter((s) => asked.has(s)),
  };
}

/**
 * The deposit limit of a household: the monthly standard (fen per person) × members × months of standard the
 * region allows in savings (e.g. 24). Integer inputs give an integer result.
 * @throws RangeError when an input is not a non-negative safe integer or the product is not safe
 */
export function depositLimitFen(standardFen: number, members: number, depositMonths: number): number {
  for (const value of [standardFen, members, depositMonths]) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError('deposit limit inputs must be non-negative integers');
  }
  const limit = standardFen * members * depositMonths;
  if (!Number.isSafeInteger(limit)) throw new RangeError('deposit limit is too large');
  return limit;
}

/** What the applicant declared owning (申报财产): deposits in fen, and counts of vehicles, homes and businesses. */
export interface DeclaredAssets {
  depositsFen: number;
  vehicles: number;
  properties: number;
  businesses: number;
}

/**
 * Which declared assets the departments found more of than declared (deposits above, or more vehicles, residential
 * properties or businesses): each is something the household did not declare.
 */
export function undeclaredAssets(declared: DeclaredAssets, found: CheckReport['assets']): (keyof DeclaredAssets)[] {
  const more: (keyof DeclaredAssets)[] = [];
  if (found.depositsFen > declared.depositsFen) more.push('depositsFen');
  if (found.vehicles > declared.vehicles) more.push('vehicles');
  if (found.properties > declared.properties) more.push('properties');
  if (found.businesses > declared.businesses) more.push('businesses');
  return more;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
