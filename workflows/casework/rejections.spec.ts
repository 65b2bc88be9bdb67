import { checkOpen, checkRole, checkStep, rejectionCode } from './rejections';

const task = { taskId: 't1', step: 'acceptance', role: 'township_clerk' as const, dueAt: 0, overdue: false };
const typeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { type?: string }).type;
  }
  return undefined;
};

test('a missing or decided task is stale; another role or step is refused by name', () => {
  expect(typeOf(() => checkOpen(undefined, false, 't1'))).toBe('StaleTask');
  expect(typeOf(() => checkOpen(task, true, 't1'))).toBe('StaleTask');
  expect(checkOpen(task, false, 't1')).toBe(task);
  expect(typeOf(() => checkRole(task, { taskId: 't1', actor: { userId: 'u', role: 'county_approver' } }))).toBe('WrongRole');
  expect(typeOf(() => checkRole(task, { taskId: 't1', actor: { userId: 'u', role: 'township_clerk' } }))).toBeUndefined();
  expect(typeOf(() => checkStep(task, 'home_visit'))).toBe('WrongStep');
});

test('a failure type without a released code is named in snake case', () => {
  expect(rejectionCode('NotInPublicity')).toBe('not_in_publicity');
  expect(rejectionCode('StaleReReviewTask')).toBe('stale_task');
});
