import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { ZodPipe } from '../common/zod.pipe';
import {
  changeRegionSchema,
  changeRoleSchema,
  createUserSchema,
  statusChangeSchema,
  userListSchema,
  type ChangeRegionBody,
  type ChangeRoleBody,
  type CreateUserBody,
  type StatusChangeBody,
  type UserListQuery,
} from './users.schemas';
import { UsersService } from './users.service';

const schema = (s: z.ZodType) => ({ schema: z.toJSONSchema(s) as object });

/** User administration (管理员) within the administrator's region subtree; every change is audited. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Users of your region subtree, by username, paginated' })
  list(@CurrentUser() admin: AuthUser, @Query(new ZodPipe(userListSchema)) query: UserListQuery) {
    return this.users.list(admin, query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user with one role in a region of your subtree (password ≥ 12 characters)' })
  @ApiBody(schema(createUserSchema))
  create(@CurrentUser() admin: AuthUser, @Body(new ZodPipe(createUserSchema)) body: CreateUserBody) {
    return this.users.create(admin, body);
  }

  @Post(':id/role')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change a user\'s role (not your own); says why' })
  @ApiBody(schema(changeRoleSchema))
  role(@CurrentUser() admin: AuthUser, @Param('id') id: string, @Body(new ZodPipe(changeRoleSchema)) body: ChangeRoleBody) {
    return this.users.changeRole(admin, id, body);
  }

  @Post(':id/region')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a user to another region of your subtree; says why' })
  @ApiBody(schema(changeRegionSchema))
  region(@CurrentUser() admin: AuthUser, @Param('id') id: string, @Body(new ZodPipe(changeRegionSchema)) body: ChangeRegionBody) {
    return this.users.changeRegion(admin, id, body);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend a user (not yourself): refused at once, including tokens already issued' })
  @ApiBody(schema(statusChangeSchema))
  suspend(@CurrentUser() admin: AuthUser, @Param('id') id: string, @Body(new ZodPipe(statusChangeSchema)) body: StatusChangeBody) {
    return this.users.setStatus(admin, id, 'suspended', body.reason);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a suspended user; says why' })
  @ApiBody(schema(statusChangeSchema))
  reactivate(@CurrentUser() admin: AuthUser, @Param('id') id: string, @Body(new ZodPipe(statusChangeSchema)) body: StatusChangeBody) {
    return this.users.setStatus(admin, id, 'active', body.reason);
  }

  @Post(':id/password-reset')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reset a forgotten password: a temporary one shown once, to be changed at the next login; ends every token' })
  @ApiBody(schema(statusChangeSchema))
  resetPassword(@CurrentUser() admin: AuthUser, @Param('id') id: string, @Body(new ZodPipe(statusChangeSchema)) body: StatusChangeBody) {
    return this.users.resetPassword(admin, id, body.reason);
  }
}
