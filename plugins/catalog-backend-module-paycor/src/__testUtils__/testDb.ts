import { LoggerService } from '@backstage/backend-plugin-api';
import knexFactory, { Knex } from 'knex';
import { applyMigrations } from '../store';

/**
 * A private in-memory SQLite database with the module's tables. knex keeps a
 * single connection for SQLite, so every store of a test sees the same data.
 * Destroy it in afterEach/afterAll.
 */
export async function createTestDb(): Promise<Knex> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  await applyMigrations(knex);
  return knex;
}

/** A clock that only moves when told to. */
export interface TestClock {
  (): Date;
  advance(ms: number): void;
  set(time: string | Date): void;
}

export function createTestClock(start = '2024-06-15T12:00:00.000Z'): TestClock {
  let now = new Date(start).getTime();
  const clock = (() => new Date(now)) as TestClock;
  clock.advance = ms => {
    now += ms;
  };
  clock.set = time => {
    now = new Date(time).getTime();
  };
  return clock;
}

/** A logger whose calls can be inspected; prints nothing. */
export function createTestLogger(): LoggerService & {
  info: jest.Mock;
  warn: jest.Mock;
  error: jest.Mock;
  debug: jest.Mock;
} {
  const logger = {
    info: jest.fn(),
    warn: jest.fn(),
    error: jest.fn(),
    debug: jest.fn(),
    child: () => logger,
  };
  return logger;
}
