/**
 * The roles of the platform (domain.md, "Who uses it"). Stable codes: they are stored in tasks, users and
 * workflow histories, so a code is never renamed.
 */
export const ROLES = [
  'applicant',
  'village_assistant',
  'township_clerk',
  'township_investigator',
  'checking_agency',
  'township_reviewer',
  'county_approver',
  'payment_officer',
  'administrator',
  'auditor',
  'security_admin',
  'medical_officer',
  /** 领导查询: county, city or province leadership — dashboards, the 汇总表 and case lists of its subtree, read-only. */
  'supervisor',
] as const;

export type Role = (typeof ROLES)[number];

/** zh-CN labels for display. */
export const ROLE_LABELS: Record<Role, string> = {
  applicant: '申请人',
  village_assistant: '村(社区)协理员',
  township_clerk: '乡镇受理员',
  township_investigator: '乡镇调查员',
  checking_agency: '核对机构',
  township_reviewer: '乡镇审核人',
  county_approver: '县级审批人',
  payment_officer: '财务/发放',
  administrator: '系统管理员',
  auditor: '监督/审计',
  security_admin: '安全管理员',
  medical_officer: '医疗救助经办',
  supervisor: '领导查询',
};

/**
 * 三员分立 (等保 2.0 level 3): system administration (`administrator`: policy, configuration), security administration
 * (`security_admin`: accounts and role grants) and audit (`auditor`) are separate roles. A privileged role — one that
 * approves, pays, administers or audits — is granted only when a second security administrator approves the grant.
 */
export const PRIVILEGED_ROLES: readonly Role[] = ['administrator', 'security_admin', 'auditor', 'county_approver', 'payment_officer', 'township_reviewer', 'medical_officer'];

export function isPrivileged(role: Role): boolean {
  return PRIVILEGED_ROLES.includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
