import type { User } from './user.entity';

/** Why an approval does not count, as a stable code and a sentence; null when it counts. */
export type StandingIssue = { code: 'four_eyes' | 'approver_too_new' | 'granted_by_proposer'; message: string } | null;

/**
 * Whether `approver` may approve something `proposerId` proposed at `proposedAt` (a policy version, a role grant, a
 * payment run). Not the proposer; not an account whose role took effect after the proposal (so an administrator
 * cannot create or promote a colleague to approve what is already waiting); not an account whose role the proposer
 * granted.
 */
export function approvalStanding(approver: Pick<User, 'id' | 'createdAt' | 'grantedAt' | 'grantedById'>, proposerId: string | null, proposedAt: Date): StandingIssue {
  if (proposerId !== null && approver.id === proposerId) return { code: 'four_eyes', message: 'the proposer may not approve their own proposal' };
  const since = approver.grantedAt ?? approver.createdAt;
  if (since.getTime() > proposedAt.getTime()) return { code: 'approver_too_new', message: 'your role was granted after this was proposed: another approver is needed' };
  if (proposerId !== null && approver.grantedById === proposerId) return { code: 'granted_by_proposer', message: 'your role was granted by the proposer: another approver is needed' };
  return null;
}
