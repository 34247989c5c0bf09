import {
  CONFLICT_TYPES,
  ConflictType,
  SyncRun,
  SyncRunCounts,
} from '@paycor-backstage/plugin-paycor-common';
import { removalsHeldConflict } from '../ingest/conflictMessages';
import { removalSetHash } from '../store/ApprovalStore';
import { RunOutcome } from '../store/RunStore';
import { Lease } from '../store/LockStore';
import { Emission } from '../store/SnapshotStore';
import { EngineContext } from './context';
import { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import { EmissionRow, withKeptRemovals } from './emissionDiff';
import { checkOwnedEntities } from './ownershipGuard';
import {
  changedUserRefs,
  personChanges,
  recordPersonChanges,
} from './personHistory';
import { LoadedEmission, loadEmission, Plan } from './planning';
import { mapInTurns } from './turns';
import { concurrently } from './concurrently';

/** Conflicts recomputed by every plan; others have their own lifecycle. */
const PLAN_CONFLICTS: ReadonlySet<ConflictType> = new Set(
  CONFLICT_TYPES.filter(t => t !== 'removals-held' && t !== 'catalog-rejected'),
);

export interface ApplyContext {
  /** the writer lease the run holds, checked before each irreversible write */
  lease: Lease;
  /** a new snapshot (read from Paycor) to store with the emission */
  packedSnapshot?: Promise<Buffer>;
  fetchedAt?: string;
  /** records Paycor returned in this run (0 for a re-apply) */
  fetched: { employees: number; departments: number };
  /**
   * Send everything as one `full` mutation (it heals any drift between our
   * records and the catalog) rather than what changed. Ignored while the
   * guard keeps removals back.
   */
  full: boolean;
  /**
   * A run for one person (`syncPerson`): only this employee's User may be
   * removed (or renamed); every other removal waits for the next full sync
   * or re-apply, and approvals pending from other runs are left alone.
   */
  removeOnly?: string;
}

export interface Applied {
  outcome: Omit<RunOutcome, 'apiCalls'>;
  /** what the catalog holds from us now, as stored */
  emission: LoadedEmission;
  /** whether a `full` mutation was sent */
  full: boolean;
}

/**
 * Applies a plan: the removal guard's decision (approvals, the held-removals
 * conflict), the mutation, then the emission (and a new snapshot), the
 * conflicts and the entity counts. Entities are built only for what the
 * catalog is sent.
 */
export async function applyPlan(
  ctx: EngineContext,
  run: SyncRun,
  planned: Plan,
  previous: LoadedEmission | undefined,
  context: ApplyContext,
): Promise<Applied> {
  const { stores, config, locationKey } = ctx;
  const id = config.id;
  // The catalog's ownership is asked now, right before applying: it changes
  // independently of Paycor (see ownershipGuard.ts).
  const { plan, warning } = await checkOwnedEntities(ctx, planned, {
    removeOnly: context.removeOnly,
  });
  if (warning) ctx.logger.warn(`Paycor provider ${id}: ${warning}`);
  // What the catalog held of the Users this run changes, before it changes
  // them: people's history names the fields. Read while the guard's writes
  // go (it never throws: a failed read is an empty answer).
  const catalogBefore = ctx.catalog.unprocessedEntities(changedUserRefs(plan));
  const { diff, guard } = plan;
  const kept = new Set<string>();
  const held = new Set<string>();
  let status: RunOutcome['status'] = 'succeeded';
  const scoped = context.removeOnly !== undefined;
  if (scoped) {
    for (const r of diff.removed) {
      const own =
        r.entityRef.startsWith('user:') && r.paycorId === context.removeOnly;
      if (!own) kept.add(r.entityRef);
    }
  }

  if (guard.action === 'apply') {
    if (!scoped) {
      await concurrently(
        stores.approvals.supersedePending(id),
        stores.conflicts.resolveAll(id, 'removals-held'),
      );
    }
  } else {
    for (const removal of guard.removals) {
      kept.add(removal.entityRef);
      held.add(removal.entityRef);
    }
  }
  if (guard.action === 'skip-partial') {
    ctx.logger.warn(`Paycor provider ${id}: ${guard.reason}`);
  }
  if (guard.action === 'hold') {
    status = 'held';
    const pending = await stores.approvals.pending(id);
    const hash = removalSetHash(guard.removals.map(r => r.entityRef));
    const samePending =
      pending &&
      removalSetHash(pending.removals.map(r => r.entityRef)) === hash;
    // a person's removal never replaces another run's pending approval
    if (!samePending && !(scoped && pending)) {
      await stores.approvals.createPending({
        runId: run.id,
        providerId: id,
        userCount: previous?.users ?? 0,
        thresholdPercent: config.removalGuard.maxRemovalPercent,
        reason: guard.reason,
        removals: guard.removals,
      });
    }
    await stores.conflicts.open(
      id,
      run.id,
      removalsHeldConflict({ reason: guard.reason }),
    );
  }

  const removedNow = diff.removed.filter(r => !kept.has(r.entityRef));
  const full = kept.size === 0 && context.full;
  const before = await catalogBefore;
  const connection = await ctx.connection();
  const toEntity = ([ref]: EmissionRow) => ({
    entity: plan.build(ref),
    locationKey,
  });
  // Built (in turns, which can take seconds) before the lease is confirmed:
  // nothing but the confirmation stands between it and the write.
  let change: EntityProviderMutation | undefined;
  if (full) {
    change = { type: 'full', entities: await mapInTurns(plan.rows, toEntity) };
  } else if (diff.added.length + diff.changed.length + removedNow.length > 0) {
    change = {
      type: 'delta',
      added: await mapInTurns([...diff.added, ...diff.changed], toEntity),
      removed: removedNow.map(r => ({ entityRef: r.entityRef, locationKey })),
    };
  }
  await context.lease.confirm('applying the mutation to the catalog');
  const mutation: SyncRun['mutation'] = change?.type ?? 'none';
  if (change) await connection.applyMutation(change);
  // The catalog has the entities now; a full mutation's are most of the
  // run's memory and must not live on through the record phase.
  change = undefined;

  const emission: Emission = {
    ...withKeptRemovals(diff.next, previous?.value, kept),
    skipped: sortedSkipped(plan.people.skipReasons),
  };
  // After the catalog has changed and before what we record of it does: if
  // the lease is gone now, the other holder's plan starts from the stored
  // emission, which still differs from the catalog only by entities it will
  // send again or remove again.
  await context.lease.confirm('saving what the catalog now holds');
  // Only the chunks that changed are written (see store/emissionChunks.ts).
  const stored = previous && {
    emissionId: previous.id,
    emission: previous.value,
  };
  if (context.packedSnapshot) {
    await stores.snapshots.save(
      id,
      {
        runId: run.id,
        fetchedAt: context.fetchedAt!,
        snapshot: await context.packedSnapshot,
        emission,
      },
      stored,
    );
  } else {
    await stores.snapshots.saveEmission(id, run.id, emission, stored);
  }
  const loaded = loadEmission(run.id, emission, {
    userNames: plan.people.userNames,
    groupNames: plan.groups.groupNames,
  });
  // Independent of each other: written together (see concurrently.ts).
  await concurrently(
    stores.conflicts.record(id, run.id, plan.conflicts, PLAN_CONFLICTS),
    saveCounts(ctx, loaded),
    recordPersonChanges(
      ctx,
      run,
      personChanges({
        plan,
        previous,
        removed: removedNow,
        held: diff.removed.filter(r => held.has(r.entityRef)),
        before,
      }),
    ),
  );

  return {
    outcome: {
      status,
      counts: {
        ...planCounts(plan, context.fetched),
        removed: removedNow.length,
        held: guard.action === 'apply' ? 0 : guard.removals.length,
      },
      mutation,
      skippedByReason: plan.people.skippedByReason as Record<string, number>,
    },
    emission: loaded,
    full,
  };
}

// One skipped list per people result (a plan reused for several runs).
const skippedLists = new WeakMap<object, Array<[string, string]>>();

/** The people stage's skips as the emission keeps them: sorted by id. */
function sortedSkipped(
  reasons: ReadonlyMap<string, string>,
): Array<[string, string]> {
  let list = skippedLists.get(reasons);
  if (!list) {
    // code-unit order, as the emission sorts ids (not locale order)
    list = [...reasons].sort((a, b) => {
      if (a[0] === b[0]) return 0;
      return a[0] < b[0] ? -1 : 1;
    });
    skippedLists.set(reasons, list);
  }
  return list;
}

/** A run's counts as the plan gives them. */
export function planCounts(
  plan: Plan,
  fetched: { employees: number; departments: number },
): SyncRunCounts {
  return {
    fetchedEmployees: fetched.employees,
    fetchedDepartments: fetched.departments,
    users: plan.emitted.users,
    groups: plan.emitted.groups,
    added: plan.diff.added.length,
    updated: plan.diff.changed.length,
    removed: plan.diff.removed.length,
    skipped: plan.people.skipped,
    held: plan.guard.action === 'hold' ? plan.guard.removals.length : 0,
  };
}

/** Users and Groups the catalog holds from us, for the status card. */
export async function saveCounts(
  ctx: EngineContext,
  emission: Pick<LoadedEmission, 'users' | 'groups'>,
) {
  await ctx.stores.state.update(ctx.config.id, {
    userCount: emission.users,
    groupCount: emission.groups,
  });
}
