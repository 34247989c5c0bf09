import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  PaycorSandbox,
  startPaycorSandbox,
} from '@paycor-backstage/paycor-sandbox';
import {
  Conflict,
  OrgChartSearchResult,
  OrgChartView,
  PAYCOR_ANNOTATIONS,
} from '@paycor-backstage/plugin-paycor-common';
import request from 'supertest';
import {
  PaycorTestApi,
  PROVIDER_ID,
  startPaycorTestBackend,
} from '../__testUtils__/paycorTestBackend';

jest.setTimeout(300_000);

/*
 * Reporting lines end to end: the sandbox (with its default dirty data) over
 * HTTP → the module → the real catalog with the module's processor. The
 * expected lines come straight from the sandbox's org (each employee's
 * positionData.manager) and the Users the catalog holds, not from the
 * module's code. Changes go through the sandbox's HTTP control API, as a
 * Paycor admin's edits would.
 */

const P = `/providers/${PROVIDER_ID}`;
const ref = (e: Entity) =>
  `user:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`;
const employeeIdOf = (e: Entity) =>
  e.metadata.annotations![PAYCOR_ANNOTATIONS.employeeId];
const nameOf = (e: Entity) =>
  (e.spec as { profile: { displayName: string } }).profile.displayName;
const targets = (e: Entity, type: string) =>
  (e.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef)
    .sort();

describe('reporting lines: sandbox → module → catalog relations', () => {
  let sandbox: PaycorSandbox;
  let backend: PaycorTestApi;

  /** PATCH /_sandbox/employees/{id}: the control API over HTTP. */
  async function setManager(employeeId: string, managerId: string) {
    const res = await fetch(`${sandbox.url}/_sandbox/employees/${employeeId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ positionData: { manager: { id: managerId } } }),
    });
    if (!res.ok) throw new Error(`PATCH ${employeeId}: ${res.status}`);
  }

  function managerIds(): Map<string, string | undefined> {
    return new Map(
      sandbox.control
        .getOrg()
        .employees!.map(e => [e.id!, e.positionData?.manager?.id ?? undefined]),
    );
  }

  /**
   * What the relations must be, from the sandbox's managers and the Users
   * the catalog holds: reportsTo exactly the manager when both are synced
   * (and they are different people), managerOf exactly the reports.
   */
  function expectedRelations(users: Entity[], managers = managerIds()) {
    const refById = new Map(users.map(u => [employeeIdOf(u), ref(u)]));
    const reportsTo = new Map<string, string[]>();
    const managerOf = new Map<string, string[]>();
    for (const user of users) {
      const managerId = managers.get(employeeIdOf(user));
      const managerRef = managerId ? refById.get(managerId) : undefined;
      if (!managerRef || managerRef === ref(user)) continue;
      reportsTo.set(ref(user), [managerRef]);
      managerOf.set(managerRef, [
        ...(managerOf.get(managerRef) ?? []),
        ref(user),
      ]);
    }
    return { reportsTo, managerOf };
  }

  /** Differences between the catalog's relations and the expected ones. */
  function mismatches(
    users: Entity[],
    expected: ReturnType<typeof expectedRelations>,
  ): string[] {
    const problems: string[] = [];
    for (const user of users) {
      const r = ref(user);
      const wantUp = expected.reportsTo.get(r) ?? [];
      const wantDown = (expected.managerOf.get(r) ?? []).sort();
      if (
        JSON.stringify(targets(user, 'reportsTo')) !== JSON.stringify(wantUp)
      ) {
        problems.push(
          `${r} reportsTo ${targets(user, 'reportsTo')} ≠ ${wantUp}`,
        );
      }
      if (
        JSON.stringify(targets(user, 'managerOf')) !== JSON.stringify(wantDown)
      ) {
        problems.push(`${r} managerOf differs`);
      }
    }
    return problems;
  }

  /** Waits until every relation in the catalog is as the sandbox says. */
  async function expectRelationsMatchSandbox() {
    const users = await backend
      .eventually(
        () => backend.entities('user'),
        list => mismatches(list, expectedRelations(list)).length === 0,
        120_000,
      )
      .catch(async error => {
        const list = await backend.entities('user');
        throw new Error(
          `${error.message}: ${mismatches(list, expectedRelations(list))
            .slice(0, 10)
            .join('; ')}`,
        );
      });
    return users;
  }

  async function byEmployeeId(id: string) {
    const users = await backend.entities('user');
    return users.find(u => employeeIdOf(u) === id);
  }

  async function openConflicts(type: string): Promise<Conflict[]> {
    const { body } = await backend.api(
      'get',
      `${P}/conflicts?type=${type}&status=open&limit=100`,
    );
    return body.items;
  }

  async function syncOk() {
    const run = await backend.syncNow();
    if (run.status !== 'succeeded') {
      throw new Error(`sync ${run.status}: ${run.error?.message}`);
    }
    return run;
  }

  beforeAll(async () => {
    // default dirty data: duplicate and missing emails, unknown departments
    sandbox = await startPaycorSandbox({ employees: 300, seed: 15 });
    backend = await startPaycorTestBackend({
      sandbox,
      provider: { timeZone: 'UTC' },
    });
    await syncOk();
    await backend.settled();
  });

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
  });

  it('gives every synced User with a synced manager reportsTo exactly that manager, and the manager managerOf back', async () => {
    const users = await expectRelationsMatchSandbox();
    const expected = expectedRelations(users);
    // a real org: most people have a line, one person is at the top
    expect(expected.reportsTo.size).toBeGreaterThan(users.length * 0.9);
    const tops = users.filter(u => targets(u, 'reportsTo').length === 0);
    expect(tops.length).toBeLessThan(users.length * 0.1);

    // the relation is queryable the way Backstage's catalog filters work
    const [manager, reports] = [...expected.managerOf].sort(
      (a, b) => b[1].length - a[1].length,
    )[0];
    const res = await request(backend.server)
      .get(
        `/api/catalog/entities/by-query?filter=kind=user,relations.reportsTo=${encodeURIComponent(
          manager,
        )}&fields=metadata.name,metadata.namespace,kind&limit=500`,
      )
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: Entity) => ref(e)).sort()).toEqual(
      [...reports].sort(),
    );
  });

  it('moves the relation when the sandbox moves a person to another manager', async () => {
    const users = await backend.entities('user');
    const expected = expectedRelations(users);
    const [personRef, [oldManager]] = [...expected.reportsTo][5];
    const person = users.find(u => ref(u) === personRef)!;
    const newManager = users.find(
      u =>
        ref(u) !== oldManager &&
        ref(u) !== personRef &&
        (expected.managerOf.get(ref(u))?.length ?? 0) > 0,
    )!;
    await setManager(employeeIdOf(person), employeeIdOf(newManager));
    await syncOk();

    await expectRelationsMatchSandbox();
    const moved = await byEmployeeId(employeeIdOf(person));
    expect(targets(moved!, 'reportsTo')).toEqual([ref(newManager)]);
    const old = (await backend.entities('user')).find(
      u => ref(u) === oldManager,
    )!;
    expect(targets(old, 'managerOf')).not.toContain(personRef);
  });

  it('follows a manager’s rename, and ends the line with a note when the manager leaves', async () => {
    const users = await backend.entities('user');
    const expected = expectedRelations(users);
    const [managerRef, reports] = [...expected.managerOf].find(
      ([m, r]) => r.length >= 2 && expected.reportsTo.has(m),
    )!;
    const manager = users.find(u => ref(u) === managerRef)!;
    const managerId = employeeIdOf(manager);
    const reportId = employeeIdOf(users.find(u => ref(u) === reports[0])!);

    const email = await fetch(
      `${sandbox.url}/_sandbox/employees/${managerId}/email`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'renamed.manager@example.com' }),
      },
    );
    expect(email.ok).toBe(true);
    await syncOk();
    const renamed = await backend.eventually(
      () => byEmployeeId(reportId),
      u => targets(u!, 'reportsTo')[0] === 'user:default/renamed.manager',
    );
    expect(renamed!.metadata.annotations![PAYCOR_ANNOTATIONS.managerRef]).toBe(
      'user:default/renamed.manager',
    );
    await expectRelationsMatchSandbox();

    const res = await fetch(
      `${sandbox.url}/_sandbox/employees/${managerId}/terminate`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({}),
      },
    );
    expect(res.ok).toBe(true);
    await syncOk();
    const report = await backend.eventually(
      () => byEmployeeId(reportId),
      u => targets(u!, 'reportsTo').length === 0,
    );
    const a = report!.metadata.annotations!;
    expect(a[PAYCOR_ANNOTATIONS.managerRef]).toBeUndefined();
    expect(a[PAYCOR_ANNOTATIONS.reportingLineEnd]).toBe('manager-terminated');
    expect(a[PAYCOR_ANNOTATIONS.reportingLineNote]).toContain(
      'who left the company',
    );
    await expectRelationsMatchSandbox();
    expect(await openConflicts('unknown-manager')).toEqual([]);
  });

  it('reports self-managed people and loops as manager-cycle conflicts, cut deterministically, and unknown managers as unknown-manager', async () => {
    const users = await backend.entities('user');
    const expected = expectedRelations(users);
    const leaves = users.filter(
      u => expected.reportsTo.has(ref(u)) && !expected.managerOf.has(ref(u)),
    );
    const [solo, a, b, stray] = leaves;
    const original = managerIds();
    await setManager(employeeIdOf(solo), employeeIdOf(solo));
    await setManager(employeeIdOf(a), employeeIdOf(b));
    await setManager(employeeIdOf(b), employeeIdOf(a));
    const ghost = '0badc0de-0000-4000-8000-000000000001';
    await setManager(employeeIdOf(stray), ghost);
    await syncOk();

    const cycles = await openConflicts('manager-cycle');
    const self = cycles.find(c => c.subject.id === employeeIdOf(solo))!;
    expect(self.message).toContain('as their own manager');
    const loop = cycles.find(c => c.subject.id !== employeeIdOf(solo))!;
    expect(cycles).toHaveLength(2);
    // the loop names both, and is cut at one of them
    expect(loop.message).toContain(nameOf(a));
    expect(loop.message).toContain(nameOf(b));
    const cut = [a, b].find(p => employeeIdOf(p) === loop.subject.id)!;
    const other = cut === a ? b : a;

    const [unknown] = await openConflicts('unknown-manager');
    expect(unknown.subject.id).toBe(ghost);
    expect(unknown.message).toContain(ref(stray));

    const now = await backend.eventually(
      async () => ({
        solo: await byEmployeeId(employeeIdOf(solo)),
        cut: await byEmployeeId(employeeIdOf(cut)),
        other: await byEmployeeId(employeeIdOf(other)),
        stray: await byEmployeeId(employeeIdOf(stray)),
      }),
      s =>
        targets(s.solo!, 'reportsTo').length === 0 &&
        targets(s.cut!, 'reportsTo').length === 0 &&
        targets(s.other!, 'reportsTo')[0] === ref(cut) &&
        targets(s.stray!, 'reportsTo').length === 0,
    );
    expect(
      now.cut!.metadata.annotations![PAYCOR_ANNOTATIONS.reportingLineEnd],
    ).toBe('manager-loop');
    expect(
      now.solo!.metadata.annotations![PAYCOR_ANNOTATIONS.reportingLineEnd],
    ).toBe('self-managed');
    expect(targets(now.cut!, 'managerOf')).toContain(ref(other));

    // fixed in Paycor: the conflicts resolve themselves
    for (const p of [solo, a, b, stray]) {
      await setManager(employeeIdOf(p), original.get(employeeIdOf(p))!);
    }
    await syncOk();
    expect(await openConflicts('manager-cycle')).toEqual([]);
    expect(await openConflicts('unknown-manager')).toEqual([]);
    await expectRelationsMatchSandbox();
  });

  it('serves the org chart from the current plan: the top, a person’s line and reports, search', async () => {
    const users = await backend.entities('user');
    const expected = expectedRelations(users);
    const { body: top } = (await backend.api('get', `${P}/org-chart`)) as {
      body: OrgChartView;
    };
    expect(top.peopleCount).toBe(users.length);
    const head = top.reports.items[0];
    // The tops are listed largest team first, each team being everyone whose
    // line leads up to them. (How large the largest is depends on which
    // manager an earlier test terminated, which depends on the catalog's
    // order of Users: so it is computed, not assumed.)
    const teams = new Map<string, number>();
    for (const user of users) {
      const seen = new Set([ref(user)]);
      let at = ref(user);
      while (
        expected.reportsTo.has(at) &&
        !seen.has(expected.reportsTo.get(at)![0])
      ) {
        at = expected.reportsTo.get(at)![0];
        seen.add(at);
      }
      if (at !== ref(user)) teams.set(at, (teams.get(at) ?? 0) + 1);
    }
    const largest = Math.max(...teams.values());
    expect(largest).toBeGreaterThan(0);
    expect(head.teamSize).toBe(largest);
    expect(teams.get(head.entityRef)).toBe(largest);
    expect(expected.reportsTo.has(head.entityRef)).toBe(false);

    const [managerRef, reports] = [...expected.managerOf].find(([m]) =>
      expected.reportsTo.has(m),
    )!;
    const manager = users.find(u => ref(u) === managerRef)!;
    const { body: view } = (await backend.api(
      'get',
      `${P}/org-chart?person=${employeeIdOf(manager)}&limit=500`,
    )) as { body: OrgChartView };
    expect(view.person!.entityRef).toBe(managerRef);
    expect(view.person!.directReports).toBe(reports.length);
    expect(view.reports.items.map(r => r.entityRef).sort()).toEqual(
      [...reports].sort(),
    );
    expect(view.chain[view.chain.length - 1].entityRef).toBe(
      expected.reportsTo.get(managerRef)![0],
    );
    expect(view.chain[0].entityRef).toBe(head.entityRef);

    const name = nameOf(manager);
    const { body: found } = (await backend.api(
      'get',
      `${P}/org-chart/search?q=${encodeURIComponent(name)}`,
    )) as { body: OrgChartSearchResult };
    const hit = found.items.find(i => i.entityRef === managerRef)!;
    expect(hit.path).toEqual(view.chain.map(c => c.employeeId));

    const bad = await backend.api('get', `${P}/org-chart?limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('query.limit');
    const missing = await backend.api('get', `${P}/org-chart?person=nobody`);
    expect(missing.status).toBe(404);
  });

  it('serves the org chart with the read permission alone', async () => {
    const readOnly = await startPaycorTestBackend({
      sandbox,
      provider: { timeZone: 'UTC' },
      denyPermissions: [
        'catalog.paycor.sync.run',
        'catalog.paycor.sync.manage',
      ],
    });
    try {
      // a fresh backend has no snapshot yet: 409 until its first sync
      const before = await readOnly.api('get', `${P}/org-chart`);
      expect(before.status).toBe(409);
      const denied = await readOnly.api('post', `${P}/sync`);
      expect(denied.status).toBe(403);
    } finally {
      await readOnly.stop();
    }
    const noRead = await startPaycorTestBackend({
      sandbox,
      denyPermissions: ['catalog.paycor.sync.read'],
    });
    try {
      const res = await noRead.api('get', `${P}/org-chart/search?q=a`);
      expect(res.status).toBe(403);
    } finally {
      await noRead.stop();
    }
  });
});

describe('reporting lines turned off (reportingLines.enabled: false)', () => {
  let sandbox: PaycorSandbox;
  let backend: PaycorTestApi;

  beforeAll(async () => {
    sandbox = await startPaycorSandbox({ employees: 80, seed: 16 });
    backend = await startPaycorTestBackend({
      sandbox,
      provider: { reportingLines: { enabled: false } },
    });
    const run = await backend.syncNow();
    if (run.status !== 'succeeded') {
      throw new Error(`the sync ${run.status}: ${run.error?.message}`);
    }
    await backend.settled();
  });

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
  });

  it('marks every User so that none reads as the top of a reporting line, and relates nobody', async () => {
    const users = await backend.entities('user');
    expect(users.length).toBeGreaterThan(50);
    const withManager = users.filter(
      u => u.metadata.annotations?.[PAYCOR_ANNOTATIONS.managerEmployeeId],
    );
    expect(withManager.length).toBeGreaterThan(0);
    for (const user of users) {
      const annotations = user.metadata.annotations!;
      expect(annotations[PAYCOR_ANNOTATIONS.reportingLines]).toBe('off');
      expect(annotations[PAYCOR_ANNOTATIONS.managerRef]).toBeUndefined();
      expect(annotations[PAYCOR_ANNOTATIONS.reportingLineEnd]).toBeUndefined();
      expect(targets(user, 'reportsTo')).toEqual([]);
    }
    // an unchanged sync sends nothing
    const again = await backend.syncNow();
    expect(again.mutation).toBe('none');
  });
});
