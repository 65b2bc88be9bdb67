import type { DeclaredDeductions } from '../programs/dibao/lifecycle';
import { checkOpen, checkRole, checkStep, reject } from '../casework/rejections';
import { checkObjection, lodgeObjection, type PublicityPeriod } from '../casework/publicity';
import type { AssessedIncome, CompleteTaskCommand, ObjectionCommand, StepDecision } from './decisions';
import {
  UPDATE_REJECTIONS,
  type ApplicationInput,
  type ApplicationOutcome,
  type CaseSnapshot,
  type CaseStatus,
  type OpenTaskView,
} from './definitions';
import { isSampled } from '../programs/dibao/sampling';
import { DEFAULT_APPRAISAL_RULE, checkAppraisal, type AppraisalRule } from '../programs/dibao/appraisal';
import type { PublicityStep, RouteFacts, StepCode, Tier } from '../programs/dibao/route';
import type { CasePolicy, RegionPolicy } from '../../config/policy/policy.schema';

/** A task the workflow is waiting on. */
export interface TrackedTask extends OpenTaskView {
  tier?: Tier;
  /** Part of the main procedure: its completion answers only once the case has moved on. */
  main: boolean;
  /** For escalations: the overdue task. */
  escalationOf?: string;
}

export type PublicityState = PublicityPeriod<PublicityStep>;

/**
 * The in-memory state of one application workflow, and the rules its updates are validated against. Deterministic:
 * no I/O here, only bookkeeping the workflow and its handlers share.
 */
export class CaseState {
  readonly tasks = new Map<string, TrackedTask>();
  readonly decisions = new Map<string, CompleteTaskCommand>();
  readonly processed = new Set<string>();
  /** Everyone who ever signed each tier (every round and reassignment): a re-signed tier does not free its first signer. */
  readonly signatures = new Map<Tier, Set<string>>();
  /** Accepted completions of main-procedure tasks: answered once the case has moved on. */
  private readonly mainCompletions = new Set<string>();
  readonly facts: RouteFacts;
  round = 1;
  objectionRounds = 0;
  /** Failed 民主评议 so far (a second failure is not sent back again). */
  appraisalFailures = 0;
  status: CaseStatus = 'in_progress';
  stage: CaseSnapshot['stage'] = 'submitted';
  documentsComplete: boolean;
  supplementExpired = false;
  publicity?: PublicityState;
  overallDueAt?: number;
  incomes?: readonly AssessedIncome[];
  /** Rigid expenses and work costs found at the latest home visit, deducted at the first decision as at re-reviews. */
  deductions?: DeclaredDeductions;
  outcome?: ApplicationOutcome;
  /** The main procedure is blocked on people or timers (not midway through its own work). */
  settled = false;
  /** The workflow has ended its procedure; handlers still waiting may answer. */
  finished = false;

  /** The policy in force: the one the case started under, until an administrator moves the case to a newer one. */
  currentPolicy: CasePolicy;
  /** Bumped on every policy move, so waits can notice and recompute their deadlines. */
  policyEpoch = 0;

  constructor(readonly input: ApplicationInput) {
    this.currentPolicy = input.policy;
    this.documentsComplete = input.missingDocuments.length === 0;
    this.facts = {
      disputed: false,
      relativeOfStaff: input.relativeOfStaff,
      sampled: isSampled(input.applicationId, input.policy.document.approval.samplingRate),
    };
  }

  get policy(): RegionPolicy {
    return this.currentPolicy.document;
  }

  /** Moves the case to another policy; waits in progress recompute their deadlines from their own start. */
  adopt(policy: CasePolicy): void {
    this.currentPolicy = policy;
    this.policyEpoch += 1;
  }

  /** Task ids are derived from the case, step and round: stable across retries and replays. */
  taskId(step: string): string {
    return `${this.input.applicationId}:${step}:${this.round}`;
  }

  setStage(stage: StepCode | 'decision'): void {
    this.stage = stage;
  }

  /** Rejects a completion that does not fit the case as it is now; the API turns the reason into a 409. */
  validateCompletion(cmd: CompleteTaskCommand): void {
    const task = checkOpen(this.tasks.get(cmd.taskId), this.decisions.has(cmd.taskId), cmd.taskId);
    checkRole(task, cmd);
    if (this.input.excludedUserIds?.includes(cmd.actor.userId)) {
      throw reject(UPDATE_REJECTIONS.conflictOfInterest, 'a registered close relative of a member may not act on this case (近亲属回避)');
    }
    checkStep(task, cmd.decision.step);
    if (task.tier) {
      for (const [tier, signers] of this.signatures) {
        if (tier !== task.tier && signers.has(cmd.actor.userId)) {
          throw reject(UPDATE_REJECTIONS.separationOfDuties, `the same person already signed the ${tier} tier of this case`);
        }
      }
    }
    if (cmd.decision.step === 'appraisal' && cmd.decision.panelSize !== undefined) validateAppraisal(cmd.decision, this.policy);
    if (cmd.decision.step === 'supplement') {
      const missing = this.input.missingDocuments.filter((d) => !hasDoc(cmd, d));
      if (missing.length > 0) {
        throw reject(UPDATE_REJECTIONS.incompleteSupplement, `documents still missing: ${missing.join(', ')}`);
      }
    }
  }

  /** Accepts a completion: the decision is recorded and its tier signed before anything else can run. */
  accept(cmd: CompleteTaskCommand): void {
    this.decisions.set(cmd.taskId, cmd);
    const task = this.tasks.get(cmd.taskId);
    if (task?.tier) this.signatures.set(task.tier, (this.signatures.get(task.tier) ?? new Set()).add(cmd.actor.userId));
    if (task?.main) this.mainCompletions.add(cmd.taskId);
  }

  /** Whether an accepted completion has been carried through (the answer to the caller can be sent). */
  isHandedOff(taskId: string): boolean {
    if (this.finished) return true;
    return this.processed.has(taskId) && (this.settled || !this.mainCompletions.has(taskId));
  }

  validateAdoption(policy: CasePolicy): void {
    if (this.status !== 'in_progress') throw reject(UPDATE_REJECTIONS.staleTask, 'the case is decided: its policy can no longer change');
    if (policy.snapshotId === this.currentPolicy.snapshotId) throw reject(UPDATE_REJECTIONS.samePolicy, 'the case already follows this policy');
  }

  validateObjection(cmd: ObjectionCommand): void {
    checkObjection(this.publicity, cmd.objectionId);
  }

  /** Records an objection; returns true when it sends the case back to investigation. */
  lodgeObjection(cmd: ObjectionCommand): boolean {
    this.facts.disputed = true;
    return lodgeObjection(this.publicity!, cmd.objectionId, this.objectionRounds, this.policy.publicity.maxObjectionRounds);
  }

  snapshot(): CaseSnapshot {
    return {
      applicationId: this.input.applicationId,
      status: this.status,
      stage: this.stage,
      round: this.round,
      openTasks: [...this.tasks.values()]
        .filter((t) => !this.decisions.has(t.taskId))
        .map(({ taskId, step, role, dueAt, overdue }) => ({ taskId, step, role, dueAt, overdue })),
      publicity: this.publicity && {
        step: this.publicity.step,
        endsAt: this.publicity.endsAt,
        objections: this.publicity.objectionIds.length,
      },
      disputed: this.facts.disputed,
      sampled: this.facts.sampled,
      documentsComplete: this.documentsComplete,
      overallDueAt: this.overallDueAt,
      outcome: this.outcome,
      policy: { snapshotId: this.currentPolicy.snapshotId, label: this.currentPolicy.label },
    };
  }
}

function hasDoc(cmd: CompleteTaskCommand, doc: string): boolean {
  return cmd.decision.step === 'supplement' && cmd.decision.documents.includes(doc);
}

/** 民主评议: the record must add up, the quorum be met, and the outcome be what the votes give. */
function validateAppraisal(d: Extract<StepDecision, { step: 'appraisal' }>, policy: RegionPolicy): void {
  const check = checkAppraisal({ panelSize: d.panelSize!, present: d.present ?? 0, votesFor: d.votesFor, votesAgainst: d.votesAgainst }, appraisalRule(policy));
  if (!check.valid && check.problem === 'quorum') throw reject(UPDATE_REJECTIONS.quorumNotMet, 'fewer representatives attended than the quorum requires: the appraisal must be held again');
  if (!check.valid) throw reject(UPDATE_REJECTIONS.appraisalCounts, 'attendance exceeds the panel, or votes exceed attendance');
  if (check.outcome !== d.outcome) throw reject(UPDATE_REJECTIONS.appraisalOutcome, `the votes give ${check.outcome}, not ${d.outcome}`);
}

/** The region's appraisal rule, or the national default for policies snapshotted before regions set one. */
export function appraisalRule(policy: RegionPolicy): AppraisalRule {
  return { quorum: policy.appraisal.quorum ?? DEFAULT_APPRAISAL_RULE.quorum, onFail: policy.appraisal.onFail ?? DEFAULT_APPRAISAL_RULE.onFail };
}
