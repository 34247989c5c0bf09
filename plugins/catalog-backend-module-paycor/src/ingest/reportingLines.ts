import { ReportingLineEndReason } from '@paycor-backstage/plugin-paycor-common';
import { PaycorProviderConfig } from '../config/types';
import {
  describeManagerId,
  managerCycleConflict,
  personName,
  unknownManagerConflict,
} from './conflictMessages';
import { DepartmentTree } from './departmentTree';
import { compareBySeniority } from './duplicateEmails';
import { emailKey } from './filters';
import { PreparedEmployees } from './employees';
import type { People, SyncedEmployee } from './people';
import { ITEMS_PER_STEP, runSteps, Steps } from './steps';
import { ConflictDraft, InvalidRecord, SkipReason } from './types';
import { compareStrings, nonBlank } from './util';

/** Why a line ends at someone although Paycor names a manager, and the sentence for it. */
export interface ReportingLineEnd {
  reason: ReportingLineEndReason;
  /** stable text (no dates, no names of people who are not synced) */
  note: string;
}

/** A department's head. */
export interface DepartmentHead {
  /** the head's Paycor employee id and User ref (always a synced person) */
  employeeId: string;
  ref: string;
  source: 'configured' | 'reporting-lines';
}

/** A person another configured legal entity lists (a manager across legal entities). */
export interface EmployeeElsewhere {
  providerId: string;
  legalEntityId: string;
}

/**
 * The reporting lines of the synced people: whom each reports to in the
 * catalog, where and why a line ends early, the head of each department,
 * and the conflicts in Paycor's manager data.
 */
export interface ReportingLines {
  /** synced employee id → their manager, also synced (the `reportsTo` relation) */
  managers: ReadonlyMap<string, SyncedEmployee>;
  /** synced employee id → why their line ends although Paycor names a manager */
  ends: ReadonlyMap<string, ReportingLineEnd>;
  /** department id → its head */
  departmentHeads: ReadonlyMap<string, DepartmentHead>;
  /** self-managed people, loops (each cut once), unknown manager ids */
  conflicts: ConflictDraft[];
}

export const NO_REPORTING_LINES: ReportingLines = {
  managers: new Map(),
  ends: new Map(),
  departmentHeads: new Map(),
  conflicts: [],
};

export interface ReportingLinesInput {
  config: PaycorProviderConfig;
  /** who is synced (the people stage), sorted by employee id */
  synced: readonly SyncedEmployee[];
  /** everyone Paycor listed */
  employees: PreparedEmployees;
  invalid: readonly InvalidRecord[];
  tree: DepartmentTree;
  /** why a listed employee (or an unreadable record's id) is not synced */
  whyNotSynced: (employeeId: string) => SkipReason | undefined;
  /** people of the other configured legal entities */
  elsewhere?: (employeeId: string) => EmployeeElsewhere | undefined;
}

const SKIP_END: Record<SkipReason, ReportingLineEndReason> = {
  terminated: 'manager-terminated',
  'not-yet-hired': 'manager-not-yet-hired',
  status: 'manager-status',
  'on-leave': 'manager-on-leave',
  filtered: 'manager-filtered',
  excluded: 'manager-excluded',
  invalid: 'manager-invalid',
  'duplicate-email': 'manager-duplicate-email',
};

const SKIP_PHRASE: Record<SkipReason, string> = {
  terminated: 'who left the company',
  'not-yet-hired': 'who has not started yet',
  status: 'whose employment status is not synced',
  'on-leave': 'who is on leave and not synced while on leave',
  filtered: 'whom the sync’s filters leave out',
  excluded: 'who is excluded from the sync',
  invalid: 'whose Paycor record is invalid',
  'duplicate-email':
    'who is not synced because their work email belongs to someone else',
};

/**
 * Employee ids as Paycor listed them. A manager id is matched exactly, else
 * case-insensitively: GUIDs are case-insensitive, and Paycor does not
 * document that `positionData.manager.id` is cased like the employee's `id`
 * (a guess on the safe side).
 */
class Listed {
  readonly invalid: ReadonlySet<string>;
  private lowerCase?: Map<string, string>;

  constructor(
    private readonly employees: PreparedEmployees,
    invalid: readonly InvalidRecord[],
  ) {
    this.invalid = new Set(
      invalid.filter(r => r.resource === 'employee' && r.id).map(r => r.id!),
    );
  }

  /** the listed id `id` refers to, else `id` itself */
  canonical(id: string): string {
    if (this.employees.has(id) || this.invalid.has(id)) return id;
    if (!this.lowerCase) {
      this.lowerCase = new Map();
      for (const { employee } of this.employees.list()) {
        this.lowerCase.set(employee.id.toLowerCase(), employee.id);
      }
      for (const invalidId of this.invalid) {
        this.lowerCase.set(invalidId.toLowerCase(), invalidId);
      }
    }
    return this.lowerCase.get(id.toLowerCase()) ?? id;
  }
}

/**
 * Works out the reporting lines from each synced person's Paycor manager.
 * Pure and deterministic: the same people and records give the same lines,
 * the same loop cuts and the same heads.
 *
 * - A synced manager gives a line (`managers`).
 * - A manager who is listed but not synced, works for another configured
 *   legal entity, or is not listed at all ends the line with a note; the
 *   last is a conflict (`unknown-manager`, one per manager id).
 * - Someone who is their own manager, and every loop of managers, is a
 *   conflict (`manager-cycle`); a loop is cut at its longest-serving member
 *   (earliest hire date, then lowest employee id), whose line ends there.
 */
export function computeReportingLines(
  input: ReportingLinesInput,
): ReportingLines {
  return runSteps(computeReportingLinesSteps(input));
}

/** `computeReportingLines`, yielding every `perStep` people. */
function* computeReportingLinesSteps(
  input: ReportingLinesInput,
  perStep = ITEMS_PER_STEP,
): Steps<ReportingLines> {
  if (!input.config.reportingLines.enabled) return NO_REPORTING_LINES;
  const { synced, employees } = input;
  let handled = 0;
  const syncedById = new Map<string, SyncedEmployee>();
  for (const person of synced) {
    if (++handled % perStep === 0) yield;
    syncedById.set(person.employee.id, person);
  }
  const listed = new Listed(employees, input.invalid);

  const managers = new Map<string, SyncedEmployee>();
  const ends = new Map<string, ReportingLineEnd>();
  const conflicts: ConflictDraft[] = [];
  const unknown = new Map<string, SyncedEmployee[]>();

  for (const person of synced) {
    if (++handled % perStep === 0) yield;
    const managerId = nonBlank(person.employee.managerId);
    if (managerId === undefined) continue;
    const ownId = person.employee.id;
    const manager =
      syncedById.get(managerId) ?? syncedById.get(listed.canonical(managerId));
    if (manager?.employee.id === ownId) {
      ends.set(ownId, {
        reason: 'self-managed',
        note: 'Paycor lists this person as their own manager; the reporting line ends here.',
      });
      conflicts.push(managerCycleConflict({ members: [person] }));
    } else if (manager) {
      managers.set(ownId, manager);
    } else {
      ends.set(ownId, endWithout(person, managerId, input, listed, unknown));
    }
  }

  yield;
  const loops = findLoops(synced, managers);
  yield;
  for (const loop of loops) {
    const members = loop.map(id => syncedById.get(id)!);
    const cutAt = members.reduce((best, m) =>
      bySeniority(employees, m, best) < 0 ? m : best,
    );
    const start = members.indexOf(cutAt);
    const ordered = [...members.slice(start), ...members.slice(0, start)];
    managers.delete(cutAt.employee.id);
    ends.set(cutAt.employee.id, {
      reason: 'manager-loop',
      note:
        `Paycor's managers form a loop (${[...ordered, cutAt]
          .map(m => personName(m.employee))
          .join(' → ')}); ` +
        'it is cut here, at its longest-serving member, so the reporting line ends here.',
    });
    conflicts.push(managerCycleConflict({ members: ordered }));
  }

  const legalEntityId = String(input.config.legalEntityId);
  for (const [managerId, reports] of [...unknown].sort((a, b) =>
    compareStrings(a[0], b[0]),
  )) {
    conflicts.push(
      unknownManagerConflict({
        managerId,
        legalEntityId,
        reports,
      }),
    );
  }

  return {
    managers,
    ends,
    departmentHeads: yield* departmentHeadsSteps(
      input,
      managers,
      employees,
      perStep,
    ),
    conflicts,
  };
}

/** `computeReportingLines` for the people of one plan. */
export function reportingLinesOf(args: PlanLinesInput): ReportingLines {
  return runSteps(reportingLinesOfSteps(args));
}

interface PlanLinesInput {
  config: PaycorProviderConfig;
  people: Pick<People, 'synced' | 'skipReasons'>;
  employees: PreparedEmployees;
  invalid: readonly InvalidRecord[];
  tree: DepartmentTree;
  elsewhere?: (employeeId: string) => EmployeeElsewhere | undefined;
}

/** `reportingLinesOf`, yielding every `perStep` people. */
export function reportingLinesOfSteps(
  args: PlanLinesInput,
  perStep = ITEMS_PER_STEP,
): Steps<ReportingLines> {
  const { people } = args;
  return computeReportingLinesSteps(
    {
      ...args,
      synced: people.synced,
      whyNotSynced: id => people.skipReasons.get(id),
    },
    perStep,
  );
}

/** The end of the line of someone whose manager is not synced by this provider. */
function endWithout(
  person: SyncedEmployee,
  managerId: string,
  input: ReportingLinesInput,
  listed: Listed,
  unknown: Map<string, SyncedEmployee[]>,
): ReportingLineEnd {
  const id = listed.canonical(managerId);
  const record = input.employees.get(id)?.employee;
  const manager = describeManagerId(id, record?.employeeNumber);
  const reason = input.whyNotSynced(id);
  if (reason) {
    return {
      reason: SKIP_END[reason],
      note: `Paycor names ${manager} as manager, ${SKIP_PHRASE[reason]}; the reporting line ends here.`,
    };
  }
  const elsewhere = input.elsewhere?.(managerId);
  if (elsewhere) {
    return {
      reason: 'manager-other-legal-entity',
      note:
        `Paycor names ${manager} as manager, who works for legal entity ${elsewhere.legalEntityId} ` +
        `(Paycor connection ${elsewhere.providerId}); the reporting line ends here.`,
    };
  }
  const reports = unknown.get(managerId);
  if (reports) reports.push(person);
  else unknown.set(managerId, [person]);
  return {
    reason: 'manager-unknown',
    note: `Paycor names ${manager} as manager, but did not list such an employee; the reporting line ends here.`,
  };
}

/** Earliest effective hire date first, then the lowest employee id. */
function bySeniority(
  employees: PreparedEmployees,
  a: SyncedEmployee,
  b: SyncedEmployee,
): number {
  return compareBySeniority(
    employees.get(a.employee.id) ?? a,
    employees.get(b.employee.id) ?? b,
  );
}

/**
 * Every loop among the manager links (each person has at most one manager,
 * so the loops are disjoint), each in reporting order. One pass: a walk
 * stops at anyone an earlier walk visited.
 */
export function findLoops(
  synced: readonly SyncedEmployee[],
  managers: ReadonlyMap<string, SyncedEmployee>,
): string[][] {
  const done = new Set<string>();
  const loops: string[][] = [];
  for (const person of synced) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let id: string | undefined = person.employee.id;
    while (id !== undefined && !done.has(id) && !onPath.has(id)) {
      onPath.set(id, path.length);
      path.push(id);
      id = managers.get(id)?.employee.id;
    }
    if (id !== undefined && onPath.has(id)) {
      loops.push(path.slice(onPath.get(id)!));
    }
    for (const visited of path) done.add(visited);
  }
  return loops;
}

/**
 * Each department's head: the configured one when synced, else the member
 * most of the other members report to (at any depth, within the
 * department) when that is at least half of them, else the manager outside
 * the department more than half of its members report to directly.
 */
function* departmentHeadsSteps(
  input: ReportingLinesInput,
  managers: ReadonlyMap<string, SyncedEmployee>,
  employees: PreparedEmployees,
  perStep: number,
): Steps<Map<string, DepartmentHead>> {
  const heads = new Map<string, DepartmentHead>();
  const members = new Map<string, SyncedEmployee[]>();
  let handled = 0;
  for (const person of input.synced) {
    if (++handled % perStep === 0) yield;
    const departmentId = nonBlank(person.employee.departmentId);
    if (departmentId === undefined || !input.tree.has(departmentId)) continue;
    const list = members.get(departmentId);
    if (list) list.push(person);
    else members.set(departmentId, [person]);
  }

  // a department at a time: yield once a step's worth of members was seen
  let sinceYield = 0;
  for (const [departmentId, people] of members) {
    sinceYield += people.length;
    if (sinceYield >= perStep) {
      sinceYield = 0;
      yield;
    }
    const head = computedHead(departmentId, people, managers, employees);
    if (head) {
      heads.set(departmentId, {
        employeeId: head.employee.id,
        ref: head.ref,
        source: 'reporting-lines',
      });
    }
  }
  for (const [departmentId, head] of configuredHeads(input)) {
    heads.set(departmentId, {
      employeeId: head.employee.id,
      ref: head.ref,
      source: 'configured',
    });
  }
  return heads;
}

function computedHead(
  departmentId: string,
  people: readonly SyncedEmployee[],
  managers: ReadonlyMap<string, SyncedEmployee>,
  employees: PreparedEmployees,
): SyncedEmployee | undefined {
  const inDepartment = (p: SyncedEmployee) =>
    nonBlank(p.employee.departmentId) === departmentId;
  // how many members each member has below them inside the department
  const below = new Map<SyncedEmployee, number>();
  for (const person of people) {
    let manager = managers.get(person.employee.id);
    // lines are loop-free here; the bound is a second safety net
    for (let hops = 0; manager && inDepartment(manager); hops++) {
      if (hops > people.length) break;
      below.set(manager, (below.get(manager) ?? 0) + 1);
      manager = managers.get(manager.employee.id);
    }
  }
  let best: SyncedEmployee | undefined;
  let bestCount = 0;
  for (const [member, count] of below) {
    if (
      count > bestCount ||
      (count === bestCount &&
        best !== undefined &&
        bySeniority(employees, member, best) < 0)
    ) {
      best = member;
      bestCount = count;
    }
  }
  if (best && bestCount * 2 >= people.length - 1) return best;

  const direct = new Map<SyncedEmployee, number>();
  for (const person of people) {
    const manager = managers.get(person.employee.id);
    if (manager && !inDepartment(manager)) {
      direct.set(manager, (direct.get(manager) ?? 0) + 1);
    }
  }
  for (const [manager, count] of direct) {
    if (count * 2 > people.length) return manager;
  }
  return undefined;
}

/** `reportingLines.departmentHeads`, resolved to synced people. */
function configuredHeads(
  input: ReportingLinesInput,
): Array<[string, SyncedEmployee]> {
  const entries = Object.entries(
    input.config.reportingLines.departmentHeads ?? {},
  );
  if (entries.length === 0) return [];
  const { tree, synced } = input;
  const byKey = new Map<string, SyncedEmployee>();
  // employee id, then employee number, then work email: later ones never
  // take a key an earlier kind claimed
  for (const person of synced) byKey.set(person.employee.id, person);
  for (const person of synced) {
    const number = nonBlank(person.employee.employeeNumber);
    if (number !== undefined && !byKey.has(number)) byKey.set(number, person);
  }
  for (const person of synced) {
    const email = emailKey(person.employee.email);
    if (email !== undefined && !byKey.has(email)) byKey.set(email, person);
  }
  const result: Array<[string, SyncedEmployee]> = [];
  for (const [rawDepartment, rawHead] of entries) {
    const head =
      byKey.get(rawHead.trim()) ?? byKey.get(rawHead.trim().toLowerCase());
    if (!head) continue; // not synced: the computed head stands (README)
    const key = rawDepartment.trim();
    const departmentIds = tree.has(key)
      ? [key]
      : tree.ids.filter(id => nonBlank(tree.get(id)?.code) === key);
    for (const departmentId of departmentIds) result.push([departmentId, head]);
  }
  return result;
}

/** Lines derived from earlier ones (see linesWithout), and whose line changed. */
export interface LinesDelta {
  lines: ReportingLines;
  /** people still synced whose line is not what it was (their manager left) */
  changed: readonly SyncedEmployee[];
}

/**
 * The reporting lines once `excluded` (people who are no longer synced, or
 * are left out for another reason now; `people` is the result without them)
 * are taken out of the people `base` was computed for, derived from `base`
 * when that is sure to give what computing them again gives:
 *
 * - their own lines ended in no conflict (no loop, unknown manager or
 *   self-management to redo);
 * - whoever names one of them as manager reported to them (they were
 *   synced); those lines now end, as a full computation ends them, and are
 *   `changed`. Not while the org has a loop of managers: taking a member out
 *   could open it, and its cut would move.
 *
 * Their own entries go, and the heads of their departments and of their
 * reports' are worked out again. Otherwise undefined: the caller recomputes
 * all lines.
 */
export function linesWithout(
  base: ReportingLines,
  args: {
    config: PaycorProviderConfig;
    people: Pick<People, 'synced' | 'skipReasons'>;
    employees: PreparedEmployees;
    invalid: readonly InvalidRecord[];
    tree: DepartmentTree;
    excluded: ReadonlyArray<{ employee: { id: string } }>;
    /** of `excluded`, those who were synced */
    removed: readonly SyncedEmployee[];
  },
): LinesDelta | undefined {
  const { config } = args;
  if (!config.reportingLines.enabled) {
    return { lines: NO_REPORTING_LINES, changed: [] };
  }
  // a configured head is looked up by id, number or email among everyone synced
  if (Object.keys(config.reportingLines.departmentHeads ?? {}).length > 0) {
    return undefined;
  }
  for (const { employee } of args.removed) {
    const end = base.ends.get(employee.id)?.reason;
    if (
      end === 'self-managed' ||
      end === 'manager-loop' ||
      end === 'manager-unknown'
    ) {
      return undefined;
    }
  }
  // Manager ids match case-insensitively at most: compare lower-cased, which
  // can only find too many reports (then the line to a removed person is
  // checked), never miss one.
  const gone = new Set(args.excluded.map(p => p.employee.id.toLowerCase()));
  const removed = new Set(args.removed);
  const reports: SyncedEmployee[] = [];
  for (const person of args.people.synced) {
    const managerId = nonBlank(person.employee.managerId);
    if (managerId === undefined || !gone.has(managerId.toLowerCase())) {
      continue;
    }
    const manager = base.managers.get(person.employee.id);
    if (!manager || !removed.has(manager)) return undefined;
    reports.push(person);
  }
  if (
    reports.length > 0 &&
    base.conflicts.some(c => c.type === 'manager-cycle')
  ) {
    return undefined;
  }
  if (args.removed.length === 0) return { lines: base, changed: [] };

  const managers = new Map(base.managers);
  const ends = new Map(base.ends);
  const departments = new Set<string>();
  const touch = (employee: { departmentId?: string }) => {
    const departmentId = nonBlank(employee.departmentId);
    if (departmentId !== undefined && args.tree.has(departmentId)) {
      departments.add(departmentId);
    }
  };
  for (const { employee } of args.removed) {
    managers.delete(employee.id);
    ends.delete(employee.id);
    touch(employee);
  }
  // Each report's line ends as computeReportingLines ends a line whose
  // manager is listed but not synced.
  const input: ReportingLinesInput = {
    config,
    synced: args.people.synced,
    employees: args.employees,
    invalid: args.invalid,
    tree: args.tree,
    whyNotSynced: id => args.people.skipReasons.get(id),
  };
  const listed = new Listed(args.employees, args.invalid);
  for (const person of reports) {
    const end = endWithout(
      person,
      nonBlank(person.employee.managerId)!,
      input,
      listed,
      new Map(),
    );
    if (end.reason !== SKIP_END.excluded) return undefined;
    managers.delete(person.employee.id);
    ends.set(person.employee.id, end);
    touch(person.employee);
  }
  const departmentHeads = new Map(base.departmentHeads);
  const members = new Map<string, SyncedEmployee[]>();
  for (const id of departments) members.set(id, []);
  for (const person of args.people.synced) {
    const departmentId = nonBlank(person.employee.departmentId);
    if (departmentId !== undefined) members.get(departmentId)?.push(person);
  }
  for (const [departmentId, people] of members) {
    const head =
      people.length > 0
        ? computedHead(departmentId, people, managers, args.employees)
        : undefined;
    if (head) {
      departmentHeads.set(departmentId, {
        employeeId: head.employee.id,
        ref: head.ref,
        source: 'reporting-lines',
      });
    } else {
      departmentHeads.delete(departmentId);
    }
  }
  return {
    lines: { managers, ends, departmentHeads, conflicts: base.conflicts },
    changed: reports,
  };
}
