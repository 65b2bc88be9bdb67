import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { HolidayYearConfig } from '../../../config/calendars/calendar.schema';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { CalendarService } from '../../../activities/regions/calendar.service';
import type { AuthUser } from '../auth/auth.types';
import { HolidayYearRow } from '../../../activities/regions/holiday-year.entity';
import { shanghaiDay, isoDate } from '../../../workflows/domain/calendar';
import { NotOwnerError, UnprocessableError } from '../common/errors';
import { NATIONAL_SCOPE } from '../../../config/shipped';

/**
 * The working-day calendar: administrators load a year's State Council table when it is published (a year may be
 * added before it starts). A past year's table is history and cannot be rewritten: deadlines were computed on it.
 * The table is national (it sets every region's deadlines), so only a national-level administrator — an account
 * whose region is `national`, above every province — may change it; any other level gets 403 `not_owner`.
 */
@Injectable()
export class CalendarAdminService {
  constructor(
    private readonly orm: MikroORM,
    private readonly calendars: CalendarService,
    private readonly audit: AuditLog,
  ) {}

  async list() {
    const rows = await this.orm.em.fork().find(HolidayYearRow, {}, { orderBy: { year: 'asc' } });
    return rows.map((r) => ({ year: r.year, published: r.published, source: r.source, holidays: r.holidays, makeUpWorkdays: r.makeUpWorkdays }));
  }

  async load(user: AuthUser, year: number, table: HolidayYearConfig) {
    if (user.regionCode !== NATIONAL_SCOPE) throw new NotOwnerError('the holiday table is national: only a national-level administrator may change it');
    if (table.year !== year) throw new UnprocessableError([{ field: 'year', rule: `must equal the year in the path (${year})` }]);
    const thisYear = Number(isoDate(shanghaiDay(Date.now())).slice(0, 4));
    if (year < thisYear) throw new UnprocessableError([{ field: 'year', rule: `a past year's table cannot be changed (this year is ${thisYear})` }]);
    const em = this.orm.em.fork();
    await em.transactional(async (tx) => {
      const row = await tx.findOne(HolidayYearRow, year);
      const before = row ? { published: row.published, holidays: row.holidays, makeUpWorkdays: row.makeUpWorkdays } : null;
      if (row) Object.assign(row, table);
      else tx.persist(new HolidayYearRow(table));
      await this.audit.append(tx, {
        actorId: user.id,
        actorRole: user.role,
        regionCode: user.regionCode,
        action: 'calendar_loaded',
        targetType: 'holiday_year',
        targetId: String(year),
        before,
        after: { published: table.published, holidays: table.holidays, makeUpWorkdays: table.makeUpWorkdays },
        reason: table.source,
      });
    });
    this.calendars.invalidate();
    return { ...table };
  }
}
