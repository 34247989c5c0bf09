import { UserEntity } from '@backstage/catalog-model';
import { catalogText, EntityContext } from '../ingest/entityCommon';
import { CompiledFieldMapping } from '../ingest/fieldMapping';
import { People } from '../ingest/people';
import { memberOfRef } from '../ingest/transform';
import { buildUserEntity, userDisplayName } from '../ingest/userEntities';
import { PaycorEmployeeRecord } from '../ingest/types';
import { compareStrings } from '../ingest/util';
import { EmissionRow } from './emissionDiff';

/** The Users of one plan: their emission rows, and how to build each one. */
export interface UserRowSet {
  /** one row per synced employee, sorted by ref */
  rows: readonly EmissionRow[];
  /** builds the User of a ref in `rows` */
  build(ref: string): UserEntity | undefined;
}

interface Memo {
  employee: PaycorEmployeeRecord;
  name: string;
  memberOf: string;
  digest: string;
  row: EmissionRow;
}

/**
 * Emission rows of Users, without building Users: a User's hash comes from
 * its record digest, name and membership (see `createUserHasher`), its label
 * from its record. A row is reused while those stay the same, so a re-home
 * (which moves Groups only) or an exclusion recomputes nothing for the
 * people it does not touch, and Users are built only for what is sent to the
 * catalog.
 */
export class UserRows {
  private readonly memo = new Map<string, Memo>();
  private last?: {
    people: People;
    departmentRefs: ReadonlyMap<string, string>;
    rootRef: string;
    digests: ReadonlyMap<string, string>;
    byRef: ReadonlyMap<string, Memo>;
    set: UserRowSet;
  };

  constructor(
    private readonly options: {
      ctx: EntityContext;
      fieldMapping: CompiledFieldMapping;
      hash: (name: string, memberOf: string, digest: string) => string;
    },
  ) {}

  rowsFor(
    people: People,
    departmentRefs: ReadonlyMap<string, string>,
    rootRef: string,
    digests: ReadonlyMap<string, string>,
  ): UserRowSet {
    const last = this.last;
    if (
      last &&
      last.people === people &&
      last.rootRef === rootRef &&
      last.digests === digests &&
      sameEntries(last.departmentRefs, departmentRefs)
    ) {
      return last.set;
    }
    const sameRecords = last !== undefined && last.digests === digests;
    if (!sameRecords) this.memo.clear();

    const byRef = new Map<string, Memo>();
    const fresh: EmissionRow[] = [];
    for (const { employee, name, ref } of people.synced) {
      // a digest is taken of every record as it is read or decoded
      const memberOf = memberOfRef(
        employee.departmentId,
        departmentRefs,
        rootRef,
      );
      const digest = digests.get(employee.id) ?? '';
      let memo = this.memo.get(employee.id);
      if (
        !memo ||
        memo.name !== name ||
        memo.memberOf !== memberOf ||
        memo.digest !== digest
      ) {
        memo = {
          employee,
          name,
          memberOf,
          digest,
          row: [
            ref,
            this.options.hash(name, memberOf, digest),
            userDisplayName(employee, name),
            catalogText(employee.id),
          ],
        };
        this.memo.set(employee.id, memo);
        fresh.push(memo.row);
      } else if (!sameRecords || last!.byRef.get(ref) !== memo) {
        // unchanged, but not in the last set (excluded then, say)
        fresh.push(memo.row);
      }
      byRef.set(ref, memo);
    }
    // Sorted by ref: the last rows still used, merged with the new ones
    // (a full sort only for the first set of a snapshot).
    fresh.sort(byRef0);
    const previous = sameRecords ? last!.set.rows : [];
    const reused = previous.filter(row => {
      const memo = byRef.get(row[0]);
      return memo !== undefined && memo.row === row;
    });
    const rows = mergeSorted(reused, fresh);

    const { ctx, fieldMapping } = this.options;
    const set: UserRowSet = {
      rows,
      build: ref => {
        const memo = byRef.get(ref);
        if (!memo) return undefined;
        return buildUserEntity({
          employee: memo.employee,
          name: memo.name,
          memberOf: memo.memberOf,
          ctx,
          fieldMapping,
        });
      },
    };
    this.last = { people, departmentRefs, rootRef, digests, byRef, set };
    return set;
  }
}

function byRef0(a: EmissionRow, b: EmissionRow): number {
  return compareStrings(a[0], b[0]);
}

/** Merges two lists sorted by ref. */
function mergeSorted(
  a: readonly EmissionRow[],
  b: readonly EmissionRow[],
): EmissionRow[] {
  if (b.length === 0) return [...a];
  if (a.length === 0) return [...b];
  const merged: EmissionRow[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    merged.push(byRef0(a[i], b[j]) <= 0 ? a[i++] : b[j++]);
  }
  while (i < a.length) merged.push(a[i++]);
  while (j < b.length) merged.push(b[j++]);
  return merged;
}

function sameEntries(
  a: ReadonlyMap<string, string>,
  b: ReadonlyMap<string, string>,
): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [key, value] of a) {
    if (b.get(key) !== value) return false;
  }
  return true;
}
