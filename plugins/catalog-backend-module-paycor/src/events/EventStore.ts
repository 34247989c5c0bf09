import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { Clock, iso } from '../store/clock';
import { storableText } from '../store/text';

/** What an event asks for: one employee re-read, or a full sync. */
export type EventSubject =
  | { kind: 'employee'; employeeId: string }
  | { kind: 'full-sync' };

/** Where an accepted event stands. */
export type EventStatus =
  | 'pending'
  /** applied by a one-person sync */
  | 'applied'
  /** handed to a full sync (requested, or one was running) */
  | 'full-sync'
  /** given up after its retries; the next full sync reconciles it */
  | 'failed'
  /** a full sync read Paycor after it arrived, so it holds the change */
  | 'reconciled';

/** The counters of the status card, per connection and UTC day. */
export type EventCountKind =
  | 'received'
  | 'duplicate'
  | 'applied'
  | 'full-sync'
  | 'failed'
  | 'ignored'
  | 'refused';

/** The events of one subject one worker claimed (the coalesced burst). */
export interface ClaimedSubject {
  subject: EventSubject;
  token: string;
  eventIds: string[];
  eventTypes: string[];
  /** the most attempts any of them had before */
  attempts: number;
  /** when the first of them arrived (as stored) */
  firstReceivedAt?: string;
}

/** Counts of events that belong to no connection. */
export const NO_PROVIDER = '';

const FULL_SYNC_SUBJECT = '';

/**
 * The `paycor_events` table: dedupe by Paycor's event id across replicas and
 * restarts, the queue of what is still to apply (claimed per subject with a
 * lease, so two replicas never apply the same burst), and the day's counts.
 */
export class EventStore {
  constructor(private readonly knex: Knex, private readonly clock: Clock) {}

  /** The store's clock, as stored. */
  now(): string {
    return iso(this.clock());
  }

  /**
   * Records an accepted event; false when its id was seen before (Paycor's
   * retry or a duplicate, on this replica or another).
   */
  async record(
    providerId: string,
    event: { eventId: string; eventType: string; subject: EventSubject },
  ): Promise<boolean> {
    const now = iso(this.clock());
    const inserted = await this.knex('paycor_events')
      .insert({
        provider_id: providerId,
        event_id: storableText(event.eventId),
        event_type: storableText(event.eventType).slice(0, 64),
        subject: subjectKey(event.subject),
        received_at: now,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
      })
      .onConflict(['provider_id', 'event_id'])
      .ignore()
      .returning('event_id');
    return inserted.length > 0;
  }

  /** Adds to a day's counter (UTC day of now). */
  async count(providerId: string, kind: EventCountKind, n = 1): Promise<void> {
    if (n <= 0) return;
    const now = iso(this.clock());
    await this.knex('paycor_event_counts')
      .insert({
        provider_id: providerId,
        day: now.slice(0, 10),
        kind,
        count: n,
        last_at: now,
      })
      .onConflict(['provider_id', 'day', 'kind'])
      .merge({
        count: this.knex.raw('?? + ?', ['paycor_event_counts.count', n]),
        last_at: now,
      });
  }

  /** Today's (UTC) counts of a connection, and of no connection. */
  async today(providerId: string): Promise<{
    own: Partial<Record<EventCountKind, number>>;
    unattributed: Partial<Record<EventCountKind, number>>;
    lastReceivedAt?: string;
  }> {
    const day = iso(this.clock()).slice(0, 10);
    const rows = await this.knex('paycor_event_counts')
      .whereIn('provider_id', [providerId, NO_PROVIDER])
      .andWhere({ day });
    const own: Partial<Record<EventCountKind, number>> = {};
    const unattributed: Partial<Record<EventCountKind, number>> = {};
    for (const row of rows) {
      const target = row.provider_id === providerId ? own : unattributed;
      target[row.kind as EventCountKind] = Number(row.count);
    }
    const last = await this.knex('paycor_events')
      .where({ provider_id: providerId })
      .max({ at: 'received_at' })
      .first();
    return {
      own,
      unattributed,
      ...(last?.at ? { lastReceivedAt: String(last.at) } : {}),
    };
  }

  /**
   * Claims up to `limit` subjects whose events are due and unclaimed (or
   * whose claim lapsed: its replica died), oldest first. Every due event of
   * a subject goes into one claim: a burst for one person is one re-read.
   */
  async claimDue(
    providerId: string,
    holder: string,
    leaseMs: number,
    limit: number,
  ): Promise<ClaimedSubject[]> {
    const now = iso(this.clock());
    const until = iso(new Date(this.clock().getTime() + leaseMs));
    const due = (q: Knex.QueryBuilder) =>
      q
        .where({ provider_id: providerId, status: 'pending' })
        .andWhere('next_attempt_at', '<=', now)
        .andWhere(w =>
          w.whereNull('claimed_until').orWhere('claimed_until', '<', now),
        );
    const subjects: Array<{ subject: string }> = await due(
      this.knex('paycor_events'),
    )
      .select('subject')
      .min({ first: 'received_at' })
      .groupBy('subject')
      .orderBy('first')
      .limit(limit);
    const claims: ClaimedSubject[] = [];
    for (const { subject } of subjects) {
      const token = `${holder.slice(0, 24)}:${randomUUID()}`;
      const claimed = await due(this.knex('paycor_events'))
        .andWhere({ subject })
        .update({ claimed_by: token, claimed_until: until });
      if (claimed === 0) continue; // another replica was faster
      const rows = await this.knex('paycor_events')
        .where({ provider_id: providerId, claimed_by: token })
        .select('event_id', 'event_type', 'attempts', 'received_at');
      const received = rows.map(r => String(r.received_at)).sort();
      claims.push({
        subject: subjectOf(subject),
        token,
        eventIds: rows.map(r => r.event_id),
        eventTypes: [...new Set(rows.map(r => String(r.event_type)))],
        attempts: Math.max(0, ...rows.map(r => Number(r.attempts))),
        ...(received.length > 0 ? { firstReceivedAt: received[0] } : {}),
      });
    }
    return claims;
  }

  /**
   * Extends a claim this worker still holds by `leaseMs` from now (it is
   * still applying). Returns how many events it holds; 0 when the claim
   * lapsed and another worker took them.
   */
  async renew(
    providerId: string,
    token: string,
    leaseMs: number,
  ): Promise<number> {
    return this.knex('paycor_events')
      .where({ provider_id: providerId, claimed_by: token, status: 'pending' })
      .update({
        claimed_until: iso(new Date(this.clock().getTime() + leaseMs)),
      });
  }

  /**
   * Ends a claim: its events are applied, handed to a full sync, ... The
   * claim's token stays on them: which replica applied them.
   */
  async finish(
    providerId: string,
    token: string,
    status: Exclude<EventStatus, 'pending'>,
    details: { runId?: string; error?: string } = {},
  ): Promise<number> {
    return this.knex('paycor_events')
      .where({ provider_id: providerId, claimed_by: token, status: 'pending' })
      .update({
        status,
        finished_at: iso(this.clock()),
        run_id: details.runId ?? null,
        error: details.error ? storableText(details.error) : null,
        claimed_until: null,
      });
  }

  /**
   * A claim whose application failed: its events are due again at `retryAt`,
   * or `failed` once they had `maxAttempts`. Returns how many failed for good.
   * `spendsAttempt: false` (waiting for a running sync or the writer lease
   * is not a failure) leaves their attempts as they were.
   */
  async retryLater(
    providerId: string,
    token: string,
    args: {
      retryAt: Date;
      error: string;
      maxAttempts: number;
      spendsAttempt?: boolean;
    },
  ): Promise<number> {
    const spends = args.spendsAttempt ?? true;
    const error = storableText(args.error);
    const claimed = () =>
      this.knex('paycor_events').where({
        provider_id: providerId,
        claimed_by: token,
      });
    const failed = await claimed()
      .andWhere('attempts', '>=', args.maxAttempts - 1)
      .update({
        status: 'failed',
        attempts: this.knex.raw('?? + 1', ['attempts']),
        finished_at: iso(this.clock()),
        error,
        claimed_by: null,
        claimed_until: null,
      });
    await claimed().update({
      ...(spends ? { attempts: this.knex.raw('?? + 1', ['attempts']) } : {}),
      next_attempt_at: iso(args.retryAt),
      error,
      claimed_by: null,
      claimed_until: null,
    });
    return failed;
  }

  /**
   * When the next pending event of the connection that nobody holds is due,
   * if any (a claim another replica holds is its business; a lapsed one is
   * picked up by the sweep).
   */
  async nextDueAt(providerId: string): Promise<Date | undefined> {
    const now = iso(this.clock());
    const row = await this.knex('paycor_events')
      .where({ provider_id: providerId, status: 'pending' })
      .andWhere(w =>
        w.whereNull('claimed_until').orWhere('claimed_until', '<', now),
      )
      .min({ at: 'next_attempt_at' })
      .first();
    return row?.at ? new Date(String(row.at)) : undefined;
  }

  /**
   * A full sync that started reading at `readStartedAt` holds every change
   * of events that arrived before: those still pending (unclaimed) or
   * failed are reconciled. Returns how many.
   */
  async reconcile(providerId: string, readStartedAt: string): Promise<number> {
    const now = iso(this.clock());
    return this.knex('paycor_events')
      .where({ provider_id: providerId })
      .andWhere('received_at', '<', readStartedAt)
      .andWhere(w =>
        w
          .where({ status: 'failed' })
          .orWhere(p =>
            p
              .where({ status: 'pending' })
              .andWhere(c =>
                c.whereNull('claimed_until').orWhere('claimed_until', '<', now),
              ),
          ),
      )
      .update({
        status: 'reconciled',
        finished_at: now,
        claimed_by: null,
        claimed_until: null,
      });
  }

  /**
   * Forgets finished events older than `keepMs` (long past any redelivery
   * of Paycor's) and counters older than a month.
   */
  async prune(keepMs: number): Promise<void> {
    const cutoff = iso(new Date(this.clock().getTime() - keepMs));
    await this.knex('paycor_events')
      .whereNot({ status: 'pending' })
      .andWhere('received_at', '<', cutoff)
      .delete();
    const monthAgo = iso(
      new Date(this.clock().getTime() - 31 * 24 * 3600_000),
    ).slice(0, 10);
    await this.knex('paycor_event_counts').where('day', '<', monthAgo).delete();
  }
}

function subjectKey(subject: EventSubject): string {
  return subject.kind === 'employee'
    ? storableText(subject.employeeId)
    : FULL_SYNC_SUBJECT;
}

function subjectOf(key: string): EventSubject {
  return key === FULL_SYNC_SUBJECT
    ? { kind: 'full-sync' }
    : { kind: 'employee', employeeId: key };
}
