import {
  Page,
  SyncRun,
  SyncRunCounts,
  SyncRunStatus,
  SyncTrigger,
} from '@paycor-backstage/plugin-paycor-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { Clock, iso } from './clock';
import { storableText } from './text';

export const EMPTY_COUNTS: SyncRunCounts = {
  fetchedEmployees: 0,
  fetchedDepartments: 0,
  users: 0,
  groups: 0,
  added: 0,
  updated: 0,
  removed: 0,
  skipped: 0,
  held: 0,
};

export interface RunOutcome {
  status: Exclude<SyncRunStatus, 'running'>;
  counts: SyncRunCounts;
  apiCalls: number;
  mutation?: SyncRun['mutation'];
  skippedByReason?: Record<string, number>;
  error?: { name: string; message: string };
}

/** What a run that failed with `error` records: its counts as they stood. */
export function failedOutcome(
  run: SyncRun,
  error: { name: string; message: string },
  apiCalls = 0,
): RunOutcome {
  return {
    status: 'failed',
    counts: run.counts,
    apiCalls,
    error: { name: error.name, message: error.message },
  };
}

/** The history of runs shown in the sync page and used to compute health. */
export class RunStore {
  constructor(private readonly knex: Knex, private readonly clock: Clock) {}

  async start(providerId: string, trigger: SyncTrigger): Promise<SyncRun> {
    const now = iso(this.clock());
    const run: SyncRun = {
      id: randomUUID(),
      providerId,
      trigger,
      status: 'running',
      startedAt: now,
      counts: EMPTY_COUNTS,
      apiCalls: 0,
    };
    await this.knex('paycor_runs').insert({
      id: run.id,
      provider_id: providerId,
      trigger,
      status: 'running',
      started_at: now,
      heartbeat_at: now,
      counts: JSON.stringify(EMPTY_COUNTS),
      api_calls: 0,
    });
    return run;
  }

  async heartbeat(runId: string) {
    await this.knex('paycor_runs')
      .where({ id: runId, status: 'running' })
      .update({ heartbeat_at: iso(this.clock()) });
  }

  async finish(run: SyncRun, outcome: RunOutcome): Promise<SyncRun> {
    const finished = this.clock();
    const durationMs = finished.getTime() - Date.parse(run.startedAt);
    await this.knex('paycor_runs')
      .where({ id: run.id })
      .update({
        status: outcome.status,
        finished_at: iso(finished),
        duration_ms: durationMs,
        counts: JSON.stringify(outcome.counts),
        skipped_by_reason: outcome.skippedByReason
          ? JSON.stringify(outcome.skippedByReason)
          : null,
        api_calls: outcome.apiCalls,
        mutation: outcome.mutation ?? null,
        error_name: outcome.error ? storableText(outcome.error.name) : null,
        error_message: outcome.error
          ? storableText(outcome.error.message)
          : null,
      });
    return {
      ...run,
      ...outcome,
      finishedAt: iso(finished),
      durationMs,
    };
  }

  /**
   * Runs whose process died (crash, deploy, kill -9) stay `running` forever;
   * once their heartbeat is older than `staleAfterMs` they are `abandoned`.
   */
  async abandonStale(staleAfterMs: number) {
    const cutoff = iso(new Date(this.clock().getTime() - staleAfterMs));
    return this.knex('paycor_runs')
      .where({ status: 'running' })
      .andWhere('heartbeat_at', '<', cutoff)
      .update({
        status: 'abandoned',
        finished_at: iso(this.clock()),
        error_name: 'RunAbandoned',
        error_message:
          'The backend stopped during this run (restart, deploy or crash); nothing from it was applied.',
      });
  }

  async list(
    providerId: string,
    limit: number,
    offset: number,
  ): Promise<Page<SyncRun>> {
    const [rows, [{ count }]] = await Promise.all([
      this.knex('paycor_runs')
        .where({ provider_id: providerId })
        .orderBy([
          { column: 'started_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(limit)
        .offset(offset),
      this.knex('paycor_runs')
        .where({ provider_id: providerId })
        .count({ count: '*' }),
    ]);
    return {
      items: rows.map(toRun),
      totalCount: Number(count),
      limit,
      offset,
    };
  }

  async latest(providerId: string): Promise<SyncRun | undefined> {
    const row = await this.knex('paycor_runs')
      .where({ provider_id: providerId })
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first();
    return row ? toRun(row) : undefined;
  }

  /** The newest finished run of a Paycor read (not re-applies or approvals). */
  async latestFinishedSync(providerId: string): Promise<SyncRun | undefined> {
    const row = await this.knex('paycor_runs')
      .where({ provider_id: providerId })
      .whereIn('trigger', ['schedule', 'manual', 'event-sync'])
      .whereNot({ status: 'running' })
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first();
    return row ? toRun(row) : undefined;
  }

  /** Adds counts a run learns after it finished (live updates' reconciliation). */
  async addCounts(runId: string, extra: Partial<SyncRunCounts>) {
    const row = await this.knex('paycor_runs')
      .where({ id: runId })
      .first('counts');
    if (!row) return;
    await this.knex('paycor_runs')
      .where({ id: runId })
      .update({
        counts: JSON.stringify({ ...JSON.parse(row.counts), ...extra }),
      });
  }

  async get(runId: string): Promise<SyncRun | undefined> {
    const row = await this.knex('paycor_runs').where({ id: runId }).first();
    return row ? toRun(row) : undefined;
  }

  /**
   * Whether a run of the provider is in progress somewhere: `running` with a
   * heartbeat newer than `staleAfterMs` (a dead process stops heartbeating).
   */
  async isRunning(providerId: string, staleAfterMs?: number): Promise<boolean> {
    const query = this.knex('paycor_runs').where({
      provider_id: providerId,
      status: 'running',
    });
    if (staleAfterMs !== undefined) {
      query.andWhere(
        'heartbeat_at',
        '>=',
        iso(new Date(this.clock().getTime() - staleAfterMs)),
      );
    }
    return Boolean(await query.first('id'));
  }
}

function toRun(row: any): SyncRun {
  return {
    id: row.id,
    providerId: row.provider_id,
    trigger: row.trigger,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at ?? undefined,
    durationMs: row.duration_ms ?? undefined,
    counts: { ...EMPTY_COUNTS, ...JSON.parse(row.counts) },
    apiCalls: Number(row.api_calls ?? 0),
    mutation: row.mutation ?? undefined,
    skippedByReason: row.skipped_by_reason
      ? JSON.parse(row.skipped_by_reason)
      : undefined,
    error: row.error_name
      ? { name: row.error_name, message: row.error_message ?? '' }
      : undefined,
  };
}
