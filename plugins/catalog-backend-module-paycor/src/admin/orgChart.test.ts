import { NotFoundError } from '@backstage/errors';
import {
  makeConfig,
  makeDepartment,
  makeEmployee,
  makeExternal,
  makeSnapshot,
} from '../ingest/__testUtils__/builders';
import { PaycorEmployeeRecord } from '../ingest/types';
import { loadStoredSnapshot } from '../engine/loadedSnapshot';
import { Planner } from '../engine/planning';
import { OrgChartIndex } from './orgChart';

const config = makeConfig({ timeZone: 'UTC' });
const eng = makeDepartment({ id: 'D1', description: 'Engineering' });

function person(
  id: string,
  name: string,
  managerId?: string,
  extra: Partial<PaycorEmployeeRecord> = {},
) {
  return makeEmployee({
    id,
    firstName: name,
    lastName: 'Doe',
    email: `${name.toLowerCase()}@example.com`,
    departmentId: 'D1',
    jobTitle: `${name} title`,
    managerId,
    ...extra,
  });
}

/** Ceo → (Vera → Ann, Bob, Cid → Dan), (Walt → Eve); Orphan's manager left. */
const employees = [
  person('e1', 'Ceo'),
  person('e2', 'Vera', 'e1'),
  person('e3', 'Walt', 'e1'),
  person('e4', 'Ann', 'e2'),
  person('e5', 'Bob', 'e2'),
  person('e6', 'Cid', 'e2'),
  person('e7', 'Dan', 'e6'),
  person('e8', 'Eve', 'e3'),
  person('e9', 'Gone', 'e1', {
    status: 'Terminated',
    terminationDate: '2024-01-01T00:00:00Z',
  }),
  person('e10', 'Orphan', 'e9'),
];

function index() {
  const snapshot = loadStoredSnapshot(
    's1',
    makeSnapshot({ departments: [eng], employees }),
    config.userNaming,
  );
  const plan = new Planner({ config }).plan({
    snapshot,
    settings: { overrides: [], adminGroups: [], exclusions: [] },
    catalog: { external: makeExternal(), foreign: new Map() },
    now: new Date('2024-06-15T12:00:00Z'),
  });
  return new OrgChartIndex(
    plan.people,
    plan.lines,
    snapshot.tree,
    plan.groups.departmentRefs,
  );
}

describe('OrgChartIndex', () => {
  const chart = index();
  const names = (items: Array<{ displayName: string }>) =>
    items.map(i => i.displayName);

  it('starts at the top: people without a synced manager, largest team first', () => {
    const top = chart.view(undefined, { limit: 10, offset: 0 });
    expect(top.peopleCount).toBe(9);
    expect(top.person).toBeUndefined();
    expect(names(top.reports.items)).toEqual(['Ceo Doe', 'Orphan Doe']);
    expect(top.reports.items[0]).toEqual({
      employeeId: 'e1',
      entityRef: 'user:default/ceo',
      displayName: 'Ceo Doe',
      title: 'Ceo title',
      department: {
        id: 'D1',
        name: 'Engineering',
        entityRef: 'group:default/engineering',
      },
      directReports: 2,
      teamSize: 7,
    });
  });

  it('shows a person with their managers from the top and their reports, paged', () => {
    const vera = chart.view('e2', { limit: 2, offset: 0 });
    expect(vera.person).toMatchObject({
      displayName: 'Vera Doe',
      directReports: 3,
      teamSize: 4,
      managerEmployeeId: 'e1',
    });
    expect(names(vera.chain)).toEqual(['Ceo Doe']);
    // Cid has a team of one, so comes first; then by name
    expect(names(vera.reports.items)).toEqual(['Cid Doe', 'Ann Doe']);
    expect(vera.reports.totalCount).toBe(3);
    const next = chart.view('e2', { limit: 2, offset: 2 });
    expect(names(next.reports.items)).toEqual(['Bob Doe']);

    const dan = chart.view('e7', { limit: 10, offset: 0 });
    expect(names(dan.chain)).toEqual(['Ceo Doe', 'Vera Doe', 'Cid Doe']);
    expect(dan.reports).toMatchObject({ items: [], totalCount: 0 });
    expect(dan.chainEnd).toBeUndefined();
  });

  it('says why a line stops at its top although Paycor names a manager', () => {
    const orphan = chart.view('e10', { limit: 10, offset: 0 });
    expect(orphan.chain).toEqual([]);
    expect(orphan.chainEnd).toMatchObject({ reason: 'manager-terminated' });
  });

  it('refuses people who are not synced, saying why', () => {
    expect(() => chart.view('e9', { limit: 10, offset: 0 })).toThrow(
      new NotFoundError(
        'Employee e9 is not synced (terminated), so they are not in the org chart',
      ),
    );
    expect(() => chart.view('nobody', { limit: 10, offset: 0 })).toThrow(
      NotFoundError,
    );
  });

  it('finds people by name first, then by email, number, title or id, each with the path to them', () => {
    const result = chart.search('da', 10);
    expect(names(result.items)).toEqual(['Dan Doe']);
    expect(result.items[0].path).toEqual(['e1', 'e2', 'e6']);

    const byTitle = chart.search('VERA TITLE', 10);
    expect(names(byTitle.items)).toEqual(['Vera Doe']);

    // "doe" is in everyone's name: by name, limited, with the total
    const everyone = chart.search('doe', 3);
    expect(everyone.totalCount).toBe(9);
    expect(names(everyone.items)).toEqual(['Ann Doe', 'Bob Doe', 'Ceo Doe']);

    // a name that starts with the text ranks before one that contains it
    const e = chart.search('e', 2);
    expect(names(e.items)).toEqual(['Eve Doe', 'Ann Doe']);
  });
});
