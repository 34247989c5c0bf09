import {
  HeldRemoval,
  OrphanedEntity,
  OwnedEntity,
} from '@paycor-backstage/plugin-paycor-common';
import { normalizeRef, OwnershipFacts } from './catalogOwnership';
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

/** What the guard does with removals that would orphan catalog entities. */
export type OwnedEntitiesMode = 'hold' | 'warn' | 'off';

/** What the catalog answered about what the removed Users and Groups own. */
export type OwnershipAnswer =
  | {
      ok: true;
      /** removed ref (normalized) → the entities it would leave without an existing owner */
      orphans: ReadonlyMap<string, OwnedEntity[]>;
      /** removed ref (normalized) → the Group suggested to own them instead */
      suggestions: ReadonlyMap<string, string>;
    }
  | { ok: false; error: string };

/**
 * The entities each removed ref would leave without an existing owner: those
 * whose every owner is either removed by this run or not in the catalog.
 * An entity the run removes itself is not orphaned. Keys and refs are
 * normalized (lowercase), as the catalog stores them.
 */
export function findOrphans(
  removedRefs: ReadonlySet<string>,
  facts: OwnershipFacts,
): Map<string, OwnedEntity[]> {
  const orphans = new Map<string, OwnedEntity[]>();
  for (const entity of facts.owned) {
    if (removedRefs.has(entity.entityRef)) continue;
    const keepsAnOwner = entity.owners.some(
      owner => !removedRefs.has(owner) && facts.existing.has(owner),
    );
    if (keepsAnOwner) continue;
    const summary: OwnedEntity = {
      entityRef: entity.entityRef,
      kind: entity.kind,
      ...(entity.title ? { title: entity.title } : {}),
    };
    for (const owner of entity.owners) {
      if (!removedRefs.has(owner)) continue;
      const list = orphans.get(owner) ?? [];
      list.push(summary);
      orphans.set(owner, list);
    }
  }
  return orphans;
}

export interface OwnershipGuardInput {
  /** the count guard's decision (evaluateRemovalGuard) */
  decision: GuardDecision;
  /** the removals this run would make if the guard let it */
  removed: RemovedEntity[];
  mode: OwnedEntitiesMode;
  answer: OwnershipAnswer;
  /** hash of the removal set an admin rejected most recently */
  rejectedHash?: string;
  hashOf: (refs: string[]) => string;
}

export interface OwnershipGuardResult {
  decision: GuardDecision;
  /** every entity the run's removals would orphan (none when `off`) */
  orphaned: OrphanedEntity[];
  /** for the log: removals applied although they orphan entities (`warn`) */
  warning?: string;
}

/**
 * The ownership check of the removal guard. Removing a User or Group that
 * owns Components, APIs or Systems nobody else owns leaves those entities
 * pointing at nothing, however few people the run removes. With `hold`,
 * exactly those removals wait for an admin (the others apply); with `warn`
 * they apply and the log says what was orphaned. If the catalog could not be
 * asked, `hold` holds every removal rather than apply them unchecked.
 * Removals the count guard already holds are annotated with what they own.
 */
export function evaluateOwnershipGuard(
  input: OwnershipGuardInput,
): OwnershipGuardResult {
  const { decision, mode, answer } = input;
  const unchanged = { decision, orphaned: [] };
  if (mode === 'off') return unchanged;
  if (decision.action === 'skip-partial' || decision.action === 'keep-rejected')
    return unchanged; // nothing is removed this run
  const lost = input.removed.filter(r => !r.renamedTo);
  if (lost.length === 0) return unchanged;

  if (!answer.ok) {
    const unchecked = `What the removed Users and Groups own in the catalog could not be checked (${answer.error}).`;
    if (decision.action === 'hold') {
      return {
        decision: { ...decision, reason: `${decision.reason} ${unchecked}` },
        orphaned: [],
      };
    }
    if (mode === 'warn') {
      return {
        decision,
        orphaned: [],
        warning: `${unchecked} The removals were applied (removalGuard.ownedEntities: warn).`,
      };
    }
    return holdOrKeep(
      input,
      lost.map(toHeldRemoval),
      `${unchecked} The removal guard holds all ${plural(
        lost.length,
        'removal',
      )} rather than risk leaving entities without an owner unseen; approve to remove them anyway.`,
      [],
    );
  }

  const annotate = (removal: HeldRemoval): HeldRemoval => {
    const key = normalizeRef(removal.entityRef);
    const orphans = answer.orphans.get(key);
    if (!orphans?.length) return removal;
    const suggestedOwner = answer.suggestions.get(key);
    return {
      ...removal,
      orphans,
      ...(suggestedOwner ? { suggestedOwner } : {}),
    };
  };
  const annotated = lost.map(r => annotate(toHeldRemoval(r)));
  const owning = annotated.filter(r => r.orphans);
  const orphaned: OrphanedEntity[] = owning.flatMap(r =>
    r.orphans!.map(o => ({
      ...o,
      owner: r.entityRef,
      ...(r.suggestedOwner ? { suggestedOwner: r.suggestedOwner } : {}),
    })),
  );
  if (owning.length === 0) return { decision, orphaned };
  const entities = new Set(orphaned.map(o => o.entityRef)).size;
  const what = `${describeRemovals(owning)} would leave ${plural(
    entities,
    'catalog entity',
    'catalog entities',
  )} without an existing owner (${listRefs(orphaned)})`;

  if (decision.action === 'hold') {
    return {
      decision: {
        ...decision,
        reason: `${decision.reason} Also, removing ${what}.`,
        removals: decision.removals.map(annotate),
      },
      orphaned,
    };
  }
  if (mode === 'warn') {
    return {
      decision,
      orphaned,
      warning: `Removing ${what}; applied anyway (removalGuard.ownedEntities: warn).`,
    };
  }
  return holdOrKeep(
    input,
    owning,
    `Removing ${what}. The removal guard holds ${
      owning.length === 1 ? 'this removal' : `these ${owning.length} removals`
    } whatever the share of Users: give the entities a new owner (the suggested Group, for example) and the next run removes ${
      owning.length === 1 ? 'it' : 'them'
    }, or approve to remove ${owning.length === 1 ? 'it' : 'them'} now.`,
    orphaned,
  );
}

/** Holds `removals`, unless an admin rejected exactly these (then keeps them). */
function holdOrKeep(
  input: OwnershipGuardInput,
  removals: HeldRemoval[],
  reason: string,
  orphaned: OrphanedEntity[],
): OwnershipGuardResult {
  if (
    input.rejectedHash &&
    input.rejectedHash === input.hashOf(removals.map(r => r.entityRef))
  ) {
    return { decision: { action: 'keep-rejected', removals }, orphaned };
  }
  return { decision: { action: 'hold', reason, removals }, orphaned };
}

function describeRemovals(removals: HeldRemoval[]): string {
  const names = removals
    .slice(0, 3)
    .map(r =>
      r.displayName ? `${r.displayName} (${r.entityRef})` : r.entityRef,
    );
  const more = removals.length - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}

function listRefs(orphaned: OrphanedEntity[]): string {
  const refs = [...new Set(orphaned.map(o => o.entityRef))];
  const shown = refs.slice(0, 5);
  return refs.length > shown.length
    ? `${shown.join(', ')} and ${refs.length - shown.length} more`
    : shown.join(', ');
}

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
