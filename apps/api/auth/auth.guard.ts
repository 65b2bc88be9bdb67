import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../../../workflows/domain/roles';
import { ForbiddenError, UnauthenticatedError } from '../common/errors';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { AuthService } from './auth.service';
import type { AuthUser } from './auth.types';

/**
 * Every route is authenticated unless marked @Public: a valid, unexpired token of an active user. The user is read
 * from the database on each request, so a suspension takes effect at once. @Roles then limits the function.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    if (!match) throw new UnauthenticatedError('a bearer token is required');
    req.user = await this.auth.userForToken(match[1]);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(req.user.role)) {
      throw new ForbiddenError(`role ${req.user.role} may not use this function`);
    }
    return true;
  }
}
