import { createHmac } from 'node:crypto';

/**
 * Helpers for personal data. The digest lets the platform find a person (duplicate applications, registers) without
 * reading or indexing ID numbers; masks are what API responses show by default.
 */
export function idDigest(key: string, idNumber: string): string {
  return createHmac('sha256', key).update(idNumber.toUpperCase()).digest('hex');
}

/**
 * The second factor of the public case-status lookup: a keyed digest of the case number and the last six characters
 * of the applicant's ID number (the whole number or just those six may be given). Bound to the case number, so equal
 * suffixes of two cases never share a digest; the suffix itself is never stored.
 */
export function statusLookupDigest(key: string, caseNo: string, idNumberOrSuffix: string): string {
  return createHmac('sha256', key).update(`case-status:${caseNo}:${idNumberOrSuffix.slice(-6).toUpperCase()}`).digest('hex');
}

/**
 * 320723**********3X: region prefix and the last two characters only. The ten hidden characters cover the birth date
 * and most of the sequence number, so a birth date or birth year shown elsewhere cannot rebuild the number (at least
 * ~9 candidates pass the check digit even with the full date known).
 */
export function maskIdNumber(idNumber: string): string {
  return idNumber.length === 18 ? `${idNumber.slice(0, 6)}**********${idNumber.slice(16)}` : '****';
}

/** 138****1234 */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** 慕**: the surname character only (names are shown in clear only through an audited reveal). */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** A digit in any script an address uses for house, building or room numbers. */
const NUMBERING = /[0-9０-９一二三四五六七八九十百零〇#＃]/u;

/**
 * 宽城区柳影路****: at most the first six characters, cut before the first numeral so no part of a house, building
 * or room number shows, and a fixed run of stars so the length of the rest is not told either.
 */
export function maskAddress(address: string): string {
  const head = [...address].slice(0, 6);
  const cut = head.findIndex((c) => NUMBERING.test(c));
  const shown = cut === -1 ? head : head.slice(0, cut);
  return shown.length < 2 || shown.length === [...address].length ? '****' : `${shown.join('')}****`;
}

/** '*' when a disability grade is recorded, null when none: the grade itself only through an audited reveal. */
export function maskDisabilityGrade(grade: number | null): '*' | null {
  return grade === null ? null : '*';
}

/** ****7890: the last four digits only, enough to tell accounts apart on a payment list. */
export function maskBankAccount(account: string | null): string | null {
  if (!account) return null;
  return account.length > 8 ? `****${account.slice(-4)}` : '****';
}
