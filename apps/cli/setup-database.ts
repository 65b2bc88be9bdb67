import type { MikroORM } from '@mikro-orm/core';
import type { Env } from '../../config/env.schema';
import { encryptPlaintextRows } from '../../activities/security/encrypt-plaintext-rows';
import { backfillStatusLookupDigests } from '../../activities/application/status-lookup-backfill';
import { backfillCheckAuthorizations } from '../../activities/households/authorization-backfill';
import { createFirstAdmin, FIRST_ADMIN_REFUSALS, type FirstAdminRole } from '../../activities/identity/first-admin';
import { PolicyService } from '../../activities/regions/policy.service';
import { fundReserves } from '../../activities/emergency/reserve-funding';
import { ledgerYear } from '../../workflows/programs/emergency/emergency-rules';
import { seedDemoUsers } from './demo-users';

export interface SetupOptions {
  /** Create the demo users (published password): only when asked, never in a production setup. */
  demo: boolean;
  /** A first administrator from the environment (FIRST_ADMIN_USERNAME / FIRST_ADMIN_PASSWORD / FIRST_ADMIN_ROLE). */
  firstAdmin?: { username: string; password: string; role: FirstAdminRole };
}

/**
 * What setup does to an already migrated database, safe to repeat: backfills, the shipped regions, policies and
 * calendars, this year's township reserve funds, then — only when asked — the demo users and a first administrator.
 * Returns the lines to print.
 */
export async function setupDatabase(orm: MikroORM, env: Env, options: SetupOptions): Promise<string[]> {
  const lines: string[] = [];
  const sealed = await encryptPlaintextRows(orm);
  if (sealed > 0) lines.push(`encrypted ${sealed} personal-data values stored in clear before encryption`);
  const digested = await backfillStatusLookupDigests(orm, env.PII_DIGEST_KEY);
  if (digested > 0) lines.push(`gave ${digested} older applications their case-status lookup digest`);
  const authorized = await backfillCheckAuthorizations(orm);
  if (authorized > 0) lines.push(`recorded the signed check authorisation of ${authorized} older applications`);
  const loaded = await new PolicyService(orm).loadShipped();
  const funded = await fundReserves(orm, new PolicyService(orm), { year: ledgerYear(Date.now()), regionPath: '' });
  lines.push(`${loaded.regions} regions, ${loaded.versionsAdded} new policy versions, ${loaded.calendarsAdded} new calendar years; 备用金 of ${funded.length} townships funded for the year (once per year)`);
  if (options.demo) {
    const added = await seedDemoUsers(orm);
    lines.push(`demo users asked for (--demo): ${added} added — published password, never in production`);
  }
  if (options.firstAdmin) {
    const outcome = await createFirstAdmin(orm, options.firstAdmin);
    lines.push(
      outcome.created
        ? `first ${options.firstAdmin.role} ${options.firstAdmin.username} created (national level); it must change its password at first login`
        : `first administrator ${options.firstAdmin.username} not created: ${FIRST_ADMIN_REFUSALS[outcome.reason]}`,
    );
  }
  return lines;
}
