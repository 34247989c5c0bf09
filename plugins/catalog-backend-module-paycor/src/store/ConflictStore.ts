import {
  Conflict,
  ConflictType,
  Page,
} from '@paycor-backstage/plugin-paycor-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { ConflictDraft } from '../ingest/types';
import { Clock, iso } from './clock';
import { storableText } from './text';

/**
 * A draft whose texts the database can hold (no NUL: PostgreSQL refuses it).
 * Names, ids and labels in drafts come from Paycor's data as sent.
 */
function storableDraft(draft: ConflictDraft): ConflictDraft {
  const { subject } = draft;
  if (
    !subject.id.includes('\u0000') &&
    !subject.label?.includes('\u0000') &&
    !draft.entityRef?.includes('\u0000') &&
    !draft.message.includes('\u0000') &&
    !draft.resolution.includes('\u0000')
  ) {
    return draft;
  }
  return {
    ...draft,
    subject: {
      ...subject,
      id: storableText(subject.id),
      ...(subject.label !== undefined
        ? { label: storableText(subject.label) }
        : {}),
    },
    ...(draft.entityRef !== undefined
      ? { entityRef: storableText(draft.entityRef) }
      : {}),
    message: storableText(draft.message),
    resolution: storableText(draft.resolution),
  };
}

/** The identity of a conflict across runs: same type, same subject. */
export function conflictFingerprint(draft: ConflictDraft): string {
  return `${draft.type}|${draft.subject.kind}|${draft.subject.id}`.slice(
    0,
    512,
  );
}

export interface ConflictQuery {
  types?: ConflictType[];
  status: 'open' | 'resolved' | 'all';
  q?: string;
  limit: number;
  offset: number;
}

/**
 * Conflicts with their history. A run reports every conflict it sees among
 * the types it is responsible for; those it no longer sees are resolved.
 */
export class ConflictStore {
  constructor(private readonly knex: Knex, private readonly clock: Clock) {}

  /**
   * Records the conflicts one run saw. Open conflicts of `scope` types that
   * are not in `drafts` are resolved: the problem went away.
   */
  async record(
    providerId: string,
    runId: string,
    drafts: ConflictDraft[],
    scope: ReadonlySet<ConflictType>,
  ) {
    const now = iso(this.clock());
    const unique = new Map<string, ConflictDraft>();
    for (const draft of drafts.map(storableDraft)) {
      unique.set(conflictFingerprint(draft), draft);
    }

    await this.knex.transaction(async tx => {
      const existing = await tx('paycor_conflicts')
        .where({ provider_id: providerId })
        .whereIn('type', [...scope])
        .select(
          'id',
          'fingerprint',
          'status',
          'subject_label',
          'entity_ref',
          'message',
          'resolution',
        );
      const byFingerprint = new Map(existing.map(r => [r.fingerprint, r]));

      const inserts: any[] = [];
      // Seen again, same text: one statement for all of them (thousands on a
      // large dirty org, and a round trip each on PostgreSQL otherwise).
      const seenAgain: string[] = [];
      const changed: Array<{ row: any; fields: Record<string, unknown> }> = [];
      for (const [fingerprint, draft] of unique) {
        const row = byFingerprint.get(fingerprint);
        const fields = {
          subject_label: draft.subject.label ?? null,
          entity_ref: draft.entityRef ?? null,
          message: draft.message,
          resolution: draft.resolution,
        };
        if (!row) {
          inserts.push({
            id: randomUUID(),
            provider_id: providerId,
            fingerprint,
            type: draft.type,
            subject_kind: draft.subject.kind,
            subject_id: draft.subject.id,
            status: 'open',
            first_seen_at: now,
            last_seen_at: now,
            last_run_id: runId,
            occurrences: 1,
            ...fields,
          });
        } else if (
          row.status === 'open' &&
          row.subject_label === fields.subject_label &&
          row.entity_ref === fields.entity_ref &&
          row.message === fields.message &&
          row.resolution === fields.resolution
        ) {
          seenAgain.push(row.id);
        } else {
          changed.push({ row, fields });
        }
      }
      const gone = existing
        .filter(r => r.status === 'open' && !unique.has(r.fingerprint))
        .map(r => r.id);
      const seenAgainSet = new Set(seenAgain);
      const others = existing
        .filter(r => r.status === 'open' && !seenAgainSet.has(r.id))
        .map(r => r.id);
      if (seenAgain.length > 0 && others.length <= 500) {
        // Usually every open conflict was seen again: one statement for all
        // but the few that changed or went away (before those are updated,
        // so only what was open before this run matches).
        await tx('paycor_conflicts')
          .where({ provider_id: providerId, status: 'open' })
          .whereIn('type', [...scope])
          .whereNotIn('id', others)
          .update({
            last_seen_at: now,
            last_run_id: runId,
            occurrences: tx.raw('occurrences + 1'),
          });
      } else {
        for (let i = 0; i < seenAgain.length; i += 500) {
          await tx('paycor_conflicts')
            .whereIn('id', seenAgain.slice(i, i + 500))
            .update({
              last_seen_at: now,
              last_run_id: runId,
              occurrences: tx.raw('occurrences + 1'),
            });
        }
      }
      for (const { row, fields } of changed) {
        await tx('paycor_conflicts')
          .where({ id: row.id })
          .update({
            ...fields,
            last_seen_at: now,
            last_run_id: runId,
            status: 'open',
            resolved_at: null,
            occurrences: tx.raw('occurrences + 1'),
            // a conflict that comes back after being resolved starts anew
            ...(row.status === 'resolved' ? { first_seen_at: now } : {}),
          });
      }
      for (let i = 0; i < inserts.length; i += 200) {
        await tx('paycor_conflicts').insert(inserts.slice(i, i + 200));
      }

      for (let i = 0; i < gone.length; i += 500) {
        await tx('paycor_conflicts')
          .whereIn('id', gone.slice(i, i + 500))
          .update({ status: 'resolved', resolved_at: now });
      }
    });
  }

  /**
   * Opens (or refreshes) the single conflict of a type that is not scoped to
   * transform results (e.g. `removals-held`, whose subject is the guard).
   */
  async open(providerId: string, runId: string, draft: ConflictDraft) {
    await this.record(providerId, runId, [draft], new Set([draft.type]));
  }

  async resolveAll(providerId: string, type: ConflictType) {
    await this.knex('paycor_conflicts')
      .where({ provider_id: providerId, type, status: 'open' })
      .update({ status: 'resolved', resolved_at: iso(this.clock()) });
  }

  async countOpen(providerId: string): Promise<number> {
    const [{ count }] = await this.knex('paycor_conflicts')
      .where({ provider_id: providerId, status: 'open' })
      .count({ count: '*' });
    return Number(count);
  }

  /** Open conflicts of every provider by type (for the conflicts metric). */
  async countOpenByType(): Promise<
    Array<{ providerId: string; type: string; count: number }>
  > {
    const rows: Array<{ provider_id: string; type: string; count: unknown }> =
      await this.knex('paycor_conflicts')
        .where({ status: 'open' })
        .groupBy('provider_id', 'type')
        .select('provider_id', 'type')
        .count({ count: '*' });
    return rows.map(r => ({
      providerId: String(r.provider_id),
      type: String(r.type),
      count: Number(r.count),
    }));
  }

  async list(
    providerId: string,
    query: ConflictQuery,
  ): Promise<Page<Conflict>> {
    const base = this.knex('paycor_conflicts').where({
      provider_id: providerId,
    });
    if (query.status !== 'all') base.andWhere({ status: query.status });
    if (query.types?.length) base.whereIn('type', query.types);
    // NUL cannot even be a query parameter on PostgreSQL; nothing stored has one
    const search = query.q === undefined ? undefined : storableText(query.q);
    if (search) {
      const like = `%${search
        .toLocaleLowerCase('en-US')
        .replace(/[%_\\]/g, c => `\\${c}`)}%`;
      base.andWhere(q =>
        q
          .whereRaw(`lower(message) like ? escape '\\'`, [like])
          .orWhereRaw(`lower(coalesce(subject_label, '')) like ? escape '\\'`, [
            like,
          ])
          .orWhereRaw(`lower(coalesce(entity_ref, '')) like ? escape '\\'`, [
            like,
          ])
          .orWhereRaw(`lower(subject_id) like ? escape '\\'`, [like]),
      );
    }
    const [rows, [{ count }]] = await Promise.all([
      base
        .clone()
        .orderBy([
          { column: 'status', order: 'asc' }, // 'open' sorts before 'resolved'
          { column: 'last_seen_at', order: 'desc' },
          { column: 'type', order: 'asc' },
          { column: 'subject_id', order: 'asc' },
        ])
        .limit(query.limit)
        .offset(query.offset),
      base.clone().count({ count: '*' }),
    ]);
    return {
      items: rows.map(toConflict),
      totalCount: Number(count),
      limit: query.limit,
      offset: query.offset,
    };
  }
}

function toConflict(row: any): Conflict {
  return {
    id: row.id,
    providerId: row.provider_id,
    type: row.type,
    subject: {
      kind: row.subject_kind,
      id: row.subject_id,
      label: row.subject_label ?? undefined,
    },
    entityRef: row.entity_ref ?? undefined,
    message: row.message,
    resolution: row.resolution,
    status: row.status,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    resolvedAt: row.resolved_at ?? undefined,
    occurrences: Number(row.occurrences),
  };
}
