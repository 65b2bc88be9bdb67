/**
 * A decision form's values turned into the body the API expects (or a Chinese sentence naming what is missing, in
 * the order the fields are shown), and the confirmation that states what the decision will do. Pure: the form
 * component holds the values, this decides what they mean.
 */
import type { StepSpec } from './decision-specs';
import { fenToYuan, yuanToFen } from './format';
import { label } from './i18n/labels';
import { emptyTekunFacts, tekunDecisionFacts } from './tekun-form';

/** What the investigator is told when a 特困 field is marked (each mark sits beside its field). */
export const TEKUN_PROBLEM = '请按提示补全标红的调查情况';

export interface FormMember {
  id: string;
  label: string;
  incomeFen: number;
}

export function emptyDecisionValues(members: FormMember[]) {
  return {
    outcome: null as string | null,
    reasonCode: null as string | null,
    reason: '',
    disputed: null as boolean | null,
    panelSize: null as number | null,
    present: null as number | null,
    votesFor: null as number | null,
    votesAgainst: null as number | null,
    documents: [] as string[],
    amountYuan: '',
    topUpYuan: '',
    recoveryYuan: '',
    rigidYuan: '',
    workYuan: '',
    reassignTo: '',
    members: null as number | null,
    totalIncomeYuan: '',
    assetsWithinLimits: null as boolean | null,
    incomes: Object.fromEntries(members.map((m) => [m.id, ''])) as Record<string, string>,
    tekun: emptyTekunFacts(),
  };
}

export type DecisionValues = ReturnType<typeof emptyDecisionValues>;

export interface DecisionContext {
  step: string;
  spec: StepSpec;
  members: FormMember[];
  /** Whether the reason code is on screen (and so sent). */
  showReasonCode: boolean;
}

export interface BuiltDecision {
  body?: Record<string, unknown>;
  problem?: string;
  /** 特困 facts: each problem by the API's field path, to show beside its field. */
  tekunProblems?: Record<string, string>;
}

/** The body the API expects, or a Chinese sentence saying what is missing. */
export function buildDecision(form: DecisionValues, outcome: string | null, ctx: DecisionContext): BuiltDecision {
  const s = ctx.spec;
  const has = (f: string) => s.fields.includes(f as never);
  const body: Record<string, unknown> = { step: ctx.step };
  if (s.outcomes) {
    if (!outcome) return { problem: '请选择办理结果' };
    body[s.outcomeKey ?? 'outcome'] = outcome;
  }
  const bad = !!outcome && !!s.unfavourable?.includes(outcome);
  // A reason code only where the step has one to choose (a 特困 or payment refusal is explained in words).
  if (bad && (has('reasonCode') || has('emergencyReason')) && !form.reasonCode) return { problem: '请选择原因类别' };
  if (form.reasonCode && ctx.showReasonCode) body.reasonCode = form.reasonCode;
  if (form.reason.trim()) body.reason = form.reason.trim();
  if (has('disputed')) {
    if (form.disputed === null) return { problem: '请选择是否存在争议' };
    body.disputed = form.disputed;
  }
  if (has('votes')) {
    if (form.panelSize === null || form.panelSize < 1) return { problem: '请填写评议小组人数(至少1人)' };
    if (form.present === null) return { problem: '请填写到会人数' };
    if (form.votesFor === null || form.votesAgainst === null) return { problem: '请填写赞成票和反对票' };
    Object.assign(body, { panelSize: form.panelSize, present: form.present, votesFor: form.votesFor, votesAgainst: form.votesAgainst });
  }
  if (has('documents')) {
    if (!form.documents.length) return { problem: '请勾选已补交的材料' };
    body.documents = form.documents;
  }
  if (has('incomes') && (ctx.step === 'home_visit' || outcome === 'change')) {
    const incomes = [];
    for (const m of ctx.members) {
      const fen = yuanToFen(form.incomes[m.id]);
      if (fen === null) return { problem: `请填写${m.label}的核定月收入(元,最多两位小数)` };
      incomes.push({ memberId: m.id, monthlyIncomeFen: fen });
    }
    body.incomes = incomes;
  }
  if (has('deductions') && (form.rigidYuan !== '' || form.workYuan !== '')) {
    const rigidExpensesFen = yuanToFen(form.rigidYuan || '0');
    const workCostsFen = yuanToFen(form.workYuan || '0');
    if (rigidExpensesFen === null || workCostsFen === null) return { problem: '刚性支出和就业成本请填写金额(元,最多两位小数)' };
    body.deductions = { rigidExpensesFen, workCostsFen };
  }
  for (const [field, key] of [['amountFen', 'amountYuan'], ['topUpFen', 'topUpYuan']] as const) {
    if (!has(field) || outcome !== 'approve' || (field === 'topUpFen' && form.topUpYuan === '')) continue;
    const fen = yuanToFen(form[key]);
    if (fen === null || fen <= 0) return { problem: field === 'amountFen' ? '请填写救助金额(元)' : '请填写补充金额(元)' };
    body[field] = fen;
  }
  if (has('recoveryFen')) {
    const fen = yuanToFen(form.recoveryYuan || (outcome === 'proper' ? '0' : ''));
    if (fen === null) return { problem: '请填写追回金额(元)' };
    body.recoveryFen = fen;
  }
  if (has('findings')) {
    if (form.members === null || form.members < 1) return { problem: '请填写现有家庭人口(至少1人)' };
    const totalIncomeFen = yuanToFen(form.totalIncomeYuan);
    if (totalIncomeFen === null) return { problem: '请填写家庭月收入(元,最多两位小数)' };
    if (form.assetsWithinLimits === null) return { problem: '请选择家庭财产是否符合低保规定' };
    Object.assign(body, { members: form.members, totalIncomeFen, assetsWithinLimits: form.assetsWithinLimits });
  }
  let tekunProblems: Record<string, string> | undefined;
  if (has('tekunFacts')) {
    const facts = tekunDecisionFacts(form.tekun);
    tekunProblems = facts.problems;
    if (!facts.body) return { problem: TEKUN_PROBLEM, tekunProblems };
    Object.assign(body, facts.body);
  }
  if (has('reassignTo') && outcome === 'reassigned') {
    if (!form.reassignTo) return { problem: '请选择改派给哪位工作人员', tekunProblems };
    body.reassignTo = form.reassignTo;
  }
  // The account is the form's last field: what is missing above it is named first.
  if ((bad || s.reasonAlways) && !form.reason.trim()) return { problem: '请填写说明(将写入书面告知或办理记录)', tekunProblems };
  return { body, tekunProblems };
}

/** The confirmation: what was decided, the figures that go with it, what follows and who is told. */
export function decisionConsequence(outcome: string | null, body: Record<string, unknown>, ctx: { step: string; spec: StepSpec; extra?: string }): string {
  const s = ctx.spec;
  const lines = [`办理结果:${outcome ? label('outcome', outcome) : label('step', ctx.step)}`];
  if (typeof body.amountFen === 'number') lines.push(`金额:${fenToYuan(body.amountFen)} 元`);
  const d = body.deductions as { rigidExpensesFen: number; workCostsFen: number } | undefined;
  if (d) lines.push(`扣减:刚性支出 ${fenToYuan(d.rigidExpensesFen)} 元,就业成本 ${fenToYuan(d.workCostsFen)} 元`);
  if (typeof body.topUpFen === 'number') lines.push(`补充备用金:${fenToYuan(body.topUpFen)} 元`);
  if (typeof body.totalIncomeFen === 'number') {
    lines.push(`家庭人口:${body.members} 人,家庭月收入:${fenToYuan(body.totalIncomeFen)} 元,财产${body.assetsWithinLimits ? '符合' : '不符合'}低保规定`);
  }
  const arrangement = body.arrangement as { mode: string; institutionId: string | null } | undefined;
  if (arrangement) lines.push(`供养方式:${label('supportMode', arrangement.mode)}${arrangement.institutionId ? `(${arrangement.institutionId})` : ''}`);
  if (ctx.extra) lines.push(ctx.extra);
  lines.push(`下一步:${s.next[outcome ?? '*'] ?? s.next['*'] ?? '按程序流转'}`);
  if (s.notified) lines.push(`将通知:${s.notified}`);
  if (body.reasonCode) lines.push(`原因:${label('reasonCode', String(body.reasonCode))}`);
  return lines.join('\n');
}
