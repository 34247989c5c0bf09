import { PaycorProviderConfig } from '../config/types';
import {
  duplicateEmailConflict,
  missingEmailConflict,
  unknownDepartmentConflict,
  userNameCollisionConflict,
} from './conflictMessages';
import {
  createCalendar,
  datingDay,
  employmentSkipReason,
  nextDatingBoundary,
  resolveTimeZone,
  statusPolicy,
} from './dating';
import { DepartmentTree } from './departmentTree';
import { compareBySeniority, findDuplicateEmails } from './duplicateEmails';
import {
  PreparedEmployee,
  PreparedEmployees,
  preparedUserRef,
} from './employees';
import {
  createDepartmentFilter,
  createEmployeeFilter,
  createExclusionCheck,
  FilterVerdict,
} from './filters';
import { NameCollision, withHashSuffix } from './naming';
import { recordConflicts } from './recordConflicts';
import {
  ConflictDraft,
  ExclusionRule,
  InvalidRecord,
  PaycorEmployeeRecord,
  PaycorLegalEntityRecord,
  SkipReason,
} from './types';
import { ITEMS_PER_STEP, runSteps, Steps } from './steps';
import { nonBlank } from './util';

/** The order skip reasons appear in `stats.skippedByReason`. */
const SKIP_REASONS: readonly SkipReason[] = [
  'not-yet-hired',
  'terminated',
  'status',
  'on-leave',
  'filtered',
  'excluded',
  'invalid',
  'duplicate-email',
];

export interface PeopleInput {
  employees: PreparedEmployees;
  invalid: readonly InvalidRecord[];
  tree: DepartmentTree;
  legalEntity: PaycorLegalEntityRecord;
  config: PaycorProviderConfig;
  exclusions: readonly ExclusionRule[];
  /** Paycor employee id → the User name the previous run gave */
  previousUserNames: ReadonlyMap<string, string>;
  /** the ref Users without a known department are members of */
  rootRef: string;
  now: Date;
}

/** An employee who becomes a User. */
export interface SyncedEmployee {
  employee: PaycorEmployeeRecord;
  /** the User's entity name */
  name: string;
  /** `user:<ns>/<name>` */
  ref: string;
}

/**
 * Who is synced and under which name. It does not depend on department
 * overrides, parents or admin Groups: those only move Groups, so re-homing
 * never has to run this again.
 */
export interface People {
  /** sorted by employee id */
  synced: SyncedEmployee[];
  /** synced Users per department id (departments Paycor listed) */
  directMembers: Map<string, number>;
  /** about people: names, emails, departments, records */
  conflicts: ConflictDraft[];
  /** Paycor employee id → User name, for the next run's `previous` */
  userNames: Map<string, string>;
  skipped: number;
  skippedByReason: Partial<Record<SkipReason, number>>;
  /**
   * Why each employee who is not synced was left out, by employee id (the
   * ids of unreadable records included, when Paycor sent one): what the
   * person trace and the People list report.
   */
  skipReasons: ReadonlyMap<string, SkipReason>;
  /** employees skipped for a shared email: id → who keeps it */
  duplicates: ReadonlyMap<string, { ownerId: string; email: string }>;
  /** synced employees who did not get the name they asked for */
  collisions: readonly NameCollision[];
  /**
   * The instants between which effective dating gives the same answers:
   * from 00:00 of today in the legal entity's zone until the next hire or
   * termination date (undefined: no such date lies ahead). A result kept in
   * memory must not be used outside them.
   */
  validFrom: number;
  validUntil?: number;
}

/**
 * What of the people stage depends on the snapshot, config and day only:
 * dating and status for everyone, config's filters, the seniority order and
 * the emails several candidates share. An admin's exclusion or a new set of
 * previous names reuses it; it is valid from `validFrom` until `validUntil`.
 */
export interface Screening {
  employees: PreparedEmployees;
  /** present by dating and status, in id order, with config's filter verdict */
  present: readonly PreparedEmployee[];
  verdicts: readonly FilterVerdict[];
  /** present and not filtered by config, in seniority order */
  bySeniority: readonly PreparedEmployee[];
  /** of those, the ones sharing a work email, per email (in id order) */
  sharedEmails: ReadonlyArray<readonly PreparedEmployee[]>;
  /**
   * Of those, the ones asking for the same User name: each one's group (in
   * seniority order). Everyone else is alone with their name.
   */
  sharedNames: ReadonlyMap<PreparedEmployee, readonly PreparedEmployee[]>;
  /** skips by dating, status and unreadable records */
  skips: ReadonlyMap<SkipReason, number>;
  /** the same skips per employee id */
  reasons: ReadonlyMap<string, SkipReason>;
  validFrom: number;
  validUntil?: number;
}

type ScreeningInput = Pick<
  PeopleInput,
  'employees' | 'invalid' | 'tree' | 'legalEntity' | 'config' | 'now'
>;

export function screenEmployees(input: ScreeningInput): Screening {
  return runSteps(screenEmployeesSteps(input));
}

/** `screenEmployees`, yielding every `perStep` employees. */
export function* screenEmployeesSteps(
  input: ScreeningInput,
  perStep = ITEMS_PER_STEP,
): Steps<Screening> {
  const { config, tree } = input;
  const skips = new Map<SkipReason, number>();
  const reasons = new Map<string, SkipReason>();
  const skip = (reason: SkipReason, id: string | undefined) => {
    skips.set(reason, (skips.get(reason) ?? 0) + 1);
    if (id !== undefined) reasons.set(id, reason);
  };
  const calendar = createCalendar(
    resolveTimeZone(config.timeZone, input.legalEntity.timeZone),
  );
  const policy = statusPolicy(config);
  const day = datingDay(calendar, policy, input.now.getTime());
  // config's own filters and excludes; an admin's exclusions come later
  const configFilter = createEmployeeFilter(
    config.filters ?? {},
    [],
    createDepartmentFilter(config.filters?.departments, tree),
    tree,
  );

  const present: PreparedEmployee[] = [];
  const verdicts: FilterVerdict[] = [];
  const candidates: PreparedEmployee[] = [];
  let boundary: string | undefined;
  let handled = 0;
  for (const prepared of input.employees.list()) {
    if (++handled % perStep === 0) yield;
    const next = nextDatingBoundary(prepared, calendar, policy, day.today);
    if (next !== undefined && (boundary === undefined || next < boundary)) {
      boundary = next;
    }
    const reason = employmentSkipReason(prepared, prepared.status, day, policy);
    if (reason) {
      skip(reason, prepared.employee.id);
      continue;
    }
    const verdict = configFilter(prepared.employee, prepared.emailKey);
    present.push(prepared);
    verdicts.push(verdict);
    if (!verdict) candidates.push(prepared);
  }
  // Employees Paycor sent in a shape we could not read, with no earlier good
  // version to fall back on, are people we did not emit.
  for (const record of input.invalid) {
    if (
      record.resource === 'employee' &&
      !(record.id && input.employees.has(record.id))
    ) {
      skip('invalid', record.id);
    }
  }

  yield;
  const byEmail = new Map<string, PreparedEmployee | PreparedEmployee[]>();
  for (const candidate of candidates) {
    if (++handled % perStep === 0) yield;
    const key = candidate.emailKey;
    if (key === undefined) continue;
    const seen = byEmail.get(key);
    if (seen === undefined) byEmail.set(key, candidate);
    else if (Array.isArray(seen)) seen.push(candidate);
    else byEmail.set(key, [seen, candidate]);
  }
  const sharedEmails = [...byEmail.values()].filter(
    (v): v is PreparedEmployee[] => Array.isArray(v),
  );

  yield;
  const bySeniority = candidates.sort(compareBySeniority);
  yield;
  const byName = new Map<string, PreparedEmployee | PreparedEmployee[]>();
  for (const candidate of bySeniority) {
    if (++handled % perStep === 0) yield;
    const key = candidate.wantedName.toLowerCase();
    const seen = byName.get(key);
    if (seen === undefined) byName.set(key, candidate);
    else if (Array.isArray(seen)) seen.push(candidate);
    else byName.set(key, [seen, candidate]);
  }
  const sharedNames = new Map<PreparedEmployee, PreparedEmployee[]>();
  for (const group of byName.values()) {
    if (!Array.isArray(group)) continue;
    for (const member of group) sharedNames.set(member, group);
  }

  return {
    employees: input.employees,
    present,
    verdicts,
    bySeniority,
    sharedEmails,
    sharedNames,
    skips,
    reasons,
    validFrom: calendar.startOfDay(day.today),
    ...(boundary !== undefined
      ? { validUntil: calendar.startOfDay(boundary) }
      : {}),
  };
}

/**
 * Decides per employee whether they are a colleague now (dates, status,
 * filters, exclusions), resolves duplicate emails and assigns User names
 * (whoever held a name keeps it). Pure and deterministic, like the transform.
 * `screening` (from `screenEmployees` with the same snapshot, config and day)
 * saves redoing what exclusions and previous names do not change.
 */
export function selectPeople(
  input: PeopleInput,
  screening?: Screening,
): People {
  return runSteps(selectPeopleSteps(input, screening));
}

/** `selectPeople`, yielding every `perStep` employees. */
export function* selectPeopleSteps(
  input: PeopleInput,
  given?: Screening,
  perStep = ITEMS_PER_STEP,
): Steps<People> {
  const screening = given ?? (yield* screenEmployeesSteps(input, perStep));
  const { config, tree } = input;
  const namespace = config.namespace || 'default';
  const previousUsers = input.previousUserNames;
  const conflicts: ConflictDraft[] = [];
  const skipCounts = new Map(screening.skips);
  const skipReasons = new Map(screening.reasons);
  const skip = (reason: SkipReason, id: string) => {
    skipCounts.set(reason, (skipCounts.get(reason) ?? 0) + 1);
    skipReasons.set(id, reason);
  };

  // Config excludes before an admin's, an admin's before config's filters:
  // the reason an admin sees is the most explicit one.
  const isExcluded = createExclusionCheck(input.exclusions);
  const out = new Set<PreparedEmployee>();
  const passed: PreparedEmployee[] = [];
  for (let i = 0; i < screening.present.length; i++) {
    if (i > 0 && i % perStep === 0) yield;
    const prepared = screening.present[i];
    const verdict = screening.verdicts[i];
    let reason: SkipReason | undefined;
    if (verdict === 'excluded') reason = 'excluded';
    else if (isExcluded(prepared.employee, prepared.emailKey)) {
      reason = 'excluded';
    } else if (verdict === 'filtered') reason = 'filtered';
    if (reason) {
      skip(reason, prepared.employee.id);
      if (!verdict) out.add(prepared);
    } else {
      passed.push(prepared);
    }
  }
  yield;

  const duplicates = findDuplicateEmails(
    screening.sharedEmails.flatMap(group => {
      const members = group.filter(p => !out.has(p));
      return members.length > 1 ? members : [];
    }),
    id => previousUsers.has(id),
    c => c.emailKey,
  );
  const duplicateOwners = new Map<string, { ownerId: string; email: string }>();
  for (const d of duplicates) {
    skip('duplicate-email', d.skipped.employee.id);
    duplicateOwners.set(d.skipped.employee.id, {
      ownerId: d.owner.employee.id,
      email: d.email,
    });
  }
  let kept = passed;
  if (duplicates.length > 0) {
    for (const d of duplicates) out.add(d.skipped);
    kept = passed.filter(c => !out.has(c));
  }

  let handled = 0;
  const directMembers = new Map<string, number>();
  for (const { employee } of kept) {
    if (++handled % perStep === 0) yield;
    const id = nonBlank(employee.departmentId);
    if (id !== undefined && tree.has(id)) {
      directMembers.set(id, (directMembers.get(id) ?? 0) + 1);
    }
  }

  yield;
  const names = assignUserNames(screening, out, previousUsers);
  yield;
  const synced: SyncedEmployee[] = new Array(kept.length);
  for (let i = 0; i < kept.length; i++) {
    if (i > 0 && i % perStep === 0) yield;
    const prepared = kept[i];
    const name = names.nameOf(prepared);
    synced[i] = {
      employee: prepared.employee,
      name,
      ref: preparedUserRef(prepared, namespace, name),
    };
  }
  // Conflicts name a few synced people: index only those.
  const wanted = new Set<string>();
  for (const c of names.collisions) wanted.add(c.id).add(c.winnerId!);
  for (const d of duplicates) wanted.add(d.owner.employee.id);
  const index = new Map<string, SyncedEmployee>();
  if (wanted.size > 0) {
    for (const e of synced) {
      if (wanted.has(e.employee.id)) index.set(e.employee.id, e);
    }
  }
  const byId = (id: string) => index.get(id)!;
  for (const collision of names.collisions) {
    const loser = byId(collision.id);
    const winner = byId(collision.winnerId!);
    conflicts.push(
      userNameCollisionConflict({
        employee: loser.employee,
        winner: winner.employee,
        winnerRef: winner.ref,
        wanted: collision.wanted,
        givenRef: loser.ref,
      }),
    );
  }

  for (const { employee, ref } of synced) {
    if (++handled % perStep === 0) yield;
    if (nonBlank(employee.email) === undefined) {
      conflicts.push(missingEmailConflict({ employee, userRef: ref }));
    }
    const departmentId = nonBlank(employee.departmentId);
    if (departmentId !== undefined && !tree.has(departmentId)) {
      conflicts.push(
        unknownDepartmentConflict({
          employee,
          userRef: ref,
          rootRef: input.rootRef,
        }),
      );
    }
  }
  for (const { skipped, owner, email } of duplicates) {
    conflicts.push(
      duplicateEmailConflict({
        skipped: skipped.employee,
        owner: owner.employee,
        ownerRef: byId(owner.employee.id).ref,
        email,
      }),
    );
  }
  const stale = input.employees
    .list()
    .filter(e => e.employee.staleSince !== undefined)
    .map(e => e.employee);
  const invalidEmployees = input.invalid.filter(r => r.resource === 'employee');
  if (stale.length + invalidEmployees.length > 0) {
    conflicts.push(
      ...recordConflicts({
        invalid: invalidEmployees,
        employees: stale,
        userRefs: new Map(synced.map(e => [e.employee.id, e.ref])),
        departmentRefs: new Map(),
      }),
    );
  }

  yield;
  const userNames = new Map<string, string>();
  for (const { employee, name } of synced) {
    if (++handled % perStep === 0) yield;
    userNames.set(employee.id, name);
  }

  const { skippedByReason, skipped } = summariseSkips(skipCounts);

  return {
    synced,
    directMembers,
    conflicts,
    userNames,
    skipped,
    skippedByReason,
    skipReasons,
    duplicates: duplicateOwners,
    collisions: names.collisions,
    validFrom: screening.validFrom,
    ...(screening.validUntil !== undefined
      ? { validUntil: screening.validUntil }
      : {}),
  };
}

/**
 * `assignNames` (ingest/naming.ts) for the people of one run, on the groups
 * the screening made: same winners, same suffixed names for the others, in
 * the same order, without a map of every name. Groups are visited in the
 * order of their most senior member still in the run, as `assignNames`
 * visits names in the order of their first claim.
 */
function assignUserNames(
  screening: Screening,
  out: ReadonlySet<PreparedEmployee>,
  previousUsers: ReadonlyMap<string, string>,
): {
  nameOf: (prepared: PreparedEmployee) => string;
  collisions: NameCollision[];
} {
  const losers: Array<{ claim: PreparedEmployee; winner: PreparedEmployee }> =
    [];
  const visited = new Set<readonly PreparedEmployee[]>();
  for (const prepared of screening.bySeniority) {
    if (out.has(prepared)) continue;
    const group = screening.sharedNames.get(prepared);
    if (!group || visited.has(group)) continue;
    visited.add(group);
    const members = group.filter(m => !out.has(m));
    if (members.length < 2) continue;
    const key = prepared.wantedName.toLowerCase();
    const winner =
      members.find(
        m => previousUsers.get(m.employee.id)?.toLowerCase() === key,
      ) ?? members[0];
    for (const member of members) {
      if (member !== winner) losers.push({ claim: member, winner });
    }
  }

  const given = new Map<PreparedEmployee, string>();
  const collisions: NameCollision[] = [];
  if (losers.length > 0) {
    const taken = new Set<string>();
    for (const prepared of screening.bySeniority) {
      if (!out.has(prepared)) taken.add(prepared.wantedName.toLowerCase());
    }
    for (const { claim, winner } of losers) {
      const id = claim.employee.id;
      let name = withHashSuffix(claim.wantedName, id);
      for (let n = 1; taken.has(name.toLowerCase()); n++) {
        name = withHashSuffix(claim.wantedName, `${id}#${n}`);
      }
      taken.add(name.toLowerCase());
      given.set(claim, name);
      collisions.push({
        id,
        wanted: claim.wantedName,
        given: name,
        winnerId: winner.employee.id,
      });
    }
  }
  return {
    nameOf: prepared => given.get(prepared) ?? prepared.wantedName,
    collisions,
  };
}

/** People derived from an earlier result by `withMoreExclusions`. */
export interface PeopleDelta {
  people: People;
  /** employees the new rules exclude who were not excluded before */
  excluded: readonly PreparedEmployee[];
  /** of those, the ones who were synced */
  removed: readonly SyncedEmployee[];
}

/**
 * `selectPeople` for more admin exclusions than `base` was selected with
 * (`input.exclusions` = the earlier ones plus `added`; same snapshot,
 * screening and previous names), derived from `base` instead of redone for
 * everyone. An exclusion usually takes out one person whose outcome touches
 * nobody else's; whenever it might (they share a work email or a wanted
 * name with someone, their record is stale or unreadable, some User name
 * had to avoid another's), this returns undefined and the caller runs
 * `selectPeople`, so the result is always the one `selectPeople` gives.
 */
export function withMoreExclusions(
  base: People,
  input: PeopleInput,
  screening: Screening,
  added: readonly ExclusionRule[],
): PeopleDelta | undefined {
  const isAdded = createExclusionCheck(added);
  const excluded: PreparedEmployee[] = [];
  const wasSynced: boolean[] = [];
  screening.present.forEach((prepared, i) => {
    const verdict = screening.verdicts[i];
    if (verdict === 'excluded') return;
    if (!isAdded(prepared.employee, prepared.emailKey)) return;
    const id = prepared.employee.id;
    if (base.skipReasons.get(id) === 'excluded') return;
    excluded.push(prepared);
    wasSynced.push(!verdict);
  });
  if (excluded.length === 0) return undefined;

  const alone = (prepared: PreparedEmployee) =>
    !screening.sharedNames.has(prepared) &&
    !screening.sharedEmails.some(group => group.includes(prepared));
  if (
    !excluded.every(
      (p, i) =>
        p.employee.staleSince === undefined && (!wasSynced[i] || alone(p)),
    )
  ) {
    return undefined;
  }
  const invalidIds = new Set(
    input.invalid.filter(r => r.resource === 'employee').map(r => r.id),
  );
  if (excluded.some(p => invalidIds.has(p.employee.id))) return undefined;
  // A suffixed name that was not the first one tried stepped around some
  // name, maybe one of the people now excluded: leave that to selectPeople.
  if (base.collisions.some(c => c.given !== withHashSuffix(c.wanted, c.id))) {
    return undefined;
  }

  const removedIds = new Set<string>();
  const counts = new Map<SkipReason, number>();
  for (const reason of SKIP_REASONS) {
    const count = base.skippedByReason[reason];
    if (count) counts.set(reason, count);
  }
  const skipReasons = new Map(base.skipReasons);
  excluded.forEach((prepared, i) => {
    const id = prepared.employee.id;
    if (wasSynced[i]) {
      if (!base.userNames.has(id)) return;
      removedIds.add(id);
    } else {
      // left out by config's filters until now: the reason changes
      const before = skipReasons.get(id)!;
      counts.set(before, counts.get(before)! - 1);
    }
    counts.set('excluded', (counts.get('excluded') ?? 0) + 1);
    skipReasons.set(id, 'excluded');
  });
  // someone synced under another name than expected: not this simple case
  if (excluded.some((p, i) => wasSynced[i] && !removedIds.has(p.employee.id))) {
    return undefined;
  }

  const removed: SyncedEmployee[] = [];
  const synced: SyncedEmployee[] = [];
  for (const person of base.synced) {
    if (removedIds.has(person.employee.id)) removed.push(person);
    else synced.push(person);
  }
  const directMembers = new Map(base.directMembers);
  const userNames = new Map(base.userNames);
  for (const { employee } of removed) {
    userNames.delete(employee.id);
    const departmentId = nonBlank(employee.departmentId);
    const members =
      departmentId !== undefined ? directMembers.get(departmentId) : undefined;
    if (members === undefined) continue;
    if (members > 1) directMembers.set(departmentId!, members - 1);
    else directMembers.delete(departmentId!);
  }
  // What selectPeople says about a synced person alone (no email, an
  // unknown department) goes with them.
  const conflicts = base.conflicts.filter(
    c =>
      !(
        (c.type === 'missing-email' || c.type === 'unknown-department') &&
        c.subject.kind === 'employee' &&
        removedIds.has(c.subject.id)
      ),
  );

  const { skippedByReason, skipped } = summariseSkips(counts);
  return {
    people: {
      ...base,
      synced,
      directMembers,
      conflicts,
      userNames,
      skipped,
      skippedByReason,
      skipReasons,
    },
    excluded,
    removed,
  };
}

/** The skip counts by reason (in the order reasons are listed) and their total. */
function summariseSkips(counts: ReadonlyMap<SkipReason, number>) {
  const skippedByReason: Partial<Record<SkipReason, number>> = {};
  let skipped = 0;
  for (const reason of SKIP_REASONS) {
    const count = counts.get(reason);
    if (count) {
      skippedByReason[reason] = count;
      skipped += count;
    }
  }
  return { skippedByReason, skipped };
}
