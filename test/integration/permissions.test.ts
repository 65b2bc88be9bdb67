import { Controller, Get } from '@nestjs/common';
import type { DiscoveryService } from '@nestjs/core';
import { AuthGuard, UnlistedRoutesError } from '../../apps/api/auth/auth.guard';
import type { AuthService } from '../../apps/api/auth/auth.service';
import { PERMISSIONS } from '../../apps/api/auth/permissions';
import { routeKeys } from '../../apps/api/auth/route-key';
import { CONTROLLERS } from '../../apps/api/controllers';


test('the permission table lists exactly the routes the controllers declare, in OpenAPI form', () => {
  const keys = routeKeys(CONTROLLERS);
  expect(keys).toContain('GET /api/applications/{id}');
  expect(keys).toContain('GET /api/admin/policy-versions/{a}/diff/{b}');
  expect([...keys].sort()).toEqual(Object.keys(PERMISSIONS).sort());
});

test('the guard refuses to start when a route is missing from the table', () => {
  @Controller('api/forgotten')
  class ForgottenController {
    @Get(':id')
    get() {
      return {};
    }
  }
  const discovery = { getControllers: () => [...CONTROLLERS, ForgottenController].map((metatype) => ({ metatype })) } as unknown as DiscoveryService;
  const guard = new AuthGuard({} as AuthService, discovery);
  expect(() => guard.onModuleInit()).toThrow(UnlistedRoutesError);
  expect(() => guard.onModuleInit()).toThrow('GET /api/forgotten/{id}');
  const listed = new AuthGuard({} as AuthService, { getControllers: () => CONTROLLERS.map((metatype) => ({ metatype })) } as unknown as DiscoveryService);
  expect(() => listed.onModuleInit()).not.toThrow();
});
