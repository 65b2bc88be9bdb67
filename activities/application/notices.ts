import type { ReasonCode } from '../../workflows/application/decisions';
import { formatYuan } from '../../workflows/domain/money';

/** zh-CN wording of each reason code, as printed on the written notice (书面告知). */
export const REASON_LABELS: Record<ReasonCode, string> = {
  incomplete_documents: '申请材料不齐全',
  supplement_overdue: '未在规定期限内补齐容缺材料',
  not_resident: '不符合户籍或居住条件',
  income_above_standard: '家庭人均收入高于当地低保标准',
  assets_above_limit: '家庭财产超过规定条件',
  false_declaration: '隐瞒或虚报家庭经济状况',
  appraisal_failed: '民主评议未通过',
  sampling_discrepancy: '抽查核实情况与申报不符',
  other: '其他原因',
};

export type NoticeKind = 'approval' | 'return' | 'rejection' | 'closure';

const HEADINGS: Record<NoticeKind, string> = {
  approval: '最低生活保障审批结果告知书',
  return: '最低生活保障申请退回告知书',
  rejection: '最低生活保障申请不予批准告知书',
  closure: '最低生活保障申请终止办理告知书',
};

/** How the applicant follows the case without an account (POST /api/public/case-status). */
export const STATUS_LOOKUP_HINT = '凭申请编号和申请人身份证号码后6位，可查询办理进度。';

/**
 * The text of a written notice. Rejections, returns and closures always carry the reason and the applicant's right
 * to ask for a review; approvals carry the amount.
 */
export function noticeText(input: {
  kind: NoticeKind;
  caseNo: string;
  reasonCode?: ReasonCode | null;
  reasonText?: string | null;
  amountFen?: number | null;
  startMonth?: string | null;
}): string {
  const lines = [HEADINGS[input.kind], `申请编号：${input.caseNo}`, STATUS_LOOKUP_HINT];
  if (input.kind === 'approval') {
    lines.push(`经审核，您家庭符合最低生活保障条件，自${input.startMonth}起每月发放保障金${formatYuan(input.amountFen ?? 0)}元，通过银行账户发放。`);
  } else {
    const reason = input.reasonCode ? REASON_LABELS[input.reasonCode] : REASON_LABELS.other;
    lines.push(`理由：${reason}${input.reasonText ? `。${input.reasonText}` : ''}`);
    lines.push('如对本决定有异议，可自收到本告知书之日起依法申请行政复议或提起行政诉讼。');
  }
  return lines.join('\n');
}
