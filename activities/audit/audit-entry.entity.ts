import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { EncryptedStringType } from '../security/encrypted-string.type';

/** What an audit entry records: the kinds of act the issue lists; free strings beyond these are allowed. */
/** Every action the audit log records: the auditor's screen labels each one (apps/web labels, checked by a test). */
export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'login_throttled',
  'password_changed',
  'password_change_failed',
  'decision',
  'policy_change',
  'permission_change',
  'password_reset',
  'referral_accepted',
  'referral_closed',
  'medical_paid',
  'pii_reveal',
  'pii_reveal_limited',
  'case_decision',
  'payment_released',
  'payment_approved',
  'payment_rejected',
  're_review_completed',
  'absence_recorded',
  'absence_cancelled',
  'calendar_loaded',
  'policy_move',
  'policy_proposed',
  'policy_approved',
  'policy_rejected',
  'comparison_imported',
  'comparison_lead_confirmed',
  'comparison_lead_dismissed',
  'emergency_raised',
  'reserve_top_up',
  'reserve_annual_funding',
  'acting_for',
  'kin_registered',
  'notice_served',
  'payment_run_started',
  'payment_file_read',
  'recipient_change_reported',
  'recipient_complaint',
  'recipient_terminate',
  'recipient_suspend',
  'recipient_resume',
  'recipient_standard_change',
  'recipient_campaign',
  'role_grant_approved',
  'role_grant_rejected',
  'payment_results_imported',
  'payment_account_set',
  'recovery_repaid',
  'recovery_method_set',
  'tekun_applied',
  'tekun_ended',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One line of the append-only audit log: who (id, role, region), when, what, before/after and why. `seq` is unique
 * across the log and assigned by the writer (never autoincrement) because it is part of the hash. Entries are chained
 * per county (`chain`, see audit-chain.ts): `link` is the entry's place in its chain and
 * `hash = H(prevHash + canonical(entry))` ties it to the chain's previous entry. Entries written before chains were
 * split keep `chain = 'legacy'` and `link = seq`. Never updated or deleted by the application. `before`/`after` carry
 * codes, amounts and ids only, never personal data.
 */
@Entity({ tableName: 'audit_entries' })
@Index({ properties: ['targetType', 'targetId'] })
@Unique({ properties: ['chain', 'link'] })
export class AuditEntry {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  seq: number;

  /** The chain the entry belongs to: its county's code, or `legacy` (see audit-chain.ts `chainOf`). */
  @Property({ type: 'string', length: 12, default: 'legacy' })
  chain: string;

  /** Place in its chain, from 1 without gaps. */
  @Property({ type: 'integer', default: 0 })
  link: number;

  @Property({ type: 'datetime' })
  at: Date;

  @Property({ type: 'string', length: 64 })
  actorId: string;

  @Property({ type: 'string', length: 32 })
  actorRole: string;

  @Property({ type: 'string', length: 12 })
  regionCode: string;

  @Property({ type: 'string', length: 32 })
  action: AuditAction;

  @Property({ type: 'string', length: 32 })
  targetType: string;

  @Property({ type: 'string', length: 64 })
  targetId: string;

  @Property({ type: 'json', nullable: true })
  before: unknown;

  @Property({ type: 'json', nullable: true })
  after: unknown;

  /** Free text (may name people): encrypted like every other free-text column; the hash covers the plaintext. */
  @Property({ type: EncryptedStringType, columnType: 'text', nullable: true })
  reason: string | null;

  @Property({ type: 'string', length: 64 })
  prevHash: string;

  @Property({ type: 'string', length: 64 })
  hash: string;

  constructor(init: AuditEntry) {
    this.seq = init.seq;
    this.chain = init.chain;
    this.link = init.link;
    this.at = init.at;
    this.actorId = init.actorId;
    this.actorRole = init.actorRole;
    this.regionCode = init.regionCode;
    this.action = init.action;
    this.targetType = init.targetType;
    this.targetId = init.targetId;
    this.before = init.before;
    this.after = init.after;
    this.reason = init.reason;
    this.prevHash = init.prevHash;
    this.hash = init.hash;
  }
}
