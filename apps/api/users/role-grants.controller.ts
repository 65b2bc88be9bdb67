import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { ZodPipe } from '../common/zod.pipe';
import { RoleGrantsService } from './role-grants.service';
import { statusChangeSchema, type StatusChangeBody } from './users.schemas';

const schema = (s: z.ZodType) => ({ schema: z.toJSONSchema(s) as object });

/** Pending grants of privileged roles, decided by a second security administrator (三员分立). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/role-grants')
export class RoleGrantsController {
  constructor(private readonly grants: RoleGrantsService) {}

  @Get()
  @ApiOperation({ summary: 'Pending grants of privileged roles in your subtree' })
  pending(@CurrentUser() admin: AuthUser) {
    return this.grants.pending(admin);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a grant proposed by another security administrator; says why' })
  @ApiBody(schema(statusChangeSchema))
  approve(@CurrentUser() admin: AuthUser, @Param('id') id: string, @Body(new ZodPipe(statusChangeSchema)) body: StatusChangeBody) {
    return this.grants.decide(admin, id, 'approve', body.reason);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a pending grant; says why' })
  @ApiBody(schema(statusChangeSchema))
  reject(@CurrentUser() admin: AuthUser, @Param('id') id: string, @Body(new ZodPipe(statusChangeSchema)) body: StatusChangeBody) {
    return this.grants.decide(admin, id, 'reject', body.reason);
  }
}
