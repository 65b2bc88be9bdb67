import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { ZodPipe } from '../common/zod.pipe';
import { BankResultsService } from './bank-results.service';
import { PaymentExceptionsService } from './payment-exceptions.service';
import { bankAccountSchema, exceptionsQuerySchema, unpaidQuerySchema, type BankAccountBody, type ExceptionsQuery, type UnpaidQuery } from './payment-exceptions.schemas';
import { ReconciliationService } from './reconciliation.service';
import { RecoveryPlansService } from './recovery-plans.service';
import { recoveryMethodSchema, repaymentSchema, type RecoveryMethodBody, type RepaymentBody } from './recovery-plans.schemas';

/** After release: the bank's results, reconciliation, and the payments that did not go out or came back. */
@ApiTags('payments')
@ApiBearerAuth()
@Controller('api/payments')
export class PaymentSettlementController {
  constructor(
    private readonly results: BankResultsService,
    private readonly reconciliation: ReconciliationService,
    private readonly exceptions: PaymentExceptionsService,
    private readonly recoveries: RecoveryPlansService,
  ) {}

  @Post('runs/:id/bank-results')
  @HttpCode(200)
  @ApiOperation({ summary: '回盘: import the bank\'s result file (text/csv: reference,result,reason_code,amount_fen,value_date); the same file twice changes nothing (duplicate: true)' })
  @ApiConsumes('text/csv')
  importResults(@CurrentUser() user: AuthUser, @Param('id') id: string, @Headers('content-type') contentType: string | undefined, @Req() req: Request) {
    return this.results.import(user, id, contentType, req);
  }

  @Get('runs/:id/bank-results')
  @ApiOperation({ summary: 'The result files imported for a run, with their counts and refused lines' })
  listResults(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.results.list(user, id);
  }

  @Get('runs/:id/reconciliation')
  @ApiOperation({ summary: '对账: expected, paid, failed, returned, held, awaiting result, re-issued and outstanding (count and fen) of a run' })
  runReconciliation(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.reconciliation.run(user, id);
  }

  @Get('households/:householdId/reconciliation')
  @ApiOperation({ summary: 'A household\'s ledger rows with their payments, and owed / paid / outstanding in fen' })
  householdReconciliation(@CurrentUser() user: AuthUser, @Param('householdId') householdId: string) {
    return this.reconciliation.household(user, householdId);
  }

  @Get('exceptions')
  @ApiOperation({ summary: '发放异常: held (no account), failed and returned payments not yet re-issued, and whether the next supplementary run will pay them' })
  @ApiQuery({ name: 'countyCode', required: false })
  @ApiQuery({ name: 'month', required: false })
  listExceptions(@CurrentUser() user: AuthUser, @Query(new ZodPipe(exceptionsQuerySchema)) query: ExceptionsQuery) {
    return this.exceptions.list(user, query);
  }

  @Get('unpaid')
  @ApiOperation({ summary: '待补充发放: per month whose run is released, the ledger rows owed and in no payment yet (count, fen)' })
  @ApiQuery({ name: 'countyCode', required: true })
  listUnpaid(@CurrentUser() user: AuthUser, @Query(new ZodPipe(unpaidQuerySchema)) query: UnpaidQuery) {
    return this.exceptions.unpaid(user, query);
  }

  @Post('households/:householdId/bank-account')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record or correct a household\'s bank account; its failed or returned payments become ready for a supplementary run' })
  @ApiBody({ schema: z.toJSONSchema(bankAccountSchema, { io: 'input' }) as object })
  setAccount(@CurrentUser() user: AuthUser, @Param('householdId') householdId: string, @Body(new ZodPipe(bankAccountSchema)) body: BankAccountBody) {
    return this.exceptions.setAccount(user, householdId, body);
  }

  @Get('households/:householdId/recovery-plans')
  @ApiOperation({ summary: '多发追回: a household\'s recovery plans with total, deducted, repaid and remaining fen' })
  recoveryPlans(@CurrentUser() user: AuthUser, @Param('householdId') householdId: string) {
    return this.recoveries.list(user, householdId);
  }

  @Post('recovery-plans/:id/repayments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a repayment the household made directly (fen, at most what remains; 422 otherwise)' })
  @ApiBody({ schema: z.toJSONSchema(repaymentSchema, { io: 'input' }) as object })
  repay(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body(new ZodPipe(repaymentSchema)) body: RepaymentBody) {
    return this.recoveries.repay(user, id, body);
  }

  @Post('recovery-plans/:id/method')
  @HttpCode(200)
  @ApiOperation({ summary: 'Recover the rest by deduction from future payments or by repayment' })
  @ApiBody({ schema: z.toJSONSchema(recoveryMethodSchema, { io: 'input' }) as object })
  setRecoveryMethod(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body(new ZodPipe(recoveryMethodSchema)) body: RecoveryMethodBody) {
    return this.recoveries.setMethod(user, id, body);
  }
}
