import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { Exclusion } from '@paycor-backstage/plugin-paycor-common';
import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { Clock, iso } from './clock';
import { SettingsRevisionStore } from './SettingsRevisionStore';
import { storableOptionalText, storableText } from './text';

/** People an admin took out of the sync, by employee id or email. */
export class ExclusionStore {
  private readonly revision: SettingsRevisionStore;

  constructor(private readonly knex: Knex, private readonly clock: Clock) {
    this.revision = new SettingsRevisionStore(knex, clock);
  }

  async list(providerId: string): Promise<Exclusion[]> {
    const rows = await this.knex('paycor_exclusions')
      .where({ provider_id: providerId })
      .orderBy([{ column: 'created_at', order: 'desc' }, 'id']);
    return rows.map(row => ({
      id: row.id,
      kind: row.kind,
      value: row.value,
      note: row.note ?? undefined,
      createdBy: row.created_by,
      createdAt: row.created_at,
    }));
  }

  async add(
    providerId: string,
    exclusion: Omit<Exclusion, 'id' | 'createdAt'>,
  ): Promise<Exclusion> {
    // no NUL in what is stored (PostgreSQL cannot hold it), nor in the answer
    const trimmed = storableText(exclusion.value).trim();
    const value =
      exclusion.kind === 'email' ? trimmed.toLocaleLowerCase('en-US') : trimmed;
    const note = storableOptionalText(exclusion.note);
    const row: Exclusion = {
      ...exclusion,
      value,
      ...(note !== null ? { note } : {}),
      createdBy: storableText(exclusion.createdBy),
      id: randomUUID(),
      createdAt: iso(this.clock()),
    };
    try {
      await this.knex.transaction(async tx => {
        await tx('paycor_exclusions').insert({
          id: row.id,
          provider_id: providerId,
          kind: row.kind,
          value: row.value,
          note: row.note ?? null,
          created_by: row.createdBy,
          created_at: row.createdAt,
        });
        await this.revision.bump(tx, providerId);
      });
    } catch (error) {
      if (isDatabaseConflictError(error)) {
        throw new ConflictError(
          `${row.kind} "${row.value}" is already excluded`,
        );
      }
      throw error;
    }
    return row;
  }

  async remove(providerId: string, id: string): Promise<boolean> {
    return this.knex.transaction(async tx => {
      const deleted = await tx('paycor_exclusions')
        .where({ provider_id: providerId, id })
        .delete();
      if (deleted > 0) await this.revision.bump(tx, providerId);
      return deleted > 0;
    });
  }
}
