import { Injectable, type CanActivate, type ExecutionContext, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ForbiddenError, PasswordChangeRequiredError, UnauthenticatedError } from '../common/errors';
import { AuthService } from './auth.service';
import type { AuthUser } from './auth.types';
import { permissionFor, roleAllowed, type Permission } from './permissions';
import { routeKey, routeKeys } from './route-key';

/** What an account with a temporary password may do: see who it is and change the password. */
const PASSWORD_CHANGE_ROUTES = new Set(['GET /api/auth/me', 'POST /api/auth/password']);

/** A route exists that the permission table does not list: the API refuses to start. */
export class UnlistedRoutesError extends Error {
  override readonly name = 'UnlistedRoutesError';
  constructor(readonly routes: string[]) {
    super(`routes missing from the permission table (apps/api/auth/permissions.ts): ${routes.join(', ')}`);
  }
}

/**
 * Enforces the permission table on every request. A public route passes; any other needs a valid, unexpired token of
 * an active user, read from the database on each request so a suspension, role or region change applies at once;
 * then the role must be one the table lists (403 otherwise). At module init every controller route is checked
 * against the table, and the module fails to start when one is missing.
 */
@Injectable()
export class AuthGuard implements CanActivate, OnModuleInit {
  private readonly cache = new WeakMap<Function, Permission | undefined>();

  constructor(
    private readonly auth: AuthService,
    private readonly discovery: DiscoveryService,
  ) {}

  onModuleInit(): void {
    const controllers = this.discovery
      .getControllers()
      .map((wrapper) => wrapper.metatype)
      .filter((type): type is Function => typeof type === 'function');
    const missing = routeKeys(controllers).filter((key) => !permissionFor(key));
    if (missing.length > 0) throw new UnlistedRoutesError(missing);
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const permission = this.permission(ctx);
    if (!permission) throw new ForbiddenError('this route is not in the permission table');
    if (permission.roles === 'public') return true;
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (!match) throw new UnauthenticatedError('a bearer token is required');
    req.user = await this.auth.userForToken(match[1]);
    if (req.user.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(routeKey(ctx.getClass(), ctx.getHandler()) ?? '')) {
      throw new PasswordChangeRequiredError('choose your own password first (POST /api/auth/password): this account has a temporary one', { passwordChangeRequired: true });
    }
    if (!roleAllowed(permission, req.user.role)) throw new ForbiddenError(`role ${req.user.role} may not use this function`);
    return true;
  }

  private permission(ctx: ExecutionContext): Permission | undefined {
    const handler = ctx.getHandler();
    if (!this.cache.has(handler)) {
      const key = routeKey(ctx.getClass(), handler);
      this.cache.set(handler, key ? permissionFor(key) : undefined);
    }
    return this.cache.get(handler);
  }
}
