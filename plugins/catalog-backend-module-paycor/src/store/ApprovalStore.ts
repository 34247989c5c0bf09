import { Approval, HeldRemoval } from '@paycor-backstage/plugin-paycor-common';
import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { Clock, iso } from './clock';
import { storableOptionalText, storableText } from './text';

/** Order-independent identity of a set of removals. */
export function removalSetHash(refs: Iterable<string>): string {
  return createHash('sha256')
    .update([...refs].sort().join('\n'))
    .digest('hex');
}

/**
 * Runs held by the safety guard. At most one is pending per provider: a newer
 * held run supersedes the older one (its removal list is what is current).
 */
export class ApprovalStore {
  constructor(private readonly knex: Knex, private readonly clock: Clock) {}

  async createPending(approval: {
    runId: string;
    providerId: string;
    userCount: number;
    thresholdPercent: number;
    reason: string;
    removals: HeldRemoval[];
  }): Promise<Approval> {
    const createdAt = iso(this.clock());
    const reason = storableText(approval.reason);
    await this.knex.transaction(async tx => {
      await tx('paycor_approvals')
        .where({ provider_id: approval.providerId, status: 'pending' })
        .update({ status: 'superseded', decided_at: createdAt });
      await tx('paycor_approvals').insert({
        run_id: approval.runId,
        provider_id: approval.providerId,
        status: 'pending',
        created_at: createdAt,
        user_count: approval.userCount,
        removal_count: approval.removals.length,
        threshold_percent: approval.thresholdPercent,
        reason,
        // JSON escapes NUL (as \u0000), so names in removals need nothing
        removals: JSON.stringify(approval.removals),
        removal_set_hash: removalSetHash(
          approval.removals.map(r => r.entityRef),
        ),
      });
    });
    return {
      ...approval,
      reason,
      status: 'pending',
      createdAt,
      removalCount: approval.removals.length,
    };
  }

  async get(providerId: string, runId: string): Promise<Approval | undefined> {
    const row = await this.knex('paycor_approvals')
      .where({ provider_id: providerId, run_id: runId })
      .first();
    return row ? toApproval(row) : undefined;
  }

  async pending(providerId: string): Promise<Approval | undefined> {
    const row = await this.knex('paycor_approvals')
      .where({ provider_id: providerId, status: 'pending' })
      .orderBy('created_at', 'desc')
      .first();
    return row ? toApproval(row) : undefined;
  }

  /** The hash of the newest removal set an admin rejected, if any. */
  async latestRejectedHash(providerId: string): Promise<string | undefined> {
    const row = await this.knex('paycor_approvals')
      .where({ provider_id: providerId, status: 'rejected' })
      .orderBy('decided_at', 'desc')
      .first('removal_set_hash');
    return row?.removal_set_hash;
  }

  async list(
    providerId: string,
    status: 'pending' | 'all',
  ): Promise<Approval[]> {
    const query = this.knex('paycor_approvals')
      .where({ provider_id: providerId })
      .orderBy('created_at', 'desc')
      .limit(50);
    if (status === 'pending') query.andWhere({ status: 'pending' });
    return (await query).map(toApproval);
  }

  /** Marks a pending approval decided; false when it was no longer pending. */
  async decide(
    providerId: string,
    runId: string,
    decision: { status: 'approved' | 'rejected'; by: string; note?: string },
  ): Promise<boolean> {
    const updated = await this.knex('paycor_approvals')
      .where({ provider_id: providerId, run_id: runId, status: 'pending' })
      .update({
        status: decision.status,
        decided_by: storableText(decision.by),
        decided_at: iso(this.clock()),
        note: storableOptionalText(decision.note),
      });
    return updated > 0;
  }

  async supersedePending(providerId: string) {
    await this.knex('paycor_approvals')
      .where({ provider_id: providerId, status: 'pending' })
      .update({ status: 'superseded', decided_at: iso(this.clock()) });
  }
}

function toApproval(row: any): Approval {
  return {
    runId: row.run_id,
    providerId: row.provider_id,
    status: row.status,
    createdAt: row.created_at,
    userCount: Number(row.user_count),
    removalCount: Number(row.removal_count),
    thresholdPercent: Number(row.threshold_percent),
    reason: row.reason,
    removals: JSON.parse(row.removals),
    decidedBy: row.decided_by ?? undefined,
    decidedAt: row.decided_at ?? undefined,
    note: row.note ?? undefined,
  };
}
