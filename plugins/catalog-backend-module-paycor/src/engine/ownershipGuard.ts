import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { OrphanedEntity } from '@paycor-backstage/plugin-paycor-common';
import { removalSetHash } from '../store/ApprovalStore';
import { normalizeRef } from './catalogOwnership';
import { CatalogState } from './CatalogState';
import { EngineContext } from './context';
import { Plan } from './planning';
import {
  evaluateOwnershipGuard,
  findOrphans,
  OwnershipAnswer,
} from './removalGuard';

/** Parents walked up from a removed department before giving up on a suggestion. */
const MAX_PARENT_STEPS = 20;

export interface OwnershipChecked {
  /** the plan with the ownership check in its guard decision */
  plan: Plan;
  /** the entities the removals would orphan */
  orphaned: OrphanedEntity[];
  /** removals applied although they orphan entities (`warn`), for the log */
  warning?: string;
}

/**
 * Asks the catalog what the Users and Groups a plan removes own, and folds
 * the answer into the plan's guard decision (see evaluateOwnershipGuard).
 * Runs right before a plan is applied or previewed: the catalog's ownership
 * changes independently of Paycor, so it is never cached.
 */
export async function checkOwnedEntities(
  ctx: Pick<EngineContext, 'config' | 'catalog' | 'stores'>,
  plan: Plan,
  options: {
    /** a run for one person: only their User may be removed */
    removeOnly?: string;
  } = {},
): Promise<OwnershipChecked> {
  const mode = ctx.config.removalGuard.ownedEntities ?? 'hold';
  const unchanged = { plan, orphaned: [] };
  if (mode === 'off') return unchanged;
  if (plan.guard.action === 'skip-partial') return unchanged;
  if (plan.guard.action === 'keep-rejected') return unchanged;
  const removed = plan.diff.removed.filter(
    r =>
      !r.renamedTo &&
      (options.removeOnly === undefined ||
        (r.entityRef.startsWith('user:') && r.paycorId === options.removeOnly)),
  );
  if (removed.length === 0) return unchanged;

  const removedRefs = new Set(removed.map(r => normalizeRef(r.entityRef)));
  let answer: OwnershipAnswer;
  try {
    const facts = await ctx.catalog.ownership([...removedRefs]);
    const orphans = findOrphans(removedRefs, facts);
    answer = {
      ok: true,
      orphans,
      suggestions: await suggestOwners(
        ctx.catalog,
        [...orphans.keys()],
        removedRefs,
      ),
    };
  } catch (error) {
    answer = { ok: false, error: (error as Error).message };
  }
  const result = evaluateOwnershipGuard({
    decision: plan.guard,
    removed,
    mode,
    answer,
    rejectedHash: await ctx.stores.approvals.latestRejectedHash(ctx.config.id),
    hashOf: removalSetHash,
  });
  return {
    plan:
      result.decision === plan.guard
        ? plan
        : { ...plan, guard: result.decision },
    orphaned: result.orphaned,
    ...(result.warning ? { warning: result.warning } : {}),
  };
}

/**
 * The Group to suggest as the new owner of what each removed ref owns: a
 * User's department Group (its `memberOf` as this provider emitted it), a
 * Group's parent; if that Group is removed too, its nearest parent that
 * stays. Best effort: refs without an answer get no suggestion.
 */
export async function suggestOwners(
  catalog: Pick<CatalogState, 'unprocessedEntities'>,
  owners: string[],
  removed: ReadonlySet<string>,
): Promise<Map<string, string>> {
  const suggestions = new Map<string, string>();
  // owner → the Group considered for it now
  let considering = new Map<string, string>();
  const first = await catalog.unprocessedEntities(owners);
  for (const owner of owners) {
    const entity = first.get(owner) as any;
    const candidate = owner.startsWith('user:')
      ? entity?.spec?.memberOf?.[0]
      : entity?.spec?.parent;
    const ref = groupRef(candidate, owner);
    if (ref) considering.set(owner, ref);
  }
  for (let step = 0; step < MAX_PARENT_STEPS && considering.size; step++) {
    const removedCandidates = new Set<string>();
    for (const [owner, candidate] of considering) {
      if (removed.has(candidate)) removedCandidates.add(candidate);
      else suggestions.set(owner, candidate);
    }
    if (removedCandidates.size === 0) break;
    const groups = await catalog.unprocessedEntities([...removedCandidates]);
    const next = new Map<string, string>();
    for (const [owner, candidate] of considering) {
      if (!removed.has(candidate)) continue;
      const parent = groupRef(
        (groups.get(candidate) as any)?.spec?.parent,
        candidate,
      );
      if (parent) next.set(owner, parent);
    }
    considering = next;
  }
  return suggestions;
}

function groupRef(value: unknown, relativeTo: string): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    const { namespace } = parseEntityRef(relativeTo);
    return normalizeRef(
      stringifyEntityRef(
        parseEntityRef(value, {
          defaultKind: 'group',
          defaultNamespace: namespace,
        }),
      ),
    );
  } catch {
    return undefined;
  }
}
