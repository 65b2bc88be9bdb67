import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { ZodPipe } from '../common/zod.pipe';
import { MedicalPaymentsService } from './medical-payments.service';
import { ReferralsService } from './referrals.service';
import { handleReferralSchema, listReferralsSchema, medicalPaymentSchema, type HandleReferralBody, type ListReferralsQuery, type MedicalPaymentBody } from './referrals.schemas';

/** 转介: referrals after 救急难 as the receiving departments work them (医疗救助 first). */
@ApiTags('referrals')
@ApiBearerAuth()
@Controller('api/referrals')
export class ReferralsController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly medical: MedicalPaymentsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Referrals of your region, newest first, by kind and status' })
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(listReferralsSchema)) query: ListReferralsQuery) {
    return this.referrals.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One referral with its medical payments' })
  detail(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.referrals.detail(user, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: '受理: the receiving department accepts the referral (its own kind only)' })
  @ApiBody({ schema: z.toJSONSchema(handleReferralSchema, { io: 'input' }) as object })
  accept(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body(new ZodPipe(handleReferralSchema)) body: HandleReferralBody) {
    return this.referrals.accept(user, id, body.reason);
  }

  @Post(':id/payments')
  @HttpCode(200)
  @ApiOperation({ summary: '医疗救助 for one bill: the region’s share of the eligible expenses within the household’s annual cap; once per bill number' })
  @ApiBody({ schema: z.toJSONSchema(medicalPaymentSchema, { io: 'input' }) as object })
  pay(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body(new ZodPipe(medicalPaymentSchema)) body: MedicalPaymentBody) {
    return this.medical.pay(user, id, body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: '办结: the receiving department closes an accepted referral with a reason' })
  @ApiBody({ schema: z.toJSONSchema(handleReferralSchema, { io: 'input' }) as object })
  close(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body(new ZodPipe(handleReferralSchema)) body: HandleReferralBody) {
    return this.referrals.close(user, id, body.reason);
  }
}
