import { TooManyAttemptsError } from '../common/errors';

/** How many failed logins are tolerated within the window, per username and per client address. */
export interface ThrottleLimits {
  perUsername: number;
  perAddress: number;
  windowMs: number;
}

/** 5 failures per username or 20 per client address within 15 minutes. */
export const LOGIN_LIMITS: ThrottleLimits = { perUsername: 5, perAddress: 20, windowMs: 15 * 60_000 };

const SWEEP_ABOVE = 10_000;

/**
 * Counts failed logins in a sliding window and refuses further attempts once a username or a client address has
 * reached its limit, until the oldest counted failure leaves the window. A successful login clears the username's
 * count (not the address's: one address guessing many usernames stays throttled).
 *
 * The counts live in memory, per API process: several processes behind a balancer each allow the limit, and a
 * restart forgets them. That is acceptable for guessing defence (argon2id already makes each guess slow); a shared
 * store is the upgrade path if the API is scaled out.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits = LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws {@link TooManyAttemptsError} when the username or the address has used up its failures. */
  check(username: string, address: string): void {
    const waits = [
      this.waitMs(userKey(username), this.limits.perUsername),
      this.waitMs(addressKey(address), this.limits.perAddress),
    ].filter((w) => w > 0);
    if (waits.length > 0) throw new TooManyAttemptsError(Math.ceil(Math.max(...waits) / 1000));
  }

  /** Counts one failed login against the username and the address. */
  recordFailure(username: string, address: string): void {
    if (this.failures.size > SWEEP_ABOVE) this.sweep();
    for (const key of [userKey(username), addressKey(address)]) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.set(key, list);
    }
  }

  /** A correct password: the username starts afresh. */
  recordSuccess(username: string): void {
    this.failures.delete(userKey(username));
  }

  /** Milliseconds until an attempt is allowed again; 0 when allowed now. */
  private waitMs(key: string, limit: number): number {
    const list = this.recent(key);
    if (list.length < limit) return 0;
    return list[list.length - limit] + this.limits.windowMs - this.now();
  }

  private recent(key: string): number[] {
    const since = this.now() - this.limits.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  private sweep(): void {
    for (const key of [...this.failures.keys()]) this.recent(key);
  }
}

function userKey(username: string): string {
  return `u:${username.toLowerCase()}`;
}

function addressKey(address: string): string {
  return `a:${address}`;
}
