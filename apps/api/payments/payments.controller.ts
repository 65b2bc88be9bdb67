import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { ZodPipe } from '../common/zod.pipe';
import { PaymentRunsService } from './payment-runs.service';
import { PayeesService } from './payees.service';
import { payeesQuerySchema, type PayeesQuery } from './payees.schemas';
import { listRunsSchema, runDetailSchema, startRunSchema, type ListRunsQuery, type RunDetailQuery, type StartRunBody } from './payments.schemas';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('api/payments')
export class PaymentsController {
  constructor(
    private readonly runs: PaymentRunsService,
    private readonly payeeLists: PayeesService,
  ) {}

  @Post('runs')
  @HttpCode(201)
  @ApiOperation({ summary: '发放: prepare a county\'s payments for a month from the entitlement ledger; approval and release follow in the inbox (409 payment_run_exists)' })
  @ApiBody({ schema: z.toJSONSchema(startRunSchema, { io: 'input' }) as object })
  start(@CurrentUser() user: AuthUser, @Body(new ZodPipe(startRunSchema)) body: StartRunBody) {
    return this.runs.start(user, body);
  }

  @Get('runs')
  @ApiOperation({ summary: 'Payment runs in your region subtree, newest month first' })
  @ApiQuery({ name: 'countyCode', required: false })
  @ApiQuery({ name: 'month', required: false })
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(listRunsSchema)) query: ListRunsQuery) {
    return this.runs.list(user, query);
  }

  @Get('runs/:id')
  @ApiOperation({ summary: 'One payment run: totals, per-township counts and a page of payments (accounts masked)' })
  @ApiQuery({ name: 'after', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  detail(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query(new ZodPipe(runDetailSchema)) query: RunDetailQuery) {
    return this.runs.detail(user, id, query);
  }

  @Get('runs/:id/payees')
  @ApiOperation({ summary: 'Who the run pays: masked payee name and account, amount in fen, kind, status; keyset pages by township (nextCursor)' })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false })
  payees(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query(new ZodPipe(payeesQuerySchema)) query: PayeesQuery) {
    return this.payeeLists.payees(user, id, query);
  }

  @Get('runs/:id/totals')
  @ApiOperation({ summary: 'The run by township (count, amount in fen), its total, and how many payments have no bank account' })
  totals(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.payeeLists.totals(user, id);
  }

  @Get('runs/:id/bank-file')
  @ApiOperation({ summary: '代发文件: the released run\'s file for the bank, accounts in clear (payment officers only; every read audited; 409 not_released before)' })
  bankFile(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.runs.bankFile(user, id);
  }
}
