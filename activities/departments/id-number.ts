/**
 * Chinese resident ID numbers (公民身份号码, GB 11643-1999): 6-digit region code, 8-digit birth date (YYYYMMDD),
 * 3-digit sequence (odd for men, even for women) and a check character computed over the first 17 digits
 * (ISO 7064 MOD 11-2). Pure functions, no I/O; nothing here logs or keeps the numbers it sees.
 */

/** Weight of each of the first 17 digits, as published in GB 11643-1999. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character by (weighted sum mod 11). */
const CHECK_CHARS = '10X98765432';

/**
 * The check character for the first 17 characters of an ID number: '0'–'9' or 'X'.
 * @throws RangeError when `first17` is not exactly 17 ASCII digits (the message never repeats the input).
 */
export function idNumberCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('the first 17 characters of an ID number must be digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Whether `id` is a well-formed 18-character ID number: 17 digits, a real calendar birth date from 1900 on, and the
 * correct check character. Only an upper-case 'X' is accepted, so equal people always have equal strings; callers
 * that take user input upper-case it first. Does not prove the number was ever issued.
 */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  if (!isCalendarDate(id.slice(6, 14))) return false;
  return idNumberCheckDigit(id.slice(0, 17)) === id[17];
}

/**
 * Replaces anything shaped like an ID number (18 or 15 characters, 15 being the pre-1999 format) with "[id]".
 * Used on text that comes from outside, such as a department's error message, before it goes into an error of ours.
 */
export function redactIdNumbers(text: string): string {
  return text.replace(/\d{17}[\dXx]|\d{15}/g, '[id]');
}

function isCalendarDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one; UTC avoids any time-zone shift.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
