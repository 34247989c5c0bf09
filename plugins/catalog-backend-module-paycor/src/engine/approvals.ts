import { ConflictError, NotFoundError } from '@backstage/errors';
import { Approval } from '@paycor-backstage/plugin-paycor-common';
import { failedOutcome } from '../store/RunStore';
import { Emission } from '../store/SnapshotStore';
import { planCounts, saveCounts } from './applying';
import { EngineContext, refreshHealth } from './context';
import { recordPersonChanges } from './personHistory';
import { loadEmission } from './planning';

const APPROVAL_WAIT_MS = 2 * 60_000;

/**
 * Approves (applies) or rejects (keeps) the removals a held run wanted.
 * Approving removes only what is still gone now (someone may have come back
 * since the run was held) and records a run of its own.
 */
export async function decideApproval(
  ctx: EngineContext,
  runId: string,
  decision: 'approve' | 'reject',
  actor: string,
  note?: string,
): Promise<Approval> {
  const { stores, config } = ctx;
  const id = config.id;
  const approval = await stores.approvals.get(id, runId);
  if (!approval) {
    throw new NotFoundError(`No held run ${runId} for Paycor provider "${id}"`);
  }
  if (approval.status !== 'pending') {
    throw new ConflictError(
      `Held run ${runId} is already ${approval.status}${
        approval.decidedBy ? ` (by ${approval.decidedBy})` : ''
      }`,
    );
  }
  if (decision === 'reject') {
    await stores.approvals.decide(id, runId, {
      status: 'rejected',
      by: actor,
      note,
    });
    await stores.conflicts.resolveAll(id, 'removals-held');
    await refreshHealth(ctx);
    return (await stores.approvals.get(id, runId))!;
  }

  return ctx.withWriterLock(APPROVAL_WAIT_MS, async lease => {
    const { stored, settings } = await ctx.sources.current();
    if (!stored) {
      throw new ConflictError('There is no stored snapshot to approve against');
    }
    const run = await stores.runs.start(id, 'approval');
    try {
      const [catalog, rejectedHash, elsewhere] = await Promise.all([
        ctx.sources.catalogView({ owners: true }),
        stores.approvals.latestRejectedHash(id),
        ctx.sources.elsewhere(stored.snapshot),
      ]);
      const plan = await ctx.planner.planInTurns({
        snapshot: stored.snapshot,
        emission: stored.emission,
        settings,
        catalog,
        now: ctx.clock(),
        rejectedHash,
        elsewhere,
      });
      const stillGone = new Set(plan.diff.removed.map(r => r.entityRef));
      const removals = approval.removals.filter(r =>
        stillGone.has(r.entityRef),
      );
      if (removals.length > 0) {
        const connection = await ctx.connection();
        await lease.confirm('applying the approved removals to the catalog');
        await connection.applyMutation({
          type: 'delta',
          added: [],
          removed: removals.map(r => ({
            entityRef: r.entityRef,
            locationKey: ctx.locationKey,
          })),
        });
      }
      const removedRefs = new Set(removals.map(r => r.entityRef));
      const emission: Emission = {
        ...stored.emission.value,
        entities: stored.emission.value.entities.filter(
          ([ref]) => !removedRefs.has(ref),
        ),
      };
      await lease.confirm('saving what the catalog now holds');
      await stores.snapshots.saveEmission(id, run.id, emission, {
        emissionId: stored.emission.id,
        emission: stored.emission.value,
      });
      // the names are those of the stored emission: its people stay valid
      const loaded = loadEmission(run.id, emission);
      ctx.sources.rememberEmission(loaded);
      ctx.planner.applied(plan, run.id);
      await recordPersonChanges(
        ctx,
        run,
        removals.flatMap(r =>
          r.kind === 'User' && r.employeeId
            ? [
                {
                  employeeId: r.employeeId,
                  change: 'removed' as const,
                  entityRef: r.entityRef,
                  reason:
                    plan.people.skipReasons.get(r.employeeId) ??
                    (plan.snapshot.employees.has(r.employeeId)
                      ? 'owned-by-other-source'
                      : 'gone'),
                },
              ]
            : [],
        ),
      );
      await stores.approvals.decide(id, runId, {
        status: 'approved',
        by: actor,
        note,
      });
      await stores.conflicts.resolveAll(id, 'removals-held');
      await saveCounts(ctx, loaded);
      await stores.runs.finish(run, {
        status: 'succeeded',
        counts: {
          ...planCounts(plan, { employees: 0, departments: 0 }),
          added: 0,
          updated: 0,
          removed: removals.length,
          held: 0,
        },
        apiCalls: 0,
        mutation: removals.length > 0 ? 'delta' : 'none',
      });
    } catch (error) {
      await stores.runs.finish(run, failedOutcome(run, error as Error));
      throw error;
    }
    await refreshHealth(ctx);
    return (await stores.approvals.get(id, runId))!;
  });
}
