import { CustomErrorBase } from '@backstage/errors';
import { Knex } from 'knex';

/** One catalog entity that names at least one of the asked-about refs as an owner. */
export interface OwnedEntityFacts {
  /** normalized (lowercase) ref */
  entityRef: string;
  kind: string;
  title?: string;
  /** every owner its `ownedBy` relations name (normalized refs) */
  owners: string[];
}

/** What the catalog says a set of Users and Groups own. */
export interface OwnershipFacts {
  owned: OwnedEntityFacts[];
  /** the owners of `owned` that the catalog has an entity for now */
  existing: ReadonlySet<string>;
}

/** The catalog's tables could not answer who owns what. */
export class OwnershipLookupError extends CustomErrorBase {
  name = 'OwnershipLookupError' as const;
}

/** Keeps each `IN (…)` list well under every database's parameter limit. */
const CHUNK = 500;

/**
 * What the catalog says `refs` own, read from the catalog's own tables.
 *
 * Why the tables and not `catalogServiceRef`: inside a catalog module that
 * service is an HTTP loopback to the catalog router, authorised as this
 * plugin through the permission framework. A permission policy that hides
 * entities from it would make an owned Component look unowned-by-nobody and
 * let the removal through silently — the one thing this check is for. The
 * tables see every entity, need no token or running router, and are already
 * how this module reads catalog state (CatalogState.ts). The query mirrors
 * the catalog's own `filter=relations.ownedBy=<ref>`: its `search` rows
 * (key `relations.ownedby`, value the normalized ref) and the stitched
 * entities in `final_entities`.
 *
 * Unlike CatalogState's checks this one never degrades to "unknown": if a
 * catalog version changes these tables the query fails with an
 * OwnershipLookupError, and the caller holds the removals (fail safe).
 */
export async function readOwnership(
  knex: Knex,
  refs: readonly string[],
): Promise<OwnershipFacts> {
  const wanted = [...new Set(refs.map(normalizeRef))];
  try {
    const entityIds = new Set<string>();
    for (const chunk of chunks(wanted)) {
      const rows = await knex('search')
        .where('key', 'relations.ownedby')
        .whereIn('value', chunk)
        .distinct('entity_id');
      for (const row of rows) entityIds.add(String(row.entity_id));
    }
    const owned: OwnedEntityFacts[] = [];
    for (const chunk of chunks([...entityIds])) {
      const rows = await knex('final_entities')
        .whereIn('entity_id', chunk)
        .whereNotNull('final_entity')
        .select('final_entity');
      for (const row of rows) owned.push(toFacts(row.final_entity));
    }
    owned.sort((a, b) => compare(a.entityRef, b.entityRef));
    const owners = [...new Set(owned.flatMap(o => o.owners))];
    const existing = new Set<string>();
    for (const chunk of chunks(owners)) {
      const rows = await knex('refresh_state')
        .join(
          'final_entities',
          'final_entities.entity_id',
          'refresh_state.entity_id',
        )
        .whereIn('refresh_state.entity_ref', chunk)
        .whereNotNull('final_entities.final_entity')
        .select('refresh_state.entity_ref as entity_ref');
      for (const row of rows) existing.add(normalizeRef(row.entity_ref));
    }
    return { owned, existing };
  } catch (error) {
    throw new OwnershipLookupError(
      `Could not read from the catalog's tables (search, final_entities, refresh_state) what ${wanted.length} User(s) and Group(s) own`,
      error,
    );
  }
}

/** Refs as the catalog stores them in relations and search rows. */
export function normalizeRef(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

function toFacts(raw: unknown): OwnedEntityFacts {
  const entity = typeof raw === 'string' ? JSON.parse(raw) : (raw as any);
  const kind = String(entity.kind);
  const namespace = entity.metadata?.namespace ?? 'default';
  const title =
    typeof entity.metadata?.title === 'string'
      ? entity.metadata.title
      : undefined;
  const owners = ((entity.relations ?? []) as Array<any>)
    .filter(r => r?.type === 'ownedBy' && typeof r.targetRef === 'string')
    .map(r => normalizeRef(r.targetRef));
  return {
    entityRef: normalizeRef(`${kind}:${namespace}/${entity.metadata?.name}`),
    kind,
    ...(title ? { title } : {}),
    owners: [...new Set(owners)],
  };
}

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) {
    yield items.slice(i, i + CHUNK);
  }
}

function compare(a: string, b: string) {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
