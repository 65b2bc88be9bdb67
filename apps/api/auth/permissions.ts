import type { Role } from '../../../workflows/domain/roles';

/**
 * How a route confines what it touches: `region-subtree` answers 404 for anything outside the caller's region
 * subtree (revealing nothing); `own-user` touches only the caller; `none` has no regional data (login, health,
 * holiday tables, the whole-chain audit check).
 */
export type Scope = 'region-subtree' | 'own-user' | 'none';

/** Who may call a route: listed roles, any authenticated user, or anyone (no token). */
export interface Permission {
  roles: readonly Role[] | 'any' | 'public';
  scope: Scope;
}

/** Who reads cases (the read-only 领导查询 too). */
const CASEWORKERS = ['village_assistant', 'township_clerk', 'township_investigator', 'checking_agency', 'township_reviewer', 'county_approver', 'administrator', 'auditor', 'supervisor'] as const;
const WORKERS = ['village_assistant', 'township_clerk', 'township_investigator', 'checking_agency', 'township_reviewer', 'county_approver', 'payment_officer', 'administrator'] as const;
const OBJECTION_TAKERS = ['village_assistant', 'township_clerk', 'township_investigator', 'township_reviewer', 'county_approver'] as const;
const ADMIN = ['administrator'] as const;
/** 安全管理员: accounts and role grants only (三员分立 — administrators keep policy and configuration). */
const SECURITY = ['security_admin'] as const;
const EMERGENCY_VIEWERS = ['village_assistant', 'township_clerk', 'township_investigator', 'township_reviewer', 'county_approver', 'payment_officer', 'administrator', 'auditor'] as const;
const PAYMENT_READERS = ['payment_officer', 'county_approver', 'administrator', 'auditor'] as const;
const AUDITOR = ['auditor'] as const;
const RECIPIENT_READERS = ['village_assistant', 'township_clerk', 'township_investigator', 'township_reviewer', 'county_approver', 'payment_officer', 'administrator', 'auditor', 'supervisor'] as const;
const CHANGE_TAKERS = ['village_assistant', 'township_clerk', 'township_investigator'] as const;
const COMPLAINT_TAKERS = ['village_assistant', 'township_clerk', 'township_investigator', 'township_reviewer', 'county_approver', 'auditor'] as const;
const STATUS_DECIDERS = ['township_reviewer', 'county_approver'] as const;
/** Supervisors' dashboards, the monthly 汇总表 and their drill-downs (read-only). */
const STATS_READERS = ['county_approver', 'administrator', 'auditor', 'checking_agency', 'supervisor'] as const;

const subtree = (roles: Permission['roles']): Permission => ({ roles, scope: 'region-subtree' });

/**
 * The one permission table: every API route, keyed `METHOD path` as the OpenAPI document writes it, with the roles
 * that may call it and how region scoping applies. The AuthGuard enforces the roles from here (no per-controller
 * lists) and refuses to start when a route is missing; the route-matrix e2e test checks the scoping.
 */
export const PERMISSIONS: Readonly<Record<string, Permission>> = {
  'POST /api/auth/login': { roles: 'public', scope: 'none' },
  'GET /api/auth/me': { roles: 'any', scope: 'own-user' },
  'POST /api/auth/refresh': { roles: 'any', scope: 'own-user' },
  'POST /api/auth/password': { roles: 'any', scope: 'own-user' },
  'GET /api/health': { roles: 'public', scope: 'none' },
  'GET /health/live': { roles: 'public', scope: 'none' },
  'GET /health/ready': { roles: 'public', scope: 'none' },
  // Public to the guard; the controller demands METRICS_TOKEN (or answers 404 when metrics live on METRICS_PORT).
  'GET /metrics': { roles: 'public', scope: 'none' },
  'POST /api/public/case-status': { roles: 'public', scope: 'none' },

  'POST /api/applications': subtree(['village_assistant', 'township_clerk']),
  'GET /api/applications': subtree(CASEWORKERS),
  'GET /api/applications/{id}': subtree(CASEWORKERS),
  'GET /api/applications/{id}/timeline': subtree(CASEWORKERS),
  'GET /api/applications/{id}/check-report': subtree(CASEWORKERS),
  'POST /api/applications/{id}/objections': subtree(OBJECTION_TAKERS),
  'POST /api/applications/{id}/members/{memberId}/reveal': subtree(['township_investigator', 'township_reviewer', 'county_approver']),

  'GET /api/stats/dashboard': subtree(STATS_READERS),
  'GET /api/stats/cases': subtree(STATS_READERS),
  'GET /api/stats/summary': subtree(STATS_READERS),
  'GET /api/stats/summary/export': subtree(STATS_READERS),
  'GET /api/stats/cases/export': subtree(STATS_READERS),
  'GET /api/inbox/export': subtree(WORKERS),
  'GET /api/applications/export': subtree(CASEWORKERS),

  'GET /api/inbox': subtree(WORKERS),
  'GET /api/inbox/summary': subtree(WORKERS),
  'POST /api/inbox/take-next': subtree(WORKERS),
  'POST /api/inbox/claims': subtree(WORKERS),
  'GET /api/tasks/{id}': subtree(WORKERS),
  'GET /api/tasks/{id}/colleagues': subtree(WORKERS),
  'GET /api/tasks/{id}/timeline': subtree(WORKERS),
  'POST /api/tasks/{id}/claim': subtree(WORKERS),
  'POST /api/tasks/{id}/unclaim': subtree(WORKERS),
  'POST /api/tasks/{id}/complete': subtree(WORKERS),
  'POST /api/absences': subtree(WORKERS),
  'GET /api/absences': subtree(WORKERS),
  'GET /api/absences/colleagues': subtree(WORKERS),
  'POST /api/absences/{id}/cancel': subtree(WORKERS),
  'GET /api/reminders': { roles: WORKERS, scope: 'own-user' },
  'POST /api/reminders/{id}/read': { roles: WORKERS, scope: 'own-user' },

  'GET /api/regions': subtree('any'),
  'GET /api/regions/{code}/policy': subtree('any'),

  'POST /api/admin/regions/{code}/move-cases': subtree(ADMIN),
  'GET /api/admin/calendars': { roles: ADMIN, scope: 'none' },
  'PUT /api/admin/calendars/{year}': { roles: ADMIN, scope: 'none' },
  'GET /api/admin/regions/{code}/config': subtree(ADMIN),
  'POST /api/notices/{id}/services': subtree(['village_assistant', 'township_clerk', 'township_investigator']),
  'GET /api/notices/{id}/services': subtree(CASEWORKERS),
  'POST /api/comparisons': subtree(['checking_agency', 'administrator']),
  'GET /api/comparisons': subtree(['checking_agency', 'administrator', 'county_approver', 'auditor']),
  'GET /api/comparisons/{id}': subtree(['checking_agency', 'administrator', 'county_approver', 'auditor']),
  'GET /api/comparison-leads': subtree(['township_investigator', 'township_reviewer', 'county_approver', 'checking_agency', 'administrator', 'auditor']),
  'POST /api/comparison-leads/{id}/decision': subtree(['township_investigator']),
  'GET /api/admin/regions/{code}/sampling': subtree(['administrator', 'county_approver', 'auditor']),
  'GET /api/admin/regions/{code}/policy-versions': subtree(ADMIN),
  'POST /api/admin/regions/{code}/policy-versions': subtree(ADMIN),
  'POST /api/admin/policy-versions/{id}/approve': subtree(ADMIN),
  'POST /api/admin/policy-versions/{id}/reject': subtree(ADMIN),
  'GET /api/admin/policy-versions/{a}/diff/{b}': subtree(ADMIN),
  'GET /api/admin/policy-versions/{id}/cases': subtree(ADMIN),
  'GET /api/admin/policy-versions/{id}/impact': subtree(ADMIN),
  'POST /api/admin/dry-run': subtree(ADMIN),

  'GET /api/admin/users': subtree(SECURITY),
  'POST /api/admin/users': subtree(SECURITY),
  'POST /api/admin/users/{id}/role': subtree(SECURITY),
  'POST /api/admin/users/{id}/region': subtree(SECURITY),
  'POST /api/admin/users/{id}/suspend': subtree(SECURITY),
  'POST /api/admin/users/{id}/password-reset': subtree(SECURITY),
  'POST /api/admin/users/{id}/reactivate': subtree(SECURITY),
  'GET /api/admin/role-grants': subtree(SECURITY),
  'POST /api/admin/role-grants/{id}/approve': subtree(SECURITY),
  'POST /api/admin/role-grants/{id}/reject': subtree(SECURITY),

  'GET /api/audit/entries': subtree(AUDITOR),
  'GET /api/audit/verify': { roles: AUDITOR, scope: 'none' },
  'GET /api/audit/refused-attempts': subtree(AUDITOR),

  'POST /api/admin/kin-register': subtree(ADMIN),
  'GET /api/admin/kin-register': subtree(['administrator', 'auditor']),
  'GET /api/audit/flagged-cases': subtree(['auditor', 'administrator']),

  'POST /api/emergency-requests': subtree(['applicant', 'village_assistant', 'township_clerk']),
  'GET /api/emergency-requests': subtree(EMERGENCY_VIEWERS),
  'GET /api/emergency-requests/{id}': subtree(EMERGENCY_VIEWERS),
  'POST /api/emergency-requests/{id}/referrals': subtree(['township_clerk', 'township_investigator', 'township_reviewer']),
  'GET /api/emergency/reserve/{code}': subtree(['township_clerk', 'township_investigator', 'township_reviewer', 'county_approver', 'payment_officer', 'administrator', 'auditor']),
  'POST /api/emergency/reserve/{code}/top-ups': subtree(['county_approver']),
  'POST /api/admin/regions/{code}/reserve-funding': subtree(ADMIN),
  'POST /api/payments/runs': subtree(['payment_officer', 'administrator']),
  'GET /api/payments/runs': subtree(PAYMENT_READERS),
  'GET /api/payments/runs/{id}': subtree(PAYMENT_READERS),
  'GET /api/payments/runs/{id}/payees': subtree(PAYMENT_READERS),
  'GET /api/payments/runs/{id}/totals': subtree(PAYMENT_READERS),
  'GET /api/payments/runs/{id}/bank-file': subtree(['payment_officer']),
  'POST /api/payments/runs/{id}/bank-results': subtree(['payment_officer']),
  'GET /api/payments/runs/{id}/bank-results': subtree(PAYMENT_READERS),
  'GET /api/payments/runs/{id}/reconciliation': subtree(PAYMENT_READERS),
  'GET /api/payments/households/{householdId}/reconciliation': subtree(PAYMENT_READERS),
  'GET /api/payments/exceptions': subtree(PAYMENT_READERS),
  'GET /api/payments/unpaid': subtree(PAYMENT_READERS),
  'POST /api/payments/households/{householdId}/bank-account': subtree(['payment_officer']),
  'GET /api/payments/households/{householdId}/recovery-plans': subtree(PAYMENT_READERS),
  'POST /api/payments/recovery-plans/{id}/repayments': subtree(['payment_officer']),
  'POST /api/payments/recovery-plans/{id}/method': subtree(['payment_officer']),

  'GET /api/recipients': subtree(RECIPIENT_READERS),
  'GET /api/low-income-households': subtree(RECIPIENT_READERS),
  'GET /api/low-income-households/{id}': subtree(RECIPIENT_READERS),
  'POST /api/tekun/applications': subtree(['village_assistant', 'township_clerk']),
  'GET /api/tekun/cases': subtree(RECIPIENT_READERS),
  'GET /api/tekun/cases/{id}': subtree(RECIPIENT_READERS),
  'GET /api/tekun/institution-settlements': subtree(PAYMENT_READERS),
  'POST /api/tekun/cases/{id}/end': subtree(['township_clerk', 'township_reviewer']),
  'POST /api/tekun/assessments': subtree(['village_assistant', 'township_clerk', 'township_investigator', 'township_reviewer', 'county_approver', 'administrator']),
  'GET /api/households/{householdId}/layers': subtree(RECIPIENT_READERS),
  'GET /api/referrals': subtree(['medical_officer', 'township_clerk', 'township_investigator', 'township_reviewer', 'county_approver', 'auditor', 'supervisor']),
  'GET /api/referrals/{id}': subtree(['medical_officer', 'township_clerk', 'township_investigator', 'township_reviewer', 'county_approver', 'auditor', 'supervisor']),
  'POST /api/referrals/{id}/accept': subtree(['medical_officer']),
  'POST /api/referrals/{id}/payments': subtree(['medical_officer']),
  'POST /api/referrals/{id}/close': subtree(['medical_officer']),
  'GET /api/recipients/{householdId}': subtree(RECIPIENT_READERS),
  'GET /api/recipients/{householdId}/ledger': subtree(RECIPIENT_READERS),
  'GET /api/recipients/{householdId}/timeline': subtree(RECIPIENT_READERS),
  'POST /api/recipients/{householdId}/changes': subtree(CHANGE_TAKERS),
  'POST /api/recipients/{householdId}/complaints': subtree(COMPLAINT_TAKERS),
  'POST /api/recipients/{householdId}/suspend': subtree(STATUS_DECIDERS),
  'POST /api/recipients/{householdId}/resume': subtree(STATUS_DECIDERS),
  'POST /api/recipients/{householdId}/terminate': subtree(STATUS_DECIDERS),
  'GET /api/complaints': subtree(['auditor', 'administrator']),
  'POST /api/admin/regions/{code}/standard-changes': subtree(ADMIN),
  'POST /api/admin/regions/{code}/re-review-campaigns': subtree(ADMIN),
  'GET /api/admin/lifecycle-jobs/{id}': subtree(['administrator', 'auditor']),
  'GET /api/admin/regions/{code}/lifecycle-jobs': subtree(['administrator', 'auditor']),
  'GET /api/recipients/register/{village}': subtree(['village_assistant', 'township_clerk', 'township_investigator', 'township_reviewer', 'county_approver', 'administrator', 'auditor', 'supervisor']),
  'GET /api/recipients/register/{village}/export': subtree(['village_assistant', 'township_clerk', 'township_investigator', 'township_reviewer', 'county_approver', 'administrator', 'auditor', 'supervisor']),
};

/** The table's entry for a route key, or undefined when the route is not listed. */
export function permissionFor(key: string): Permission | undefined {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, key) ? PERMISSIONS[key] : undefined;
}

/** May this role call a route with this permission? (Public and 'any' routes: every authenticated role.) */
export function roleAllowed(permission: Permission, role: Role): boolean {
  return typeof permission.roles === 'string' || permission.roles.includes(role);
}
