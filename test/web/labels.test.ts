import { AUDIT_ACTIONS } from '../../activities/audit/audit-entry.entity';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ROLES } from '../../workflows/domain/roles';
import { CASE_TYPES } from '../../workflows/domain/cases';
import { PROGRAM_CODES } from '../../workflows/programs/registry';
import { STEP_LABELS } from '../../workflows/programs/dibao/route';
import { REASON_CODES } from '../../workflows/application/decisions';
import { REFERRAL_KINDS } from '../../workflows/emergency/definitions';
import { DECISION_SCHEMAS } from '../../apps/api/case-types';
import { EMERGENCY_REASON_CODES } from '../../apps/api/emergency/emergency-decision.schemas';
import { LIFECYCLE_REASON_CODES } from '../../apps/api/recipients/recipients.schemas';
import { DOCUMENT_CODES } from '../../apps/api/applications/applications.schemas';
import { RELATIONS } from '../../activities/households/member.entity';
import { EMERGENCY_EVENT_TYPES } from '../../activities/emergency/emergency-request.entity';
import { CHECK_FLAGS } from '../../activities/departments/check-report';
import { DEPARTMENT_SOURCES } from '../../activities/departments/departments.port';
import { COMPARISON_SOURCES } from '../../activities/comparison/comparison-import.entity';
import { REGION_LEVELS } from '../../config/regions/region.schema';
import { regionPolicySchema } from '../../config/policy/policy.schema';
import { PAYMENT_REASON_CODES, type PaymentStatus } from '../../activities/payments/payment.entity';
import { RESULT_LINE_CODES } from '../../activities/payments/bank-result-file';
import type { Layer } from '../../apps/api/households/household-layers.service';
import type { EmergencyReferral } from '../../activities/emergency/follow-up.entity';
import type { Notice } from '../../activities/application/notice.entity';
import { LOW_INCOME_ASSISTANCE } from '../../workflows/programs/low-income/placement';
import type { AssistanceKind } from '../../workflows/programs/emergency/emergency-rules';
import type { LifecycleJob } from '../../activities/recipients/lifecycle-job.entity';
import { KIN_RELATIONS, STAFF_KINDS } from '../../activities/integrity/kin-register.entity';
import { LABELS, label, type LabelKind } from '../../apps/web/src/i18n/labels';
import { DAILY_ACTIVITIES, DISABILITY_KINDS, SELF_CARE_LEVELS, SUPPORT_MODES, TEKUN_CONDITIONS } from '../../workflows/programs/tekun/tekun-codes';
import { TEKUN_PERIODS } from '../../config/policy/sections/tekun-policy.schema';

/** Every code the back end can return has a zh-CN label in the console's one dictionary (apps/web/src/i18n/labels.ts). */

const ROOT = resolve(__dirname, '..', '..');

function missing(kind: LabelKind, codes: readonly string[]): string[] {
  return codes.filter((c) => !(c in LABELS[kind]));
}

/** Every enum value in a decision schema's outcome / recommendation field. */
function outcomes(): string[] {
  const out = new Set<string>();
  for (const schema of Object.values(DECISION_SCHEMAS)) {
    const json = z.toJSONSchema(schema, { io: 'input' }) as { properties: Record<string, { enum?: string[]; const?: string }> };
    for (const key of ['outcome', 'recommendation']) {
      const p = json.properties[key];
      for (const v of p?.enum ?? (p?.const ? [p.const] : [])) out.add(v);
    }
  }
  return [...out];
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Stable codes the API answers with: named errors, conflicts and refused workflow updates. */
function errorCodes(): string[] {
  const codes = new Set<string>();
  for (const file of [...sources(join(ROOT, 'apps', 'api')), ...sources(join(ROOT, 'activities'))]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/new ConflictError\('([a-z_]+)'/g)) codes.add(m[1]);
    for (const m of text.matchAll(/readonly code = '([a-z_]+)'/g)) codes.add(m[1]);
    for (const m of text.matchAll(/\]: '([a-z_]+)',/g)) if (file.endsWith('workflow-errors.ts')) codes.add(m[1]);
  }
  return [...codes];
}

/** Actions written into case and emergency timelines. */
function timelineActions(): string[] {
  const codes = new Set<string>();
  for (const file of [...sources(join(ROOT, 'activities', 'application')), ...sources(join(ROOT, 'activities', 'emergency')), ...sources(join(ROOT, 'activities', 'tasks'))]) {
    for (const m of readFileSync(file, 'utf8').matchAll(/action: '([a-z_]+)'/g)) codes.add(m[1]);
  }
  // The emergency workflow names its events: tasks.event(key, action, …), an outcome choosing between two.
  for (const file of sources(join(ROOT, 'workflows', 'emergency'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\.event\([^,]+, '([a-z_]+)'/g)) codes.add(m[1]);
    for (const m of text.matchAll(/\.event\([^,]+, [^,]*\? '([a-z_]+)' : '([a-z_]+)'/g)) codes.add(m[1]).add(m[2]);
    for (const m of text.matchAll(/\.event\([^,]+, `([a-z_]+)\$\{cmd\.outcome\}`/g)) for (const o of ['proper', 'improper']) codes.add(`${m[1]}${o}`);
  }
  return [...codes];
}

/** 分类管理 categories: the keys of the policy's re-review intervals. */
function categories(): string[] {
  const json = z.toJSONSchema(regionPolicySchema, { io: 'input' }) as unknown as { properties: { dibao: { properties: { lifecycle: { properties: { reReviewMonths: { properties: object } } } } } } };
  return Object.keys(json.properties.dibao.properties.lifecycle.properties.reReviewMonths.properties);
}

test.each([
  ['role', ROLES],
  ['category', categories()],
  ['caseType', CASE_TYPES],
  ['program', PROGRAM_CODES],
  ['step', [...Object.keys(STEP_LABELS), ...Object.keys(DECISION_SCHEMAS)]],
  ['outcome', outcomes()],
  ['reasonCode', [...REASON_CODES, ...EMERGENCY_REASON_CODES, ...LIFECYCLE_REASON_CODES]],
  ['document', DOCUMENT_CODES],
  ['relation', RELATIONS],
  ['eventType', EMERGENCY_EVENT_TYPES],
  ['referral', REFERRAL_KINDS],
  ['checkFlag', CHECK_FLAGS],
  ['source', DEPARTMENT_SOURCES],
  ['regionLevel', REGION_LEVELS],
  ['comparisonSource', COMPARISON_SOURCES],
  ['paymentReason', PAYMENT_REASON_CODES],
  ['resultLine', RESULT_LINE_CODES],
  ['status', ['prepared', 'released', 'cancelled', 'held', 'paid', 'failed', 'returned'] satisfies PaymentStatus[]],
  ['error', errorCodes()],
  ['action', timelineActions()],
  ['action', [...AUDIT_ACTIONS]],
  ['staffKind', STAFF_KINDS],
  ['assistance', LOW_INCOME_ASSISTANCE],
  ['requestKind', ['urgent', 'expense'] satisfies AssistanceKind[]],
  ['layer', ['core', 'extended', 'emergency'] satisfies Layer[]],
  ['referralStatus', ['referred', 'accepted', 'closed'] satisfies EmergencyReferral['status'][]],
  ['noticeKind', ['approval', 'return', 'rejection', 'closure', 'low_income'] satisfies Notice['kind'][]],
  ['kinRelation', KIN_RELATIONS],
  ['jobKind', ['standard_change', 'campaign'] satisfies LifecycleJob['kind'][]],
  ['jobStatus', ['proposed', 'rejected', 'running', 'finished'] satisfies LifecycleJob['status'][]],
  ['selfCare', SELF_CARE_LEVELS],
  ['dailyActivity', DAILY_ACTIVITIES],
  ['supportMode', SUPPORT_MODES],
  ['tekunCondition', TEKUN_CONDITIONS],
  ['disabilityKind', DISABILITY_KINDS],
  ['payee', ['person', 'institution']],
  ['publishedPer', TEKUN_PERIODS],
  ['program', ['dibao', 'low_income', 'emergency', 'tekun']],
] as [LabelKind, readonly string[]][])('every %s code has a zh-CN label', (kind, codes) => {
  expect(codes.length).toBeGreaterThan(0);
  expect(missing(kind, codes)).toEqual([]);
});

test('every label is Chinese text, and an unknown code never shows itself', () => {
  for (const [kind, table] of Object.entries(LABELS)) {
    for (const [code, text] of Object.entries(table)) expect({ kind, code, chinese: /[\u4e00-\u9fff]/.test(text) }).toEqual({ kind, code, chinese: true });
  }
  expect(label('step', 'no_such_step')).not.toContain('no_such_step');
});
