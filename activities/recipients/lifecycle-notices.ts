import { formatYuan } from '../../workflows/domain/money';
import type { NoticeKind } from './recipient.contract';

/** zh-CN wording of each lifecycle notice (书面告知): what happens, and from which month. */
const WORDING: Record<NoticeKind, (amount: string, month: string) => string> = {
  continue: (a, m) => `经复核，您家庭继续享受最低生活保障，自${m}起每月保障金${a}元。`,
  increase: (a, m) => `经复核，您家庭保障金自${m}起增发，每月${a}元。`,
  decrease: (a, m) => `经复核，您家庭保障金自${m}起减发，每月${a}元。`,
  stop: (_a, m) => `经复核，您家庭人均收入超过渐退范围，自${m}起停发最低生活保障金。`,
  gradual_exit_start: (a, m) => `经复核，您家庭人均收入已超过当地低保标准但在渐退范围内，自${m}起进入渐退期，渐退期内每月仍发放${a}元。`,
  gradual_exit_end: (_a, m) => `您家庭渐退期已满，自${m}起停发最低生活保障金。`,
  gradual_exit_cancelled: (a, m) => `经复核，您家庭收入回落，自${m}起恢复正常保障，每月${a}元。`,
  standard_change: (a, m) => `因当地最低生活保障标准调整，您家庭保障金自${m}起为每月${a}元。`,
  overpayment: (a) =>
    `经复核，您家庭此前部分月份多领取最低生活保障金共${a}元，须予追回：自下次发放起从每月保障金中扣回，每月扣回不超过当月保障金的30%，直至扣清；您也可以一次性退还。`,
  suspended: (_a, m) => `自${m}起暂停发放您家庭的最低生活保障金。`,
  resumed: (a, m) => `自${m}起恢复发放您家庭的最低生活保障金，每月${a}元。`,
  terminated: (_a, m) => `自${m}起终止您家庭的最低生活保障。`,
};

/** 书面告知 text of a lifecycle notice; decreases, stops and terminations carry the right to ask for a review. */
export function lifecycleNoticeText(kind: NoticeKind, amountFen: number, effectiveMonth: string, reasonLabel?: string | null): string {
  const lines = ['最低生活保障动态管理告知书', WORDING[kind](formatYuan(amountFen), effectiveMonth)];
  if (reasonLabel) lines.push(`理由：${reasonLabel}`);
  if (['decrease', 'overpayment', 'stop', 'gradual_exit_end', 'suspended', 'terminated'].includes(kind)) {
    lines.push('如对本决定有异议，可自收到本告知书之日起六十日内申请行政复议，或六个月内提起行政诉讼。');
  }
  return lines.join('\n');
}
