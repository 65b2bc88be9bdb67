import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth.types';
import { PublicityRegisterService, type RegisterEntry } from './publicity-register.service';
import { ZodPipe } from '../common/zod.pipe';
import { exportFormatSchema, streamTable, type ExportFormat } from '../exports/table-export';

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

  @Get('register/:village/export')
  @ApiOperation({ summary: '长期公示 as Excel (?format=xlsx, the default) or CSV (?format=csv): title, Chinese headers, amounts in yuan, a totals row; streamed' })
  async export(@CurrentUser() user: AuthUser, @Param('village') village: string, @Query(new ZodPipe(exportFormatSchema)) query: { format: ExportFormat }, @Res() res: Response) {
    const { village: v, pages } = await this.register.registerPages(user, village);
    await streamTable<RegisterEntry>(res, query.format, {
      title: `${v.name} 最低生活保障长期公示`,
      fileName: `${v.name}-低保长期公示`,
      totals: true,
      columns: [
        { header: '户主', width: 14, value: (e) => e.head },
        { header: '家庭人口(人)', width: 14, value: (e) => e.householdSize },
        { header: '保障人数(人)', width: 14, value: (e) => e.membersCounted },
        { header: '月保障金额(元)', width: 18, money: true, value: (e) => e.monthlyBenefitFen },
        { header: '享受起始月份', width: 16, value: (e) => e.since },
      ],
      pages,
    });
  }
}
