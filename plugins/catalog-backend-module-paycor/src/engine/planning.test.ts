import {
  makeConfig,
  makeDepartment,
  makeEmployee,
  makeExternal,
  makeSnapshot,
  seededRandom,
} from '../ingest/__testUtils__/builders';
import { transformSnapshot } from '../ingest/transform';
import { loadStoredSnapshot } from './loadedSnapshot';
import {
  CatalogView,
  LoadedEmission,
  loadEmission,
  Plan,
  PlanInput,
  Planner,
  PlanSettings,
} from './planning';
import { nextTurn } from './turns';
import { PlanWorkKind } from './work';

const config = makeConfig({ timeZone: 'UTC' });
const sales = makeDepartment({ id: 'D1', description: 'Sales' });
const support = makeDepartment({
  id: 'D2',
  description: 'Support',
  parentId: 'D1',
  level: 3,
});
const ops = makeDepartment({ id: 'D3', description: 'Ops' });
const ana = makeEmployee({ id: 'e1', firstName: 'Ana', departmentId: 'D1' });
const bo = makeEmployee({ id: 'e2', firstName: 'Bo', departmentId: 'D2' });
const cy = makeEmployee({ id: 'e3', firstName: 'Cy', departmentId: 'D3' });
/** hired on 2024-07-01: not present on 2024-06-15, present from July */
const di = makeEmployee({
  id: 'e4',
  firstName: 'Di',
  departmentId: 'D3',
  hireDate: '2024-07-01T00:00:00Z',
});

const snapshot = loadStoredSnapshot(
  'snapshot-1',
  makeSnapshot({
    departments: [sales, support, ops],
    employees: [ana, bo, cy, di],
  }),
  config.userNaming,
);
const noSettings: PlanSettings = {
  overrides: [],
  adminGroups: [],
  exclusions: [],
};
const catalog: CatalogView = { external: makeExternal(), foreign: new Map() };
const JUNE = new Date('2024-06-15T12:00:00Z');
/** More turns than any plan of this small org takes (a bound on the loop below). */
const MAX_TURNS = 400;

function counting() {
  const work: PlanWorkKind[] = [];
  const planner = new Planner({
    config,
    onWork: (_id, kind) => work.push(kind),
  });
  const count = (kind: PlanWorkKind) => work.filter(k => k === kind).length;
  return { planner, work, count };
}

function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return { snapshot, settings: noSettings, catalog, now: JUNE, ...overrides };
}

/** What the engine stores after applying a plan. */
function applied(planner: Planner, plan: Plan, id: string): LoadedEmission {
  const emission = loadEmission(id, plan.diff.next);
  planner.applied(plan, id);
  return emission;
}

function refsOf(plan: Plan) {
  return plan.rows.map(([ref]) => ref);
}

describe('Planner', () => {
  it('plans what the transform gives, entity for entity', () => {
    const { planner } = counting();
    const plan = planner.plan(input());
    const expected = transformSnapshot({
      snapshot: makeSnapshot({
        departments: [sales, support, ops],
        employees: [ana, bo, cy, di],
      }),
      config,
      overrides: [],
      adminGroups: [],
      exclusions: [],
      external: makeExternal(),
      now: JUNE,
    });
    expect(refsOf(plan).map(ref => plan.build(ref))).toEqual(expected.entities);
    expect(plan.conflicts).toEqual(expected.conflicts);
    expect(plan.diff.added).toHaveLength(expected.entities.length);
  });

  it('re-homes without transforming people again, and checking a re-home and applying it share one transform', () => {
    const { planner, count } = counting();
    const first = planner.plan(input());
    const emission = applied(planner, first, 'run-1');
    expect(count('people-transform')).toBe(1);

    const rehome: PlanSettings = {
      ...noSettings,
      overrides: [
        { departmentId: 'D2', parentRef: 'group:default/ops', source: 'api' },
      ],
    };
    // the check (groups with the candidate) …
    const people = planner.people(snapshot, [], emission, JUNE);
    const lines = planner.reportingLines(snapshot, people);
    planner.groups(snapshot, people, lines, rehome, catalog.external, emission);
    // … and the re-apply after the override was stored
    const moved = planner.plan(input({ emission, settings: rehome }));

    expect(count('people-transform')).toBe(1);
    expect(count('reporting-lines')).toBe(1);
    expect(count('group-transform')).toBe(2);
    expect(moved.people).toBe(first.people);
    expect(moved.lines).toBe(first.lines);
    expect(moved.diff.added).toEqual([]);
    expect(moved.diff.changed.map(([ref]) => ref)).toEqual([
      'group:default/ops',
      'group:default/sales',
      'group:default/support',
    ]);
    expect((moved.build('group:default/support').spec as any).parent).toBe(
      'group:default/ops',
    );
  });

  it('plans the same in turns as in one piece, and lets timers run between its stages once its slice is used', async () => {
    const whole = counting().planner.plan(input());
    const { planner, count } = counting();
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
    }, 0);
    let stepped: Plan;
    try {
      stepped = await planner.planInTurns(input(), 0);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThanOrEqual(3);
    expect(count('people-transform')).toBe(1);
    expect(refsOf(stepped)).toEqual(refsOf(whole));
    expect(refsOf(stepped).map(ref => stepped.build(ref))).toEqual(
      refsOf(whole).map(ref => whole.build(ref)),
    );
    expect(stepped.conflicts).toEqual(whole.conflicts);
    expect(stepped.diff).toEqual(whole.diff);
  });

  it("an edit planned at any point of a sync's plan does not change what either gives", async () => {
    const exclude: PlanSettings = {
      ...noSettings,
      exclusions: [{ kind: 'employee-id', value: 'e1' }],
    };
    const rehome: PlanSettings = {
      ...noSettings,
      overrides: [
        { departmentId: 'D2', parentRef: 'group:default/ops', source: 'api' },
      ],
    };
    const july = new Date('2024-07-15T12:00:00Z');
    const fresh = (emission: LoadedEmission, extra: Partial<PlanInput>) =>
      new Planner({ config }).plan(input({ emission, ...extra }));
    const same = (plan: Plan, expected: Plan) => {
      expect(plan.rows).toEqual(expected.rows);
      expect(refsOf(plan).map(ref => plan.build(ref))).toEqual(
        refsOf(expected).map(ref => expected.build(ref)),
      );
      expect(plan.diff).toEqual(expected.diff);
      expect(plan.conflicts).toEqual(expected.conflicts);
    };
    // What the sync plans and what the edit plans. A sync on another day
    // makes new people (so its User rows are all new); a same-day re-home
    // keeps the people and redoes the rows (memberships move) while an
    // exclusion planned meanwhile derives its rows from the last list.
    const cases: Array<[Partial<PlanInput>, Partial<PlanInput>]> = [
      [{ now: july }, { settings: exclude }],
      [{ now: july }, { settings: rehome }],
      [{ now: july }, { now: july }],
      [{ settings: rehome }, { settings: exclude }],
      [{ settings: rehome }, {}],
    ];
    // every point: after k turns of the sync's plan (every stage a person at
    // a time, so points fall inside each of their loops), up to the first k
    // at which the sync has finished before the edit
    const pointsPerCase: number[] = [];
    for (const [sync, edit] of cases) {
      let points = 0;
      for (let k = 0; k <= MAX_TURNS; k++) {
        const planner = new Planner({
          config,
          rowsPerStep: 1,
          itemsPerStep: 1,
        });
        const emission = applied(planner, planner.plan(input()), 'run-1');
        let finished = false;
        const syncing = planner
          .planInTurns(input({ emission, ...sync }), 0)
          .finally(() => {
            finished = true;
          });
        for (let turn = 0; turn < k; turn++) await nextTurn();
        const editedAfterSync = finished;
        const edited = planner.plan(input({ emission, ...edit }));
        const synced = await syncing;
        same(synced, fresh(emission, sync));
        same(edited, fresh(emission, edit));
        // and the planner goes on giving right answers afterwards
        same(planner.plan(input({ emission, ...sync })), synced);
        same(planner.plan(input({ emission, ...edit })), edited);
        if (editedAfterSync) break;
        points += 1;
      }
      expect(points).toBeLessThan(MAX_TURNS);
      pointsPerCase.push(points);
    }
    // A sync on another day redoes every stage: at least one point per
    // person in each of the screening, the selection, the reporting lines
    // and the User rows. A same-day re-home redoes only the User rows.
    const people = snapshot.employees.list().length;
    for (const points of pointsPerCase.slice(0, 3)) {
      expect(points).toBeGreaterThanOrEqual(4 * people);
    }
    for (const points of pointsPerCase.slice(3)) {
      expect(points).toBeGreaterThanOrEqual(people - 1);
    }
  });

  it('forgets every stage it kept: the next plan computes them again and gives the same', () => {
    const { planner, count } = counting();
    const first = planner.plan(input());
    const emission = applied(planner, first, 'run-1');
    planner.forget();
    const again = planner.plan(input({ emission }));
    expect(count('people-transform')).toBe(2);
    expect(count('reporting-lines')).toBe(2);
    expect(count('group-transform')).toBe(2);
    expect(again.people).not.toBe(first.people);
    expect(again.rows).toEqual(first.rows);
    expect(refsOf(again).map(ref => again.build(ref))).toEqual(
      refsOf(first).map(ref => first.build(ref)),
    );
    expect(again.diff.added).toEqual([]);
    expect(again.diff.changed).toEqual([]);
  });

  it('an exclusion transforms people once and removes only that person', () => {
    const { planner, count } = counting();
    const emission = applied(planner, planner.plan(input()), 'run-1');
    const plan = planner.plan(
      input({
        emission,
        settings: {
          ...noSettings,
          exclusions: [{ kind: 'employee-id', value: 'e2' }],
        },
      }),
    );
    expect(count('people-transform')).toBe(2);
    // Bo was Support's only member: the department goes with him
    expect(plan.diff.removed.map(r => r.entityRef)).toEqual([
      'group:default/support',
      `user:default/${bo.email!.split('@')[0]}`,
    ]);
    expect(plan.diff.added).toEqual([]);
    expect(plan.people.skippedByReason).toEqual({
      excluded: 1,
      'not-yet-hired': 1,
    });
  });

  it('brings a person back when their exclusion goes, with the same row as before', () => {
    const { planner } = counting();
    const before = planner.plan(input());
    const excluded = planner.plan(
      input({
        emission: applied(planner, before, 'run-1'),
        settings: {
          ...noSettings,
          exclusions: [{ kind: 'employee-id', value: 'e3' }],
        },
      }),
    );
    const back = planner.plan(
      input({ emission: applied(planner, excluded, 'run-2') }),
    );
    expect(back.rows).toEqual(before.rows);
    expect(back.diff.added.map(([ref]) => ref)).toEqual(
      before.rows
        .map(([ref]) => ref)
        .filter(ref => !excluded.rows.some(([r]) => r === ref)),
    );
  });

  it('never serves people across a dating boundary', () => {
    const { planner, count } = counting();
    const june = planner.plan(input());
    expect(june.people.validUntil).toBe(Date.parse('2024-07-01T00:00:00Z'));
    planner.plan(input({ now: new Date('2024-06-30T23:59:59Z') }));
    expect(count('people-transform')).toBe(1);

    const july = planner.plan(input({ now: new Date('2024-07-01T00:00:00Z') }));
    expect(count('people-transform')).toBe(2);
    expect(july.people.synced.map(s => s.employee.id)).toContain('e4');
    // nor back across the start of the day it was made on
    planner.plan(input({ now: new Date('2024-06-30T23:59:59Z') }));
    expect(count('people-transform')).toBe(3);
  });

  it('does not reuse people made from other previous names', () => {
    const { planner, count } = counting();
    planner.plan(input());
    const elsewhere = loadEmission('run-from-another-replica', {
      version: 1,
      entities: [],
      userNames: [['e1', 'someone-else']],
      groupNames: [],
    });
    planner.plan(input({ emission: elsewhere }));
    expect(count('people-transform')).toBe(2);
  });
});

describe('Planner, an exclusion added to the last plan', () => {
  /** A derived plan is the one planned from scratch: stage for stage, entity for entity. */
  function expectSamePlan(what: string, plan: Plan, fresh: Plan) {
    expect({ what, people: plan.people }).toEqual({
      what,
      people: fresh.people,
    });
    expect({ what, lines: plan.lines }).toEqual({ what, lines: fresh.lines });
    expect({ what, rows: plan.rows }).toEqual({ what, rows: fresh.rows });
    expect({ what, conflicts: plan.conflicts }).toEqual({
      what,
      conflicts: fresh.conflicts,
    });
    expect(plan.rows.map(([ref]) => plan.build(ref))).toEqual(
      fresh.rows.map(([ref]) => fresh.build(ref)),
    );
  }

  /**
   * A messy org: managers (some unknown, some themselves, loops), shared
   * emails and names, filtered employment types, unknown and stale
   * departments, someone not yet hired.
   */
  function messyOrg(seed: number) {
    const random = seededRandom(seed);
    const pick = <T>(list: readonly T[]) =>
      list[Math.floor(random() * list.length)];
    const departments = ['D1', 'D2', 'D3', 'D4'].map((id, i) =>
      makeDepartment({ id, ...(i > 0 ? { parentId: 'D1' } : {}) }),
    );
    const ids = Array.from({ length: 60 }, (_, i) => `m${seed}-${i}`);
    const managers = ids.slice(0, 12);
    const emailOf = (roll: number, local: string) => {
      if (roll < 0.05) return 'shared@example.com';
      if (roll < 0.08) return undefined;
      return `${local}@example.com`.toLowerCase();
    };
    // none, else an unknown id or themselves (in either case), else a manager
    const managerOf = (id: string) => {
      if (random() < 0.15) return undefined;
      if (random() < 0.1) return pick(['X-unknown', id, id.toUpperCase()]);
      return pick(managers);
    };
    const employees = ids.map((id, i) => {
      const firstName = pick(['Ana', 'Bo', 'Cy', 'Di', 'Ed', 'Flo', 'Gus']);
      const lastName = pick(['Lee', 'Li', 'Ng', 'Roe', 'Sax', 'Tam', 'Ube']);
      const roll = random();
      return makeEmployee({
        id,
        firstName,
        lastName,
        email: emailOf(roll, `${firstName}.${lastName}.${i % 17}`),
        departmentId: pick(['D1', 'D2', 'D3', 'D4', 'D4', 'D9']),
        managerId: managerOf(id),
        employmentType: random() < 0.1 ? 'IndependentContractor' : 'Regular',
        hireDate: pick(['2019-01-07', '2020-03-02', '2024-07-01']),
      });
    });
    return { departments, employees };
  }

  it('gives what planning from scratch gives, whatever the org and the people excluded or let back', () => {
    const filtered = makeConfig({
      timeZone: 'UTC',
      filters: { employmentTypes: ['Regular'], excludeEmployeeIds: ['m2-3'] },
    });
    let derivedLines = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const org = messyOrg(seed);
      const random = seededRandom(seed * 7);
      const cfg = seed % 2 ? config : filtered;
      const loaded = loadStoredSnapshot(
        `snapshot-${seed}`,
        makeSnapshot(org),
        cfg.userNaming,
      );
      const work: PlanWorkKind[] = [];
      const planner = new Planner({
        config: cfg,
        onWork: (_id, kind) => work.push(kind),
      });
      let emission = applied(
        planner,
        planner.plan({ ...input(), snapshot: loaded }),
        'run-0',
      );
      const exclusions: PlanSettings['exclusions'] = [];
      for (let step = 1; step <= 5; step++) {
        const person = org.employees[Math.floor(random() * 60)];
        if (step < 5) {
          exclusions.push(
            random() < 0.8 || !person.email
              ? { kind: 'employee-id', value: person.id }
              : { kind: 'email', value: person.email },
          );
        } else {
          // and one taken back: whoever it excluded is planned again
          exclusions.splice(Math.floor(random() * exclusions.length), 1);
        }
        const settings = { ...noSettings, exclusions: [...exclusions] };
        const linesBefore = work.filter(k => k === 'reporting-lines').length;
        const plan = planner.plan({
          ...input({ emission, settings }),
          snapshot: loaded,
        });
        if (work.filter(k => k === 'reporting-lines').length === linesBefore) {
          derivedLines += 1;
        }
        const fresh = new Planner({ config: cfg }).plan({
          ...input({ emission, settings }),
          snapshot: loaded,
        });
        expectSamePlan(`seed ${seed}, step ${step}`, plan, fresh);
        emission = applied(planner, plan, `run-${step}`);
      }
    }
    // the derivation is taken often enough to be tested
    expect(derivedLines).toBeGreaterThan(20);
  });

  /**
   * An org without loops (everyone's manager was listed before them), some
   * manager ids cased otherwise or unknown, distinct names: eight managers
   * in T1, their teams mostly in a department of the team's own (whose head
   * is then its manager, outside it). Excluding a manager ends their
   * reports' lines and moves heads, which the planner derives too.
   */
  function treeOrg(seed: number) {
    const random = seededRandom(seed);
    const departmentIds = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'];
    const departments = departmentIds.map((id, i) =>
      makeDepartment({ id, ...(i > 0 ? { parentId: 'T1' } : {}) }),
    );
    const ids = Array.from({ length: 50 }, (_, i) => `t${seed}-${i}`);
    const employees = ids.map((id, i) => {
      const roll = random();
      const m = Math.floor(random() * Math.min(i, 8));
      let managerId: string | undefined;
      if (i > 0 && roll < 0.9) {
        managerId = roll < 0.1 ? ids[m].toUpperCase() : ids[m];
      } else if (i > 0) {
        managerId = 'T-unknown';
      }
      let departmentId = 'T1';
      if (i >= 8) {
        departmentId =
          random() < 0.8
            ? departmentIds[1 + (m % 5)]
            : departmentIds[Math.floor(random() * 6)];
      }
      return makeEmployee({
        id,
        firstName: `First${i}`,
        lastName: `Last${seed}`,
        email: `first${i}.last${seed}@example.com`,
        departmentId,
        managerId,
        hireDate: ['2019-01-07', '2020-03-02'][i % 2],
      });
    });
    return { departments, employees };
  }

  it('gives what planning from scratch gives when the people excluded are managers', () => {
    let managersExcluded = 0;
    const endsOfReports = new Set<string | undefined>();
    for (let seed = 1; seed <= 25; seed++) {
      const org = treeOrg(seed);
      const random = seededRandom(seed * 11);
      const loaded = loadStoredSnapshot(
        `tree-${seed}`,
        makeSnapshot(org),
        config.userNaming,
      );
      const work: PlanWorkKind[] = [];
      const planner = new Planner({
        config,
        onWork: (_id, kind) => work.push(kind),
      });
      let emission = applied(
        planner,
        planner.plan({ ...input(), snapshot: loaded }),
        'run-0',
      );
      const exclusions: PlanSettings['exclusions'] = [];
      for (let step = 1; step <= 4; step++) {
        // the first eight are everyone's managers
        const person = org.employees[Math.floor(random() * 8)];
        if (exclusions.some(e => e.value === person.id)) continue;
        exclusions.push({ kind: 'employee-id', value: person.id });
        const settings = { ...noSettings, exclusions: [...exclusions] };
        const linesBefore = work.filter(k => k === 'reporting-lines').length;
        const plan = planner.plan({
          ...input({ emission, settings }),
          snapshot: loaded,
        });
        const reports = plan.people.synced.filter(
          p => p.employee.managerId?.toLowerCase() === person.id.toLowerCase(),
        );
        if (
          reports.length > 0 &&
          work.filter(k => k === 'reporting-lines').length === linesBefore
        ) {
          managersExcluded += 1;
          for (const report of reports) {
            endsOfReports.add(plan.lines.ends.get(report.employee.id)?.reason);
          }
        }
        const fresh = new Planner({ config }).plan({
          ...input({ emission, settings }),
          snapshot: loaded,
        });
        expectSamePlan(`seed ${seed}, step ${step}`, plan, fresh);
        emission = applied(planner, plan, `run-${step}`);
      }
    }
    // the derivation is taken often enough to be tested
    expect(managersExcluded).toBeGreaterThan(20);
    expect(endsOfReports).toEqual(new Set(['manager-excluded']));
  });
});
