import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { ZodPipe } from '../common/zod.pipe';
import { LowIncomeService } from './low-income.service';
import { listLowIncomeSchema, type ListLowIncomeQuery } from './low-income.schemas';

/** 低收入家庭: the register of households recognised as low-income, with their special-assistance eligibility. */
@ApiTags('low-income')
@ApiBearerAuth()
@Controller('api/low-income-households')
export class LowIncomeController {
  constructor(private readonly lowIncome: LowIncomeService) {}

  @Get()
  @ApiOperation({ summary: '低收入 households of your subtree (or a region of it), newest first, or those due for re-check' })
  @ApiQuery({ name: 'region', required: false })
  @ApiQuery({ name: 'dueForReview', required: false })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(listLowIncomeSchema)) query: ListLowIncomeQuery) {
    return this.lowIncome.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One 低收入 household of your subtree: its figures, status, re-checks and timeline' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.lowIncome.get(user, id);
  }
}
