import { ConflictError } from '../common/errors';

/** The one refusal of 近亲属回避, whatever the kind of case. */
export function refuseAsRelative(related: boolean, what = 'a member of this household'): void {
  if (related) throw new ConflictError('conflict_of_interest', `you are registered as a close relative of ${what} (近亲属回避)`);
}
