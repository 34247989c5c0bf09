import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { Clock, iso } from './clock';

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
  constructor(
    private readonly knex: Knex,
    private readonly clock: Clock,
  ) {}

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
    const createdAt = iso(this.clock());
    try {
      await this.knex('paycor_admin_groups').insert({
        provider_id: providerId,
        name: group.name,
        title: group.title,
        description: group.description ?? null,
        parent_ref: group.parentRef ?? null,
        type: group.type,
        created_by: group.createdBy,
        created_at: createdAt,
      });
    } catch (error) {
      if (isDatabaseConflictError(error)) {
        throw new ConflictError(
          `An admin group named "${group.name}" already exists for this provider`,
        );
      }
      throw error;
    }
    return { ...group, createdAt };
  }

  async remove(providerId: string, name: string): Promise<boolean> {
    const deleted = await this.knex('paycor_admin_groups')
      .where({ provider_id: providerId, name })
      .delete();
    return deleted > 0;
  }
}
