import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { Clock, iso } from './clock';
import { SettingsRevisionStore } from './SettingsRevisionStore';
import { storableOptionalText, storableText } from './text';

export interface StoredAdminGroup {
  name: string;
  title: string;
  description?: string;
  parentRef?: string;
  type: string;
  createdBy: string;
  createdAt: string;
}

/** Groups admins define in the sync page, e.g. a division above departments. */
export class AdminGroupStore {
  private readonly revision: SettingsRevisionStore;

  constructor(private readonly knex: Knex, private readonly clock: Clock) {
    this.revision = new SettingsRevisionStore(knex, clock);
  }

  async list(providerId: string): Promise<StoredAdminGroup[]> {
    const rows = await this.knex('paycor_admin_groups')
      .where({ provider_id: providerId })
      .orderBy('name');
    return rows.map(row => ({
      name: row.name,
      title: row.title,
      description: row.description ?? undefined,
      parentRef: row.parent_ref ?? undefined,
      type: row.type,
      createdBy: row.created_by,
      createdAt: row.created_at,
    }));
  }

  async create(
    providerId: string,
    group: Omit<StoredAdminGroup, 'createdAt'>,
  ): Promise<StoredAdminGroup> {
    // what is stored is what is returned: no NUL (PostgreSQL cannot hold it)
    const stored: StoredAdminGroup = {
      name: storableText(group.name),
      title: storableText(group.title),
      type: storableText(group.type),
      createdBy: storableText(group.createdBy),
      createdAt: iso(this.clock()),
    };
    const description = storableOptionalText(group.description);
    const parentRef = storableOptionalText(group.parentRef);
    if (description !== null) stored.description = description;
    if (parentRef !== null) stored.parentRef = parentRef;
    try {
      await this.knex.transaction(async tx => {
        await tx('paycor_admin_groups').insert({
          provider_id: providerId,
          name: stored.name,
          title: stored.title,
          description,
          parent_ref: parentRef,
          type: stored.type,
          created_by: stored.createdBy,
          created_at: stored.createdAt,
        });
        await this.revision.bump(tx, providerId);
      });
    } catch (error) {
      if (isDatabaseConflictError(error)) {
        throw new ConflictError(
          `An admin group named "${stored.name}" already exists for this provider`,
        );
      }
      throw error;
    }
    return stored;
  }

  async remove(providerId: string, name: string): Promise<boolean> {
    return this.knex.transaction(async tx => {
      const deleted = await tx('paycor_admin_groups')
        .where({ provider_id: providerId, name })
        .delete();
      if (deleted > 0) await this.revision.bump(tx, providerId);
      return deleted > 0;
    });
  }
}
