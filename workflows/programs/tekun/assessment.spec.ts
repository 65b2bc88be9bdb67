import type { TekunPolicy } from '../../../config/policy/sections/tekun-policy.schema';
import { assessTekun } from './assessment';
import { DAILY_ACTIVITIES, type DailyActivity } from './tekun-codes';

const tekun: TekunPolicy = {
  basicLiving: { urban: { fen: 100_000, per: 'month' }, rural: { fen: 820_000, per: 'year' } },
  care: { full: { fen: 0, per: 'month' }, partial: { fen: 30_000, per: 'month' }, none: { fen: 1_290_800, per: 'year' } },
};
const rules = { tekun, dibaoStandards: { urbanFen: 83_000, ruralFen: 63_000 } };
const all = (can: boolean) => Object.fromEntries(DAILY_ACTIVITIES.map((a) => [a, can])) as Record<DailyActivity, boolean>;
const elder = { age: 80, monthlyIncomeFen: 20_000, assetsWithinLimits: true, supporters: [] };

test('a rural elder who cannot look after himself, in the township 福利院: eligible, care for none, paid to the institution', () => {
  expect(assessTekun({ area: 'rural', facts: elder, canDo: all(false), mode: 'centralized', institutionId: 'fly-001' }, rules)).toEqual({
    eligibility: { eligible: true, unmet: [] },
    selfCare: { level: 'none', unable: [...DAILY_ACTIVITIES], centralizedPriority: true },
    support: { basicLivingFen: 68_334, careFen: 107_567, totalFen: 175_901 },
    arrangement: { ok: true, mode: 'centralized', institutionId: 'fly-001', payee: 'institution' },
  });
});

test('the income line is the area 低保 standard: 700 yuan is income in the countryside, not in town', () => {
  const facts = { ...elder, monthlyIncomeFen: 70_000 };
  const rural = assessTekun({ area: 'rural', facts, canDo: all(true), mode: 'dispersed' }, rules);
  const urban = assessTekun({ area: 'urban', facts, canDo: all(true), mode: 'dispersed' }, rules);
  expect(rural).toMatchObject({ eligibility: { eligible: false, unmet: ['income_source'] }, support: null });
  expect(urban).toMatchObject({ eligibility: { eligible: true }, support: { totalFen: 100_000 } });
});

test('a broken arrangement comes back instead of an assessment', () => {
  expect(assessTekun({ area: 'urban', facts: elder, canDo: all(true), mode: 'centralized' }, rules)).toEqual({ ok: false, field: 'institutionId', code: 'institution_required' });
});
