import type { ThrottleLimits } from '../auth/login-throttle';

/** Nest token of the case-status lookup's throttle (a LoginThrottle with its own key namespace and limits). */
export const CASE_STATUS_THROTTLE = Symbol('CASE_STATUS_THROTTLE');

/**
 * 10 failed lookups per client address, 5 per case number, within 15 minutes: enough for an applicant who mistypes,
 * far too few to guess a six-character suffix (10^6 possibilities) or walk through case numbers.
 */
export const CASE_STATUS_LIMITS: ThrottleLimits = { perUsername: 5, perAddress: 10, windowMs: 15 * 60_000 };

export const CASE_STATUS_NAMESPACE = 'cs:';
