import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { verify as verifyPassword } from '@node-rs/argon2';
import jwt from 'jsonwebtoken';
import type { Env } from '../../../config/env.schema';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { User } from '../../../activities/identity/user.entity';
import { Region } from '../../../activities/regions/region.entity';
import { UnauthenticatedError } from '../common/errors';
import { ENV } from '../infra/tokens';
import type { AuthUser } from './auth.types';
import { LoginThrottle } from './login-throttle';

/** Passwords (argon2id), short-lived signed tokens, and the user behind a token. */
@Injectable()
export class AuthService {
  constructor(
    private readonly orm: MikroORM,
    private readonly audit: AuditLog,
    @Inject(ENV) private readonly env: Env,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * Checks the password and issues a token. Refused with TooManyAttemptsError (before the password is looked at)
   * once the username or the client address has too many recent failures; the refusal is audited too.
   */
  async login(username: string, password: string, address: string) {
    try {
      await this.throttle.check(username, address);
    } catch (err) {
      await this.audit.append(this.orm.em.fork(), {
        actorId: 'anonymous',
        actorRole: 'none',
        regionCode: '',
        action: 'login_throttled',
        targetType: 'user',
        targetId: username,
      });
      throw err;
    }
    const user = await this.orm.em.fork().findOne(User, { username });
    // Same answer whether the user is unknown, suspended or the password is wrong.
    const ok = user && user.status === 'active' && (await verifyPassword(user.passwordHash, password).catch(() => false));
    await this.audit.append(this.orm.em.fork(), {
      actorId: user?.id ?? 'anonymous',
      actorRole: user?.role ?? 'none',
      regionCode: user?.regionCode ?? '',
      action: ok ? 'login' : 'login_failed',
      targetType: 'user',
      targetId: username,
    });
    if (!user || !ok) {
      await this.throttle.recordFailure(username, address);
      throw new UnauthenticatedError('wrong username or password');
    }
    await this.throttle.recordSuccess(username);
    const accessToken = jwt.sign({}, this.env.JWT_SECRET, {
      algorithm: 'HS256',
      subject: user.id,
      expiresIn: this.env.JWT_TTL_SECONDS,
    });
    const region = await this.orm.em.fork().findOne(Region, user.regionCode);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.env.JWT_TTL_SECONDS,
      user: { ...toAuthUser(user), regionName: region?.name ?? null },
    };
  }

  async userForToken(token: string): Promise<AuthUser> {
    let subject: string | undefined;
    try {
      subject = jwt.verify(token, this.env.JWT_SECRET, { algorithms: ['HS256'] }).sub as string | undefined;
    } catch {
      throw new UnauthenticatedError('the token is invalid or expired');
    }
    const user = subject ? await this.orm.em.fork().findOne(User, subject) : null;
    if (!user || user.status !== 'active') throw new UnauthenticatedError('the user is unknown or suspended');
    return toAuthUser(user);
  }
}

export function toAuthUser(user: User): AuthUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    regionCode: user.regionCode,
    regionPath: user.regionPath,
  };
}
