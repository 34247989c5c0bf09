import { ProviderHealth } from '@paycor-backstage/plugin-paycor-common';
import { Knex } from 'knex';
import { Clock, iso } from './clock';
import { storableText } from './text';

export interface ProviderState {
  health?: ProviderHealth;
  healthReason?: string;
  healthChangedAt?: string;
  syncRequestedAt?: string;
  /** who asked for the pending full sync: "Sync now" or an event */
  syncRequestedBy?: 'manual' | 'event';
  lastSuccessAt?: string;
  legalEntityName?: string;
  userCount: number;
  groupCount: number;
}

const columns: Record<keyof ProviderState, string> = {
  health: 'health',
  healthReason: 'health_reason',
  healthChangedAt: 'health_changed_at',
  syncRequestedAt: 'sync_requested_at',
  syncRequestedBy: 'sync_requested_by',
  lastSuccessAt: 'last_success_at',
  legalEntityName: 'legal_entity_name',
  userCount: 'user_count',
  groupCount: 'group_count',
};

/** Per-provider facts that outlive runs: health, counts, last success. */
export class ProviderStateStore {
  constructor(private readonly knex: Knex, private readonly clock: Clock) {}

  async get(providerId: string): Promise<ProviderState> {
    const row = await this.knex('paycor_provider_state')
      .where({ provider_id: providerId })
      .first();
    if (!row) return { userCount: 0, groupCount: 0 };
    const state: any = {};
    for (const [key, column] of Object.entries(columns)) {
      if (row[column] !== null && row[column] !== undefined) {
        state[key] = row[column];
      }
    }
    state.userCount = Number(row.user_count ?? 0);
    state.groupCount = Number(row.group_count ?? 0);
    return state;
  }

  async update(providerId: string, patch: Partial<ProviderState>) {
    const values: Record<string, unknown> = { updated_at: iso(this.clock()) };
    for (const [key, value] of Object.entries(patch)) {
      // texts (the legal entity's name, a health reason quoting an error) come
      // from Paycor; PostgreSQL cannot hold NUL
      values[columns[key as keyof ProviderState]] =
        typeof value === 'string' ? storableText(value) : value ?? null;
    }
    await this.knex('paycor_provider_state')
      .insert({ provider_id: providerId, ...values })
      .onConflict('provider_id')
      .merge(Object.keys(values));
  }
}
