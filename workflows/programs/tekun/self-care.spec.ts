import { assessSelfCare, centralizedPriority } from './self-care';
import { DAILY_ACTIVITIES, type DailyActivity } from './tekun-codes';

const unableTo = (...items: DailyActivity[]) => Object.fromEntries(DAILY_ACTIVITIES.map((a) => [a, !items.includes(a)])) as Record<DailyActivity, boolean>;

test.each([
  [[], 'full'],
  [['bathing'], 'partial'],
  [['bathing', 'dressing', 'toileting'], 'partial'],
  [['bathing', 'dressing', 'toileting', 'indoor_walking'], 'none'],
  [[...DAILY_ACTIVITIES], 'none'],
] as [DailyActivity[], string][])('unable to %j: self-care %s', (items, level) => {
  const result = assessSelfCare(unableTo(...items));
  expect(result.level).toBe(level);
  expect([...result.unable].sort()).toEqual([...items].sort());
});

test('an activity not recorded counts as not done unaided', () => {
  const partial = { ...unableTo(), bathing: undefined } as unknown as Record<DailyActivity, boolean>;
  expect(assessSelfCare(partial)).toEqual({ level: 'partial', unable: ['bathing'] });
});

test('partial or no self-care comes first for 集中供养', () => {
  expect([centralizedPriority('full'), centralizedPriority('partial'), centralizedPriority('none')]).toEqual([false, true, true]);
});
