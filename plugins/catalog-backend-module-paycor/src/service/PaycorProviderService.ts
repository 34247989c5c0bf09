import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  ProviderStatus,
  SyncRequestResult,
  VerifyResult,
} from '@paycor-backstage/plugin-paycor-common';
import { PaycorClient } from '../client/PaycorClient';
import { TokenManager } from '../client/TokenManager';
import { PaycorProviderConfig } from '../config/types';
import { PaycorStores } from '../store';
import { Clock, iso } from '../store/clock';
import { CatalogState } from '../sync/CatalogState';
import { describeFrequency, nextRunFromLast } from '../sync/health';
import { STALE_RUN_MS, SyncRunner } from '../sync/SyncRunner';
import { verifyConnection } from './verifyConnection';

/**
 * Everything the admin API does for one configured provider. Works the same on
 * every replica: state lives in the database, runs go through the scheduler.
 */
export class PaycorProviderService {
  constructor(
    readonly config: PaycorProviderConfig,
    readonly runner: SyncRunner,
    readonly stores: PaycorStores,
    private readonly deps: {
      client: PaycorClient;
      tokens: TokenManager;
      scheduler: SchedulerService;
      catalog: CatalogState;
      clock: Clock;
      logger?: LoggerService;
    },
  ) {}

  get id() {
    return this.config.id;
  }

  /** The scheduler task that runs this provider's syncs. */
  static taskId(providerId: string) {
    return `paycor-sync:${providerId}`;
  }

  async status(): Promise<ProviderStatus> {
    const { stores, config } = this;
    const [state, lastRun, openConflicts, pending, task, liveRun] =
      await Promise.all([
        stores.state.get(this.id),
        stores.runs.latest(this.id),
        stores.conflicts.countOpen(this.id),
        stores.approvals.pending(this.id),
        this.deps.catalog.taskSchedule(PaycorProviderService.taskId(this.id)),
        stores.runs.isRunning(this.id, STALE_RUN_MS),
      ]);
    const health = state.health ?? 'never-run';
    return {
      id: this.id,
      enabled: config.enabled,
      health,
      healthReason:
        state.healthReason ??
        (config.enabled ? 'No sync has run yet.' : 'Disabled in config.'),
      legalEntity: { id: config.legalEntityId, name: state.legalEntityName },
      environment: config.environment,
      baseUrl: config.baseUrl,
      schedule: describeFrequency(config.schedule),
      running: liveRun || (task?.running === true && !isStaleTicket(task)),
      lastRun,
      lastSuccessAt: state.lastSuccessAt,
      nextRunAt: config.enabled
        ? task?.nextRunAt ??
          nextRunFromLast(config.schedule, lastRun?.startedAt)
        : undefined,
      entityCounts: { users: state.userCount, groups: state.groupCount },
      openConflicts,
      pendingApproval: pending
        ? {
            runId: pending.runId,
            removals: pending.removalCount,
            createdAt: pending.createdAt,
          }
        : undefined,
    };
  }

  /**
   * "Sync now": asks the scheduler to run the task at once. The scheduler
   * coordinates through the database, so this works from any replica and a
   * second request while one runs is refused rather than run twice.
   */
  async requestSync(): Promise<SyncRequestResult> {
    if (!this.config.enabled) {
      throw new ConflictError(
        `Paycor provider "${this.id}" is disabled in config (enabled: false)`,
      );
    }
    const requestedAt = iso(this.deps.clock());
    await this.stores.state.update(this.id, { syncRequestedAt: requestedAt });
    const taskId = PaycorProviderService.taskId(this.id);
    try {
      await this.deps.scheduler.triggerTask(taskId);
    } catch (error) {
      if ((error as Error).name !== 'ConflictError') throw error;
      // The scheduler thinks a run is in progress; if its process died, free
      // the task rather than refuse until the task timeout.
      if (!(await this.recoverStaleTask())) {
        throw new ConflictError(
          `A sync of Paycor provider "${this.id}" is already running; its result will show when it finishes`,
        );
      }
      await this.deps.scheduler.triggerTask(taskId);
    }
    return { providerId: this.id, requestedAt };
  }

  /**
   * A replica killed mid-sync leaves the scheduler's ticket on the task until
   * the task timeout (15 minutes by default): no scheduled run and no "Sync
   * now" meanwhile. A live sync heartbeats into its run record; when the
   * ticket is older than a heartbeat's staleness and no run is alive, the
   * ticket belongs to a dead process and is cancelled. Returns whether it did.
   */
  async recoverStaleTask(): Promise<boolean> {
    const taskId = PaycorProviderService.taskId(this.id);
    const task = await this.deps.catalog.taskSchedule(taskId);
    if (!task?.running || !isStaleTicket(task)) return false;
    if (await this.stores.runs.isRunning(this.id, STALE_RUN_MS)) return false;
    await this.stores.runs.abandonStale(STALE_RUN_MS);
    try {
      await this.deps.scheduler.cancelTask(taskId);
    } catch (error) {
      // another replica freed it first
      if ((error as Error).name !== 'ConflictError') throw error;
    }
    this.deps.logger?.warn(
      `Paycor provider ${this.id}: the sync that started at ${task.runStartedAt} stopped heartbeating (its process died); freed the scheduler task so syncs can run again`,
    );
    return true;
  }

  /** What triggered the run the scheduler is starting now. */
  async currentTrigger(): Promise<'manual' | 'schedule'> {
    const [state, last] = await Promise.all([
      this.stores.state.get(this.id),
      this.stores.runs.latestFinishedSync(this.id),
    ]);
    if (!state.syncRequestedAt) return 'schedule';
    return !last || state.syncRequestedAt > last.startedAt
      ? 'manual'
      : 'schedule';
  }

  async verify(): Promise<VerifyResult> {
    const { client, tokens, clock } = this.deps;
    return verifyConnection(this.config.legalEntityId, client, tokens, clock);
  }
}

/** A ticket older than a run's heartbeat staleness may belong to a dead run. */
function isStaleTicket(task: { runStartedAt?: string }) {
  return (
    task.runStartedAt !== undefined &&
    Date.now() - Date.parse(task.runStartedAt) > STALE_RUN_MS
  );
}
