import { LoggerService } from '@backstage/backend-plugin-api';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { PaycorProviderConfig } from '../config/types';
import { PaycorStores } from '../store';
import { Clock, iso } from '../store/clock';
import { Lease } from '../store/LockStore';
import { CatalogState } from './CatalogState';
import { computeHealth } from './health';
import { HealthNotifier } from './HealthNotifier';
import { Planner } from './planning';
import { PlanSources } from './planSources';

/** What the parts of one provider's engine share. */
export interface EngineContext {
  config: PaycorProviderConfig;
  stores: PaycorStores;
  catalog: CatalogState;
  notifier: HealthNotifier;
  logger: LoggerService;
  clock: Clock;
  connection: () => Promise<EntityProviderConnection>;
  /** the locationKey of every entity this provider emits */
  locationKey: string;
  planner: Planner;
  sources: PlanSources;
  /**
   * Runs `fn` holding the provider's writer lease: every writer of the
   * provider's entities (sync, re-apply, approval) on every replica takes
   * it, so mutations never interleave. `fn` checks the lease before each
   * write it cannot take back (see Lease).
   */
  withWriterLock<T>(
    waitMs: number,
    fn: (lease: Lease) => Promise<T>,
  ): Promise<T>;
}

export function createWriterLock(
  stores: PaycorStores,
  providerId: string,
  processHolder: string,
): EngineContext['withWriterLock'] {
  return (waitMs, fn) =>
    stores.locks.withLock(
      `writer:${providerId}`,
      processHolder,
      { ttlMs: 60_000, waitMs },
      fn,
    );
}

/** Recomputes health; notifies admins when it changed in a way they care about. */
export async function refreshHealth(ctx: EngineContext) {
  const { stores, config, notifier, clock } = ctx;
  const id = config.id;
  const [state, latestSync, pending, openConflicts] = await Promise.all([
    stores.state.get(id),
    stores.runs.latestFinishedSync(id),
    stores.approvals.pending(id),
    stores.conflicts.countOpen(id),
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
      providerId: id,
      previous: state.health,
      current: health,
      reason,
    });
  }
  await stores.state.update(id, patch);
  return { health, reason };
}
