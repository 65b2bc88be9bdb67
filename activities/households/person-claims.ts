import { UniqueConstraintViolationException, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { PersonClaim } from './person-claim.entity';

/**
 * Claims every person of a new case, in the caller's transaction. Returns false when one of them already has a live
 * claim: the primary key on the digest refused the insert (on PostgreSQL a concurrent intake of the same person waits
 * for the first to commit, then fails here), and the caller must roll its transaction back.
 */
export async function claimPeople(em: EntityManager, claim: { digests: string[]; householdId: string; applicationId: string; at: Date }): Promise<boolean> {
  const rows = [...new Set(claim.digests)].sort().map((idDigest) => ({ idDigest, householdId: claim.householdId, applicationId: claim.applicationId, claimedAt: claim.at }));
  try {
    await em.insertMany(PersonClaim, rows);
    return true;
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) return false;
    throw err;
  }
}

/**
 * Releases claims so the people may apply again: those of a case that ended without enrolment (by application id) or
 * of an enrolment that ended (by household id). Idempotent: releasing twice deletes nothing the second time.
 */
export async function releaseClaims(em: EntityManager, of: { applicationId: string } | { householdId: string }): Promise<number> {
  return em.nativeDelete(PersonClaim, of as FilterQuery<PersonClaim>);
}
