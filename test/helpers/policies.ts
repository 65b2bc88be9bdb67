import type { CasePolicy } from '../../config/policy/policy.schema';
import { resolvePolicy, mergeOverride } from '../../config/policy/resolve';
import { loadShippedCalendars, loadShippedRegions, nationalLayer, shippedLayers } from '../../config/shipped';
import { WorkingCalendar } from '../../workflows/domain/calendar';

/** The shipped demo regions, one village each, by the procedure they illustrate. */
export const DEMO_VILLAGES = {
  /** 灌云县: the full nine steps, two publicities, 30% county sampling. */
  county: '320723100201',
  /** 宽城区: parallel investigation, no publicity, township confirmation with district filing, 15 working days. */
  district: '220103001001',
  /** 铁岭市: appraisal only when disputed, one publicity after review. */
  city: '211202001001',
} as const;

const regions = loadShippedRegions();
const national = nationalLayer();

/** The effective shipped policy of a region, optionally with a test override on top. */
export function shippedPolicy(regionCode: string, override: Record<string, unknown> = {}): CasePolicy {
  const layers = shippedLayers(regions, regionCode, national);
  const last = layers[layers.length - 1];
  return resolvePolicy([...layers.slice(0, -1), { ...last, override: mergeOverride(last.override, override) }]);
}

export function shippedCalendar(): WorkingCalendar {
  return new WorkingCalendar(loadShippedCalendars());
}
