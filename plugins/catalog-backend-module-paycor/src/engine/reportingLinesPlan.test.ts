import { PAYCOR_ANNOTATIONS } from '@paycor-backstage/plugin-paycor-common';
import {
  makeConfig,
  makeDepartment,
  makeEmployee,
  makeExternal,
  makeSnapshot,
} from '../ingest/__testUtils__/builders';
import { PaycorEmployeeRecord } from '../ingest/types';
import { LegalEntityDirectory } from './legalEntityDirectory';
import { LoadedSnapshot, loadStoredSnapshot } from './loadedSnapshot';
import { loadEmission, Plan, Planner, PlanSettings } from './planning';

/*
 * How reporting lines reach the catalog through the planner: a User's row
 * (the hash the diff compares) follows its reporting line, so a manager's
 * rename, departure or exclusion re-sends exactly their direct reports.
 */

const config = makeConfig({ timeZone: 'UTC' });
const dept = makeDepartment({ id: 'D1', description: 'Engineering' });
const JUNE = new Date('2024-06-15T12:00:00Z');
const noSettings: PlanSettings = {
  overrides: [],
  adminGroups: [],
  exclusions: [],
};
const catalog = { external: makeExternal(), foreign: new Map() };

const boss = makeEmployee({
  id: 'e1',
  firstName: 'Boss',
  email: 'boss@example.com',
  departmentId: 'D1',
});
const reports = [2, 3, 4].map(n =>
  makeEmployee({
    id: `e${n}`,
    firstName: `Report${n}`,
    email: `report${n}@example.com`,
    departmentId: 'D1',
    managerId: 'e1',
  }),
);
const peer = makeEmployee({
  id: 'e9',
  firstName: 'Peer',
  email: 'peer@example.com',
  departmentId: 'D1',
  managerId: 'e1',
});

function snapshotOf(employees: PaycorEmployeeRecord[], id: string) {
  return loadStoredSnapshot(
    id,
    makeSnapshot({ departments: [dept], employees }),
    config.userNaming,
  );
}

function plan(
  planner: Planner,
  snapshot: LoadedSnapshot,
  previous?: Plan,
  settings = noSettings,
) {
  const emission = previous && loadEmission('run', previous.diff.next);
  return planner.plan({ snapshot, emission, settings, catalog, now: JUNE });
}

const changedRefs = (p: Plan) => p.diff.changed.map(([ref]) => ref).sort();

describe('reporting lines in a plan', () => {
  it('re-sends the reports of a renamed manager, with the new ref, and nothing else', () => {
    const planner = new Planner({ config });
    const first = plan(planner, snapshotOf([boss, ...reports, peer], 's1'));
    const renamedBoss = { ...boss, email: 'chief@example.com' };
    const second = plan(
      planner,
      snapshotOf([renamedBoss, ...reports, peer], 's2'),
      first,
    );
    expect(second.diff.added.map(([ref]) => ref)).toEqual([
      'user:default/chief',
    ]);
    expect(second.diff.removed.map(r => r.entityRef)).toEqual([
      'user:default/boss',
    ]);
    // every report changed although their own records did not
    expect(changedRefs(second)).toEqual([
      'group:default/engineering', // its head annotation names the new ref
      'user:default/peer',
      'user:default/report2',
      'user:default/report3',
      'user:default/report4',
    ]);
    expect(
      second.build('user:default/report2').metadata.annotations?.[
        PAYCOR_ANNOTATIONS.managerRef
      ],
    ).toBe('user:default/chief');
  });

  it('re-sends the reports with a note when their manager is excluded, and leaves them alone when nothing changed', () => {
    const planner = new Planner({ config });
    const snapshot = snapshotOf([boss, ...reports, peer], 's1');
    const first = plan(planner, snapshot);
    const unchanged = plan(planner, snapshot, first);
    expect(unchanged.diff.changed).toEqual([]);

    const excluded = plan(planner, snapshot, first, {
      ...noSettings,
      exclusions: [{ kind: 'employee-id', value: 'e1' }],
    });
    expect(changedRefs(excluded)).toEqual([
      'group:default/engineering',
      'user:default/peer',
      'user:default/report2',
      'user:default/report3',
      'user:default/report4',
    ]);
    const annotations = excluded.build('user:default/report3').metadata
      .annotations!;
    expect(annotations[PAYCOR_ANNOTATIONS.managerRef]).toBeUndefined();
    expect(annotations[PAYCOR_ANNOTATIONS.reportingLineEnd]).toBe(
      'manager-excluded',
    );
  });

  it('re-sends only the person who moves to another manager', () => {
    const planner = new Planner({ config });
    const first = plan(planner, snapshotOf([boss, ...reports, peer], 's1'));
    const moved = { ...reports[0], managerId: 'e9' };
    const second = plan(
      planner,
      snapshotOf([boss, moved, reports[1], reports[2], peer], 's2'),
      first,
    );
    expect(changedRefs(second)).toEqual(['user:default/report2']);
    expect(
      second.build('user:default/report2').metadata.annotations?.[
        PAYCOR_ANNOTATIONS.managerRef
      ],
    ).toBe('user:default/peer');
  });

  it('tells managers of the module’s other legal entities from unknown ones, reading their stored snapshots', async () => {
    const directory = new LegalEntityDirectory();
    const abroad = loadStoredSnapshot(
      'uk-1',
      makeSnapshot({
        employees: [makeEmployee({ id: 'x1', firstName: 'Abroad' })],
      }),
      config.userNaming,
    );
    directory.register('acme', {
      legalEntityId: '501123',
      stored: async () => undefined,
    });
    directory.register('acme-uk', {
      legalEntityId: '77',
      stored: async () => abroad,
    });
    const here = snapshotOf(
      [
        boss,
        { ...reports[0], managerId: 'x1' },
        { ...peer, managerId: 'x404' },
      ],
      's1',
    );
    const elsewhere = await directory.view('acme', here);
    expect(elsewhere?.key).toBe('acme-uk@uk-1');
    const result = new Planner({ config }).plan({
      snapshot: here,
      settings: noSettings,
      catalog,
      now: JUNE,
      elsewhere,
    });
    const endOf = (ref: string) =>
      result.build(ref).metadata.annotations?.[
        PAYCOR_ANNOTATIONS.reportingLineEnd
      ];
    expect(endOf('user:default/report2')).toBe('manager-other-legal-entity');
    expect(endOf('user:default/peer')).toBe('manager-unknown');
    expect(result.conflicts.map(c => [c.type, c.subject.id])).toEqual([
      ['unknown-manager', 'x404'],
    ]);
    // a snapshot whose managers are all listed asks nobody
    expect(
      await directory.view('acme', snapshotOf([boss, ...reports], 's2')),
    ).toBeUndefined();
  });
});
