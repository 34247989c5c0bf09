import { HeldRemoval } from '@paycor-backstage/plugin-paycor-common';
import { RemovedEntity } from './emissionDiff';

export type GuardDecision =
  | { action: 'apply' }
  /**
   * Paycor returned records that could not even be identified: the read is
   * partial, so nobody is removed this run (adds and updates still apply).
   */
  | { action: 'skip-partial'; reason: string; removals: HeldRemoval[] }
  | { action: 'hold'; reason: string; removals: HeldRemoval[] }
  /** an admin already rejected exactly these removals: keep the entities */
  | { action: 'keep-rejected'; removals: HeldRemoval[] };

export interface GuardInput {
  removed: RemovedEntity[];
  /** Users the catalog holds from this provider now */
  usersBefore: number;
  /** Users this run would emit */
  usersAfter: number;
  maxRemovalPercent: number;
  /** invalid records without a usable id in this read */
  unidentifiedRecords: number;
  /** hash of the removal set an admin rejected most recently */
  rejectedHash?: string;
  hashOf: (refs: string[]) => string;
}

/**
 * The safety guard. A wrongly configured sync once locked every user out at
 * once (design §2): a run that would remove more than the configured share of
 * Users, or leave none, is held until an admin approves it. Adds and updates
 * still go through.
 */
export function evaluateRemovalGuard(input: GuardInput): GuardDecision {
  // A rename (same Paycor id under a new ref) loses nobody: never held.
  const lost = input.removed.filter(r => !r.renamedTo);
  if (lost.length === 0) return { action: 'apply' };
  const removedUsers = lost.filter(r => r.entityRef.startsWith('user:'));
  const removals = lost.map(toHeldRemoval);
  if (input.unidentifiedRecords > 0) {
    return {
      action: 'skip-partial',
      reason: `Paycor returned ${input.unidentifiedRecords} record(s) without a usable id, so the read may be missing people; ${removals.length} removal(s) wait for a complete read.`,
      removals,
    };
  }
  if (removedUsers.length === 0 || input.usersBefore === 0) {
    return { action: 'apply' };
  }
  const share = (removedUsers.length / input.usersBefore) * 100;
  const emptiesOrg = input.usersAfter === 0;
  if (!emptiesOrg && share <= input.maxRemovalPercent) {
    return { action: 'apply' };
  }
  if (
    input.rejectedHash &&
    input.rejectedHash === input.hashOf(removals.map(r => r.entityRef))
  ) {
    return { action: 'keep-rejected', removals };
  }
  const reason = emptiesOrg
    ? `This run would remove all ${input.usersBefore} Users: Paycor returned no one who passes the filters.`
    : `This run would remove ${removedUsers.length} of ${
        input.usersBefore
      } Users (${share.toFixed(1)}%), more than the ${
        input.maxRemovalPercent
      }% the removal guard allows.`;
  return { action: 'hold', reason, removals };
}

function toHeldRemoval(removed: RemovedEntity): HeldRemoval {
  const kind = removed.entityRef.startsWith('user:') ? 'User' : 'Group';
  const held: HeldRemoval = { entityRef: removed.entityRef, kind };
  if (removed.label) held.displayName = removed.label;
  if (removed.paycorId) {
    if (kind === 'User') held.employeeId = removed.paycorId;
    else held.departmentId = removed.paycorId;
  }
  return held;
}
