import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { SyncRun } from '@paycor-backstage/plugin-paycor-common';
import type { PersonSyncOutcome } from '../engine/SyncEngine';
import { ClaimedSubject, EventStore, EventSubject } from './EventStore';
import { EMPLOYEE_MODIFIED, PaycorEventNotice } from './paycorEvent';

/**
 * How a connection's events are paced and retried (tests shorten these).
 *
 * @public
 */
export interface LiveUpdatesTiming {
  /** a burst is applied once no event arrived for this long */
  quietMs: number;
  /** ... or at the latest this long after its first event */
  maxWaitMs: number;
  /**
   * a claim's lease; a replica that dies mid-apply loses it after this (a
   * live one renews it every third of it while applying)
   */
  leaseMs: number;
  /** waits before each retry of a failed application; then it has failed */
  retryDelaysMs: readonly number[];
  /** how long to wait before asking again for a full sync while one runs */
  fullSyncRetryMs: number;
}

export const DEFAULT_TIMING: LiveUpdatesTiming = {
  quietMs: 300,
  maxWaitMs: 2000,
  leaseMs: 2 * 60_000,
  retryDelaysMs: [2000, 10_000, 60_000, 5 * 60_000],
  fullSyncRetryMs: 30_000,
};

/** What live updates need of the rest of the provider. */
export interface LiveUpdatesDeps {
  providerId: string;
  store: EventStore;
  /**
   * The one-person sync; a person whose User it would remove beyond
   * `removalBudget` is not applied (`unavailable`).
   */
  syncPerson(
    employeeId: string,
    trigger: 'event',
    removalBudget: number,
  ): Promise<PersonSyncOutcome>;
  /**
   * How many more removals events may apply alone before the next full
   * sync: the removal guard's share of Users, less what events removed
   * since the last full sync. Without it, a mass termination delivered as
   * one event per person would pass the guard one person at a time. Only
   * a removal spends it: hires and changes apply whatever it is.
   */
  removalBudgetLeft(): Promise<number>;
  /** how long the claim's events waited, from the first one's arrival */
  recordLag?(seconds: number, eventType: string): void;
  /** "Sync now" on behalf of an event; throws ConflictError while one runs */
  requestFullSync(): Promise<unknown>;
  /** people whose User a run changed (its person history rows) */
  peopleChangedBy(runId: string): Promise<number>;
  addRunCounts(
    runId: string,
    counts: Partial<SyncRun['counts']>,
  ): Promise<void>;
  logger: LoggerService;
  /** this process, for claims */
  holder: string;
  timing?: Partial<LiveUpdatesTiming>;
}

/**
 * One connection's live updates: records each accepted event once (by
 * Paycor's event id, in the database, so redeliveries to any replica and
 * after restarts are applied once), then applies what they ask for after a
 * short quiet period, so a burst for one person is one re-read.
 * `Employee.Modified` re-reads and applies that person alone (the one-person
 * sync, with exclusions, filters, conflicts, the removal guard and the
 * writer lease); anything else asks for a full sync. One subject at a time,
 * through the connection's rate budget. A failed application is retried, and
 * after its retries stays for the next full sync, which reconciles it.
 */
export class LiveUpdates {
  private readonly timing: LiveUpdatesTiming;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = 0;
  private burstStartedAt: number | undefined;
  private draining: Promise<void> | undefined;
  private drainAgain = false;
  private stopped = false;

  constructor(private readonly deps: LiveUpdatesDeps) {
    this.timing = { ...DEFAULT_TIMING, ...deps.timing };
  }

  private get id() {
    return this.deps.providerId;
  }

  /** Now on the clock events are stamped with. */
  now(): string {
    return this.deps.store.now();
  }

  /** Records an accepted event and schedules its application. */
  async receive(notice: PaycorEventNotice): Promise<'queued' | 'duplicate'> {
    const { store } = this.deps;
    const fresh = await store.record(this.id, {
      eventId: notice.eventId,
      eventType: notice.eventType,
      subject: subjectOf(notice),
    });
    if (!fresh) {
      await store.count(this.id, 'duplicate');
      return 'duplicate';
    }
    await store.count(this.id, 'received');
    const now = Date.now();
    this.burstStartedAt ??= now;
    this.wakeAt(
      Math.min(
        now + this.timing.quietMs,
        this.burstStartedAt + this.timing.maxWaitMs,
      ),
      true,
    );
    return 'queued';
  }

  /**
   * Applies every due event (its own or another replica's whose claim
   * lapsed), then sleeps until the next retry is due. One drain at a time
   * per process; claims keep replicas apart.
   */
  drain(): Promise<void> {
    if (this.draining) {
      this.drainAgain = true;
      return this.draining;
    }
    this.burstStartedAt = undefined;
    this.draining = (async () => {
      try {
        do {
          this.drainAgain = false;
          await this.drainOnce();
        } while (this.drainAgain && !this.stopped);
        const next = await this.deps.store.nextDueAt(this.id);
        if (next) this.wakeAt(next.getTime(), false);
      } catch (error) {
        this.deps.logger.error(
          `Paycor provider ${
            this.id
          }: applying events failed: ${error}; retrying in ${
            this.timing.fullSyncRetryMs / 1000
          } s`,
        );
        this.wakeAt(Date.now() + this.timing.fullSyncRetryMs, false);
      } finally {
        this.draining = undefined;
      }
    })();
    return this.draining;
  }

  /**
   * After a full sync that started reading at `readStartedAt`: events that
   * arrived before and are not applied are covered by it; the run records
   * them and the people it changed (what events had not brought).
   */
  async afterFullSync(run: SyncRun, readStartedAt: string): Promise<void> {
    const { store } = this.deps;
    const eventsReconciled = await store.reconcile(this.id, readStartedAt);
    const correctedAfterEvents = await this.deps.peopleChangedBy(run.id);
    await this.deps.addRunCounts(run.id, {
      eventsReconciled,
      correctedAfterEvents,
    });
    if (eventsReconciled > 0 || correctedAfterEvents > 0) {
      this.deps.logger.info(
        `Paycor provider ${this.id}: the full sync reconciled ${eventsReconciled} unapplied event(s) and changed ${correctedAfterEvents} person(s) that events had not updated`,
      );
    }
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Wakes the drain at `at`; `postpone` lets a later time replace an earlier one (a burst goes on). */
  private wakeAt(at: number, postpone: boolean) {
    if (this.stopped) return;
    if (this.timer && !postpone && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain().catch(() => {});
    }, Math.max(0, at - Date.now()));
    this.timer.unref?.();
  }

  private async drainOnce() {
    const { store, holder } = this.deps;
    for (;;) {
      if (this.stopped) return;
      const claims = await store.claimDue(
        this.id,
        holder,
        this.timing.leaseMs,
        10,
      );
      if (claims.length === 0) return;
      for (const claim of claims) {
        if (this.stopped) return;
        await this.apply(claim);
      }
    }
  }

  /**
   * Applies one claim, renewing its lease meanwhile: one application may
   * outlast the lease (Paycor's retries, the writer lease's wait), and a
   * lapsed lease would let another replica apply the same events again.
   */
  private async apply(claim: ClaimedSubject) {
    const renewEvery = Math.max(10, Math.floor(this.timing.leaseMs / 3));
    const renewal = setInterval(() => {
      this.deps.store
        .renew(this.id, claim.token, this.timing.leaseMs)
        .catch(error =>
          this.deps.logger.warn(
            `Paycor provider ${
              this.id
            }: could not renew the claim on ${describe(
              claim.subject,
            )}: ${error}`,
          ),
        );
    }, renewEvery);
    renewal.unref?.();
    try {
      await this.applyClaimed(claim);
    } finally {
      clearInterval(renewal);
    }
  }

  /**
   * Ends a claim and counts its events, only if this replica still held it
   * (a claim whose lease lapsed belongs to whoever re-claimed it).
   */
  private async finish(
    claim: ClaimedSubject,
    status: 'applied' | 'full-sync',
    details: { runId?: string; error?: string } = {},
  ) {
    const { store } = this.deps;
    const finished = await store.finish(this.id, claim.token, status, details);
    if (finished === 0) {
      this.deps.logger.warn(
        `Paycor provider ${this.id}: the claim on ${describe(
          claim.subject,
        )} lapsed before it was finished; another replica took it over`,
      );
      return;
    }
    await store.count(this.id, status, finished);
    if (this.deps.recordLag && claim.firstReceivedAt) {
      const seconds =
        (Date.parse(this.now()) - Date.parse(claim.firstReceivedAt)) / 1000;
      for (const type of claim.eventTypes) this.deps.recordLag(seconds, type);
    }
  }

  private async applyClaimed(claim: ClaimedSubject) {
    const { store, logger } = this.deps;
    try {
      if (claim.subject.kind === 'full-sync') {
        await this.deps.requestFullSync();
        await this.finish(claim, 'full-sync');
        return;
      }
      const outcome = await this.deps.syncPerson(
        claim.subject.employeeId,
        'event',
        await this.deps.removalBudgetLeft(),
      );
      if (outcome.kind === 'applied') {
        await this.finish(claim, 'applied', { runId: outcome.run.id });
        return;
      }
      // Paycor cannot serve one employee, or nothing is synced yet: a full
      // sync covers the change.
      await this.requestFullSyncOrWait(
        claim,
        outcome.kind === 'unavailable'
          ? outcome.reason
          : 'no sync has completed yet',
      );
    } catch (error) {
      if (error instanceof NotFoundError) {
        // Paycor has no such employee and the last read did not list them:
        // the catalog already agrees.
        await this.finish(claim, 'applied', { error: error.message });
        return;
      }
      if (error instanceof ConflictError) {
        // A sync is running (it may have read Paycor before the change), or
        // another writer held the writer lease too long for a person sync:
        // waiting is not failing, so no attempt is spent.
        await store.retryLater(this.id, claim.token, {
          retryAt: new Date(Date.now() + this.timing.fullSyncRetryMs),
          error: (error as Error).message,
          maxAttempts: Number.MAX_SAFE_INTEGER,
          spendsAttempt: false,
        });
        return;
      }
      const delay = this.timing.retryDelaysMs[claim.attempts];
      const failed = await store.retryLater(this.id, claim.token, {
        retryAt: new Date(Date.now() + (delay ?? 0)),
        error: (error as Error).message,
        maxAttempts: this.timing.retryDelaysMs.length + 1,
      });
      if (failed > 0) {
        await store.count(this.id, 'failed', failed);
        logger.warn(
          `Paycor provider ${
            this.id
          }: gave up applying ${failed} event(s) for ${describe(
            claim.subject,
          )} after ${claim.attempts + 1} attempts (${
            (error as Error).message
          }); the next full sync reconciles them`,
        );
      } else {
        logger.warn(
          `Paycor provider ${this.id}: applying ${
            claim.eventIds.length
          } event(s) for ${describe(claim.subject)} failed (${
            (error as Error).message
          }); retrying in ${Math.round((delay ?? 0) / 1000)} s`,
        );
      }
    }
  }

  private async requestFullSyncOrWait(claim: ClaimedSubject, why: string) {
    const { store, logger } = this.deps;
    try {
      await this.deps.requestFullSync();
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // A sync is running and may have read Paycor before the change: ask
      // again later (the running sync reconciles it if it read after).
      await store.retryLater(this.id, claim.token, {
        retryAt: new Date(Date.now() + this.timing.fullSyncRetryMs),
        error: `${why}; a full sync was running`,
        maxAttempts: Number.MAX_SAFE_INTEGER,
        spendsAttempt: false,
      });
      return;
    }
    logger.info(
      `Paycor provider ${this.id}: ${describe(
        claim.subject,
      )} cannot be applied alone (${why}); a full sync was requested`,
    );
    await this.finish(claim, 'full-sync', { error: why });
  }
}

/** What an event asks for. Guess: only Employee.Modified names one person. */
export function subjectOf(notice: PaycorEventNotice): EventSubject {
  return notice.eventType === EMPLOYEE_MODIFIED && notice.itemId
    ? { kind: 'employee', employeeId: notice.itemId }
    : { kind: 'full-sync' };
}

function describe(subject: EventSubject) {
  return subject.kind === 'employee'
    ? `employee ${subject.employeeId}`
    : 'a full sync';
}
