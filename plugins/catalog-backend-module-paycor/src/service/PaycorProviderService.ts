import { SchedulerService } from '@backstage/backend-plugin-api';
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
import { SyncRunner } from '../sync/SyncRunner';
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
    const [state, lastRun, openConflicts, pending, task, running] =
      await Promise.all([
        stores.state.get(this.id),
        stores.runs.latest(this.id),
        stores.conflicts.countOpen(this.id),
        stores.approvals.pending(this.id),
        this.deps.catalog.taskSchedule(PaycorProviderService.taskId(this.id)),
        stores.runs.isRunning(this.id),
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
      running: running || Boolean(task?.running),
      lastRun,
      lastSuccessAt: state.lastSuccessAt,
      nextRunAt: config.enabled
        ? task?.nextRunAt ?? nextRunFromLast(config.schedule, lastRun?.startedAt)
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
    try {
      await this.deps.scheduler.triggerTask(PaycorProviderService.taskId(this.id));
    } catch (error) {
      if ((error as Error).name === 'ConflictError') {
        throw new ConflictError(
          `A sync of Paycor provider "${this.id}" is already running; its result will show when it finishes`,
        );
      }
      throw error;
    }
    return { providerId: this.id, requestedAt };
  }

  /** What triggered the run the scheduler is starting now. */
  async currentTrigger(): Promise<'manual' | 'schedule'> {
    const [state, last] = await Promise.all([
      this.stores.state.get(this.id),
      this.stores.runs.latestFinishedSync(this.id),
    ]);
    if (!state.syncRequestedAt) return 'schedule';
    return !last || state.syncRequestedAt > last.startedAt ? 'manual' : 'schedule';
  }

  async verify(): Promise<VerifyResult> {
    const { client, tokens, clock } = this.deps;
    client.resetCallCount();
    return verifyConnection(this.config.legalEntityId, client, tokens, clock);
  }
}
