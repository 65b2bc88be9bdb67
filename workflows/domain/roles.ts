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
  administrator: '管理员',
  auditor: '监督/审计',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
