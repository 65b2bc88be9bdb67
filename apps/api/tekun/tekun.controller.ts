import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { ZodPipe } from '../common/zod.pipe';
import { TekunAssessmentService } from './tekun-assessment.service';
import { tekunAssessmentSchema, type TekunAssessmentBody } from './tekun.schemas';

/** 特困人员救助供养: assessing a person's facts under the region's policy. */
@ApiTags('tekun')
@ApiBearerAuth()
@Controller('api/tekun')
export class TekunController {
  constructor(private readonly assessments: TekunAssessmentService) {}

  @Post('assessments')
  @HttpCode(200)
  @ApiOperation({ summary: '三无 eligibility, 自理能力 level and monthly support (basic living + care, fen) under the region’s policy; stores nothing' })
  @ApiBody({ schema: z.toJSONSchema(tekunAssessmentSchema, { io: 'input' }) as object })
  assess(@CurrentUser() user: AuthUser, @Body(new ZodPipe(tekunAssessmentSchema)) body: TekunAssessmentBody) {
    return this.assessments.assess(user, body);
  }
}
