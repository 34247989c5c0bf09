import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { PAYCOR_ANNOTATIONS } from '@paycor-backstage/plugin-paycor-common';
import { createHash, hash as oneShotHash } from 'node:crypto';
import { PreviousEmission } from '../ingest/types';
import { Emission } from '../store/SnapshotStore';

export interface RemovedEntity {
  entityRef: string;
  label?: string;
  paycorId?: string;
  /**
   * Set when the same Paycor employee or department is still emitted, under
   * this new ref (e.g. a User renamed after an email change): nobody is lost.
   */
  renamedTo?: string;
}

export interface EmissionDiff {
  added: Entity[];
  changed: Entity[];
  removed: RemovedEntity[];
  unchanged: number;
  /** what the catalog holds if every change (removals included) is applied */
  next: Emission;
}

/** Bump when the mapping from a record to a User changes its output. */
const USER_ENTITY_FORMAT = 1;

/**
 * Hashes entities for the diff. A User is a pure function of its Paycor record,
 * its name, its department ref and a few settings (ingest/userEntities.ts), so
 * its hash is taken from those inputs — the record's digest was computed when
 * the record was read — instead of serialising the whole entity: ~3× less work
 * at 100k employees. Other entities are hashed as emitted. The first apply of
 * every process is a full mutation, so even a mapping change that forgot to
 * bump USER_ENTITY_FORMAT reaches the catalog after a restart.
 */
export function createEntityHasher(
  settings: {
    namespace: string;
    providerId: string;
    legalEntityId: number | string;
    fieldMapping: unknown;
  },
  recordDigests: ReadonlyMap<string, string>,
): (entity: Entity) => string {
  const fingerprint = createHash('sha1')
    .update(JSON.stringify([USER_ENTITY_FORMAT, settings]))
    .digest('base64url');
  return entity => {
    if (entity.kind === 'User') {
      const id = entity.metadata.annotations?.[PAYCOR_ANNOTATIONS.employeeId];
      const digest = id ? recordDigests.get(id) : undefined;
      if (digest) {
        const memberOf = (entity.spec as { memberOf?: string[] }).memberOf ?? [];
        return oneShotHash(
          'sha1',
          `${fingerprint}\n${entity.metadata.name}\n${memberOf.join(',')}\n${digest}`,
          'base64url',
        );
      }
    }
    return entityHash(entity);
  };
}

/**
 * Hash of an entity as emitted. The transform builds entities with a fixed key
 * order, so JSON text is a stable identity; a hash equal to the previous run's
 * means the catalog would get the identical entity and need not be told.
 */
export function entityHash(entity: Entity): string {
  return oneShotHash('sha1', JSON.stringify(entity), 'base64url');
}

function kindOf(ref: string) {
  return ref.slice(0, ref.indexOf(':'));
}

function labelOf(entity: Entity): string | undefined {
  const spec = entity.spec as { profile?: { displayName?: string } } | undefined;
  return spec?.profile?.displayName ?? entity.metadata.title;
}

function paycorIdOf(entity: Entity): string | undefined {
  const a = entity.metadata.annotations ?? {};
  return entity.kind === 'User'
    ? a[PAYCOR_ANNOTATIONS.employeeId]
    : a[PAYCOR_ANNOTATIONS.departmentId];
}

/**
 * Compares this run's entities (and the names the transform gave) with what
 * the catalog holds from the last applied run.
 */
export function diffEmission(
  entities: Entity[],
  names: PreviousEmission,
  previous: Emission | undefined,
  hashOf: (entity: Entity) => string = entityHash,
): EmissionDiff {
  const before = new Map<string, string>();
  for (const [ref, hash] of previous?.entities ?? []) {
    before.set(ref, hash);
  }

  const added: Entity[] = [];
  const changed: Entity[] = [];
  const rows: Emission['entities'] = [];
  const seen = new Set<string>();
  let unchanged = 0;
  for (const entity of entities) {
    const ref = stringifyEntityRef(entity);
    const hash = hashOf(entity);
    seen.add(ref);
    rows.push([ref, hash, labelOf(entity), paycorIdOf(entity)]);
    const old = before.get(ref);
    if (old === undefined) added.push(entity);
    else if (old !== hash) changed.push(entity);
    else unchanged += 1;
  }

  const byPaycorId = new Map<string, string>();
  for (const [ref, , , paycorId] of rows) {
    if (paycorId) byPaycorId.set(`${kindOf(ref)}:${paycorId}`, ref);
  }
  const removed: RemovedEntity[] = [];
  for (const [ref, , label, paycorId] of previous?.entities ?? []) {
    if (seen.has(ref)) continue;
    const entry: RemovedEntity = { entityRef: ref, label, paycorId };
    const renamedTo = paycorId && byPaycorId.get(`${kindOf(ref)}:${paycorId}`);
    if (renamedTo) entry.renamedTo = renamedTo;
    removed.push(entry);
  }

  rows.sort(byKey);
  return {
    added,
    changed,
    removed,
    unchanged,
    next: {
      version: 1,
      entities: rows,
      userNames: [...names.userNames].sort(byKey),
      groupNames: [...names.groupNames].sort(byKey),
    },
  };
}

/**
 * The emission after applying everything except `kept` removals: those stay in
 * the catalog (held by the guard or kept by an admin's rejection).
 */
export function withKeptRemovals(
  next: Emission,
  previous: Emission | undefined,
  kept: ReadonlySet<string>,
): Emission {
  if (kept.size === 0 || !previous) return next;
  const keptRows = previous.entities.filter(([ref]) => kept.has(ref));
  const entities = [...next.entities, ...keptRows].sort(byKey);
  return { ...next, entities };
}

/** Dotted paths whose values differ between two versions of an entity. */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isObject = (v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(before) || !isObject(after)) return [prefix || '(entity)'];
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap(key =>
    changedPaths(a[key], b[key], prefix ? `${prefix}.${key}` : key),
  );
}

export function emissionToPrevious(emission: Emission | undefined): PreviousEmission {
  return {
    userNames: new Map(emission?.userNames ?? []),
    groupNames: new Map(emission?.groupNames ?? []),
  };
}

export function countUsers(emission: Emission | undefined): number {
  return (emission?.entities ?? []).filter(([ref]) => ref.startsWith('user:'))
    .length;
}

/** Orders tuples by their first element (code-unit order, like the catalog's refs). */
function byKey(a: readonly [string, ...unknown[]], b: readonly [string, ...unknown[]]) {
  if (a[0] === b[0]) return 0;
  return a[0] < b[0] ? -1 : 1;
}
