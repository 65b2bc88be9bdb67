import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { PublicityRegisterService } from './publicity-register.service';

@ApiTags('recipients')
@ApiBearerAuth()
@Controller('api/recipients')
export class PublicityRegisterController {
  constructor(private readonly register: PublicityRegisterService) {}

  @Get('register/:village')
  @ApiOperation({ summary: '长期公示: current recipients of a village or community — masked head, household size, monthly amount; never ID numbers' })
  list(@CurrentUser() user: AuthUser, @Param('village') village: string) {
    return this.register.register(user, village);
  }
}
