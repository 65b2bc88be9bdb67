/**
 * The one door from the emergency program (救急难) to the departments it refers households to (转介). The receiving
 * side — 医疗救助's referrals API — works the referral records this program writes: it reads the request and the
 * referral, moves the referral on, and writes each step on the emergency case's timeline. Nothing else of the
 * program is theirs to use; the import-graph test lets the referrals room import this file and no other of ours.
 */
export { EmergencyRequest } from './emergency-request.entity';
export { EmergencyReferral } from './follow-up.entity';
export { appendEmergencyEvent } from './emergency-timeline';
export { REFERRAL_KINDS, type ReferralKind } from '../../workflows/emergency/definitions';
