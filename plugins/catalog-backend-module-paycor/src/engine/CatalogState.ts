import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Knex } from 'knex';
import { ExternalGroups } from '../ingest/types';
import { OwnershipFacts, readOwnership } from './catalogOwnership';

/**
 * Read-only questions to the catalog's own tables (this module shares the
 * catalog's database, as Backstage's unprocessed-entities module does). Asking
 * the tables directly avoids an HTTP round trip per check and sees entities the
 * permission framework would hide. If a future catalog version changes these
 * tables, the checks degrade to "unknown" with a warning instead of failing
 * syncs.
 */
export class CatalogState {
  private warned = false;

  constructor(
    private readonly knex: Knex,
    private readonly logger: LoggerService,
  ) {}

  /**
   * Users and Groups in `namespace` owned by another source (a
   * catalog-info.yaml, another provider): ref → that source's location key.
   */
  async foreignOwners(
    namespace: string,
    ourLocationKey: string,
  ): Promise<Map<string, string>> {
    try {
      const rows = await this.knex('refresh_state')
        .select('entity_ref', 'location_key')
        .where(q =>
          q
            .where('entity_ref', 'like', `user:${namespace}/%`)
            .orWhere('entity_ref', 'like', `group:${namespace}/%`),
        )
        .whereNotNull('location_key')
        .whereNot('location_key', ourLocationKey);
      return new Map(rows.map(r => [r.entity_ref, r.location_key]));
    } catch (error) {
      this.warnOnce(error);
      return new Map();
    }
  }

  /** Every Group in the catalog that this provider does not own, with its parent. */
  async externalGroups(ourLocationKey: string): Promise<ExternalGroups> {
    try {
      const rows = await this.knex('refresh_state')
        .select('entity_ref', 'unprocessed_entity')
        .where('entity_ref', 'like', 'group:%')
        .where(q =>
          q
            .whereNull('location_key')
            .orWhereNot('location_key', ourLocationKey),
        );
      const refs = new Set<string>();
      const parents = new Map<string, string>();
      for (const row of rows) {
        refs.add(row.entity_ref);
        const parent = parentOf(row.entity_ref, row.unprocessed_entity);
        if (parent) parents.set(row.entity_ref, parent);
      }
      return { refs, parents };
    } catch (error) {
      this.warnOnce(error);
      return { refs: new Set(), parents: new Map() };
    }
  }

  /**
   * What the catalog holds for one entity ref: whether it has an entity for
   * it, which source emitted it, when its entity last changed, and the
   * processing errors it recorded. Undefined when the catalog's tables cannot
   * be read.
   */
  async entityState(ref: string): Promise<CatalogEntityState | undefined> {
    try {
      const row = await this.knex('refresh_state')
        .leftJoin(
          'final_entities',
          'final_entities.entity_id',
          'refresh_state.entity_id',
        )
        .where('refresh_state.entity_ref', ref)
        .first(
          'refresh_state.location_key as location_key',
          'refresh_state.errors as errors',
          'final_entities.final_entity as final_entity',
          'final_entities.last_updated_at as last_updated_at',
        );
      if (!row) return { exists: false, final: false, errors: [] };
      return {
        exists: true,
        final: Boolean(row.final_entity),
        locationKey: row.location_key ?? undefined,
        updatedAt: row.last_updated_at ? toIso(row.last_updated_at) : undefined,
        errors: errorMessages(row.errors),
      };
    } catch (error) {
      this.warnOnce(error);
      return undefined;
    }
  }

  /**
   * The entities as this provider last handed them to the catalog (the
   * catalog's unprocessed copy), by ref: what a run compares with to say
   * which fields it changed.
   */
  async unprocessedEntities(
    refs: readonly string[],
  ): Promise<Map<string, unknown>> {
    const found = new Map<string, unknown>();
    try {
      for (let i = 0; i < refs.length; i += 200) {
        const rows = await this.knex('refresh_state')
          .whereIn('entity_ref', refs.slice(i, i + 200))
          .select('entity_ref', 'unprocessed_entity');
        for (const row of rows) {
          const entity =
            typeof row.unprocessed_entity === 'string'
              ? JSON.parse(row.unprocessed_entity)
              : row.unprocessed_entity;
          found.set(row.entity_ref, entity);
        }
      }
    } catch (error) {
      this.warnOnce(error);
    }
    return found;
  }

  /**
   * What the catalog says `refs` own (see catalogOwnership.ts). Throws an
   * OwnershipLookupError rather than answer "nothing": the removal guard
   * must not take a failed read for "owns nothing".
   */
  async ownership(refs: readonly string[]): Promise<OwnershipFacts> {
    return readOwnership(this.knex, refs);
  }

  /** When the scheduler will next run the task, if it is known. */
  async taskSchedule(
    taskId: string,
  ): Promise<
    { nextRunAt?: string; running: boolean; runStartedAt?: string } | undefined
  > {
    try {
      const row = await this.knex('backstage_backend_tasks__tasks')
        .where({ id: taskId })
        .first(
          'next_run_start_at',
          'current_run_ticket',
          'current_run_started_at',
        );
      if (!row) return undefined;
      const next = row.next_run_start_at;
      const started = row.current_run_started_at;
      return {
        nextRunAt: next ? toIso(next) : undefined,
        running: Boolean(row.current_run_ticket),
        runStartedAt:
          row.current_run_ticket && started ? toIso(started) : undefined,
      };
    } catch {
      return undefined;
    }
  }

  private warnOnce(error: unknown) {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(
      `Could not read the catalog's refresh_state table; ownership conflicts and re-home targets outside this provider are not checked: ${
        (error as Error).message
      }`,
    );
  }
}

/** One entity ref as the catalog holds it. */
export interface CatalogEntityState {
  /** the catalog knows the ref (it was emitted by some source) */
  exists: boolean;
  /** it has a processed entity (what the catalog serves) */
  final: boolean;
  /** the source that emitted it */
  locationKey?: string;
  /** when its served entity last changed */
  updatedAt?: string;
  /** the processing errors the catalog recorded for it */
  errors: string[];
}

/** The messages of `refresh_state.errors` (a JSON array of serialized errors). */
function errorMessages(raw: unknown): string[] {
  if (!raw) return [];
  try {
    const parsed = typeof raw === 'string' ? JSON.parse(raw) : raw;
    if (!Array.isArray(parsed)) return [];
    return parsed.map(e =>
      typeof e?.message === 'string'
        ? `${e.name ? `${e.name}: ` : ''}${e.message}`
        : JSON.stringify(e),
    );
  } catch {
    return [String(raw)];
  }
}

// The scheduler stores UTC timestamps; SQLite hands them back as
// "YYYY-MM-DD HH:MM:SS" strings without a zone, PostgreSQL as Dates.
function toIso(value: string | Date) {
  if (value instanceof Date) return value.toISOString();
  const text =
    /^\d{4}-\d{2}-\d{2} \d/.test(value) && !/[zZ]|[+-]\d\d:?\d\d$/.test(value)
      ? `${value.replace(' ', 'T')}Z`
      : value;
  return new Date(text).toISOString();
}

function parentOf(ref: string, unprocessed: unknown): string | undefined {
  try {
    const entity =
      typeof unprocessed === 'string' ? JSON.parse(unprocessed) : unprocessed;
    const parent = entity?.spec?.parent;
    if (typeof parent !== 'string' || !parent) return undefined;
    const { namespace } = parseEntityRef(ref);
    return stringifyEntityRef(
      parseEntityRef(parent, {
        defaultKind: 'group',
        defaultNamespace: namespace,
      }),
    );
  } catch {
    return undefined;
  }
}
