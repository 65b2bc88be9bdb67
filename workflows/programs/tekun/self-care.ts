import { DAILY_ACTIVITIES, type DailyActivity, type SelfCareLevel } from './tekun-codes';

/**
 * 生活自理能力认定 over the six daily activities: all six done unaided is full self-care (具备); one to three not done is
 * partial (部分丧失); four or more not done is none (完全丧失). The level selects the care standard. Pure.
 */
export function assessSelfCare(canDo: Record<DailyActivity, boolean>): { level: SelfCareLevel; unable: DailyActivity[] } {
  const unable = DAILY_ACTIVITIES.filter((a) => canDo[a] !== true);
  const level: SelfCareLevel = unable.length === 0 ? 'full' : unable.length <= 3 ? 'partial' : 'none';
  return { level, unable };
}

/** Those who have partly or wholly lost self-care come first for a place in an institution (集中供养). */
export function centralizedPriority(level: SelfCareLevel): boolean {
  return level !== 'full';
}
