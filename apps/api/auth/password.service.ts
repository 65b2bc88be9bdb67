import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { hash, verify as verifyPassword } from '@node-rs/argon2';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { User } from '../../../activities/identity/user.entity';
import { UnprocessableError } from '../common/errors';
import type { ChangePasswordBody } from './auth.schemas';
import { AuthService } from './auth.service';
import type { AuthUser } from './auth.types';
import { LoginThrottle } from './login-throttle';

/**
 * 修改密码 by the user themself. The current password is checked under the login throttle (a stolen token cannot be
 * used to guess it), the change is audited without either password, and every token issued before it stops working;
 * the caller gets a fresh one.
 */
@Injectable()
export class PasswordService {
  constructor(
    private readonly orm: MikroORM,
    private readonly audit: AuditLog,
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
  ) {}

  async change(caller: AuthUser, body: ChangePasswordBody, address: string) {
    await this.throttle.check(caller.username, address);
    const current = await this.orm.em.fork().findOneOrFail(User, caller.id);
    if (!(await verifyPassword(current.passwordHash, body.currentPassword).catch(() => false))) {
      await this.throttle.recordFailure(caller.username, address);
      await this.audit.append(this.orm.em.fork(), { actorId: caller.id, actorRole: caller.role, regionCode: caller.regionCode, action: 'password_change_failed', targetType: 'user', targetId: caller.id });
      throw new UnprocessableError([{ field: 'currentPassword', rule: 'is not your current password' }]);
    }
    if (body.newPassword.toLowerCase().includes(caller.username.toLowerCase())) {
      throw new UnprocessableError([{ field: 'newPassword', rule: 'must not contain your username' }]);
    }
    const passwordHash = await hash(body.newPassword);
    const user = await this.orm.em.fork().transactional(async (em) => {
      const user = await em.findOneOrFail(User, caller.id);
      user.passwordHash = passwordHash;
      user.credentialsVersion += 1;
      user.mustChangePassword = false;
      await this.audit.append(em, {
        actorId: caller.id,
        actorRole: caller.role,
        regionCode: caller.regionCode,
        action: 'password_changed',
        targetType: 'user',
        targetId: caller.id,
        after: { credentialsVersion: user.credentialsVersion },
      });
      return user;
    });
    await this.throttle.recordSuccess(caller.username);
    return this.auth.issue(user);
  }
}
