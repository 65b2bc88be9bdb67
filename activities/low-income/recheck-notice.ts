import { formatYuan } from '../../workflows/domain/money';
import type { Placement } from '../../workflows/programs/low-income/placement';

export const LOW_INCOME_END_NOTICE_HEADING = '低收入家庭认定终止告知书';

export interface EndNoticeFacts {
  caseNo: string;
  placement: Exclude<Placement, 'low_income'>;
  members: number;
  totalIncomeFen: number;
  assetsWithinLimits: boolean;
  standardFen: number;
  multiplier: number;
}

/**
 * The written notice (书面告知) of a re-check that ends a 低收入 recognition: what the re-check found, against which
 * line, what follows (below the standard the household may apply for 低保), and the way to object. Pure.
 */
export function lowIncomeEndNotice(f: EndNoticeFacts): string {
  const perCapita = formatYuan(Math.floor(f.totalIncomeFen / f.members));
  const standard = formatYuan(f.standardFen);
  const finding =
    f.placement === 'dibao'
      ? `经复核，您家庭人均月收入${perCapita}元，低于当地最低生活保障标准${standard}元，不再属于低收入家庭；可按规定申请最低生活保障。`
      : f.assetsWithinLimits
        ? `经复核，您家庭人均月收入${perCapita}元，不低于当地最低生活保障标准${standard}元的${f.multiplier}倍，不再属于低收入家庭。`
        : `经复核，您家庭财产不符合规定，不再属于低收入家庭。`;
  return [
    LOW_INCOME_END_NOTICE_HEADING,
    `认定依据案件编号：${f.caseNo}`,
    finding,
    '自即日起终止低收入家庭认定，相应的专项救助资格随之终止。如对本决定有异议，可依法申请行政复议或提起行政诉讼。',
  ].join('\n');
}
