import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { ZodPipe } from '../common/zod.pipe';
import { fundingSchema, reserveQuerySchema, topUpSchema, type FundingBody, type ReserveQuery, type TopUpBody } from './emergency.schemas';
import { ReserveFundService } from './reserve-fund.service';

@ApiTags('emergency')
@ApiBearerAuth()
@Controller('api')
export class ReserveFundController {
  constructor(private readonly reserve: ReserveFundService) {}

  @Get('emergency/reserve/:code')
  @ApiOperation({ summary: "备用金: a township's balance and movements for a year (default: this year)" })
  ledger(@CurrentUser() user: AuthUser, @Param('code') code: string, @Query(new ZodPipe(reserveQuerySchema)) query: ReserveQuery) {
    return this.reserve.ledger(user, code, query);
  }

  @Post('emergency/reserve/:code/top-ups')
  @HttpCode(200)
  @ApiOperation({ summary: "The county tops up a township's fund (once per voucher reference)" })
  @ApiBody({ schema: z.toJSONSchema(topUpSchema, { io: 'input' }) as object })
  topUp(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body(new ZodPipe(topUpSchema)) body: TopUpBody) {
    return this.reserve.topUp(user, code, body);
  }

  @Post('admin/regions/:code/reserve-funding')
  @HttpCode(200)
  @ApiOperation({ summary: 'Annual 备用金 funding of every township under a region: registered residents × amount per resident (once per township and year)' })
  @ApiBody({ schema: z.toJSONSchema(fundingSchema, { io: 'input' }) as object })
  fund(@CurrentUser() user: AuthUser, @Param('code') code: string, @Body(new ZodPipe(fundingSchema)) body: FundingBody) {
    return this.reserve.fund(user, code, body);
  }
}
