// What the task page needs from each kind of case: where its record and history come from, which panel shows it,
// who may be named in a decision, and the reason codes its refusals take. The task page and the decision form read
// this table and never name a case type themselves; a new case type adds one entry.
import type { Component } from 'vue';
import { api } from './api/client';
import { label } from './i18n/labels';
import { fenToYuan } from './format';
import { REASONS } from './decision-specs';
import ApplicationPanel from './components/ApplicationPanel.vue';
import EmergencyPanel from './components/EmergencyPanel.vue';
import PaymentPanel from './components/PaymentPanel.vue';
import LowIncomePanel from './components/LowIncomePanel.vue';
import TekunCasePanel from './components/tekun/TekunCasePanel.vue';

export interface MemberChoice {
  id: string;
  label: string;
  incomeFen: number;
}

export interface CaseScreen {
  load(caseId: string): Promise<{ detail: any; events: any[] }>;
  panel?: Component;
  /** Props of the panel, from the task and the loaded record (null while loading). */
  panelProps?(task: any, detail: any, canReveal: boolean): Record<string, unknown> | null;
  members?(detail: any): MemberChoice[];
  consequence?(detail: any): string | undefined;
  reasons: readonly string[];
  /** The decision form waits for the record (its members are chosen in the form). */
  formNeedsDetail?: boolean;
  /** Steps shown beside the department check report. */
  checkReportSteps?: readonly string[];
}

export const CASE_SCREENS: Record<string, CaseScreen> = {
  application: {
    load: async (id) => {
      const [detail, timeline] = await Promise.all([api('GET', `/api/applications/${id}`), api('GET', `/api/applications/${id}/timeline`)]);
      return { detail, events: timeline.events };
    },
    panel: ApplicationPanel,
    panelProps: (_task, detail, canReveal) => (detail ? { detail, canReveal } : null),
    members: (detail) => detail.household.members.map((m: any) => ({ id: m.id, label: `${label('relation', m.relation)} ${m.name}`, incomeFen: m.declaredMonthlyIncomeFen })),
    reasons: REASONS.application,
    formNeedsDetail: true,
    checkReportSteps: ['home_visit', 'township_review', 'county_approval'],
  },
  emergency: {
    load: async (id) => {
      const detail = await api('GET', `/api/emergency-requests/${id}`);
      return { detail, events: detail.timeline ?? [] };
    },
    panel: EmergencyPanel,
    panelProps: (_task, detail) => (detail ? { detail } : null),
    reasons: REASONS.emergency,
  },
  payment: {
    load: async (id) => ({ detail: await api('GET', `/api/payments/runs/${id}?pageSize=1`), events: [] }),
    panel: PaymentPanel,
    panelProps: (task) => ({ runId: task.caseId }),
    consequence: (detail) => `本批次:${detail.paymentCount} 户,合计 ${fenToYuan(detail.totalFen)} 元`,
    reasons: REASONS.application,
  },
  recipient: {
    load: async (id) => ({ detail: await api('GET', `/api/recipients/${id}`), events: [] }),
    members: (detail) => (detail.members ?? []).map((m: any) => ({ id: m.memberId, label: `${label('relation', m.relation)} ${m.name}`, incomeFen: m.monthlyIncomeFen ?? 0 })),
    reasons: REASONS.recipient,
  },
  low_income: {
    load: async (id) => {
      const detail = await api('GET', `/api/low-income-households/${id}`);
      return { detail, events: detail.timeline ?? [] };
    },
    panel: LowIncomePanel,
    panelProps: (_task, detail) => (detail ? { detail } : null),
    reasons: [],
  },
  tekun: {
    load: async (id) => {
      const detail = await api('GET', `/api/tekun/cases/${id}`);
      return { detail, events: detail.timeline ?? [] };
    },
    panel: TekunCasePanel,
    panelProps: (_task, detail) => (detail ? { detail } : null),
    // The confirmation and the filing say what is being confirmed: the support the assessment worked out.
    consequence: (detail) => {
      const s = detail.assessment?.support;
      return s ? `每月供养金:${fenToYuan(s.totalFen)} 元(基本生活 ${fenToYuan(s.basicFen ?? s.basicLivingFen)} 元 + 照料护理 ${fenToYuan(s.careFen)} 元)` : undefined;
    },
    reasons: [],
  },
};

/** The screen of a case type; an unknown one shows the task and its form only. */
export function caseScreen(caseType: string | undefined): CaseScreen {
  return (caseType && CASE_SCREENS[caseType]) || { load: async () => ({ detail: null, events: [] }), reasons: REASONS.application };
}
