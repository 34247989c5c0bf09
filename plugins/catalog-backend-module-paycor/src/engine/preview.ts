import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { PreviewResult } from '@paycor-backstage/plugin-paycor-common';
import { PaycorClient } from '../client/PaycorClient';
import { PreparedEmployees } from '../ingest/employees';
import { iso } from '../store/clock';
import { digestsOf } from '../store/snapshotCodec';
import { planCounts } from './applying';
import { EngineContext } from './context';
import { changedPaths } from './emissionDiff';
import { checkOwnedEntities } from './ownershipGuard';
import { loadSnapshot } from './loadedSnapshot';
import { Planner } from './planning';
import { keepLastGoodRecords, readSnapshot } from './readSnapshot';
import { mappedPaths } from './SyncEngine';

/**
 * What a sync would change now: reads Paycor and plans against what the
 * catalog holds, applying nothing. The fields of changed entities are named
 * by comparing with the stored snapshot planned with today's settings (what
 * the catalog holds, give or take settings changed since).
 */
export async function previewSync(
  ctx: EngineContext,
  client: PaycorClient,
  limit: number,
): Promise<PreviewResult> {
  const { config, sources, clock, stores } = ctx;
  const stored = await sources.stored();
  const read = await readSnapshot(client, {
    mappedPaths: mappedPaths(config),
    now: clock,
  });
  const snapshot = keepLastGoodRecords(
    read.snapshot,
    stored && (await sources.storedRecords()),
  );
  const fresh = loadSnapshot({
    id: `preview:${iso(clock())}`,
    snapshot,
    employees: PreparedEmployees.of(snapshot.employees, config.userNaming),
    digests: digestsOf(snapshot.employees),
  });
  const [settings, catalog, rejectedHash, elsewhere, elsewhereBefore] =
    await Promise.all([
      sources.settings(),
      sources.catalogView({ owners: true }),
      stores.approvals.latestRejectedHash(config.id),
      sources.elsewhere(fresh),
      stored && sources.elsewhere(stored.snapshot),
    ]);
  const now = clock();
  // A plan of its own: the preview's snapshot must not displace the stored
  // one in the engine's memory.
  const planned = await new Planner({ config }).planInTurns({
    snapshot: fresh,
    emission: stored?.emission,
    settings,
    catalog,
    now,
    rejectedHash,
    elsewhere,
  });
  const before = stored
    ? await ctx.planner.planInTurns({
        snapshot: stored.snapshot,
        emission: stored.emission,
        settings,
        catalog,
        now,
        rejectedHash,
        elsewhere: elsewhereBefore,
      })
    : undefined;
  const beforeRefs = new Set(before?.rows.map(([ref]) => ref));
  // what the removals would orphan, and whether that holds them
  const { plan, orphaned } = await checkOwnedEntities(ctx, planned);

  const summary = (entity: Entity) => ({
    entityRef: stringifyEntityRef(entity),
    kind: entity.kind as 'User' | 'Group',
    displayName:
      (entity.spec as any)?.profile?.displayName ?? entity.metadata.title,
  });
  const counts = planCounts(plan, {
    employees: read.snapshot.employees.length,
    departments: read.snapshot.departments.length,
  });
  return {
    generatedAt: iso(now),
    counts,
    added: plan.diff.added.slice(0, limit).map(([r]) => summary(plan.build(r))),
    updated: plan.diff.changed.slice(0, limit).map(([r]) => {
      const entity = plan.build(r);
      return {
        ...summary(entity),
        fields:
          before && beforeRefs.has(r)
            ? changedPaths(before.build(r), entity)
            : ['(unknown: no stored snapshot)'],
      };
    }),
    removed: plan.diff.removed.slice(0, limit).map(r => ({
      entityRef: r.entityRef,
      kind: r.entityRef.startsWith('user:') ? 'User' : 'Group',
      displayName: r.label,
    })),
    wouldHold: plan.guard.action === 'hold',
    ...(plan.guard.action === 'hold' ? { holdReason: plan.guard.reason } : {}),
    orphaned: orphaned.slice(0, limit),
    conflicts: plan.conflicts.slice(0, limit).map(c => ({
      type: c.type,
      subject: c.subject,
      entityRef: c.entityRef,
      message: c.message,
    })),
    limit,
  };
}
