import { Knex } from 'knex';
import { Clock, iso } from './clock';

/**
 * A number per provider that every write of the admin settings (re-homes,
 * admin groups, exclusions) increments, on whichever replica it happens. A
 * plan kept in memory is only reused while the revision it was made with is
 * still the current one.
 */
export class SettingsRevisionStore {
  constructor(private readonly knex: Knex, private readonly clock: Clock) {}

  async get(providerId: string): Promise<number> {
    const row = await this.knex('paycor_provider_state')
      .where({ provider_id: providerId })
      .first('settings_revision');
    return Number(row?.settings_revision ?? 0);
  }

  /** Increments the revision; call it in the transaction of the settings write. */
  async bump(db: Knex | Knex.Transaction, providerId: string): Promise<void> {
    const now = iso(this.clock());
    await db('paycor_provider_state')
      .insert({
        provider_id: providerId,
        settings_revision: 1,
        updated_at: now,
      })
      .onConflict('provider_id')
      .merge({
        settings_revision: db.raw('?? + 1', [
          'paycor_provider_state.settings_revision',
        ]),
        updated_at: now,
      });
  }
}
