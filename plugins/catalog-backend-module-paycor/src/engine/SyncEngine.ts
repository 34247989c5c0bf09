import { ConflictError, NotFoundError } from '@backstage/errors';
import { SyncRun } from '@paycor-backstage/plugin-paycor-common';
import {
  ExponentialBackoff,
  handleAll,
  noJitterGenerator,
  retry,
} from 'cockatiel';
import { PaycorClient } from '../client/PaycorClient';
import { CallCounter } from '../client/PaycorHttp';
import { PaycorProviderConfig } from '../config/types';
import { PreparedEmployees } from '../ingest/employees';
import { nonBlank } from '../ingest/util';
import { iso } from '../store/clock';
import { Lease, LeaseLostError, LockTimeoutError } from '../store/LockStore';
import { failedOutcome, RunOutcome } from '../store/RunStore';
import { pack, SnapshotPacker } from '../store/snapshotCodec';
import { Applied, applyPlan, ApplyContext } from './applying';
import { EngineContext, refreshHealth } from './context';
import { durationMs } from './health';
import { loadSnapshot, toPaycorSnapshot } from './loadedSnapshot';
import {
  personGuard,
  readMissingDepartments,
  readOneEmployee,
  usersRemovedBy,
  withPersonRead,
} from './personSync';
import { LoadedEmission, Plan } from './planning';
import { Settings } from './planSources';
import { keepLastGoodRecords, readSnapshot } from './readSnapshot';
import { describeSyncFailure } from './syncFailure';

/** What `syncPerson` did. */
export type PersonSyncOutcome =
  /** applied; `gone` says why they were removed from the snapshot */
  | { kind: 'applied'; run: SyncRun; gone?: string }
  /**
   * Paycor cannot serve one employee, or their change cannot be applied
   * alone (it would remove more Users than `removalBudget` allows): a full
   * sync can
   */
  | { kind: 'unavailable'; run: SyncRun; reason: string }
  /** no sync has completed: there is nothing to apply one person to */
  | { kind: 'no-snapshot' };

/** How long a person sync waits for the writer lease. */
const PERSON_WAIT_MS = 60_000;

/** A run whose heartbeat is older than this died with its process. */
export const STALE_RUN_MS = 60_000;
const HEARTBEAT_MS = 15_000;
/** How long a re-apply waits for the writer lease (a sync may hold it). */
const REAPPLY_WAIT_MS = 2 * 60_000;

/**
 * Recording a failed run retries for ~30 s: the failure may be the database
 * itself (a failover, a restart), and a run left "running" would later be
 * taken for a crash.
 */
const recordFailurePolicy = retry(handleAll, {
  maxAttempts: 5,
  backoff: new ExponentialBackoff({
    initialDelay: 1000,
    maxDelay: 15_000,
    generator: noJitterGenerator,
  }),
});

export interface SyncEngineOptions {
  client: PaycorClient;
  /**
   * `auto` (default): a full mutation on the first apply of this process (it
   * heals any drift between our records and the catalog), deltas afterwards.
   */
  mutationMode?: 'auto' | 'full' | 'delta';
}

/**
 * One provider's writes to the catalog: a sync (read Paycor, plan, apply,
 * record) and a re-apply of the stored snapshot after an admin changed a
 * setting. Planning (planning.ts), applying (applying.ts), previews and
 * approvals live in modules of their own.
 */
export class SyncEngine {
  private fullMutationDone = false;

  constructor(
    private readonly ctx: EngineContext,
    private readonly options: SyncEngineOptions,
  ) {}

  private get id() {
    return this.ctx.config.id;
  }

  /**
   * A full sync from Paycor. Throws on failure so the scheduler records it.
   * The run is recorded (and heartbeats) before waiting for the writer lease,
   * so a sync that waits or times out shows in the run history and a live
   * run can always be told from a dead one.
   */
  async sync(
    trigger: 'schedule' | 'manual' | 'event-sync',
    signal?: AbortSignal,
  ): Promise<SyncRun> {
    const { stores, logger, config } = this.ctx;
    const { client } = this.options;
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
      return await this.ctx.withWriterLock(timeoutMs, lease =>
        client.countCalls(calls, () =>
          this.syncLocked(run, calls, lease, signal),
        ),
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
      await this.recordFailure(run, failedOutcome(run, failure, calls.value));
      await refreshHealth(this.ctx).catch(() => {});
      throw failure;
    } finally {
      clearInterval(heartbeat);
    }
  }

  /**
   * Re-applies the stored snapshot with the current overrides, admin groups
   * and exclusions. Returns undefined when there is no snapshot yet (the next
   * sync will apply them).
   */
  async reapply(): Promise<SyncRun | undefined> {
    const { stores, sources } = this.ctx;
    return this.ctx.withWriterLock(REAPPLY_WAIT_MS, async lease => {
      const { stored, settings } = await sources.current();
      if (!stored) return undefined;
      const run = await stores.runs.start(this.id, 'reapply');
      try {
        const plan = await this.plan(
          stored.snapshot,
          stored.emission,
          settings,
        );
        const finished = await this.apply(run, plan, stored.emission, {
          lease,
          fetched: { employees: 0, departments: 0 },
          apiCalls: 0,
        });
        await refreshHealth(this.ctx);
        return finished;
      } catch (error) {
        await stores.runs.finish(run, failedOutcome(run, error as Error));
        throw error;
      }
    });
  }

  /**
   * Re-reads one employee from Paycor and applies the result for them alone
   * (a run with trigger `person`): the stored snapshot with their record
   * replaced, added or removed is planned and applied like a re-apply, so
   * exclusions, filters, conflicts, the removal guard and the writer lease
   * all hold, and the next full sync starts from the same data. Paycor calls:
   * the employee (a token refresh when due) and, only when their department
   * is unknown to the snapshot, the department listing.
   */
  async syncPerson(
    employeeId: string,
    signal?: AbortSignal,
    trigger: 'person' | 'event' = 'person',
    /**
     * How many Users this run may remove (live updates: what events may
     * still remove alone before the next full sync). A run that would
     * remove more applies nothing and answers `unavailable`.
     */
    removalBudget?: number,
  ): Promise<PersonSyncOutcome> {
    const { stores, sources, config, clock } = this.ctx;
    const { client } = this.options;
    if (!(await sources.stored())) return { kind: 'no-snapshot' };
    const run = await stores.runs.start(this.id, trigger);
    const heartbeat = setInterval(
      () => stores.runs.heartbeat(run.id).catch(() => {}),
      HEARTBEAT_MS,
    );
    const calls = new CallCounter();
    try {
      const read = await client.countCalls(calls, () =>
        readOneEmployee(client, {
          employeeId,
          legalEntityId: config.legalEntityId,
          mappedPaths: mappedPaths(config),
          signal,
        }),
      );
      if (read.kind === 'unavailable') {
        const finished = await stores.runs.finish(
          run,
          failedOutcome(
            run,
            { name: 'PersonReadUnavailable', message: read.reason },
            calls.value,
          ),
        );
        return { kind: 'unavailable', run: finished, reason: read.reason };
      }
      return await this.ctx.withWriterLock(PERSON_WAIT_MS, async lease => {
        const { stored, settings } = await sources.current();
        if (!stored) throw new Error('The stored snapshot disappeared');
        // Paycor's spelling of the id (GUIDs bind in any case)
        const id = read.kind === 'record' ? read.record.id : employeeId;
        const known = stored.snapshot.employees.has(id);
        if (read.kind === 'gone' && !known) {
          throw new NotFoundError(
            `${read.reason}, and the last read from Paycor did not list them either`,
          );
        }
        const departmentId =
          read.kind === 'record'
            ? nonBlank(read.record.departmentId)
            : undefined;
        const departments =
          departmentId !== undefined && !stored.snapshot.tree.has(departmentId)
            ? await client.countCalls(calls, () =>
                readMissingDepartments(
                  client,
                  stored.snapshot,
                  departmentId,
                  signal,
                ),
              )
            : [];
        const snapshot = withPersonRead(stored.snapshot, read, {
          employeeId: id,
          runId: run.id,
          at: iso(clock()),
          departments,
        });
        const plan = personGuard(
          await this.plan(snapshot, stored.emission, settings),
          {
            employeeId: id,
            usersBefore: stored.emission.users,
            maxRemovalPercent: config.removalGuard.maxRemovalPercent,
          },
        );
        const removes = usersRemovedBy(plan, id);
        if (removalBudget !== undefined && removes > removalBudget) {
          const reason = `removing their User would exceed what may be removed without a full sync (${Math.max(
            0,
            removalBudget,
          )} left of removalGuard.maxRemovalPercent); the full sync weighs it`;
          const finished = await stores.runs.finish(
            run,
            failedOutcome(
              run,
              { name: 'RemovalBudgetSpent', message: reason },
              calls.value,
            ),
          );
          return { kind: 'unavailable', run: finished, reason };
        }
        const finished = await this.apply(run, plan, stored.emission, {
          lease,
          removeOnly: id,
          packedSnapshot: pack(toPaycorSnapshot(snapshot)),
          fetchedAt: snapshot.fetchedAt,
          fetched: {
            employees: read.kind === 'gone' ? 0 : 1,
            departments: departments.length,
          },
          apiCalls: () => calls.value,
        });
        sources.rememberSnapshot(snapshot);
        await refreshHealth(this.ctx);
        return {
          kind: 'applied',
          run: finished,
          ...(read.kind === 'gone' ? { gone: read.reason } : {}),
        };
      });
    } catch (error) {
      const e =
        error instanceof LockTimeoutError
          ? new ConflictError(
              `Another writer (a sync, re-apply or approval) held the writer lease for ${
                PERSON_WAIT_MS / 1000
              } s; a running sync applies everyone's current Paycor data anyway. Try again when it has finished.`,
            )
          : (error as Error);
      await this.recordFailure(run, failedOutcome(run, e, calls.value));
      throw e;
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async syncLocked(
    run: SyncRun,
    calls: CallCounter,
    lease: Lease,
    signal?: AbortSignal,
  ): Promise<SyncRun> {
    const { stores, logger, config, sources, clock } = this.ctx;
    const started = Date.now();
    // The per-record work (validation, names, the record's JSON and digest)
    // is done as each page arrives; what is left after the last page works on
    // prepared records.
    const packer = new SnapshotPacker();
    const employees = new PreparedEmployees(config.userNaming, true);
    try {
      // Only what the catalog holds from us; the previous snapshot itself
      // is loaded only when a bad record needs its last good version.
      const emissionBefore = await sources.storedEmission();
      // The stored snapshot and everything made from it go: they would stay
      // in memory beside the new read (see PlanSources.onForget).
      sources.forgetSnapshot();
      const read = await readSnapshot(this.options.client, {
        mappedPaths: mappedPaths(config),
        now: clock,
        signal,
        values: employees.values,
        onEmployees: records => {
          packer.addEmployees(records);
          for (const record of records) employees.addShared(record);
        },
      });
      if (!read.businessNamesScope && !config.timeZone) {
        logger.info(
          `Paycor provider ${this.id}: no "View Legal Entity Business Names & Addresses" scope; effective dates use UTC unless timeZone is configured`,
        );
      }
      const previousSnapshot = read.snapshot.invalid.some(i => i.id)
        ? await sources.storedRecords()
        : undefined;
      const snapshot = keepLastGoodRecords(read.snapshot, previousSnapshot);
      const stale = snapshot.employees.slice(read.snapshot.employees.length);
      packer.addEmployees(stale);
      for (const record of stale) employees.add(record);
      const packed = packer.finish(snapshot);
      const loaded = loadSnapshot({
        id: run.id,
        snapshot,
        employees,
        digests: packer.digests,
      });

      const plan = await this.plan(loaded, emissionBefore);
      const finished = await this.apply(run, plan, emissionBefore, {
        lease,
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
        apiCalls: () => calls.value,
      });
      sources.rememberSnapshot(loaded);
      await stores.state.update(this.id, {
        lastSuccessAt: finished.finishedAt,
        legalEntityName: snapshot.legalEntity.name,
      });
      const { counts } = finished;
      logger.info(
        `Paycor provider ${this.id}: ${finished.status} in ${
          Date.now() - started
        } ms — ` +
          `${counts.users} users, ${counts.groups} groups; ` +
          `+${counts.added} ~${counts.updated} -${counts.removed}` +
          `${counts.held ? `, ${counts.held} removals held` : ''}; ${
            calls.value
          } Paycor calls`,
      );
      await refreshHealth(this.ctx);
      return finished;
    } catch (error) {
      packer.abandon();
      throw error;
    }
  }

  /** A plan of `snapshot` with the current settings and catalog. */
  private async plan(
    snapshot: Plan['snapshot'],
    emission: LoadedEmission | undefined,
    knownSettings?: Settings,
  ): Promise<Plan> {
    const { stores, sources, planner, clock } = this.ctx;
    const [settings, catalog, rejectedHash, elsewhere] = await Promise.all([
      knownSettings ?? sources.settings(),
      sources.catalogView({ owners: true }),
      stores.approvals.latestRejectedHash(this.id),
      sources.elsewhere(snapshot),
    ]);
    return planner.planInTurns({
      snapshot,
      emission,
      settings,
      catalog,
      now: clock(),
      rejectedHash,
      elsewhere,
    });
  }

  /** Applies a plan and finishes its run. */
  private async apply(
    run: SyncRun,
    plan: Plan,
    previous: LoadedEmission | undefined,
    context: Omit<ApplyContext, 'full'> & {
      apiCalls: number | (() => number);
    },
  ): Promise<SyncRun> {
    const { mutationMode = 'auto' } = this.options;
    let applied: Applied;
    try {
      applied = await applyPlan(this.ctx, run, plan, previous, {
        ...context,
        full:
          mutationMode === 'full' ||
          (mutationMode === 'auto' && !this.fullMutationDone),
      });
    } catch (error) {
      // The catalog may hold what our stored emission does not say: this
      // process's next apply sends everything, which heals that.
      if (error instanceof LeaseLostError) this.fullMutationDone = false;
      throw error;
    }
    this.fullMutationDone ||= applied.full;
    this.ctx.sources.rememberEmission(applied.emission);
    this.ctx.planner.applied(plan, applied.emission.id);
    return this.ctx.stores.runs.finish(run, {
      ...applied.outcome,
      apiCalls:
        typeof context.apiCalls === 'function'
          ? context.apiCalls()
          : context.apiCalls,
    });
  }

  /**
   * Records a failed run. The failure may be the database itself (a failover,
   * a restart): keep trying for a while rather than leave the run "running"
   * until it is taken for a crash.
   */
  private async recordFailure(run: SyncRun, outcome: RunOutcome) {
    try {
      await recordFailurePolicy.execute(() =>
        this.ctx.stores.runs.finish(run, outcome),
      );
    } catch (error) {
      this.ctx.logger.error(
        `Paycor provider ${this.id}: could not record the failure of run ${
          run.id
        } (${(error as Error).message}); it will show as abandoned`,
      );
    }
  }
}

export function mappedPaths(config: PaycorProviderConfig): string[] {
  return [
    ...new Set([
      ...Object.values(config.fieldMapping.annotations),
      ...Object.values(config.fieldMapping.labels),
    ]),
  ];
}
