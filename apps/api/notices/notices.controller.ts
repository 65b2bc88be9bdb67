import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { ZodPipe } from '../common/zod.pipe';
import { NoticesService } from './notices.service';
import { serviceSchema, type ServiceBody } from './notices.schemas';

/** 书面告知送达: how and when each written notice of a case reached the household. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('api/notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Post(':id/services')
  @ApiOperation({ summary: '记录送达: how (in person, post, SMS, electronic, publication), when and to whom a notice was served; audited' })
  @ApiBody({ schema: z.toJSONSchema(serviceSchema, { io: 'input', unrepresentable: 'any' }) as object })
  record(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body(new ZodPipe(serviceSchema)) body: ServiceBody) {
    return this.notices.record(user, id, body);
  }

  @Get(':id/services')
  @ApiOperation({ summary: "A notice's services, in the order made" })
  list(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.notices.list(user, id);
  }
}
