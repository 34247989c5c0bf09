import { UserEntity } from '@backstage/catalog-model';
import { catalogText, EntityContext } from '../ingest/entityCommon';
import { CompiledFieldMapping } from '../ingest/fieldMapping';
import { People, SyncedEmployee } from '../ingest/people';
import { memberOfRef } from '../ingest/transform';
import { NO_REPORTING_LINES, ReportingLines } from '../ingest/reportingLines';
import {
  buildUserEntity,
  reportingLineKey,
  reportingLineOf,
  UserReportingLine,
  userDisplayName,
} from '../ingest/userEntities';
import { PaycorEmployeeRecord } from '../ingest/types';
import { compareStrings, firstAtOrAfter } from '../ingest/util';
import { EmissionRow } from './emissionDiff';
import { runSteps } from '../ingest/steps';

/** People per piece of `rowsForSteps` (~60 ms of work at 100k employees). */
const ROWS_PER_STEP = 10_000;

/** The round of a memo in no list (see rowsWithout). */
const NOT_LISTED = -1;

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
  /** `reportingLineKey` of the line written on the User */
  lineKey: string;
  line?: UserReportingLine;
  digest: string;
  row: EmissionRow;
  /** the rowsFor call that last included it */
  round: number;
}

/**
 * Emission rows of Users, without building Users: a User's hash comes from
 * its record digest, name, membership and reporting line (see
 * `createUserHasher`), its label from its record. A row is reused while
 * those stay the same (a manager's rename changes their reports' lines, so
 * those Users change and the catalog reprocesses them), so a re-home
 * (which moves Groups only) or an exclusion recomputes nothing for the
 * people it does not touch, and the sorted list is the last one with the
 * changed rows merged in. Users are built only for what is sent to the
 * catalog.
 */
export class UserRows {
  private readonly memo = new Map<string, Memo>();
  private round = 0;
  private last?: {
    people: People;
    lines: ReportingLines;
    departmentRefs: ReadonlyMap<string, string>;
    rootRef: string;
    digests: ReadonlyMap<string, string>;
    round: number;
    /** sorted by ref, aligned with set.rows */
    memos: readonly Memo[];
    set: UserRowSet;
  };

  constructor(
    private readonly options: {
      ctx: EntityContext;
      fieldMapping: CompiledFieldMapping;
      /** people per piece of `rowsForSteps` (tests make it small) */
      rowsPerStep?: number;
      hash: (
        name: string,
        memberOf: string,
        digest: string,
        line: string,
      ) => string;
    },
  ) {}

  rowsFor(
    people: People,
    departmentRefs: ReadonlyMap<string, string>,
    rootRef: string,
    digests: ReadonlyMap<string, string>,
    lines: ReportingLines = NO_REPORTING_LINES,
  ): UserRowSet {
    return runSteps(
      this.rowsForSteps(people, departmentRefs, rootRef, digests, lines),
    );
  }

  /**
   * `rowsFor` a piece at a time: yields every `ROWS_PER_STEP` people (see
   * Planner.planInTurns). The memos change only in the last piece, and only
   * if no other list was made meanwhile; otherwise the list is made again in
   * one piece.
   */
  *rowsForSteps(
    people: People,
    departmentRefs: ReadonlyMap<string, string>,
    rootRef: string,
    digests: ReadonlyMap<string, string>,
    lines: ReportingLines = NO_REPORTING_LINES,
  ): Generator<void, UserRowSet, void> {
    const last = this.last;
    if (
      last &&
      last.people === people &&
      last.lines === lines &&
      last.rootRef === rootRef &&
      last.digests === digests &&
      sameEntries(last.departmentRefs, departmentRefs)
    ) {
      return last.set;
    }
    const startRound = this.round;
    const sameRecords = last !== undefined && last.digests === digests;
    const lastRound = sameRecords ? last!.round : -1;
    const round = startRound + 1;

    const fresh: Memo[] = [];
    const created: Memo[] = [];
    const kept: Memo[] = [];
    const perStep = this.options.rowsPerStep ?? ROWS_PER_STEP;
    let count = 0;
    for (const { employee, name, ref } of people.synced) {
      if (++count % perStep === 0) yield;
      const memberOf = memberOfRef(
        employee.departmentId,
        departmentRefs,
        rootRef,
      );
      // a digest is taken of every record as it is read or decoded
      const digest = digests.get(employee.id) ?? '';
      const line = reportingLineOf(lines, employee.id);
      const lineKey = reportingLineKey(line);
      let memo = sameRecords ? this.memo.get(employee.id) : undefined;
      if (
        !memo ||
        memo.name !== name ||
        memo.memberOf !== memberOf ||
        memo.lineKey !== lineKey ||
        memo.digest !== digest
      ) {
        memo = this.memoOf(
          { employee, name, ref },
          memberOf,
          digest,
          line,
          round,
        );
        created.push(memo);
        fresh.push(memo);
      } else {
        // unchanged, but not in the last list (excluded then, say)
        if (memo.round !== lastRound) fresh.push(memo);
        kept.push(memo);
      }
    }
    // Sorted by ref: the last list's rows still used, merged with the others
    // (a full sort only for the first list of a snapshot). The sort is of
    // this list alone, so it may run before the check below.
    if (count >= perStep) yield;
    fresh.sort(byMemoRef);
    if (count >= perStep) yield;
    // Another list was made while this one waited: what was read of the
    // memos may be stale. Made again in one piece (rare: a preview or an
    // admin read planning the same snapshot at the same moment).
    if (this.round !== startRound) {
      return this.rowsFor(people, departmentRefs, rootRef, digests, lines);
    }
    this.round = round;
    if (!sameRecords) this.memo.clear();
    for (const memo of created) this.memo.set(memo.employee.id, memo);
    for (const memo of kept) memo.round = round;
    const reused = sameRecords
      ? last!.memos.filter(
          m => m.round === round && this.memo.get(m.employee.id) === m,
        )
      : [];
    const memos = mergeSorted(reused, fresh);
    return this.remember(
      { people, lines, departmentRefs, rootRef, digests },
      round,
      memos,
    );
  }

  /**
   * `rowsFor` when the people and lines are those of the last list with some
   * people taken out (an added exclusion the planner derived, see
   * `withMoreExclusions` and `linesWithout`): everyone else keeps their name,
   * membership and record, and their line unless they are in `newLines`
   * (their manager was taken out). The answer is the last list without the
   * rows of `removed`, with new rows for `newLines`. Undefined when the last
   * list was not made from `from` with the same Groups and records, or does
   * not hold those people: then call `rowsFor`.
   */
  rowsWithout(
    from: { people: People; lines: ReportingLines },
    change: {
      removed: readonly SyncedEmployee[];
      newLines: readonly SyncedEmployee[];
    },
    next: {
      people: People;
      lines: ReportingLines;
      departmentRefs: ReadonlyMap<string, string>;
      rootRef: string;
      digests: ReadonlyMap<string, string>;
    },
  ): UserRowSet | undefined {
    const last = this.last;
    if (
      !last ||
      last.people !== from.people ||
      last.lines !== from.lines ||
      last.rootRef !== next.rootRef ||
      last.digests !== next.digests ||
      !sameEntries(last.departmentRefs, next.departmentRefs)
    ) {
      return undefined;
    }
    // Each person's row is found by ref in the sorted list, rather than every
    // memo tested: at 100k employees a pass over them was ~30 ms of an edit.
    const at = new Set<number>();
    for (const person of change.removed) {
      const i = indexOfRef(last.memos, person);
      if (i < 0) return undefined;
      at.add(i);
    }
    const cuts = [...at].sort((a, b) => a - b);
    const memos = without(last.memos, cuts);
    if (memos.length !== next.people.synced.length) return undefined;
    const rows = without(last.set.rows, cuts);
    // The others stay in the list, under the last list's round.
    const round = last.round;
    const renewed: Memo[] = [];
    for (const person of change.newLines) {
      const i = indexOfRef(memos, person);
      if (i < 0) return undefined;
      const old = memos[i];
      const memo = this.memoOf(
        person,
        old.memberOf,
        old.digest,
        reportingLineOf(next.lines, person.employee.id),
        round,
      );
      memos[i] = memo;
      rows[i] = memo.row;
      renewed.push(memo);
    }
    // The people taken out are in no list now (rowsForSteps lists them again
    // if they come back). The counter still moves: a list being made in
    // pieces meanwhile must start again.
    for (const i of cuts) last.memos[i].round = NOT_LISTED;
    for (const memo of renewed) this.memo.set(memo.employee.id, memo);
    this.round += 1;
    return this.remember(next, round, memos, rows);
  }

  /** A person's memo and emission row. */
  private memoOf(
    person: Pick<SyncedEmployee, 'employee' | 'name' | 'ref'>,
    memberOf: string,
    digest: string,
    line: UserReportingLine | undefined,
    round: number,
  ): Memo {
    const { employee, name, ref } = person;
    const lineKey = reportingLineKey(line);
    return {
      employee,
      name,
      memberOf,
      lineKey,
      ...(line ? { line } : {}),
      digest,
      row: [
        ref,
        this.options.hash(name, memberOf, digest, lineKey),
        userDisplayName(employee, name),
        catalogText(employee.id),
      ],
      round,
    };
  }

  private remember(
    inputs: {
      people: People;
      lines: ReportingLines;
      departmentRefs: ReadonlyMap<string, string>;
      rootRef: string;
      digests: ReadonlyMap<string, string>;
    },
    round: number,
    memos: readonly Memo[],
    /** `memos`' rows, when at hand */
    rows: readonly EmissionRow[] = memos.map(m => m.row),
  ): UserRowSet {
    const { ctx, fieldMapping } = this.options;
    let byRef: Map<string, Memo> | undefined;
    const set: UserRowSet = {
      rows,
      build: ref => {
        byRef ??= new Map(memos.map(m => [m.row[0], m]));
        const memo = byRef.get(ref);
        if (!memo) return undefined;
        return buildUserEntity({
          employee: memo.employee,
          name: memo.name,
          memberOf: memo.memberOf,
          line: memo.line,
          ctx,
          fieldMapping,
        });
      },
    };
    this.last = { ...inputs, round, memos, set };
    return set;
  }
}

/**
 * Index of a person's memo in a list sorted by ref, or -1 when the list does
 * not hold them under that ref.
 */
function indexOfRef(
  memos: readonly Memo[],
  person: Pick<SyncedEmployee, 'employee' | 'ref'>,
): number {
  const low = firstAtOrAfter(memos, person.ref, memo => memo.row[0]);
  const memo = memos[low];
  return memo?.row[0] === person.ref && memo.employee.id === person.employee.id
    ? low
    : -1;
}

/** `list` without the items at `cuts` (sorted indexes). */
function without<T>(list: readonly T[], cuts: readonly number[]): T[] {
  const kept: T[] = [];
  let start = 0;
  for (const cut of [...cuts, list.length]) {
    for (let i = start; i < cut; i++) kept.push(list[i]);
    start = cut + 1;
  }
  return kept;
}

function byMemoRef(a: Memo, b: Memo): number {
  return compareStrings(a.row[0], b.row[0]);
}

/** Merges two lists sorted by ref. */
function mergeSorted(a: readonly Memo[], b: readonly Memo[]): Memo[] {
  if (b.length === 0) return [...a];
  if (a.length === 0) return [...b];
  const merged: Memo[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    merged.push(byMemoRef(a[i], b[j]) <= 0 ? a[i++] : b[j++]);
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
