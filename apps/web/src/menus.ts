/** What each role sees in the menu and where it lands after signing in: its own work, never an empty table. */
export interface MenuItem {
  path: string;
  key: string;
}

const MENUS: Record<string, string[]> = {
  village_assistant: ['cases', 'apply', 'inbox', 'emergency', 'recipients', 'low-income', 'tekun', 'absences'],
  township_clerk: ['inbox', 'cases', 'apply', 'emergency', 'recipients', 'low-income', 'tekun', 'absences'],
  township_investigator: ['inbox', 'cases', 'emergency', 'recipients', 'tekun', 'comparison', 'absences'],
  checking_agency: ['inbox', 'cases', 'comparison', 'absences', 'dashboard', 'summary'],
  township_reviewer: ['inbox', 'cases', 'emergency', 'recipients', 'low-income', 'tekun', 'comparison', 'absences'],
  county_approver: ['inbox', 'cases', 'emergency', 'payments', 'recipients', 'low-income', 'tekun', 'absences', 'dashboard', 'summary'],
  payment_officer: ['payments', 'inbox', 'emergency', 'recipients', 'absences'],
  administrator: ['policy', 'affairs', 'inbox', 'cases', 'emergency', 'payments', 'recipients', 'tekun', 'dashboard', 'summary'],
  auditor: ['audit', 'cases', 'emergency', 'payments', 'recipients', 'dashboard', 'summary'],
  security_admin: ['users'],
  medical_officer: ['referrals'],
  supervisor: ['dashboard', 'summary', 'cases', 'recipients', 'low-income'],
};

export function menuFor(role: string): MenuItem[] {
  return (MENUS[role] ?? ['inbox']).map((key) => ({ key, path: `/${key}` }));
}

export function landingFor(role: string): string {
  return menuFor(role)[0].path;
}
