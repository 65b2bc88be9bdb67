import { randomInt } from 'node:crypto';
import { idNumberCheckDigit } from '../../activities/departments/id-number';
import type { DEMO_REGIONS } from './demo-users';

/**
 * What the demo (npm run demo) and the cluster smoke play through the HTTP API: a fictional household's application
 * in a demo region, and who decides each step and how. Demo data only.
 */

type Json = Record<string, any>;

function fictionalId(prefix: string, birth: string): string {
  const first17 = `${prefix}${birth.replace(/-/g, '')}${String(randomInt(1000)).padStart(3, '0')}`;
  return first17 + idNumberCheckDigit(first17);
}

/** A random birth date in a year range: repeated demo runs then rarely meet a household already in a case. */
function birthIn(fromYear: number, toYear: number): string {
  const from = Date.UTC(fromYear, 0, 1);
  return new Date(from + randomInt((toYear - fromYear + 1) * 365) * 86_400_000).toISOString().slice(0, 10);
}

/** Who plays each step, and what they decide. */
export const PLAY: Record<string, { user: string; decision: (c: Json) => Json }> = {
  acceptance: { user: 'clerk', decision: () => ({ outcome: 'accept', reason: '材料齐全，予以受理' }) },
  home_visit: {
    user: 'investigator',
    decision: (c) => ({
      recommendation: 'eligible',
      disputed: false,
      incomes: c.household.members.map((m: Json) => ({ memberId: m.id, monthlyIncomeFen: m.declaredMonthlyIncomeFen })),
      reason: '入户调查：家庭成员、收入与申报一致，邻里走访无异议',
    }),
  },
  appraisal: { user: 'village', decision: () => ({ outcome: 'pass', panelSize: 11, present: 11, votesFor: 11, votesAgainst: 0, reason: '村民代表民主评议通过' }) },
  township_review: { user: 'reviewer', decision: () => ({ outcome: 'approve', reason: '审核通过' }) },
  county_sampling: { user: 'approver', decision: () => ({ outcome: 'confirmed', reason: '县级抽查入户属实' }) },
  county_approval: { user: 'approver', decision: () => ({ outcome: 'approve', reason: '同意纳入低保' }) },
  township_confirmation: { user: 'reviewer2', decision: () => ({ outcome: 'approve', reason: '乡镇确认' }) },
  filing: { user: 'approver', decision: () => ({ outcome: 'acknowledged', reason: '已备案' }) },
};

/** A new application in the region's demo village: a head of household and a child, fictional ID numbers. */
export function demoApplication(region: (typeof DEMO_REGIONS)[number]): Json {
  const headBirth = birthIn(1955, 1985);
  const childBirth = birthIn(2008, 2016);
  return {
    regionCode: region.village,
    address: '演示路8号',
    phone: '13900000000',
    authorizationSigned: true,
    members: [
      { name: '演示户主', idNumber: fictionalId(region.county, headBirth), relation: 'head', birthDate: headBirth, declaredMonthlyIncomeFen: 25_000 },
      { name: '演示子女', idNumber: fictionalId(region.county, childBirth), relation: 'child', birthDate: childBirth, declaredMonthlyIncomeFen: 0 },
    ],
  };
}
