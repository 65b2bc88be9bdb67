import type { MikroORM } from '@mikro-orm/core';
import { lifecycleStarterActivities, type LifecycleStarterDeps } from '../recipients/lifecycle-starter.activities';
import type { DepartmentsPort } from '../departments/departments.port';
import type { CalendarService } from '../regions/calendar.service';
import type { ApplicationActivities } from './application.contract';
import { checkActivities } from './check.activities';
import { decisionActivities } from './decision.activities';
import { publicityActivities } from './publicity.activities';
import { samplingActivities } from './sampling.activities';
import { taskActivities } from './task.activities';

export interface ApplicationActivityDeps {
  orm: MikroORM;
  calendars: CalendarService;
  departments: DepartmentsPort;
  /** Where an approval starts the household's lifecycle workflow. */
  lifecycle: Omit<LifecycleStarterDeps, 'orm'>;
}

/** The application workflow's activities, wired to their dependencies (one ORM fork per call inside each). */
export function createApplicationActivities(deps: ApplicationActivityDeps): ApplicationActivities {
  return {
    ...taskActivities(deps.orm, deps.calendars),
    ...publicityActivities(deps.orm, deps.calendars),
    ...checkActivities(deps.orm, deps.departments),
    ...decisionActivities(deps.orm),
    ...samplingActivities(deps.orm),
    ...lifecycleStarterActivities({ orm: deps.orm, ...deps.lifecycle }),
  };
}
