import { createSecretKey, type KeyObject } from 'node:crypto';
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
  /**
   * The signing key as a KeyObject: given a string, jsonwebtoken 9 first tries to read it as a public key and throws
   * and catches on every call, which made each request's verification several times slower.
   */
  private readonly key: KeyObject;

  constructor(
    private readonly orm: MikroORM,
    private readonly audit: AuditLog,
    @Inject(ENV) private readonly env: Env,
    private readonly throttle: LoginThrottle,
  ) {
    this.key = createSecretKey(Buffer.from(env.JWT_SECRET, 'utf8'));
  }

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
    return this.issue(user);
  }

  /**
   * A token for the user, stamped with their credentials version: changing the password bumps the version, and
   * every token stamped before it is refused from then on.
   */
  async issue(user: User) {
    const accessToken = jwt.sign({ cv: user.credentialsVersion }, this.key, {
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
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(token, this.key, { algorithms: ['HS256'] }) as jwt.JwtPayload;
    } catch {
      throw new UnauthenticatedError('the token is invalid or expired', { reason: 'invalid_token' });
    }
    // A token that never expires is refused even when its signature is good: every token the platform issues has one.
    if (typeof claims.exp !== 'number') throw new UnauthenticatedError('the token has no expiry');
    const user = claims.sub ? await this.orm.em.fork().findOne(User, claims.sub) : null;
    if (!user || user.status !== 'active') throw new UnauthenticatedError('the user is unknown or suspended', { reason: 'user_inactive' });
    // Tokens from before credentials versions carry no stamp: they belong to version 1.
    if ((typeof claims.cv === 'number' ? claims.cv : 1) !== user.credentialsVersion) {
      throw new UnauthenticatedError('the password, role, region or status changed since this token was issued; log in again', { reason: 'credentials_changed' });
    }
    return toAuthUser(user);
  }

  /**
   * A new token with a fresh expiry for the caller, whose current token the guard has just accepted (so a suspended
   * user, or a token from before a password change, never gets here: 401 with its reason). The old token stays valid
   * until its own expiry.
   */
  async refresh(user: AuthUser) {
    const row = await this.orm.em.fork().findOne(User, { id: user.id, status: 'active' });
    if (!row) throw new UnauthenticatedError('the user is unknown or suspended', { reason: 'user_inactive' });
    const issued = await this.issue(row);
    return { accessToken: issued.accessToken, tokenType: issued.tokenType, expiresIn: issued.expiresIn, expiresAt: new Date(Date.now() + issued.expiresIn * 1000).toISOString() };
  }

  /** The caller with the name of their region, for the header of every screen. */
  async me(user: AuthUser) {
    const region = await this.orm.em.fork().findOne(Region, user.regionCode);
    return { ...user, regionName: region?.name ?? null, regionLevel: region?.level ?? null };
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
    mustChangePassword: user.mustChangePassword,
  };
}
