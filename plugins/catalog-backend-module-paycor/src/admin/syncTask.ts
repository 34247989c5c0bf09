import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { SyncRequestResult } from '@paycor-backstage/plugin-paycor-common';
import { PaycorProviderConfig } from '../config/types';
import { CatalogState } from '../engine/CatalogState';
import { STALE_RUN_MS } from '../engine/SyncEngine';
import { PaycorStores } from '../store';
import { Clock, iso } from '../store/clock';

/** The scheduler task that runs a provider's syncs. */
export function syncTaskId(providerId: string) {
  return `paycor-sync:${providerId}`;
}

/** A ticket older than a run's heartbeat staleness may belong to a dead run. */
export function isStaleTicket(task: { runStartedAt?: string }) {
  return (
    task.runStartedAt !== undefined &&
    Date.now() - Date.parse(task.runStartedAt) > STALE_RUN_MS
  );
}

/**
 * The provider's sync as a scheduler task: "Sync now", recovering a task
 * whose replica died mid-run, and telling a manual run from a scheduled one.
 * Works the same on every replica: the scheduler coordinates through the
 * database.
 */
export class SyncTask {
  constructor(
    private readonly deps: {
      config: PaycorProviderConfig;
      stores: PaycorStores;
      scheduler: SchedulerService;
      catalog: CatalogState;
      clock: Clock;
      logger?: LoggerService;
    },
  ) {}

  private get id() {
    return this.deps.config.id;
  }

  /**
   * "Sync now": asks the scheduler to run the task at once. The scheduler
   * coordinates through the database, so this works from any replica and a
   * second request while one runs is refused rather than run twice.
   */
  async requestSync(
    requestedBy: 'manual' | 'event' = 'manual',
  ): Promise<SyncRequestResult> {
    const { config, stores, scheduler, clock } = this.deps;
    if (!config.enabled) {
      throw new ConflictError(
        `Paycor provider "${this.id}" is disabled in config (enabled: false)`,
      );
    }
    const requestedAt = iso(clock());
    await stores.state.update(this.id, {
      syncRequestedAt: requestedAt,
      syncRequestedBy: requestedBy,
    });
    const taskId = syncTaskId(this.id);
    try {
      await scheduler.triggerTask(taskId);
    } catch (error) {
      if ((error as Error).name !== 'ConflictError') throw error;
      // The scheduler thinks a run is in progress; if its process died, free
      // the task rather than refuse until the task timeout.
      if (!(await this.recoverStaleTask())) {
        throw new ConflictError(
          `A sync of Paycor provider "${this.id}" is already running; its result will show when it finishes`,
        );
      }
      await scheduler.triggerTask(taskId);
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
    const { stores, scheduler, catalog, logger } = this.deps;
    const taskId = syncTaskId(this.id);
    const task = await catalog.taskSchedule(taskId);
    if (!task?.running || !isStaleTicket(task)) return false;
    if (await stores.runs.isRunning(this.id, STALE_RUN_MS)) return false;
    await stores.runs.abandonStale(STALE_RUN_MS);
    try {
      await scheduler.cancelTask(taskId);
    } catch (error) {
      // another replica freed it first
      if ((error as Error).name !== 'ConflictError') throw error;
    }
    logger?.warn(
      `Paycor provider ${this.id}: the sync that started at ${task.runStartedAt} stopped heartbeating (its process died); freed the scheduler task so syncs can run again`,
    );
    return true;
  }

  /** What triggered the run the scheduler is starting now. */
  async currentTrigger(): Promise<'manual' | 'schedule' | 'event-sync'> {
    const { stores } = this.deps;
    const [state, last] = await Promise.all([
      stores.state.get(this.id),
      stores.runs.latestFinishedSync(this.id),
    ]);
    if (!state.syncRequestedAt) return 'schedule';
    if (last && state.syncRequestedAt <= last.startedAt) return 'schedule';
    return state.syncRequestedBy === 'event' ? 'event-sync' : 'manual';
  }
}
