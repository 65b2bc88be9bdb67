import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { ZodPipe } from '../common/zod.pipe';
import { monthOf } from '../../../workflows/domain/months';
import { SamplingService } from './sampling.service';

const samplingQuerySchema = z
  .object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM').optional() })
  .strict();

/** The county's sampled home visits (抽查入户) against the floor its policy sets. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin')
export class SamplingController {
  constructor(private readonly sampling: SamplingService) {}

  @Get('regions/:code/sampling')
  @ApiOperation({ summary: "抽查比例: each county's cases, sampled cases and achieved share for a month, against its rate (不低于30%)" })
  @ApiQuery({ name: 'month', required: false, example: '2026-12', description: 'default: this month (Asia/Shanghai)' })
  shares(@CurrentUser() user: AuthUser, @Param('code') code: string, @Query(new ZodPipe(samplingQuerySchema)) query: { month?: string }) {
    return this.sampling.shares(user, code, query.month ?? monthOf(Date.now()));
  }
}
