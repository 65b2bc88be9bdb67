import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { LoginFailure } from '../../../activities/identity/login-failure.entity';
import { TooManyAttemptsError } from '../common/errors';

/** How many failed logins are tolerated within the window, per username and per client address. */
export interface ThrottleLimits {
  perUsername: number;
  perAddress: number;
  windowMs: number;
}

/** 5 failures per username or 20 per client address within 15 minutes. */
export const LOGIN_LIMITS: ThrottleLimits = { perUsername: 5, perAddress: 20, windowMs: 15 * 60_000 };

/**
 * Counts failed logins in a sliding window and refuses further attempts once a username or a client address has
 * reached its limit, until the oldest counted failure leaves the window. A successful login clears the username's
 * count (not the address's: one address guessing many usernames stays throttled).
 *
 * The failures are rows of `login_failures`, so several API processes share one limit and a restart forgets
 * nothing. Two attempts racing past the check at once may both be counted, at most one over the limit per process:
 * the limit slows guessing (argon2id already makes each guess slow), it is not a lock.
 */
export class LoginThrottle {
  constructor(
    private readonly orm: MikroORM,
    private readonly limits: ThrottleLimits = LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
    /** Keeps another counter's keys apart from the login's (e.g. 'cs:' for the public case-status lookup). */
    private readonly namespace = '',
  ) {}

  /** Throws {@link TooManyAttemptsError} when the username or the address has used up its failures. */
  async check(username: string, address: string): Promise<void> {
    const waits = (
      await Promise.all([this.waitMs(this.userKey(username), this.limits.perUsername), this.waitMs(this.addressKey(address), this.limits.perAddress)])
    ).filter((w) => w > 0);
    if (waits.length > 0) throw new TooManyAttemptsError(Math.ceil(Math.max(...waits) / 1000));
  }

  /** Counts one failed login against the username and the address, and sweeps failures older than the window. */
  async recordFailure(username: string, address: string): Promise<void> {
    const at = new Date(this.now());
    await this.orm.em.fork().transactional(async (em) => {
      await em.nativeDelete(LoginFailure, { at: { $lte: new Date(at.getTime() - this.limits.windowMs) } });
      await em.insertMany(LoginFailure, [this.userKey(username), this.addressKey(address)].map((key) => new LoginFailure({ id: randomUUID(), key, at })));
    });
  }

  /** A correct password: the username starts afresh. */
  async recordSuccess(username: string): Promise<void> {
    await this.orm.em.fork().nativeDelete(LoginFailure, { key: this.userKey(username) });
  }

  /** Milliseconds until an attempt is allowed again; 0 when allowed now. */
  private async waitMs(key: string, limit: number): Promise<number> {
    const now = this.now();
    const recent = await this.orm.em.fork().find(
      LoginFailure,
      { key, at: { $gt: new Date(now - this.limits.windowMs) } },
      { orderBy: { at: 'desc' }, limit, fields: ['at'] },
    );
    if (recent.length < limit) return 0;
    return recent[limit - 1]!.at.getTime() + this.limits.windowMs - now;
  }

  private userKey(username: string): string {
    return `${this.namespace}u:${username.toLowerCase()}`.slice(0, 80);
  }

  private addressKey(address: string): string {
    return `${this.namespace}a:${address}`.slice(0, 80);
  }
}
