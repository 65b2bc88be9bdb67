import { Injectable } from '@nestjs/common';
import type { PolicyVersion } from '../../../activities/regions/policy-version.entity';

type Listener = (version: PolicyVersion, decision: 'approve' | 'reject') => Promise<void>;

/**
 * What else happens when a second administrator decides a policy version: a standard change waits on its version and
 * starts recomputing the region's households once it is approved. Listeners run after the decision is committed.
 */
@Injectable()
export class PolicyApprovals {
  private readonly listeners: Listener[] = [];

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  async decided(version: PolicyVersion, decision: 'approve' | 'reject'): Promise<void> {
    for (const listener of this.listeners) await listener(version, decision);
  }
}
