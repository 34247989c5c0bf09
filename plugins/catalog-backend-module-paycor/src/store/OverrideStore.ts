import { Knex } from 'knex';
import { Clock, iso } from './clock';
import { SettingsRevisionStore } from './SettingsRevisionStore';
import { storableOptionalText, storableText } from './text';

export interface StoredOverride {
  departmentId: string;
  parentRef: string;
  note?: string;
  setBy: string;
  setAt: string;
}

/** Department parent overrides set by admins (re-homing). */
export class OverrideStore {
  private readonly revision: SettingsRevisionStore;

  constructor(private readonly knex: Knex, private readonly clock: Clock) {
    this.revision = new SettingsRevisionStore(knex, clock);
  }

  async list(providerId: string): Promise<StoredOverride[]> {
    const rows = await this.knex('paycor_department_overrides')
      .where({ provider_id: providerId })
      .orderBy('department_id');
    return rows.map(row => ({
      departmentId: row.department_id,
      parentRef: row.parent_ref,
      note: row.note ?? undefined,
      setBy: row.set_by,
      setAt: row.set_at,
    }));
  }

  async set(
    providerId: string,
    override: {
      departmentId: string;
      parentRef: string;
      note?: string;
      setBy: string;
    },
  ): Promise<StoredOverride> {
    // no NUL in what is stored (PostgreSQL cannot hold it), nor in the answer
    const stored: StoredOverride = {
      departmentId: storableText(override.departmentId),
      parentRef: storableText(override.parentRef),
      setBy: storableText(override.setBy),
      setAt: iso(this.clock()),
    };
    const note = storableOptionalText(override.note);
    if (note !== null) stored.note = note;
    await this.knex.transaction(async tx => {
      await tx('paycor_department_overrides')
        .insert({
          provider_id: providerId,
          department_id: stored.departmentId,
          parent_ref: stored.parentRef,
          note,
          set_by: stored.setBy,
          set_at: stored.setAt,
        })
        .onConflict(['provider_id', 'department_id'])
        .merge(['parent_ref', 'note', 'set_by', 'set_at']);
      await this.revision.bump(tx, providerId);
    });
    return stored;
  }

  /** Returns whether an override existed. */
  async remove(providerId: string, departmentId: string): Promise<boolean> {
    return this.knex.transaction(async tx => {
      const deleted = await tx('paycor_department_overrides')
        .where({ provider_id: providerId, department_id: departmentId })
        .delete();
      if (deleted > 0) await this.revision.bump(tx, providerId);
      return deleted > 0;
    });
  }
}
