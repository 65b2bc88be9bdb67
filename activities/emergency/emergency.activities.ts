import type { MikroORM } from '@mikro-orm/core';
import type { CalendarService } from '../regions/calendar.service';
import type { PolicyService } from '../regions/policy.service';
import type { EmergencyActivities } from './emergency.contract';
import { emergencyTaskActivities } from './emergency-task.activities';
import { followUpActivities } from './follow-up.activities';
import { reserveActivities } from './reserve.activities';

export interface EmergencyActivityDeps {
  orm: MikroORM;
  calendars: CalendarService;
  policies: PolicyService;
  /** Starts the workflow of an accepted 低保 application (CaseStarter.start). */
  startApplication: (applicationId: string) => Promise<void>;
}

/** Every activity of the 救急难 workflow, wired to the database (the contract lists them). */
export function createEmergencyActivities(deps: EmergencyActivityDeps): EmergencyActivities {
  return {
    ...emergencyTaskActivities(deps.orm, deps.calendars),
    ...reserveActivities(deps.orm),
    ...followUpActivities(deps),
  };
}
