import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError } from '../common/errors';
import { ZodPipe } from '../common/zod.pipe';
import { emergencyListSchema, raiseEmergencySchema, referSchema, type EmergencyListQuery, type RaiseEmergencyBody, type ReferBody } from './emergency.schemas';
import { EmergencyIntakeService } from './emergency-intake.service';
import { EmergencyReferralService } from './emergency-referral.service';
import { EmergencyViewService } from './emergency-view.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('no such emergency request') });

@ApiTags('emergency')
@ApiBearerAuth()
@Controller('api/emergency-requests')
export class EmergencyController {
  constructor(
    private readonly intake: EmergencyIntakeService,
    private readonly views: EmergencyViewService,
    private readonly referrals: EmergencyReferralService,
  ) {}

  @Post()
  @ApiOperation({ summary: '救急难: raise a request for a household in your region (the township must decide within its clock hours)' })
  @ApiBody({ schema: z.toJSONSchema(raiseEmergencySchema, { io: 'input' }) as object })
  raise(@CurrentUser() user: AuthUser, @Body(new ZodPipe(raiseEmergencySchema)) body: RaiseEmergencyBody) {
    return this.intake.raise(user, body);
  }

  @Get()
  @ApiOperation({ summary: "Your region's emergency requests, newest first, with counts by status" })
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(emergencyListSchema)) query: EmergencyListQuery) {
    return this.views.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One request: tasks, payment, referrals, recoveries and its timeline (household masked)' })
  detail(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.views.detail(user, id);
  }

  @Post(':id/referrals')
  @HttpCode(200)
  @ApiOperation({ summary: '转介 during the follow-up: a dibao referral starts a linked 低保 application (409 not_in_follow_up, duplicate_referral)' })
  @ApiBody({ schema: z.toJSONSchema(referSchema, { io: 'input' }) as object })
  refer(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body(new ZodPipe(referSchema)) body: ReferBody) {
    return this.referrals.refer(user, id, body);
  }
}
