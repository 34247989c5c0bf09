import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** The module's migrations table; never the catalog's own. */
export const MIGRATIONS_TABLE = 'paycor__knex_migrations';

const migrationsDir = resolvePackagePath(
  '@paycor-backstage/plugin-catalog-backend-module-paycor',
  'migrations',
);

export async function applyMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    directory: migrationsDir,
    tableName: MIGRATIONS_TABLE,
  });
}
