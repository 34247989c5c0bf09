import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import {
  Approval,
  CONFLICT_TYPES,
  ConflictType,
  DepartmentList,
  DepartmentView,
  PreviewResult,
  SyncRun,
  SyncRunCounts,
} from '@paycor-backstage/plugin-paycor-common';
import { randomUUID } from 'node:crypto';
import { PaycorClient } from '../client/PaycorClient';
import { CallCounter } from '../client/PaycorHttp';
import { PaycorProviderConfig } from '../config/types';
import { transformSnapshot } from '../ingest';
import {
  ConflictDraft,
  DepartmentOverride,
  PaycorSnapshot,
  TransformResult,
} from '../ingest/types';
import { PaycorStores } from '../store';
import { removalSetHash } from '../store/ApprovalStore';
import { Clock, iso } from '../store/clock';
import { RunOutcome } from '../store/RunStore';
import { Emission } from '../store/SnapshotStore';
import { CatalogState } from './CatalogState';
import {
  changedPaths,
  countUsers,
  createEntityHasher,
  diffEmission,
  EmissionDiff,
  emissionToPrevious,
  withKeptRemovals,
} from './emissionDiff';
import { computeHealth, durationMs } from './health';
import { HealthNotifier } from './HealthNotifier';
import { GuardDecision, evaluateRemovalGuard } from './removalGuard';
import { keepLastGoodRecords, readSnapshot } from './readSnapshot';
import { digestsOf, SnapshotPacker } from '../store/snapshotCodec';
import { describeSyncFailure } from './syncFailure';

export interface SyncRunnerOptions {
  config: PaycorProviderConfig;
  client: PaycorClient;
  stores: PaycorStores;
  catalog: CatalogState;
  notifier: HealthNotifier;
  logger: LoggerService;
  clock: Clock;
  connection: () => Promise<EntityProviderConnection>;
  /** the locationKey of every entity this provider emits */
  locationKey: string;
  /**
   * `auto` (default): a full mutation on the first apply of this process (it
   * heals any drift between our records and the catalog), deltas afterwards.
   */
  mutationMode?: 'auto' | 'full' | 'delta';
}

/** Conflicts recomputed by every transform; others have their own lifecycle. */
const TRANSFORM_CONFLICTS: ReadonlySet<ConflictType> = new Set(
  CONFLICT_TYPES.filter(t => t !== 'removals-held' && t !== 'catalog-rejected'),
);

/** A run whose heartbeat is older than this died with its process. */
export const STALE_RUN_MS = 60_000;
const HEARTBEAT_MS = 15_000;

interface Plan {
  result: TransformResult;
  /** entities to emit, minus those another source owns */
  entities: Entity[];
  conflicts: ConflictDraft[];
  diff: EmissionDiff;
  guard: GuardDecision;
}

/**
 * One provider's sync: read Paycor, transform, guard, apply, record. Also the
 * admin actions that re-apply the stored snapshot without calling Paycor
 * (re-homing, admin groups, exclusions) and approvals. Every writer of the
 * provider's entities runs under one database lease, so replicas never
 * interleave mutations.
 */
export class SyncRunner {
  private fullMutationDone = false;
  private readonly holder = randomUUID();

  constructor(private readonly options: SyncRunnerOptions) {}

  private get id() {
    return this.options.config.id;
  }

  /**
   * A full sync from Paycor. Throws on failure so the scheduler records it.
   * The run is recorded (and heartbeats) before waiting for the writer lease,
   * so a sync that waits or times out shows in the run history and a live
   * run can always be told from a dead one.
   */
  async sync(
    trigger: 'schedule' | 'manual',
    signal?: AbortSignal,
  ): Promise<SyncRun> {
    const { stores, client, logger, config } = this.options;
    await stores.runs.abandonStale(STALE_RUN_MS);
    const run = await stores.runs.start(this.id, trigger);
    const heartbeat = setInterval(
      () => stores.runs.heartbeat(run.id).catch(() => {}),
      HEARTBEAT_MS,
    );
    const calls = new CallCounter();
    const timeoutMs = durationMs(config.schedule.timeout) ?? 15 * 60_000;
    const startedAt = Date.now();
    try {
      return await this.withWriterLock(timeoutMs, () =>
        client.countCalls(calls, () => this.syncLocked(run, calls, signal)),
      );
    } catch (error) {
      const failure = describeSyncFailure(error, {
        providerId: this.id,
        timeoutMs,
        elapsedMs: Date.now() - startedAt,
        signal,
      });
      logger.error(
        `Paycor provider ${this.id}: sync failed; nothing was applied: ${failure.message}`,
      );
      await this.recordFailure(run, {
        status: 'failed',
        counts: run.counts,
        apiCalls: calls.value,
        error: { name: failure.name, message: failure.message },
      });
      await this.refreshHealth().catch(() => {});
      throw failure;
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async syncLocked(
    run: SyncRun,
    calls: CallCounter,
    signal?: AbortSignal,
  ): Promise<SyncRun> {
    const { stores, logger, config } = this.options;
    const started = Date.now();
    const packer = new SnapshotPacker();
    try {
      // Only what the catalog holds from us; the previous snapshot itself
      // is loaded only when a bad record needs its last good version.
      const emissionBefore = await stores.snapshots.loadEmission(this.id);
      const read = await readSnapshot(this.options.client, {
        mappedPaths: mappedPaths(config),
        now: this.options.clock,
        signal,
        onEmployees: records => packer.addEmployees(records),
      });
      if (!read.businessNamesScope && !config.timeZone) {
        logger.info(
          `Paycor provider ${this.id}: no "View Legal Entity Business Names & Addresses" scope; effective dates use UTC unless timeZone is configured`,
        );
      }
      const previousSnapshot = read.snapshot.invalid.some(i => i.id)
        ? (await stores.snapshots.load(this.id))?.snapshot
        : undefined;
      const snapshot = keepLastGoodRecords(read.snapshot, previousSnapshot);
      packer.addEmployees(
        snapshot.employees.slice(read.snapshot.employees.length),
      );
      const packed = packer.finish(snapshot);
      const plan = await this.plan(snapshot, emissionBefore, packer.digests);
      const outcome = await this.apply(run, plan, emissionBefore, {
        packedSnapshot: packed,
        fetchedAt: snapshot.fetchedAt,
        fetched: {
          employees:
            read.snapshot.employees.length +
            read.snapshot.invalid.filter(i => i.resource === 'employee').length,
          departments:
            read.snapshot.departments.length +
            read.snapshot.invalid.filter(i => i.resource === 'department')
              .length,
        },
      });
      const finished = await stores.runs.finish(run, {
        ...outcome,
        apiCalls: calls.value,
      });
      await stores.state.update(this.id, {
        lastSuccessAt: finished.finishedAt,
        legalEntityName: snapshot.legalEntity.name,
      });
      logger.info(
        `Paycor provider ${this.id}: ${finished.status} in ${
          Date.now() - started
        } ms — ` +
          `${outcome.counts.users} users, ${outcome.counts.groups} groups; ` +
          `+${outcome.counts.added} ~${outcome.counts.updated} -${outcome.counts.removed}` +
          `${
            outcome.counts.held ? `, ${outcome.counts.held} removals held` : ''
          }; ${calls.value} Paycor calls`,
      );
      await this.refreshHealth();
      return finished;
    } catch (error) {
      packer.abandon();
      throw error;
    }
  }

  /**
   * Records a failed run. The failure may be the database itself (a failover,
   * a restart): keep trying for a while rather than leave the run "running"
   * until it is taken for a crash.
   */
  private async recordFailure(run: SyncRun, outcome: RunOutcome) {
    const delays = [0, 1000, 2000, 4000, 8000, 15_000];
    for (const [attempt, delay] of delays.entries()) {
      if (delay) await new Promise(r => setTimeout(r, delay));
      try {
        await this.options.stores.runs.finish(run, outcome);
        return;
      } catch (error) {
        if (attempt === delays.length - 1) {
          this.options.logger.error(
            `Paycor provider ${this.id}: could not record the failure of run ${
              run.id
            } (${(error as Error).message}); it will show as abandoned`,
          );
        }
      }
    }
  }

  /**
   * Re-applies the stored snapshot with the current overrides, admin groups
   * and exclusions. Returns undefined when there is no snapshot yet (the next
   * sync will apply them).
   */
  async reapply(): Promise<SyncRun | undefined> {
    const { stores } = this.options;
    return this.withWriterLock(2 * 60_000, async () => {
      const stored = await stores.snapshots.load(this.id);
      if (!stored) return undefined;
      const run = await stores.runs.start(this.id, 'reapply');
      try {
        const plan = await this.plan(stored.snapshot, stored.emission);
        const outcome = await this.apply(run, plan, stored.emission, {
          fetched: { employees: 0, departments: 0 },
        });
        const finished = await stores.runs.finish(run, {
          ...outcome,
          apiCalls: 0,
        });
        await this.refreshHealth();
        return finished;
      } catch (error) {
        const e = error as Error;
        await stores.runs.finish(run, {
          status: 'failed',
          counts: run.counts,
          apiCalls: 0,
          error: { name: e.name, message: e.message },
        });
        throw error;
      }
    });
  }

  /** What a sync would change now (reads Paycor, applies nothing). */
  async preview(limit: number): Promise<PreviewResult> {
    const { stores, client, config } = this.options;
    const stored = await stores.snapshots.load(this.id);
    const read = await readSnapshot(client, {
      mappedPaths: mappedPaths(config),
      now: this.options.clock,
    });
    const snapshot = keepLastGoodRecords(read.snapshot, stored?.snapshot);
    const plan = await this.plan(snapshot, stored?.emission);

    // What the catalog holds, approximately: the stored snapshot transformed
    // with today's settings. Good enough to name the fields that change.
    const before = new Map<string, Entity>();
    if (stored) {
      const previousPlan = await this.transform(
        stored.snapshot,
        stored.emission,
      );
      for (const entity of previousPlan.entities) {
        before.set(stringifyEntityRef(entity), entity);
      }
    }
    const summary = (entity: Entity) => ({
      entityRef: stringifyEntityRef(entity),
      kind: entity.kind as 'User' | 'Group',
      displayName:
        (entity.spec as any)?.profile?.displayName ?? entity.metadata.title,
    });
    const counts = this.counts(plan, read.snapshot);
    return {
      generatedAt: iso(this.options.clock()),
      counts,
      added: plan.diff.added.slice(0, limit).map(summary),
      updated: plan.diff.changed.slice(0, limit).map(entity => {
        const ref = stringifyEntityRef(entity);
        const old = before.get(ref);
        return {
          ...summary(entity),
          fields: old
            ? changedPaths(old, entity)
            : ['(unknown: no stored snapshot)'],
        };
      }),
      removed: plan.diff.removed.slice(0, limit).map(r => ({
        entityRef: r.entityRef,
        kind: r.entityRef.startsWith('user:') ? 'User' : 'Group',
        displayName: r.label,
      })),
      wouldHold: plan.guard.action === 'hold',
      conflicts: plan.conflicts.slice(0, limit).map(c => ({
        type: c.type,
        subject: c.subject,
        entityRef: c.entityRef,
        message: c.message,
      })),
      limit,
    };
  }

  /** Approves (applies) or rejects (keeps) the removals a held run wanted. */
  async decide(
    runId: string,
    decision: 'approve' | 'reject',
    actor: string,
    note?: string,
  ): Promise<Approval> {
    const { stores } = this.options;
    const approval = await stores.approvals.get(this.id, runId);
    if (!approval) {
      throw new NotFoundError(
        `No held run ${runId} for Paycor provider "${this.id}"`,
      );
    }
    if (approval.status !== 'pending') {
      throw new ConflictError(
        `Held run ${runId} is already ${approval.status}${
          approval.decidedBy ? ` (by ${approval.decidedBy})` : ''
        }`,
      );
    }
    if (decision === 'reject') {
      await stores.approvals.decide(this.id, runId, {
        status: 'rejected',
        by: actor,
        note,
      });
      await stores.conflicts.resolveAll(this.id, 'removals-held');
      await this.refreshHealth();
      return (await stores.approvals.get(this.id, runId))!;
    }

    return this.withWriterLock(2 * 60_000, async () => {
      const stored = await stores.snapshots.load(this.id);
      if (!stored)
        throw new ConflictError(
          'There is no stored snapshot to approve against',
        );
      const run = await stores.runs.start(this.id, 'approval');
      // Only remove what is still gone now: someone may have come back.
      const plan = await this.plan(stored.snapshot, stored.emission);
      const stillGone = new Set(plan.diff.removed.map(r => r.entityRef));
      const removals = approval.removals.filter(r =>
        stillGone.has(r.entityRef),
      );
      if (removals.length > 0) {
        const connection = await this.options.connection();
        await connection.applyMutation({
          type: 'delta',
          added: [],
          removed: removals.map(r => ({
            entityRef: r.entityRef,
            locationKey: this.options.locationKey,
          })),
        });
      }
      const removedRefs = new Set(removals.map(r => r.entityRef));
      const emission: Emission = {
        ...stored.emission,
        entities: stored.emission.entities.filter(
          ([ref]) => !removedRefs.has(ref),
        ),
      };
      await stores.snapshots.saveEmission(this.id, run.id, emission);
      await stores.approvals.decide(this.id, runId, {
        status: 'approved',
        by: actor,
        note,
      });
      await stores.conflicts.resolveAll(this.id, 'removals-held');
      await this.saveCounts(emission);
      await stores.runs.finish(run, {
        status: 'succeeded',
        counts: {
          ...this.counts(plan),
          added: 0,
          updated: 0,
          removed: removals.length,
          held: 0,
        },
        apiCalls: 0,
        mutation: removals.length > 0 ? 'delta' : 'none',
      });
      await this.refreshHealth();
      return (await stores.approvals.get(this.id, runId))!;
    });
  }

  /** The department tree as the last snapshot and current settings make it. */
  async departments(): Promise<DepartmentList> {
    const stored = await this.options.stores.snapshots.load(this.id);
    if (!stored) return { items: [] };
    const overrides = await this.options.stores.overrides.list(this.id);
    const byId = new Map(overrides.map(o => [o.departmentId, o]));
    const plan = await this.transform(stored.snapshot, stored.emission);
    return {
      snapshotAt: stored.fetchedAt,
      items: plan.result.departments.map(d => {
        const apiOverride = byId.get(d.id);
        let override: DepartmentView['override'];
        if (d.override?.source === 'api' && apiOverride) {
          override = {
            parent: apiOverride.parentRef,
            note: apiOverride.note,
            setBy: apiOverride.setBy,
            setAt: apiOverride.setAt,
            source: 'api',
          };
        } else if (d.override?.source === 'config') {
          // config has no author or date; show when it was last applied
          override = {
            parent: d.override.parentRef,
            setBy: 'app-config (departmentParents)',
            setAt: stored.fetchedAt,
            source: 'config',
          };
        }
        return {
          id: d.id,
          code: d.code,
          name: d.name,
          level: d.level,
          paycorParentId: d.paycorParentId,
          paycorParentRef: d.paycorParentRef,
          effectiveParentRef: d.effectiveParentRef,
          entityRef: d.entityRef,
          memberCount: d.memberCount,
          state: d.state,
          overrideProblem: d.overrideProblem,
          override,
        };
      }),
    };
  }

  /**
   * Would re-homing `departmentId` under `parentRef` work? Checked against the
   * stored snapshot, with the same rules the transform applies.
   */
  async checkOverride(
    departmentId: string,
    parentRef: string,
  ): Promise<
    'ok' | 'unknown-department' | 'target-missing' | 'cycle' | 'no-snapshot'
  > {
    const stored = await this.options.stores.snapshots.load(this.id);
    if (!stored) return 'no-snapshot';
    if (!stored.snapshot.departments.some(d => d.id === departmentId)) {
      return 'unknown-department';
    }
    const plan = await this.transform(stored.snapshot, stored.emission, {
      departmentId,
      parentRef,
      source: 'api',
    });
    const placement = plan.result.departments.find(d => d.id === departmentId);
    return placement?.overrideProblem ?? 'ok';
  }

  /** Whether a Group exists: one this provider emits, or any in the catalog. */
  async groupExists(ref: string): Promise<boolean> {
    const { stores, catalog, locationKey } = this.options;
    const [emission, external] = await Promise.all([
      stores.snapshots.loadEmission(this.id),
      catalog.externalGroups(locationKey),
    ]);
    return (
      external.refs.has(ref) ||
      Boolean(emission?.entities.some(([emitted]) => emitted === ref))
    );
  }

  /** Recomputes health; notifies admins when it changed in a way they care about. */
  async refreshHealth() {
    const { stores, config, notifier, clock } = this.options;
    const [state, latestSync, pending, openConflicts] = await Promise.all([
      stores.state.get(this.id),
      stores.runs.latestFinishedSync(this.id),
      stores.approvals.pending(this.id),
      stores.conflicts.countOpen(this.id),
    ]);
    const { health, reason } = computeHealth({
      enabled: config.enabled,
      latestSync,
      lastSuccessAt: state.lastSuccessAt,
      pendingApproval: pending,
      openConflicts,
      schedule: config.schedule,
      now: clock(),
    });
    const patch: Parameters<PaycorStores['state']['update']>[1] = {
      health,
      healthReason: reason,
    };
    if (health !== state.health) {
      patch.healthChangedAt = iso(clock());
      await notifier.notify({
        providerId: this.id,
        previous: state.health,
        current: health,
        reason,
      });
    }
    await stores.state.update(this.id, patch);
    return { health, reason };
  }

  /** The transform with today's overrides, admin groups and exclusions. */
  private async transform(
    snapshot: PaycorSnapshot,
    previous: Emission | undefined,
    extraOverride?: DepartmentOverride,
  ): Promise<Omit<Plan, 'diff' | 'guard'>> {
    const { stores, config, catalog, locationKey, clock } = this.options;
    const [stored, adminGroups, exclusions, external, foreign] =
      await Promise.all([
        stores.overrides.list(this.id),
        stores.adminGroups.list(this.id),
        stores.exclusions.list(this.id),
        catalog.externalGroups(locationKey),
        catalog.foreignOwners(config.namespace, locationKey),
      ]);
    // config's departmentParents are merged by the transform itself
    const overrides: DepartmentOverride[] = [
      ...stored
        .filter(o => o.departmentId !== extraOverride?.departmentId)
        .map(o => ({
          departmentId: o.departmentId,
          parentRef: o.parentRef,
          source: 'api' as const,
        })),
      ...(extraOverride ? [extraOverride] : []),
    ];

    const result = transformSnapshot({
      snapshot,
      config,
      overrides,
      adminGroups: adminGroups.map(g => ({
        name: g.name,
        title: g.title,
        description: g.description,
        parentRef: g.parentRef,
        type: g.type,
      })),
      exclusions: exclusions.map(e => ({ kind: e.kind, value: e.value })),
      previous: emissionToPrevious(previous),
      external,
      now: clock(),
    });

    const conflicts = [...result.conflicts];
    const entities: Entity[] = [];
    for (const entity of result.entities) {
      const ref = stringifyEntityRef(entity);
      const owner = foreign.get(ref);
      if (!owner) {
        entities.push(entity);
        continue;
      }
      conflicts.push({
        type: 'owned-by-other-source',
        subject: {
          kind: 'entity',
          id: ref,
          label: (entity.spec as any)?.profile?.displayName,
        },
        entityRef: ref,
        message: `${ref} already exists in the catalog from ${owner}; the catalog keeps that version, so the Paycor ${
          entity.kind === 'User' ? 'employee' : 'department'
        } is not synced into it.`,
        resolution:
          'Remove the other definition (or its location) if Paycor should own this entity, or change the naming settings (userNaming / groupNaming.prefix) so the names differ.',
      });
    }
    return { result, entities, conflicts };
  }

  /** Transform, diff against what the catalog holds, and the removal guard. */
  private async plan(
    snapshot: PaycorSnapshot,
    previous: Emission | undefined,
    recordDigests: ReadonlyMap<string, string> = digestsOf(snapshot.employees),
  ): Promise<Plan> {
    const { config, stores } = this.options;
    const [{ result, entities, conflicts }, rejectedHash] = await Promise.all([
      this.transform(snapshot, previous),
      stores.approvals.latestRejectedHash(this.id),
    ]);
    const diff = diffEmission(
      entities,
      result.emission,
      previous,
      createEntityHasher(
        {
          namespace: config.namespace,
          providerId: config.id,
          legalEntityId: snapshot.legalEntity.id,
          fieldMapping: config.fieldMapping,
        },
        recordDigests,
      ),
    );
    const guard = evaluateRemovalGuard({
      removed: diff.removed,
      usersBefore: countUsers(previous),
      usersAfter: entities.filter(e => e.kind === 'User').length,
      maxRemovalPercent: config.removalGuard.maxRemovalPercent,
      unidentifiedRecords: snapshot.invalid.filter(i => !i.id).length,
      rejectedHash,
      hashOf: removalSetHash,
    });
    return { result, entities, conflicts, diff, guard };
  }

  private async apply(
    run: SyncRun,
    plan: Plan,
    previous: Emission | undefined,
    context: {
      /** a new snapshot (read from Paycor) to store with the emission */
      packedSnapshot?: Promise<Buffer>;
      fetchedAt?: string;
      fetched: { employees: number; departments: number };
    },
  ): Promise<Omit<RunOutcome, 'apiCalls'>> {
    const { stores, config, locationKey } = this.options;
    const { diff, guard } = plan;
    const kept = new Set<string>();
    let status: RunOutcome['status'] = 'succeeded';

    if (guard.action === 'apply') {
      await stores.approvals.supersedePending(this.id);
      await stores.conflicts.resolveAll(this.id, 'removals-held');
    } else {
      for (const removal of guard.removals) kept.add(removal.entityRef);
    }
    if (guard.action === 'skip-partial') {
      this.options.logger.warn(`Paycor provider ${this.id}: ${guard.reason}`);
    }
    if (guard.action === 'hold') {
      status = 'held';
      const pending = await stores.approvals.pending(this.id);
      const hash = removalSetHash(guard.removals.map(r => r.entityRef));
      const samePending =
        pending &&
        removalSetHash(pending.removals.map(r => r.entityRef)) === hash;
      if (!samePending) {
        await stores.approvals.createPending({
          runId: run.id,
          providerId: this.id,
          userCount: countUsers(previous),
          thresholdPercent: config.removalGuard.maxRemovalPercent,
          reason: guard.reason,
          removals: guard.removals,
        });
      }
      await stores.conflicts.open(this.id, run.id, {
        type: 'removals-held',
        subject: { kind: 'run', id: 'removal-guard', label: 'Safety guard' },
        message: `${guard.reason} Nothing was removed; additions and updates were applied.`,
        resolution:
          'Review the removals on the Approvals tab: approve them if the people really left, reject them to keep everyone, or fix the filters or the Paycor data.',
      });
    }

    const removedNow = diff.removed.filter(r => !kept.has(r.entityRef));
    const useFull =
      kept.size === 0 &&
      (this.options.mutationMode === 'full' ||
        ((this.options.mutationMode ?? 'auto') === 'auto' &&
          !this.fullMutationDone));
    const connection = await this.options.connection();
    let mutation: SyncRun['mutation'] = 'none';
    if (useFull) {
      await connection.applyMutation({
        type: 'full',
        entities: plan.entities.map(entity => ({ entity, locationKey })),
      });
      mutation = 'full';
    } else if (
      diff.added.length + diff.changed.length + removedNow.length >
      0
    ) {
      await connection.applyMutation({
        type: 'delta',
        added: [...diff.added, ...diff.changed].map(entity => ({
          entity,
          locationKey,
        })),
        removed: removedNow.map(r => ({ entityRef: r.entityRef, locationKey })),
      });
      mutation = 'delta';
    }
    this.fullMutationDone ||= useFull;

    const emission = withKeptRemovals(diff.next, previous, kept);
    if (context.packedSnapshot) {
      await stores.snapshots.save(this.id, {
        runId: run.id,
        fetchedAt: context.fetchedAt!,
        snapshot: await context.packedSnapshot,
        emission,
      });
    } else {
      await stores.snapshots.saveEmission(this.id, run.id, emission);
    }
    await stores.conflicts.record(
      this.id,
      run.id,
      plan.conflicts,
      TRANSFORM_CONFLICTS,
    );
    await this.saveCounts(emission);

    const counts = this.counts(plan, undefined, context.fetched);
    return {
      status,
      counts: {
        ...counts,
        removed: removedNow.length,
        held: guard.action === 'apply' ? 0 : guard.removals.length,
      },
      mutation,
      skippedByReason: plan.result.stats.skippedByReason as Record<
        string,
        number
      >,
    };
  }

  private counts(
    plan: Plan,
    snapshot?: PaycorSnapshot,
    fetched?: { employees: number; departments: number },
  ): SyncRunCounts {
    return {
      fetchedEmployees: fetched?.employees ?? snapshot?.employees.length ?? 0,
      fetchedDepartments:
        fetched?.departments ?? snapshot?.departments.length ?? 0,
      users: plan.entities.filter(e => e.kind === 'User').length,
      groups: plan.entities.filter(e => e.kind === 'Group').length,
      added: plan.diff.added.length,
      updated: plan.diff.changed.length,
      removed: plan.diff.removed.length,
      skipped: plan.result.stats.skipped,
      held: plan.guard.action === 'hold' ? plan.guard.removals.length : 0,
    };
  }

  private async saveCounts(emission: Emission) {
    let users = 0;
    let groups = 0;
    for (const [ref] of emission.entities) {
      if (ref.startsWith('user:')) users += 1;
      else if (ref.startsWith('group:')) groups += 1;
    }
    await this.options.stores.state.update(this.id, {
      userCount: users,
      groupCount: groups,
    });
  }

  private async withWriterLock<T>(waitMs: number, fn: () => Promise<T>) {
    return this.options.stores.locks.withLock(
      `writer:${this.id}`,
      this.holder,
      { ttlMs: 60_000, waitMs },
      fn,
    );
  }
}

function mappedPaths(config: PaycorProviderConfig): string[] {
  return [
    ...new Set([
      ...Object.values(config.fieldMapping.annotations),
      ...Object.values(config.fieldMapping.labels),
    ]),
  ];
}
