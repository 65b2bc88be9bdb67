import { formatYuan } from '../../workflows/domain/money';
import type { TekunCondition } from '../../workflows/programs/tekun/tekun-codes';
import type { TekunEndReason } from '../../workflows/tekun/definitions';
import type { TekunAssessmentRecord } from './tekun-assessment-record';

/** The written notices of a 特困供养 case (书面告知), as printed: headings and sentences the seeds use. Pure. */

export const TEKUN_NOTICE_HEADINGS = {
  tekun_approval: '特困人员救助供养认定通知书',
  tekun_rejection: '特困人员救助供养不予认定告知书',
  tekun_end: '特困人员救助供养终止告知书',
} as const;

export type TekunNoticeKind = keyof typeof TEKUN_NOTICE_HEADINGS;

const CONDITION_TEXT: Record<TekunCondition, string> = {
  labour_capacity: '具有劳动能力',
  income_source: '有生活来源（收入不低于当地最低生活保障标准或财产不符合规定）',
  supporter: '有具备履行能力的赡养、抚养、扶养义务人',
};

const LEVEL_TEXT = { full: '具备生活自理能力', partial: '部分丧失生活自理能力', none: '完全丧失生活自理能力' } as const;

const END_TEXT: Record<TekunEndReason | 'review', string> = {
  death: '供养对象死亡',
  moved_away: '供养对象迁出本地',
  supporter_able: '有了具备履行能力的赡养、抚养、扶养义务人',
  income: '有了生活来源，收入超过当地最低生活保障标准',
  other: '情况发生变化，不再符合特困人员救助供养条件',
  review: '经年度复核，不再符合特困人员救助供养条件',
};

/** '2027-01' → '2027年1月', as notices write a month. */
const monthText = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

const APPEAL = '如对本决定有异议，可自收到本告知书之日起六十日内依法申请行政复议，或六个月内提起行政诉讼。';

export function tekunApprovalNotice(f: { caseNo: string; assessment: TekunAssessmentRecord; startMonth: string }): string {
  const s = f.assessment.support!;
  const mode = f.assessment.arrangement.mode === 'centralized' ? `集中供养（供养机构：${f.assessment.arrangement.institutionId}）` : '分散供养';
  return [
    TEKUN_NOTICE_HEADINGS.tekun_approval,
    `案件编号：${f.caseNo}`,
    `经调查核实并经乡镇（街道）审核确认，您符合特困人员救助供养条件，${LEVEL_TEXT[f.assessment.selfCare.level]}，供养方式为${mode}。`,
    `自${monthText(f.startMonth)}起按月发放：基本生活费${formatYuan(s.basicLivingFen)}元，照料护理费${formatYuan(s.careFen)}元，合计${formatYuan(s.totalFen)}元。`,
    '每年复核一次；情况发生变化的，请及时告知乡镇（街道）。',
  ].join('\n');
}

export function tekunRejectionNotice(f: { caseNo: string; unmet: readonly TekunCondition[] }): string {
  const why = f.unmet.length > 0 ? `经调查核实，您${f.unmet.map((c) => CONDITION_TEXT[c]).join('；')}，不符合特困人员救助供养条件。` : '经乡镇（街道）审核，不予确认为特困人员。';
  return [TEKUN_NOTICE_HEADINGS.tekun_rejection, `案件编号：${f.caseNo}`, why, '如符合最低生活保障等其他救助条件，可另行申请。', APPEAL].join('\n');
}

export function tekunEndNotice(f: { caseNo: string; reason: TekunEndReason | 'review'; endMonth: string }): string {
  return [
    TEKUN_NOTICE_HEADINGS.tekun_end,
    `案件编号：${f.caseNo}`,
    `因${END_TEXT[f.reason]}，自${monthText(f.endMonth)}起终止特困人员救助供养，停发供养金。`,
    APPEAL,
  ].join('\n');
}
