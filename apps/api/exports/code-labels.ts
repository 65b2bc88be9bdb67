import { STEP_LABELS } from '../../../workflows/domain/route';
import type { InboxStep } from '../../../activities/tasks/task.entity';

/**
 * The Chinese names of the codes an exported list shows, in one place on the server (the console has its own
 * dictionary, apps/web/src/i18n/labels.ts, checked against the same code lists): a workbook never shows a code.
 */
export const TASK_STEP_LABELS: Record<InboxStep | keyof typeof STEP_LABELS, string> = {
  ...STEP_LABELS,
  re_review: '复核',
  emergency_township_decision: '救急难乡镇审批',
  emergency_county_decision: '救急难县级审批',
  emergency_fund_top_up: '备用金补充',
  emergency_follow_up: '救急难事后核查',
  payment_approval: '发放审批',
  payment_release: '发放确认',
};

export const CASE_TYPE_LABELS: Record<string, string> = { application: '低保申请', recipient: '在保对象', emergency: '救急难', payment: '资金发放' };

export const STATUS_LABELS: Record<string, string> = {
  open: '待办',
  completed: '已办结',
  cancelled: '已撤销',
  in_progress: '办理中',
  approved: '已批准',
  rejected: '未批准',
  returned: '已退回',
  closed: '已结束',
  active: '正常保障',
  gradual_exit: '渐退期',
  suspended: '暂停',
  terminated: '已终止',
  released: '已发放',
  paid: '银行已入账',
};

/** A code's label, or the neutral word the console also shows for a code it does not know. */
export function labelOf(table: Record<string, string>, code: string | null | undefined): string {
  if (code == null || code === '') return '';
  return table[code] ?? '(未知)';
}

/** 2026-12-07 15:04 in Asia/Shanghai, as a bureau reads a time. */
export function shanghaiDateTime(at: Date | string | null | undefined): string {
  if (at == null) return '';
  const d = new Date(new Date(at).getTime() + 8 * 3_600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
