import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  PAYCOR_ANNOTATIONS,
  ReportingLineEndReason,
} from '@paycor-backstage/plugin-paycor-common';
import { createHash, hash as oneShotHash } from 'node:crypto';
import { PreviousEmission } from '../ingest/types';
import { firstAtOrAfter } from '../ingest/util';
import { reportingLineKey, UserReportingLine } from '../ingest/userEntities';
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

/**
 * Bump when the mapping from a record to a User changes its output.
 * 2: a User with nothing printable in its name, number or id is named by its
 * entity name (it had an empty display name, which the catalog refuses).
 * 3: reporting lines (the manager's ref, or why the line ends) on Users.
 */
const USER_ENTITY_FORMAT = 3;

/** What a User's hash depends on besides its record, name and membership. */
export interface UserHashSettings {
  namespace: string;
  providerId: string;
  legalEntityId: number | string;
  fieldMapping: unknown;
  /**
   * Only when false (Users then carry `paycor.com/reporting-lines: off`);
   * absent when on, so that the hashes of Users of providers with reporting
   * lines on stay what they were before the annotation existed.
   */
  reportingLines?: false;
}

/**
 * Hashes Users without building them. A User is a pure function of its Paycor
 * record, its name, its department ref, its reporting line (the manager's
 * ref, or why the line ends: `reportingLineKey`) and a few settings
 * (ingest/userEntities.ts), so its hash is taken from those inputs — the
 * record's digest was computed when the record was read — instead of
 * serialising the whole entity: ~3× less work at 100k employees. The first
 * apply of every process is a full mutation, so even a mapping change that
 * forgot to bump USER_ENTITY_FORMAT reaches the catalog after a restart.
 */
export function createUserHasher(
  settings: UserHashSettings,
): (
  name: string,
  memberOf: string,
  recordDigest: string,
  reportingLine: string,
) => string {
  const fingerprint = createHash('sha1')
    .update(JSON.stringify([USER_ENTITY_FORMAT, settings]))
    .digest('base64url');
  return (name, memberOf, recordDigest, reportingLine) =>
    oneShotHash(
      'sha1',
      `${fingerprint}\n${name}\n${memberOf}\n${recordDigest}\n${reportingLine}`,
      'base64url',
    );
}

/**
 * Hashes entities for the diff: Users from their record digests (see
 * `createUserHasher`), everything else as emitted.
 */
export function createEntityHasher(
  settings: UserHashSettings,
  recordDigests: ReadonlyMap<string, string>,
): (entity: Entity) => string {
  const userHash = createUserHasher(settings);
  return entity => {
    if (entity.kind === 'User') {
      const id = entity.metadata.annotations?.[PAYCOR_ANNOTATIONS.employeeId];
      const digest = id ? recordDigests.get(id) : undefined;
      if (digest) {
        const memberOf =
          (entity.spec as { memberOf?: string[] }).memberOf ?? [];
        return userHash(
          entity.metadata.name,
          memberOf.join(','),
          digest,
          reportingLineKey(userReportingLine(entity)),
        );
      }
    }
    return entityHash(entity);
  };
}

/** The reporting line written on a User (see buildUserEntity). */
function userReportingLine(entity: Entity): UserReportingLine | undefined {
  const a = entity.metadata.annotations ?? {};
  const managerRef = a[PAYCOR_ANNOTATIONS.managerRef];
  if (managerRef) return { managerRef };
  const reason = a[PAYCOR_ANNOTATIONS.reportingLineEnd];
  if (!reason) return undefined;
  return {
    end: {
      reason: reason as ReportingLineEndReason,
      note: a[PAYCOR_ANNOTATIONS.reportingLineNote] ?? '',
    },
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

/** One entity as the emission records it: [ref, hash, label, Paycor id]. */
export type EmissionRow = Emission['entities'][number];

function kindOf(ref: string) {
  return ref.slice(0, ref.indexOf(':'));
}

function labelOf(entity: Entity): string | undefined {
  const spec = entity.spec as
    | { profile?: { displayName?: string } }
    | undefined;
  return spec?.profile?.displayName ?? entity.metadata.title;
}

function paycorIdOf(entity: Entity): string | undefined {
  const a = entity.metadata.annotations ?? {};
  return entity.kind === 'User'
    ? a[PAYCOR_ANNOTATIONS.employeeId]
    : a[PAYCOR_ANNOTATIONS.departmentId];
}

/** The emission row of an entity as emitted. */
export function rowOf(
  entity: Entity,
  hashOf: (entity: Entity) => string = entityHash,
): EmissionRow {
  return [
    stringifyEntityRef(entity),
    hashOf(entity),
    labelOf(entity),
    paycorIdOf(entity),
  ];
}

export interface RowDiff {
  added: EmissionRow[];
  changed: EmissionRow[];
  removed: RemovedEntity[];
  unchanged: number;
  /** what the catalog holds if every change (removals included) is applied */
  next: Emission;
}

/**
 * Compares this run's rows (sorted by ref) with what the catalog holds from
 * the last applied run. Both lists are sorted, so one walk finds additions,
 * changes and removals without an index of either.
 */
export function diffRows(
  unsortedRows: readonly EmissionRow[],
  names: { userNames: EmissionNames; groupNames: EmissionNames },
  previous: Emission | undefined,
): RowDiff {
  // Both are written sorted; sorting is only a safety net.
  const rows = isSorted(unsortedRows) ? unsortedRows : sortRows(unsortedRows);
  const stored = previous?.entities ?? [];
  const before = isSorted(stored) ? stored : sortRows(stored);
  const added: EmissionRow[] = [];
  const changed: EmissionRow[] = [];
  const gone: EmissionRow[] = [];
  let unchanged = 0;
  let i = 0;
  let j = 0;
  while (i < rows.length || j < before.length) {
    const row = rows[i];
    const old = before[j];
    if (old === undefined || (row !== undefined && row[0] < old[0])) {
      added.push(row);
      i++;
    } else if (row === undefined || old[0] < row[0]) {
      gone.push(old);
      j++;
    } else {
      if (old[1] === row[1]) unchanged += 1;
      else changed.push(row);
      i++;
      j++;
    }
  }

  const removed: RemovedEntity[] = [];
  // An entity emitted under a new ref is under a ref that was not emitted
  // before (added) or was someone else's (changed: its content differs), never
  // among the unchanged: only those rows are searched.
  const renamedTo = renameFinder([...added, ...changed], gone.length);
  for (const [ref, , label, paycorId] of gone) {
    const entry: RemovedEntity = { entityRef: ref, label, paycorId };
    const to = paycorId ? renamedTo(kindOf(ref), paycorId) : undefined;
    if (to) entry.renamedTo = to;
    removed.push(entry);
  }

  return {
    added,
    changed,
    removed,
    unchanged,
    next: {
      version: 1,
      entities: rows as EmissionRow[],
      userNames: sortedEntries(names.userNames),
      groupNames: sortedEntries(names.groupNames),
    },
  };
}

/**
 * Finds the ref a removed entity's Paycor id is emitted under now (a rename),
 * among the rows that may hold it. A few removals (an exclusion, a leaver)
 * scan them; many get an index.
 */
function renameFinder(
  rows: readonly EmissionRow[],
  removals: number,
): (kind: string, paycorId: string) => string | undefined {
  if (removals === 0) return () => undefined;
  if (removals <= 8) {
    return (kind, paycorId) =>
      rows.find(
        ([ref, , , id]) => id === paycorId && kindOf(ref) === kind,
      )?.[0];
  }
  const byPaycorId = new Map<string, string>();
  for (const [ref, , , paycorId] of rows) {
    if (paycorId) byPaycorId.set(`${kindOf(ref)}:${paycorId}`, ref);
  }
  return (kind, paycorId) => byPaycorId.get(`${kind}:${paycorId}`);
}

/** Names by Paycor id, as a map or as the emission's sorted pairs. */
export type EmissionNames =
  | ReadonlyMap<string, string>
  | ReadonlyArray<[string, string]>;

// The names of one transform are emitted again and again while it is reused.
const sortedNames = new WeakMap<object, Array<[string, string]>>();

function sortedEntries(names: EmissionNames): Array<[string, string]> {
  if (Array.isArray(names)) return names as Array<[string, string]>;
  const map = names as ReadonlyMap<string, string>;
  let entries = sortedNames.get(map);
  if (!entries) {
    entries = [...map].sort(byKey);
    sortedNames.set(map, entries);
  }
  return entries;
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
  const byRef = new Map<string, Entity>();
  const rows = entities.map(entity => {
    const row = rowOf(entity, hashOf);
    byRef.set(row[0], entity);
    return row;
  });
  const diff = diffRows(sortRows(rows), names, previous);
  // in the order given, like the catalog would be told
  const addedRefs = new Set(diff.added.map(r => r[0]));
  const changedRefs = new Set(diff.changed.map(r => r[0]));
  return {
    added: rows.filter(r => addedRefs.has(r[0])).map(r => byRef.get(r[0])!),
    changed: rows.filter(r => changedRefs.has(r[0])).map(r => byRef.get(r[0])!),
    removed: diff.removed,
    unchanged: diff.unchanged,
    next: diff.next,
  };
}

// Lists already found sorted: a run's rows are the next run's stored
// emission, and a cached plan's rows are compared again and again.
const knownSorted = new WeakSet<readonly EmissionRow[]>();

function isSorted(rows: readonly EmissionRow[]): boolean {
  if (knownSorted.has(rows)) return true;
  for (let i = 1; i < rows.length; i++) {
    if (rows[i - 1][0] > rows[i][0]) return false;
  }
  knownSorted.add(rows);
  return true;
}

/**
 * How many Users and Groups rows (sorted by ref, as an emission keeps them)
 * hold. Each kind's refs are one run of a sorted list, so two searches find
 * each: counting 100k refs one by one was ~30 ms of every admin edit.
 */
export function countRefKinds(rows: readonly EmissionRow[]): {
  users: number;
  groups: number;
} {
  if (!isSorted(rows)) {
    let users = 0;
    let groups = 0;
    for (const [ref] of rows) {
      if (ref.startsWith('user:')) users += 1;
      else if (ref.startsWith('group:')) groups += 1;
    }
    return { users, groups };
  }
  // ';' follows ':' in code-unit order: `kind;` bounds every `kind:…` ref
  const at = (ref: string) => firstAtOrAfter(rows, ref, row => row[0]);
  const run = (kind: string) => at(`${kind};`) - at(`${kind}:`);
  return { users: run('user'), groups: run('group') };
}

function sortRows(rows: readonly EmissionRow[]): EmissionRow[] {
  return [...rows].sort(byKey);
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
export function changedPaths(
  before: unknown,
  after: unknown,
  prefix = '',
): string[] {
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

export function emissionToPrevious(
  emission: Emission | undefined,
): PreviousEmission {
  return {
    userNames: new Map(emission?.userNames ?? []),
    groupNames: new Map(emission?.groupNames ?? []),
  };
}

/** Orders tuples by their first element (code-unit order, like the catalog's refs). */
function byKey(
  a: readonly [string, ...unknown[]],
  b: readonly [string, ...unknown[]],
) {
  if (a[0] === b[0]) return 0;
  return a[0] < b[0] ? -1 : 1;
}
