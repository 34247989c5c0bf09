import { NotFoundError } from '@backstage/errors';
import {
  OrgChartPerson,
  OrgChartSearchResult,
  OrgChartView,
} from '@paycor-backstage/plugin-paycor-common';
import { EngineContext } from '../engine/context';
import { departmentTitle } from '../ingest/conflictMessages';
import { DepartmentTree } from '../ingest/departmentTree';
import { People, SyncedEmployee } from '../ingest/people';
import { ReportingLines } from '../ingest/reportingLines';
import { groupRef } from '../ingest/refs';
import { userDisplayName } from '../ingest/userEntities';
import { nonBlank } from '../ingest/util';

/**
 * The org chart of one plan: every synced person with their direct reports
 * (largest team first, then by name) and team sizes, built once per
 * reporting-lines result, so a request costs a lookup and one page, never a
 * walk of the org. At 100k people it takes a few hundred milliseconds to
 * build and a few tens of MB.
 */
export class OrgChartIndex {
  private readonly byId = new Map<string, SyncedEmployee>();
  private readonly reports = new Map<string, SyncedEmployee[]>();
  private readonly teamSizes = new Map<string, number>();
  private readonly roots: SyncedEmployee[];
  private readonly sortNames = new Map<SyncedEmployee, string>();

  constructor(
    private readonly people: Pick<People, 'synced' | 'skipReasons'>,
    private readonly lines: ReportingLines,
    private readonly tree: DepartmentTree,
    /** department id → its Group ref */
    private readonly departmentRefs: ReadonlyMap<string, string>,
  ) {
    const roots: SyncedEmployee[] = [];
    for (const person of people.synced) {
      this.byId.set(person.employee.id, person);
      this.sortNames.set(person, this.displayName(person).toLowerCase());
      const manager = lines.managers.get(person.employee.id);
      if (!manager) {
        roots.push(person);
        continue;
      }
      const list = this.reports.get(manager.employee.id);
      if (list) list.push(person);
      else this.reports.set(manager.employee.id, [person]);
    }
    this.countTeams(roots);
    for (const list of this.reports.values()) list.sort(this.byTeamThenName);
    this.roots = roots.sort(this.byTeamThenName);
  }

  get size(): number {
    return this.byId.size;
  }

  /** Everyone below each person, bottom-up without recursion (lines can be deep). */
  private countTeams(roots: readonly SyncedEmployee[]) {
    const order: SyncedEmployee[] = [];
    const stack = [...roots];
    while (stack.length > 0) {
      const person = stack.pop()!;
      order.push(person);
      const below = this.reports.get(person.employee.id);
      if (below) stack.push(...below);
    }
    for (let i = order.length - 1; i >= 0; i--) {
      const id = order[i].employee.id;
      let size = 0;
      for (const report of this.reports.get(id) ?? []) {
        size += 1 + (this.teamSizes.get(report.employee.id) ?? 0);
      }
      this.teamSizes.set(id, size);
    }
  }

  private readonly byTeamThenName = (
    a: SyncedEmployee,
    b: SyncedEmployee,
  ): number => {
    const bySize =
      (this.teamSizes.get(b.employee.id) ?? 0) -
      (this.teamSizes.get(a.employee.id) ?? 0);
    if (bySize !== 0) return bySize;
    const an = this.sortNames.get(a)!;
    const bn = this.sortNames.get(b)!;
    if (an !== bn) return an < bn ? -1 : 1;
    return a.employee.id < b.employee.id ? -1 : 1;
  };

  private displayName(person: SyncedEmployee): string {
    return userDisplayName(person.employee, person.name);
  }

  /** One person as the chart shows them. */
  card(person: SyncedEmployee): OrgChartPerson {
    const { employee } = person;
    const departmentId = nonBlank(employee.departmentId);
    const department = departmentId ? this.tree.get(departmentId) : undefined;
    const manager = this.lines.managers.get(employee.id);
    const title = nonBlank(employee.jobTitle);
    return {
      employeeId: employee.id,
      entityRef: person.ref,
      displayName: this.displayName(person),
      ...(title ? { title } : {}),
      ...(department
        ? {
            department: {
              id: department.id,
              name: departmentTitle(department),
              ...(this.departmentRefs.has(department.id)
                ? { entityRef: this.departmentRefs.get(department.id) }
                : {}),
            },
          }
        : {}),
      directReports: this.reports.get(employee.id)?.length ?? 0,
      teamSize: this.teamSizes.get(employee.id) ?? 0,
      ...(manager ? { managerEmployeeId: manager.employee.id } : {}),
    };
  }

  /** A synced person; 404 naming why someone Paycor lists is not synced. */
  private find(employeeId: string): SyncedEmployee {
    const person = this.byId.get(employeeId);
    if (person) return person;
    const reason = this.people.skipReasons.get(employeeId);
    throw new NotFoundError(
      reason
        ? `Employee ${employeeId} is not synced (${reason}), so they are not in the org chart`
        : `No employee ${employeeId} in the org chart`,
    );
  }

  /** Managers from the top of the company down to the person's own. */
  private managersOf(person: SyncedEmployee): SyncedEmployee[] {
    const chain: SyncedEmployee[] = [];
    let manager = this.lines.managers.get(person.employee.id);
    // lines are loop-free; the bound is a second safety net
    while (manager && chain.length <= this.byId.size) {
      chain.push(manager);
      manager = this.lines.managers.get(manager.employee.id);
    }
    return chain.reverse();
  }

  view(
    employeeId: string | undefined,
    page: { limit: number; offset: number },
  ): Omit<OrgChartView, 'snapshotAt'> {
    const person = employeeId === undefined ? undefined : this.find(employeeId);
    const chain = person ? this.managersOf(person) : [];
    const top = chain[0] ?? person;
    const end = top && this.lines.ends.get(top.employee.id);
    const list = person
      ? this.reports.get(person.employee.id) ?? []
      : this.roots;
    return {
      peopleCount: this.byId.size,
      ...(person ? { person: this.card(person) } : {}),
      chain: chain.map(m => this.card(m)),
      ...(end ? { chainEnd: { reason: end.reason, note: end.note } } : {}),
      reports: {
        items: list
          .slice(page.offset, page.offset + page.limit)
          .map(p => this.card(p)),
        totalCount: list.length,
        limit: page.limit,
        offset: page.offset,
      },
    };
  }

  /**
   * People whose name, work email, employee number, job title or id contains
   * `q` (case-insensitive): names that start with it first, then other name
   * matches, then the rest; each group by name.
   */
  search(q: string, limit: number): OrgChartSearchResult {
    const needle = q.trim().toLowerCase();
    const ranked: Array<{ rank: number; person: SyncedEmployee }> = [];
    for (const person of this.byId.values()) {
      const name = this.sortNames.get(person)!;
      let rank: number;
      if (name.startsWith(needle)) rank = 0;
      else if (name.includes(needle)) rank = 1;
      else if (matchesOther(person, needle)) rank = 2;
      else continue;
      ranked.push({ rank, person });
    }
    ranked.sort(
      (a, b) => a.rank - b.rank || this.compareNames(a.person, b.person),
    );
    return {
      items: ranked.slice(0, limit).map(({ person }) => ({
        ...this.card(person),
        path: this.managersOf(person).map(m => m.employee.id),
      })),
      totalCount: ranked.length,
    };
  }

  private compareNames(a: SyncedEmployee, b: SyncedEmployee): number {
    const an = this.sortNames.get(a)!;
    const bn = this.sortNames.get(b)!;
    if (an !== bn) return an < bn ? -1 : 1;
    return a.employee.id < b.employee.id ? -1 : 1;
  }
}

function matchesOther(person: SyncedEmployee, needle: string): boolean {
  const { employee } = person;
  return [
    employee.email,
    employee.employeeNumber,
    employee.jobTitle,
    employee.id,
    person.name,
  ].some(value => value?.toLowerCase().includes(needle));
}

// One index per people and reporting-lines result (both are immutable, and
// the people are one provider's).
const indexes = new WeakMap<
  People,
  { lines: ReportingLines; index: OrgChartIndex }
>();

/**
 * The org chart of the stored snapshot with today's settings: the people
 * and reporting lines the next re-apply would emit, from the plan cache
 * when nothing changed; department Groups as the catalog holds them.
 * Undefined before the first sync.
 */
export async function currentOrgChart(
  ctx: EngineContext,
): Promise<{ snapshotAt: string; index: OrgChartIndex } | undefined> {
  const { sources, planner, clock, config } = ctx;
  const { stored, settings } = await sources.current();
  if (!stored) return undefined;
  const people = planner.people(
    stored.snapshot,
    settings.exclusions,
    stored.emission,
    clock(),
  );
  const lines = planner.reportingLines(
    stored.snapshot,
    people,
    await sources.elsewhere(stored.snapshot),
  );
  let index =
    indexes.get(people)?.lines === lines
      ? indexes.get(people)!.index
      : undefined;
  if (!index) {
    const namespace = config.namespace || 'default';
    const departmentRefs = new Map<string, string>();
    for (const [id, name] of stored.emission.groupNames) {
      departmentRefs.set(id, groupRef(namespace, name));
    }
    index = new OrgChartIndex(
      people,
      lines,
      stored.snapshot.tree,
      departmentRefs,
    );
    indexes.set(people, { lines, index });
  }
  return { snapshotAt: stored.snapshot.fetchedAt, index };
}
