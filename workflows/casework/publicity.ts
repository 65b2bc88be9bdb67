import { CASEWORK_REJECTIONS, reject } from './rejections';

/** A publicity period (公示) in progress: objections lodged so far and whether one sends the case back. */
export interface PublicityPeriod<S extends string = string> {
  step: S;
  endsAt: number;
  objectionIds: string[];
  /** An objection arrived while loops remain: the period ends early and the case goes back. */
  loopBack: boolean;
}

export interface PublicityRun<S extends string> {
  step: S;
  /** Writes the notice and fixes its end (activity). */
  start: () => Promise<{ endsAt: number }>;
  /** Makes the period visible to the case's objection handler. */
  opened: (period: PublicityPeriod<S>) => void;
  /** How the case type rests until the period ends or an objection sends it back. */
  rest: (fn: () => boolean, timeoutMs: number) => Promise<boolean>;
  /** Records the end (activity) and hides the period again. */
  ended: (outcome: 'passed' | 'objected') => Promise<void>;
}

/**
 * Runs one publicity period: passes at its end, or ends early when an objection sends the case back. Returns the
 * outcome and how long the period held the case (for an overall clock that pauses during publicity).
 */
export async function runPublicity<S extends string>(r: PublicityRun<S>): Promise<{ outcome: 'passed' | 'objected'; heldMs: number }> {
  const { endsAt } = await r.start();
  const period: PublicityPeriod<S> = { step: r.step, endsAt, objectionIds: [], loopBack: false };
  r.opened(period);
  const startedAt = Date.now();
  const objected = await r.rest(() => period.loopBack, endsAt - Date.now());
  const outcome = objected ? 'objected' : 'passed';
  await r.ended(outcome);
  return { outcome, heldMs: Date.now() - startedAt };
}

/** Refuses an objection outside a period, or one already lodged (a retried request). */
export function checkObjection(period: PublicityPeriod | undefined, objectionId: string): void {
  if (!period) throw reject(CASEWORK_REJECTIONS.notInPublicity, 'the case is not in a publicity period');
  if (period.objectionIds.includes(objectionId)) {
    throw reject(CASEWORK_REJECTIONS.staleTask, `objection ${objectionId} was already lodged`);
  }
}

/**
 * Records an objection; returns true when it sends the case back (the first of the period, while the case has
 * been sent back fewer than `maxRounds` times).
 */
export function lodgeObjection(period: PublicityPeriod, objectionId: string, roundsSoFar: number, maxRounds: number): boolean {
  period.objectionIds.push(objectionId);
  if (!period.loopBack && roundsSoFar < maxRounds) {
    period.loopBack = true;
    return true;
  }
  return false;
}
