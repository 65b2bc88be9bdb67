import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { ZodPipe } from '../common/zod.pipe';
import { kinEntrySchema, type KinEntryBody } from './kin-register.schemas';
import { KinRegisterService } from './kin-register.service';

@ApiTags('integrity')
@ApiBearerAuth()
@Controller('api')
export class KinRegisterController {
  constructor(private readonly kin: KinRegisterService) {}

  @Post('admin/kin-register')
  @HttpCode(201)
  @ApiOperation({ summary: '近亲属备案: register a staff member or village cadre and a close relative (by ID number; stored as a digest)' })
  @ApiBody({ schema: z.toJSONSchema(kinEntrySchema, { io: 'input' }) as object })
  register(@CurrentUser() user: AuthUser, @Body(new ZodPipe(kinEntrySchema)) body: KinEntryBody) {
    return this.kin.register(user, body);
  }

  @Get('admin/kin-register')
  @ApiOperation({ summary: 'The register of your subtree (relatives masked)' })
  list(@CurrentUser() user: AuthUser) {
    return this.kin.list(user);
  }

  @Get('audit/flagged-cases')
  @ApiOperation({ summary: 'Cases flagged at intake because a member is a registered relative of staff' })
  flagged(@CurrentUser() user: AuthUser) {
    return this.kin.flaggedCases(user);
  }
}
