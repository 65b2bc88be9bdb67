import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ZodPipe } from '../common/zod.pipe';
import { caseStatusSchema, type CaseStatusBody } from './case-status.schemas';
import { CaseStatusService } from './case-status.service';

/** Routes for the public, without an account. */
@ApiTags('public')
@Controller('api/public')
export class PublicController {
  constructor(private readonly caseStatus: CaseStatusService) {}

  @Post('case-status')
  @HttpCode(200)
  @ApiOperation({
    summary:
      '查询办理进度 (no login): case number + last 6 characters of the applicant\'s ID number → status and milestones with dates only. 404 not_found for a wrong pair or an unknown number alike; 429 too_many_attempts (Retry-After) after repeated failures',
  })
  @ApiBody({ schema: z.toJSONSchema(caseStatusSchema, { io: 'input' }) as object })
  lookup(@Body(new ZodPipe(caseStatusSchema)) body: CaseStatusBody, @Ip() address: string) {
    return this.caseStatus.lookup(body, address);
  }
}
