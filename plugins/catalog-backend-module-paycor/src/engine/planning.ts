import { Entity } from '@backstage/catalog-model';
import { PaycorProviderConfig } from '../config/types';
import { ownedByOtherSourceConflict } from '../ingest/conflictMessages';
import { sortConflicts } from '../ingest/conflictOrder';
import { compileFieldMapping } from '../ingest/fieldMapping';
import { arrangeGroups, Groups } from '../ingest/groups';
import { resolveRoot } from '../ingest/organization';
import {
  People,
  PeopleDelta,
  Screening,
  screenEmployeesSteps,
  SyncedEmployee,
  selectPeopleSteps,
  withMoreExclusions,
} from '../ingest/people';
import {
  linesWithout,
  reportingLinesOfSteps,
  ReportingLines,
} from '../ingest/reportingLines';
import { entityContext } from '../ingest/transform';
import {
  AdminGroupDefinition,
  ConflictDraft,
  DepartmentOverride,
  ExclusionRule,
  ExternalGroups,
} from '../ingest/types';
import { removalSetHash } from '../store/ApprovalStore';
import { Emission } from '../store/SnapshotStore';
import {
  countRefKinds,
  createUserHasher,
  diffRows,
  EmissionRow,
  entityHash,
  RowDiff,
  rowOf,
} from './emissionDiff';
import { LoadedSnapshot } from './loadedSnapshot';
import { evaluateRemovalGuard, GuardDecision } from './removalGuard';
import { UserRows } from './userRows';
import { ElsewhereView } from './legalEntityDirectory';
import { runSteps, Steps } from '../ingest/steps';
import { runStepsInTurns, SLICE_MS } from './turns';
import { PlanWorkListener } from './work';

/** The admin settings a plan is made with (config's own are in config). */
export interface PlanSettings {
  /** re-homes set in the sync page or API */
  overrides: DepartmentOverride[];
  adminGroups: AdminGroupDefinition[];
  exclusions: ExclusionRule[];
}

/** What the catalog holds that the plan depends on. */
export interface CatalogView {
  /** Groups of other sources (re-home targets) */
  external: ExternalGroups;
  /** Users and Groups of other sources: ref → their location key */
  foreign: ReadonlyMap<string, string>;
}

/** The stored emission, read once per version. */
export interface LoadedEmission {
  /** the run that wrote it */
  id: string;
  value: Emission;
  userNames: ReadonlyMap<string, string>;
  groupNames: ReadonlyMap<string, string>;
  /** Users and Groups the catalog holds from us */
  users: number;
  groups: number;
}

export function loadEmission(
  id: string,
  value: Emission,
  /** the maps `value`'s names were made from, when at hand */
  names?: Pick<LoadedEmission, 'userNames' | 'groupNames'>,
): LoadedEmission {
  const { users, groups } = countRefKinds(value.entities);
  return {
    id,
    value,
    userNames: names?.userNames ?? new Map(value.userNames),
    groupNames: names?.groupNames ?? new Map(value.groupNames),
    users,
    groups,
  };
}

/** Everything a run needs to know before it applies anything. */
export interface Plan {
  snapshot: LoadedSnapshot;
  people: People;
  lines: ReportingLines;
  groups: Groups;
  rootRef: string;
  /** the entities to emit, as emission rows sorted by ref (other sources' refs left out) */
  rows: readonly EmissionRow[];
  /** builds the entity of a ref in `rows` */
  build(ref: string): Entity;
  /** the transform's conflicts (sorted), then one per ref another source owns */
  conflicts: ConflictDraft[];
  diff: RowDiff;
  guard: GuardDecision;
  /** Users and Groups emitted (after other sources' refs are left out) */
  emitted: { users: number; groups: number };
}

export interface PlanInput {
  snapshot: LoadedSnapshot;
  emission?: LoadedEmission;
  settings: PlanSettings;
  catalog: CatalogView;
  now: Date;
  /** hash of the removal set an admin rejected most recently */
  rejectedHash?: string;
  /** employees of the other configured legal entities, when a manager may be one */
  elsewhere?: ElsewhereView;
}

interface PeopleMemo {
  snapshot: LoadedSnapshot;
  exclusionsKey: string;
  /** the exclusions as keys, sorted */
  exclusionKeys: string[];
  /** when derived from the previous result by more exclusions: how */
  delta?: PeopleDelta & { base: People };
  /** emissions whose User names give this very result */
  emissionIds: Set<string | undefined>;
  value: People;
}

interface GroupsMemo {
  people: People;
  lines: ReportingLines;
  key: string;
  value: Groups;
}

interface LinesMemo {
  people: People;
  elsewhereKey?: string;
  value: ReportingLines;
  /**
   * when derived (linesWithout): the lines it was derived from, and the
   * people whose line changed
   */
  from?: { lines: ReportingLines; changed: readonly SyncedEmployee[] };
}

const GROUPS_KEPT = 3;

/**
 * Plans runs from a snapshot and the current settings, keeping the stages of
 * the last plans so the next one recomputes only what its inputs changed:
 *
 * - people (everyone's dating, filters, duplicate emails and names) depend on
 *   the snapshot, the exclusions, the previous User names and the day; a
 *   re-home or an admin Group never reruns them;
 * - reporting lines (managers, loops, department heads) depend on the people
 *   and, for managers across legal entities, on the other providers'
 *   snapshots; one pass over the synced people;
 * - Groups (names, then parents) depend on the people, their heads, admin
 *   Groups, overrides, other sources' Groups and the previous Group names;
 *   they are cheap and a few recent results are kept, so checking a re-home
 *   and applying it share one;
 * - User rows are reused per person while name, membership, reporting line
 *   and record stay.
 *
 * Applying a plan makes its people valid for the emission it wrote: that
 * emission holds exactly the names they gave, and selecting people again
 * with those names gives the same result (whoever holds a name keeps it).
 */
export class Planner {
  private screening?: Screening;
  private peopleMemo?: PeopleMemo;
  private groupsMemo: GroupsMemo[] = [];
  private linesMemo?: LinesMemo;
  private userRows?: { snapshot: LoadedSnapshot; rows: UserRows };
  private readonly fieldMapping;

  constructor(
    private readonly options: {
      config: PaycorProviderConfig;
      onWork?: PlanWorkListener;
      /** people per piece of the User rows in `planInTurns` (for tests) */
      rowsPerStep?: number;
      /**
       * employees per piece of the people and reporting-lines stages in
       * `planInTurns` (for tests; default ITEMS_PER_STEP)
       */
      itemsPerStep?: number;
    },
  ) {
    this.fieldMapping = compileFieldMapping(options.config.fieldMapping);
  }

  private work(kind: Parameters<PlanWorkListener>[1]) {
    this.options.onWork?.(this.options.config.id, kind);
  }

  /** Who is synced and their names, from memory when still valid. */
  people(
    snapshot: LoadedSnapshot,
    exclusions: readonly ExclusionRule[],
    emission: LoadedEmission | undefined,
    now: Date,
  ): People {
    return runSteps(this.peopleSteps(snapshot, exclusions, emission, now));
  }

  /** `people`, yielding between the screening and the selection. */
  private *peopleSteps(
    snapshot: LoadedSnapshot,
    exclusions: readonly ExclusionRule[],
    emission: LoadedEmission | undefined,
    now: Date,
  ): Generator<void, People, void> {
    const exclusionKeys = exclusions.map(e => keyOf([e.kind, e.value])).sort();
    const exclusionsKey = keyOf(exclusions.map(e => [e.kind, e.value]).sort());
    const memo = this.peopleMemo;
    const t = now.getTime();
    if (
      memo &&
      memo.snapshot === snapshot &&
      memo.exclusionsKey === exclusionsKey &&
      memo.emissionIds.has(emission?.id) &&
      withinValidity(memo.value, t)
    ) {
      return memo.value;
    }
    this.work('people-transform');
    const { config } = this.options;
    const input = {
      employees: snapshot.employees,
      invalid: snapshot.invalid,
      tree: snapshot.tree,
      legalEntity: snapshot.legalEntity,
      config,
      exclusions,
      previousUserNames: emission?.userNames ?? new Map(),
      rootRef: this.rootOf(snapshot).ref,
      now,
    };
    // Dating and config's filters hold for the day: an exclusion or new
    // previous names reuse them.
    let screening = this.screening;
    if (
      !screening ||
      screening.employees !== snapshot.employees ||
      !withinValidity(screening, t)
    ) {
      screening = yield* screenEmployeesSteps(input, this.options.itemsPerStep);
      this.screening = screening;
      yield;
    }
    // An admin's new exclusion usually takes out one person: derive the
    // result from the last one when it was made from the same snapshot, day
    // and names (withMoreExclusions says when that is not safe).
    const added =
      memo &&
      memo.snapshot === snapshot &&
      memo.emissionIds.has(emission?.id) &&
      withinValidity(memo.value, t)
        ? addedExclusions(memo.exclusionKeys, exclusionKeys, exclusions)
        : undefined;
    const delta =
      added && added.length > 0
        ? withMoreExclusions(memo!.value, input, screening, added)
        : undefined;
    const value =
      delta?.people ??
      (yield* selectPeopleSteps(input, screening, this.options.itemsPerStep));
    this.peopleMemo = {
      snapshot,
      exclusionsKey,
      exclusionKeys,
      ...(delta ? { delta: { ...delta, base: memo!.value } } : {}),
      emissionIds: new Set([emission?.id]),
      value,
    };
    return value;
  }

  /**
   * The reporting lines of these people, from memory when the people and the
   * other legal entities are the same.
   */
  reportingLines(
    snapshot: LoadedSnapshot,
    people: People,
    elsewhere?: ElsewhereView,
  ): ReportingLines {
    return runSteps(this.reportingLinesSteps(snapshot, people, elsewhere));
  }

  /** `reportingLines`, yielding every few thousand people when it computes them. */
  private *reportingLinesSteps(
    snapshot: LoadedSnapshot,
    people: People,
    elsewhere?: ElsewhereView,
  ): Steps<ReportingLines> {
    const memo = this.linesMemo;
    if (
      memo &&
      memo.people === people &&
      memo.elsewhereKey === elsewhere?.key
    ) {
      return memo.value;
    }
    const { config } = this.options;
    // people derived from those of the last lines (an exclusion): the lines
    // may follow the same way
    const delta = this.peopleMemo?.delta;
    const derived =
      memo &&
      delta &&
      this.peopleMemo?.value === people &&
      memo.people === delta.base &&
      memo.elsewhereKey === elsewhere?.key
        ? linesWithout(memo.value, {
            config,
            people,
            employees: snapshot.employees,
            invalid: snapshot.invalid,
            tree: snapshot.tree,
            excluded: delta.excluded,
            removed: delta.removed,
          })
        : undefined;
    if (derived) {
      this.linesMemo = {
        people,
        elsewhereKey: elsewhere?.key,
        value: derived.lines,
        from: { lines: memo!.value, changed: derived.changed },
      };
      return derived.lines;
    }
    this.work('reporting-lines');
    const value = yield* reportingLinesOfSteps(
      {
        config,
        people,
        employees: snapshot.employees,
        invalid: snapshot.invalid,
        tree: snapshot.tree,
        elsewhere: elsewhere?.lookup,
      },
      this.options.itemsPerStep,
    );
    this.linesMemo = { people, elsewhereKey: elsewhere?.key, value };
    return value;
  }

  /** The Groups for these people and settings, from memory when seen lately. */
  groups(
    snapshot: LoadedSnapshot,
    people: People,
    lines: ReportingLines,
    settings: Pick<PlanSettings, 'adminGroups' | 'overrides'>,
    external: ExternalGroups,
    emission: LoadedEmission | undefined,
  ): Groups {
    // Both lists are sets to the transform: their order must not matter here.
    const key = keyOf([
      settings.adminGroups
        .map(g => [
          g.name,
          g.title,
          g.description ?? null,
          g.parentRef ?? null,
          g.type,
        ])
        .sort(),
      settings.overrides
        .map(o => [o.departmentId, o.source, o.parentRef])
        .sort(),
      [...external.refs].sort(),
      [...external.parents].sort(),
      emission?.value.groupNames ?? [],
    ]);
    const hit = this.groupsMemo.find(
      m => m.people === people && m.lines === lines && m.key === key,
    );
    if (hit) return hit.value;
    this.work('group-transform');
    const { config } = this.options;
    const value = arrangeGroups({
      tree: snapshot.tree,
      root: this.rootOf(snapshot),
      config,
      ctx: entityContext(config, snapshot.legalEntity.id),
      directMembers: people.directMembers,
      adminGroups: settings.adminGroups,
      overrides: settings.overrides,
      external,
      previousGroupNames: emission?.groupNames ?? new Map(),
      invalid: snapshot.invalid,
      departmentHeads: lines.departmentHeads,
    });
    this.groupsMemo = [{ people, lines, key, value }, ...this.groupsMemo].slice(
      0,
      GROUPS_KEPT,
    );
    return value;
  }

  /** Plans a run in one piece (see planInTurns for a whole sync's). */
  plan(input: PlanInput): Plan {
    return runSteps(this.planSteps(input));
  }

  /**
   * `plan`, giving the event loop a turn between its stages (people,
   * reporting lines, Groups, User rows, the diff) once `sliceMs` of work has
   * run: at 100k employees a plan made from scratch is a few seconds of CPU,
   * which in one piece would hold up every request the backend serves; a
   * plan from memory (an admin edit) takes no turn at all. Another plan
   * interleaving with it may replace a kept stage; the stage after it then
   * computes afresh.
   */
  planInTurns(input: PlanInput, sliceMs = SLICE_MS): Promise<Plan> {
    return runStepsInTurns(this.planSteps(input), sliceMs);
  }

  /** The stages of a plan; yields between them. */
  private *planSteps(input: PlanInput): Generator<void, Plan, void> {
    const { snapshot, emission, settings, catalog, now } = input;
    const { config } = this.options;
    const people = yield* this.peopleSteps(
      snapshot,
      settings.exclusions,
      emission,
      now,
    );
    yield;
    const lines = yield* this.reportingLinesSteps(
      snapshot,
      people,
      input.elsewhere,
    );
    yield;
    const groups = this.groups(
      snapshot,
      people,
      lines,
      settings,
      catalog.external,
      emission,
    );
    yield;
    // What is derived from the kept stages is read in the same piece as
    // they are (the User rows yield on their own, see rowsForSteps).
    const rootRef = this.rootOf(snapshot).ref;
    const userRows = this.userRowsOf(snapshot);
    // people and lines derived from the last ones (an exclusion): the last
    // rows without those of the people taken out, when nothing else moved
    const delta =
      this.peopleMemo?.value === people ? this.peopleMemo.delta : undefined;
    const linesFrom =
      this.linesMemo?.value === lines ? this.linesMemo.from : undefined;
    const users =
      (delta &&
        linesFrom &&
        userRows.rowsWithout(
          { people: delta.base, lines: linesFrom.lines },
          { removed: delta.removed, newLines: linesFrom.changed },
          {
            people,
            lines,
            departmentRefs: groups.departmentRefs,
            rootRef,
            digests: snapshot.digests,
          },
        )) ||
      (yield* userRows.rowsForSteps(
        people,
        groups.departmentRefs,
        rootRef,
        snapshot.digests,
        lines,
      ));
    // The earlier people are not needed any more (100k people hold MBs); the
    // kept stages may have been replaced while the rows were made.
    if (delta && this.peopleMemo?.delta === delta) delete this.peopleMemo.delta;
    if (linesFrom && this.linesMemo?.from === linesFrom) {
      delete this.linesMemo.from;
    }

    const groupsByRef = new Map<string, Entity>();
    const groupRows: EmissionRow[] = groups.entities.map(entity => {
      const row = rowOf(entity, entityHash);
      groupsByRef.set(row[0], entity);
      return row;
    });

    // Entities another source already defines stay that source's.
    const owned: ConflictDraft[] = [];
    const keep = (row: EmissionRow) => {
      const owner = catalog.foreign.get(row[0]);
      if (owner === undefined) return true;
      owned.push(
        ownedByOtherSourceConflict({
          ref: row[0],
          label: row[2] ?? undefined,
          owner,
        }),
      );
      return false;
    };
    // Groups are `group:…`, Users `user:…`: the concatenation stays sorted.
    const keptGroups =
      catalog.foreign.size === 0 ? groupRows : groupRows.filter(keep);
    const keptUsers =
      catalog.foreign.size === 0 ? users.rows : users.rows.filter(keep);
    const rows = [...keptGroups, ...keptUsers];
    yield;

    const diff = diffRows(
      rows,
      { userNames: people.userNames, groupNames: groups.groupNames },
      emission?.value,
    );
    const guard = evaluateRemovalGuard({
      removed: diff.removed,
      usersBefore: emission?.users ?? 0,
      usersAfter: keptUsers.length,
      maxRemovalPercent: config.removalGuard.maxRemovalPercent,
      unidentifiedRecords: snapshot.invalid.filter(i => !i.id).length,
      rejectedHash: input.rejectedHash,
      hashOf: removalSetHash,
    });

    return {
      snapshot,
      people,
      lines,
      groups,
      rootRef,
      rows,
      build: ref => {
        const entity = groupsByRef.get(ref) ?? users.build(ref);
        if (!entity) throw new Error(`No entity ${ref} in this plan`);
        return entity;
      },
      conflicts: [
        ...sortConflicts([
          ...people.conflicts,
          ...lines.conflicts,
          ...groups.conflicts,
        ]),
        ...owned,
      ],
      diff,
      guard,
      emitted: { users: keptUsers.length, groups: keptGroups.length },
    };
  }

  /**
   * Lets go of every stage kept: each was made from one snapshot, and a sync
   * about to read a new one would otherwise hold two orgs in memory while
   * the pages arrive (at 100k employees the stages and the snapshot they
   * came from are ~100 MB). The next plan recomputes what it needs.
   */
  forget() {
    this.screening = undefined;
    this.peopleMemo = undefined;
    this.groupsMemo = [];
    this.linesMemo = undefined;
    this.userRows = undefined;
  }

  /** A plan was applied and its emission stored under `emissionId`. */
  applied(plan: Plan, emissionId: string) {
    if (this.peopleMemo?.value === plan.people) {
      this.peopleMemo.emissionIds.add(emissionId);
    }
  }

  private rootOf(snapshot: LoadedSnapshot) {
    const { config } = this.options;
    return resolveRoot(
      config.organization,
      snapshot.legalEntity,
      config.namespace || 'default',
    );
  }

  private userRowsOf(snapshot: LoadedSnapshot): UserRows {
    if (this.userRows?.snapshot !== snapshot) {
      const { config } = this.options;
      this.userRows = {
        snapshot,
        rows: new UserRows({
          ctx: entityContext(config, snapshot.legalEntity.id),
          fieldMapping: this.fieldMapping,
          rowsPerStep: this.options.rowsPerStep,
          hash: createUserHasher({
            namespace: config.namespace,
            providerId: config.id,
            legalEntityId: snapshot.legalEntity.id,
            fieldMapping: config.fieldMapping,
            ...(config.reportingLines.enabled
              ? {}
              : { reportingLines: false as const }),
          }),
        }),
      };
    }
    return this.userRows.rows;
  }
}

/** Whether effective dating gives the same answers at `t` (epoch ms). */
function withinValidity(
  value: { validFrom: number; validUntil?: number },
  t: number,
): boolean {
  return (
    t >= value.validFrom &&
    (value.validUntil === undefined || t < value.validUntil)
  );
}

/**
 * The rules of `now` that `before` did not have (both as sorted keys), when
 * `now` keeps every rule of `before`; else undefined.
 */
function addedExclusions(
  before: readonly string[],
  now: readonly string[],
  rules: readonly ExclusionRule[],
): ExclusionRule[] | undefined {
  const left = new Map<string, number>();
  for (const key of now) left.set(key, (left.get(key) ?? 0) + 1);
  for (const key of before) {
    const count = left.get(key);
    if (!count) return undefined;
    left.set(key, count - 1);
  }
  return rules.filter(rule => {
    const key = keyOf([rule.kind, rule.value]);
    const count = left.get(key) ?? 0;
    if (count === 0) return false;
    left.set(key, count - 1);
    return true;
  });
}

function keyOf(value: unknown): string {
  return JSON.stringify(value);
}
