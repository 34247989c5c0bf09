import knexFactory, { Knex } from 'knex';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  dropPostgresDatabases,
  postgresConnectionFromEnv,
} from '../../plugins/catalog-backend-module-paycor/src/__testUtils__/paycorTestBackend';
import { ROOT, sleep } from './results';

export type DbKind = 'postgres' | 'sqlite';

/** Whether a PostgreSQL server is configured (POSTGRES_* env). */
export function postgresAvailable() {
  return Boolean(process.env.POSTGRES_HOST && process.env.POSTGRES_USER);
}

/**
 * The databases a scenario runs on: `RELIABILITY_DATABASES` (comma list),
 * default PostgreSQL when configured, and SQLite.
 */
export function databasesUnderTest(): DbKind[] {
  const wanted = (process.env.RELIABILITY_DATABASES ?? 'postgres,sqlite')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean) as DbKind[];
  return wanted.filter(kind => kind === 'sqlite' || postgresAvailable());
}

/**
 * The database of one backend "deployment" (one or more processes, restarts):
 * a PostgreSQL prefix (Backstage creates `<prefix>catalog`) or a SQLite
 * directory (`catalog.sqlite`). Also a knex handle on the catalog's database,
 * where the Paycor module keeps its tables, to read runs and tokens directly.
 */
export class DbTarget {
  readonly prefix?: string;
  readonly directory?: string;
  private knex?: Knex;

  constructor(readonly kind: DbKind, name: string) {
    if (kind === 'postgres') {
      const safe = name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '')
        .slice(0, 12);
      this.prefix = `paycor_r_${safe}_${randomBytes(3).toString('hex')}_`;
    } else {
      this.directory = mkdtempSync(
        path.join(os.tmpdir(), `paycor-rel-${name}-`),
      );
    }
  }

  /** `backend.database` for the generated app-config. */
  backendConfig(): Record<string, unknown> {
    if (this.kind === 'postgres') {
      return {
        client: 'pg',
        prefix: this.prefix,
        connection: {
          host: '${POSTGRES_HOST}',
          port: '${POSTGRES_PORT}',
          user: '${POSTGRES_USER}',
          password: '${POSTGRES_PASSWORD}',
        },
      };
    }
    return {
      client: 'better-sqlite3',
      connection: { directory: this.directory },
    };
  }

  /** The catalog's database (module tables: paycor_runs, paycor_tokens, …). */
  catalog(): Knex {
    if (!this.knex) {
      this.knex =
        this.kind === 'postgres'
          ? knexFactory({
              client: 'pg',
              connection: {
                ...postgresConnectionFromEnv(),
                database: `${this.prefix}catalog`,
              },
              pool: { min: 0, max: 2, idleTimeoutMillis: 1000 },
            })
          : knexFactory({
              client: 'better-sqlite3',
              connection: {
                filename: path.join(this.directory!, 'catalog.sqlite'),
              },
              useNullAsDefault: true,
              pool: {
                min: 0,
                max: 1,
                idleTimeoutMillis: 500,
                afterCreate: (conn: any, done: any) => {
                  conn.pragma('busy_timeout = 10000');
                  done(null, conn);
                },
              },
            });
    }
    return this.knex;
  }

  /** Reads with retries: the backend may hold a write lock (SQLite) or the DB may be down. */
  async query<T>(fn: (knex: Knex) => Promise<T>, attempts = 20): Promise<T> {
    let last: unknown;
    for (let i = 0; i < attempts; i++) {
      try {
        return await fn(this.catalog());
      } catch (error) {
        last = error;
        await this.release();
        await sleep(500);
      }
    }
    throw last;
  }

  async release() {
    const k = this.knex;
    this.knex = undefined;
    await k?.destroy().catch(() => {});
  }

  async drop() {
    await this.release();
    if (this.kind === 'postgres') await dropPostgresDatabases(this.prefix!);
    else rmSync(this.directory!, { recursive: true, force: true });
  }
}

/** Closes every connection to a prefix's databases (the server stays up). */
export async function terminatePostgresConnections(prefix: string) {
  const admin = knexFactory({
    client: 'pg',
    connection: { ...postgresConnectionFromEnv(), database: 'postgres' },
    pool: { min: 0, max: 1 },
  });
  try {
    const { rows } = await admin.raw(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
       WHERE starts_with(datname, ?) AND pid <> pg_backend_pid()`,
      [prefix],
    );
    return (rows as unknown[]).length;
  } finally {
    await admin.destroy();
  }
}

/**
 * Stops / starts the PostgreSQL server of scripts/postgres.sh. Only allowed
 * when the runner started that server for this suite
 * (RELIABILITY_PG_MANAGED=1): never stops somebody else's database.
 */
export function postgresServer(action: 'stop' | 'start') {
  if (process.env.RELIABILITY_PG_MANAGED !== '1') {
    throw new Error('the PostgreSQL server is not managed by this suite');
  }
  const result = spawnSync(path.join(ROOT, 'scripts/postgres.sh'), [action], {
    encoding: 'utf8',
    timeout: 90_000,
  });
  if (result.status !== 0) {
    throw new Error(`postgres.sh ${action} failed: ${result.stderr}`);
  }
}

export function postgresServerManaged() {
  return process.env.RELIABILITY_PG_MANAGED === '1';
}
