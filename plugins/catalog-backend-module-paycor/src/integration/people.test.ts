import {
  DATA_ACCESS_SCOPES,
  NO_DIRTY_DATA,
  PaycorSandbox,
  startPaycorSandbox,
} from '@paycor-backstage/paycor-sandbox';
import {
  PersonDetail,
  PersonList,
  PersonOutcome,
  PersonSyncResult,
  PERSON_OUTCOMES,
  SyncRun,
  UpcomingChanges,
} from '@paycor-backstage/plugin-paycor-common';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  PaycorTestApi,
  PROVIDER_ID,
  startPaycorTestBackend,
} from '../__testUtils__/paycorTestBackend';

jest.setTimeout(300_000);

const P = `/providers/${PROVIDER_ID}`;
// The module's day: the providers that use it are configured with timeZone UTC.
const today = () => new Date().toISOString().slice(0, 10);

/** For each outcome, the trace step that must say why, and what it says. */
const REASONS: Record<
  PersonOutcome,
  { step: string; detail: RegExp; stepOutcome?: 'pass' | 'fail' }
> = {
  synced: {
    step: 'ownership',
    detail: /^No other source defines user:default\//,
    stepOutcome: 'pass',
  },
  'not-yet-started': {
    step: 'status-and-dates',
    detail:
      /^(Hired|Rehired) \d{4}-\d\d-\d\d: they appear on \d{4}-\d\d-\d\d \(in UTC, where today is/,
  },
  terminated: {
    step: 'status-and-dates',
    detail:
      /^Terminated on \d{4}-\d\d-\d\d: people leave the catalog at 00:00 of their termination date/,
  },
  'on-leave': {
    step: 'status-and-dates',
    detail: /is a leave status and onLeave is "exclude"/,
  },
  'status-not-synced': {
    step: 'status-and-dates',
    detail: /^Status ThirdPartyPayable is not one of the statuses synced/,
  },
  excluded: { step: 'filters-and-exclusions', detail: /^Excluded/ },
  filtered: {
    step: 'filters-and-exclusions',
    detail:
      /^Filtered out: Their department ".*" \(code \d+\) is left out by filters\.departments \(include: none; exclude: \d+;/,
  },
  'duplicate-email': {
    step: 'email',
    detail: /is also the work email of .*, who keeps it: /,
  },
  'invalid-record': {
    step: 'validated',
    detail: /^Paycor's record failed validation: .+\. No earlier good version/,
    stepOutcome: 'fail',
  },
  'owned-by-other-source': {
    step: 'ownership',
    detail: /is already defined by file:.*people\.yaml/,
    stepOutcome: 'fail',
  },
};

describe('People: every person of the last read, and why they are (not) synced', () => {
  let sandbox: PaycorSandbox;
  let backend: PaycorTestApi;
  let dir: string;

  const list = async (query: string): Promise<PersonList> => {
    const res = await backend.api('get', `${P}/people${query}`);
    if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
    return res.body;
  };
  const detail = async (id: string): Promise<PersonDetail> => {
    const res = await backend.api('get', `${P}/people/${id}`);
    if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
    return res.body;
  };
  const syncPerson = async (id: string): Promise<PersonSyncResult> => {
    const res = await backend.api('post', `${P}/people/${id}/sync`);
    if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
    return res.body;
  };

  // the people whose records person syncs changed
  const touched = new Set<string>();
  let firstRun: SyncRun;
  let excludedId: string;

  beforeAll(async () => {
    sandbox = await startPaycorSandbox({ employees: 400, seed: 14 });
    const org = sandbox.control.getOrg();
    const emails = new Map<string, number>();
    for (const e of org.employees) {
      const key = e.email?.emailAddress?.toLowerCase();
      if (key) emails.set(key, (emails.get(key) ?? 0) + 1);
    }
    // People past the first page (200 by id), which the fault below damages.
    const active = [...org.employees]
      .sort((a, b) => (a.id!.toLowerCase() < b.id!.toLowerCase() ? -1 : 1))
      .slice(200)
      .filter(
        e =>
          e.statusData?.status === 'Active' &&
          (e.employmentDateData?.hireDate ?? '').slice(0, 10) <= today() &&
          !e.employmentDateData?.terminationDate &&
          emails.get(e.email?.emailAddress?.toLowerCase() ?? '') === 1,
      );
    const departments = new Map(org.departments.map(d => [d.id!, d]));
    const filteredDepartment = departments.get(active[2].department!.id!)!;
    const outside = active.filter(
      e => e.department?.id !== filteredDepartment.id,
    );
    // a status the sync does not take
    sandbox.control.updateEmployee(outside[0].id!, {
      statusData: { status: 'ThirdPartyPayable' },
    } as any);
    // someone another source already defines
    const owned = outside[1].email!.emailAddress!.split('@')[0].toLowerCase();
    dir = mkdtempSync(path.join(os.tmpdir(), 'paycor-people-'));
    const yaml = path.join(dir, 'people.yaml');
    writeFileSync(
      yaml,
      `apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: ${owned}\nspec:\n  memberOf: []\n`,
    );
    backend = await startPaycorTestBackend({
      sandbox,
      locations: [{ type: 'file', target: yaml }],
      provider: {
        timeZone: 'UTC',
        onLeave: 'exclude',
        filters: { departments: { exclude: [filteredDepartment.code] } },
      },
    });
    await backend.eventually(
      () => backend.entity(`user:default/${owned}`),
      e => Boolean(e),
    );
    // the first read gets some records damaged: invalid, with no good version
    sandbox.control.injectFault({
      type: 'malformed-records',
      endpoint: 'employees',
    });
    firstRun = await backend.syncNow();
    if (firstRun.status === 'failed') throw new Error(firstRun.error?.message);
    // an admin excludes someone
    const synced = await list('?outcome=synced&limit=5');
    excludedId = synced.items[4].employeeId;
    const res = await backend.api('post', `${P}/exclusions`).send({
      kind: 'employee-id',
      value: excludedId,
      note: 'contractor',
    });
    if (res.status !== 201)
      throw new Error(`exclusion: ${res.status} ${res.text}`);
  });

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists everyone of the last read, searchable by name, email, number and id', async () => {
    const all = await list('?limit=500');
    const org = sandbox.control.getOrg();
    // everyone Paycor listed, but records damaged beyond a readable id
    const invalid = await list('?outcome=invalid-record&limit=500');
    const unidentified = firstRun.skippedByReason!.invalid - invalid.totalCount;
    expect(unidentified).toBeGreaterThan(0);
    expect(all.totalCount).toBe(org.employees.length - unidentified);
    const ids = new Set(org.employees.map(e => e.id));
    expect(all.items.every(p => ids.has(p.employeeId))).toBe(true);
    const someone = all.items.find(p => p.email && p.employeeNumber)!;
    for (const q of [
      someone.displayName.toUpperCase(),
      someone.email!,
      someone.employeeNumber!,
      someone.employeeId,
    ]) {
      const found = await list(`?q=${encodeURIComponent(q)}`);
      expect(found.items.map(p => p.employeeId)).toContain(someone.employeeId);
    }
    const none = await list('?q=nobody-has-this-name');
    expect(none).toMatchObject({ items: [], totalCount: 0 });
  });

  it.each(PERSON_OUTCOMES)(
    'shows the outcome "%s" and the step that says why',
    async outcome => {
      const found = await list(`?outcome=${outcome}&limit=3`);
      expect(found.totalCount).toBeGreaterThan(0);
      for (const person of found.items) {
        expect(person.outcome).toBe(outcome);
        const trace = await detail(person.employeeId);
        expect(trace.outcome).toBe(outcome);
        const reason = REASONS[outcome];
        expect(trace.steps.map(s => s.step)).toContain(reason.step);
        const step = trace.steps.find(s => s.step === reason.step)!;
        expect(step.detail).toMatch(reason.detail);
        expect(step.outcome).toBe(reason.stepOutcome ?? 'skip');
        // the catalog's own state closes every trace
        expect(trace.steps.at(-1)!.step).toBe('catalog');
      }
    },
  );

  it('shows synced people in the catalog, with a catalog step that does not fail', async () => {
    const found = await list('?outcome=synced&limit=3');
    expect(found.items.length).toBeGreaterThan(0);
    for (const person of found.items) {
      expect(person.inCatalog).toBe(true);
      const trace = await detail(person.employeeId);
      expect(trace.steps.at(-1)!.outcome).not.toBe('fail');
    }
  });

  it("names the admin, the date and the note of an admin's exclusion", async () => {
    const trace = await detail(excludedId);
    expect(trace.outcome).toBe('excluded');
    const step = trace.steps.find(s => s.step === 'filters-and-exclusions')!;
    expect(step.detail).toMatch(
      /^Excluded by user:default\/admin on .* \("contractor"\)/,
    );
  });

  it('answers unknown ids with 404 naming the id, and bad queries with 400 naming the field', async () => {
    const unknown = '0f0f0f0f-0000-0000-0000-000000000000';
    const res = await backend.api('get', `${P}/people/${unknown}`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain(unknown);
    const bad = await backend.api('get', `${P}/people?outcome=happy&limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /query\.outcome: unknown outcome "happy"/,
    );
    expect(bad.body.error.message).toMatch(/query\.limit/);
    const days = await backend.api('get', `${P}/upcoming?days=1000`);
    expect(days.status).toBe(400);
    expect(days.body.error.message).toMatch(/^query\.days: /);
    const noProvider = await backend.api('get', '/providers/nope/people');
    expect(noProvider.status).toBe(404);
  });

  it('lists the dated changes ahead, in the legal entity zone', async () => {
    const res = await backend.api('get', `${P}/upcoming?days=60`);
    expect(res.status).toBe(200);
    const upcoming: UpcomingChanges = res.body;
    expect(upcoming.from).toBe(today());
    expect(upcoming.joining).toBeGreaterThan(0);
    for (const item of upcoming.items) {
      expect(item.date > upcoming.from).toBe(true);
    }
    // every future hire the People list shows as not yet started, and the
    // first of them is in the list with its date
    const future = await list('?outcome=not-yet-started&limit=500');
    const hire = upcoming.items.find(
      i => i.change === 'hire' && i.effect === 'appears',
    )!;
    expect(future.items.map(p => p.employeeId)).toContain(hire.employeeId);
  });

  it('syncs a new hire alone: one Paycor read, a person run, a User', async () => {
    const hire = sandbox.control.addEmployee({
      firstName: 'Nadia',
      lastName: 'Newhire',
    } as any);
    sandbox.control.resetCallLog();
    touched.add(hire.id);
    const result = await syncPerson(hire.id);
    expect(result.run).toMatchObject({
      trigger: 'person',
      status: 'succeeded',
      counts: expect.objectContaining({ added: 1, removed: 0 }),
    });
    // one employee read (a token refresh at most besides)
    const calls = sandbox.control.getCallLog();
    expect(calls.byEndpoint).toMatchObject({ employee: 1 });
    expect(calls.byEndpoint.employees ?? 0).toBe(0);
    expect(result.run.apiCalls).toBeLessThanOrEqual(2);
    expect(result.person).toMatchObject({
      employeeId: hire.id,
      outcome: 'synced',
      inCatalog: true,
    });
    expect(result.person!.steps[0].detail).toMatch(
      /^Re-read alone from Paycor/,
    );
    const ref = result.person!.entityRef!;
    await backend.eventually(
      () => backend.entity(ref),
      e => Boolean(e),
      30_000,
    );
    expect(result.person!.history[0]).toMatchObject({
      change: 'added',
      trigger: 'person',
      entityRef: ref,
    });
  });

  it('updates a changed title, naming the fields in the history', async () => {
    const [person] = (await list('?outcome=synced&limit=1')).items;
    touched.add(person.employeeId);
    sandbox.control.updateEmployee(person.employeeId, {
      positionData: { jobTitle: 'Chief Tea Officer' },
    } as any);
    const result = await syncPerson(person.employeeId);
    expect(result.run.counts.updated).toBe(1);
    expect(result.person!.history[0]).toMatchObject({
      change: 'updated',
      fields: expect.arrayContaining(['metadata.description']),
      detail: 'Updated job title.',
    });
    await backend.eventually(
      () => backend.entity(person.entityRef!),
      e => e?.metadata.description === 'Chief Tea Officer',
      30_000,
    );
  });

  it('removes a leaver terminated today, saying why', async () => {
    const [person] = (await list('?outcome=synced&limit=3')).items.slice(2);
    touched.add(person.employeeId);
    sandbox.control.terminateEmployee(person.employeeId, { date: today() });
    const result = await syncPerson(person.employeeId);
    expect(result.run.counts.removed).toBe(1);
    expect(result.person).toMatchObject({
      outcome: 'terminated',
      inCatalog: false,
    });
    expect(result.person!.history[0]).toMatchObject({
      change: 'removed',
      detail: 'Removed from the catalog: terminated.',
    });
    await backend.eventually(
      () => backend.entity(person.entityRef!),
      e => !e,
      30_000,
    );
  });

  it('skips a new hire whose email another User holds, and says who keeps it', async () => {
    const [owner] = (await list('?outcome=synced&limit=1')).items;
    const hire = sandbox.control.addEmployee({
      firstName: 'Copy',
      lastName: 'Cat',
      email: { emailAddress: owner.email!.toUpperCase(), type: 'Work' },
    } as any);
    touched.add(hire.id);
    const result = await syncPerson(hire.id);
    expect(result.run.counts.added).toBe(0);
    expect(result.person).toMatchObject({
      outcome: 'duplicate-email',
      inCatalog: false,
    });
    expect(
      result.person!.steps.find(s => s.step === 'email')!.detail,
    ).toContain(owner.displayName);
    expect(result.person!.history[0]).toMatchObject({
      change: 'skipped',
      detail: 'Not synced: duplicate email.',
    });
  });

  it('respects an exclusion: an excluded person stays out after their own sync', async () => {
    const [excluded] = (await list('?outcome=excluded&limit=50')).items.filter(
      p => p.employeeId && p.outcome === 'excluded',
    );
    const result = await syncPerson(excluded.employeeId);
    expect(result.run.counts.added).toBe(0);
    expect(result.person!.outcome).toBe('excluded');
  });

  it('answers 404 for an id Paycor does not have', async () => {
    const unknown = '0f0f0f0f-1111-0000-0000-000000000000';
    const res = await backend.api('post', `${P}/people/${unknown}/sync`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain(unknown);
  });

  it('a full sync afterwards agrees with what the person syncs applied', async () => {
    const run = await backend.syncNow();
    expect(run.status).toBe('succeeded');
    for (const id of touched) {
      const person = await detail(id);

      expect({ id, runs: person.history.map(h => h.runId) }).toEqual({
        id,
        runs: expect.not.arrayContaining([run.id]),
      });
    }
  });
});

describe('Sync one person: departments, the removal guard, and what Paycor cannot serve', () => {
  let sandbox: PaycorSandbox;
  let backend: PaycorTestApi;

  const syncPerson = (id: string) =>
    backend.api('post', `${P}/people/${id}/sync`);

  beforeAll(async () => {
    sandbox = await startPaycorSandbox({
      employees: 60,
      seed: 15,
      dirtyData: NO_DIRTY_DATA,
    });
    // any single removal is more than 1% of the Users: held
    backend = await startPaycorTestBackend({
      sandbox,
      provider: { timeZone: 'UTC', removalGuard: { maxRemovalPercent: 1 } },
    });
    const run = await backend.syncNow();
    if (run.status !== 'succeeded') throw new Error(run.error?.message);
  });

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
  });

  it('reads the departments only when the person is in one the snapshot lacks', async () => {
    const org = sandbox.control.getOrg();
    const parent = org.departments.find(d => d.parentId)!;
    const department = sandbox.control.addDepartment({
      description: 'Skunkworks',
      parentId: parent.id!,
    } as any);
    const hire = sandbox.control.addEmployee({
      firstName: 'Ada',
      lastName: 'Skunk',
      department: { id: department.id },
    } as any);
    sandbox.control.resetCallLog();
    const res = await syncPerson(hire.id);
    expect(res.status).toBe(200);
    const result: PersonSyncResult = res.body;
    expect(sandbox.control.getCallLog().byEndpoint).toMatchObject({
      employee: 1,
      departments: 1,
    });
    expect(result.run.counts).toMatchObject({
      fetchedEmployees: 1,
      fetchedDepartments: 1,
      added: 2, // the User and the department's Group
    });
    expect(result.person!.steps.find(s => s.step === 'emitted')!.detail).toBe(
      `Emitted as ${
        result.person!.entityRef
      }, a member of group:default/skunkworks.`,
    );
    await backend.eventually(
      () => backend.entity('group:default/skunkworks'),
      e => Boolean(e),
      30_000,
    );
  });

  it('holds a leaver when the removal guard says so, and the trace says it is held', async () => {
    const people: PersonList = (
      await backend.api('get', `${P}/people?outcome=synced&limit=1`)
    ).body;
    const [person] = people.items;
    sandbox.control.terminateEmployee(person.employeeId, { date: today() });
    const res = await syncPerson(person.employeeId);
    expect(res.status).toBe(200);
    const result: PersonSyncResult = res.body;
    expect(result.run).toMatchObject({
      status: 'held',
      counts: expect.objectContaining({ removed: 0, held: 1 }),
    });
    expect(result.person).toMatchObject({
      outcome: 'terminated',
      inCatalog: true,
    });
    expect(
      result.person!.steps.find(s => s.step === 'emitted')!.detail,
    ).toMatch(
      /^Still in the catalog as user:default\/.*: removing them is held for an admin's approval/,
    );
    expect(result.person!.history[0]).toMatchObject({ change: 'removal-held' });
    expect(await backend.entity(person.entityRef!)).toBeDefined();
  });

  it('takes a person Paycor no longer lists out of the snapshot', async () => {
    const people: PersonList = (
      await backend.api('get', `${P}/people?outcome=synced&limit=2`)
    ).body;
    const gone = people.items[1];
    const org = sandbox.control.getOrg();
    await sandbox.control.reset({
      fixture: {
        ...org,
        employees: org.employees.filter(e => e.id !== gone.employeeId),
        persons: undefined,
      },
    } as any);
    const res = await syncPerson(gone.employeeId);
    expect(res.status).toBe(200);
    const result: PersonSyncResult = res.body;
    expect(result.person).toBeUndefined();
    expect(result.message).toMatch(
      new RegExp(
        `^Paycor has no employee "${gone.employeeId}" \\(404\\): they were taken out of the stored snapshot; removing their User is held for approval`,
      ),
    );
    const after = await backend.api('get', `${P}/people/${gone.employeeId}`);
    expect(after.status).toBe(404);
  });
});

describe('Sync one person where Paycor cannot serve one employee', () => {
  it('requests a full sync instead and says why', async () => {
    const sandbox = await startPaycorSandbox({
      employees: 30,
      seed: 16,
      dirtyData: NO_DIRTY_DATA,
    });
    sandbox.control.setScopes(
      DATA_ACCESS_SCOPES.filter(s => s !== 'View Employee Information'),
    );
    const backend = await startPaycorTestBackend({ sandbox });
    try {
      expect((await backend.syncNow()).status).toBe('succeeded');
      const hire = sandbox.control.addEmployee({
        firstName: 'Fall',
        lastName: 'Back',
      } as any);
      const before = (await backend.status()).lastRun!.id;
      const res = await backend.api('post', `${P}/people/${hire.id}/sync`);
      expect(res.status).toBe(200);
      const result: PersonSyncResult = res.body;
      expect(result.run).toMatchObject({
        trigger: 'person',
        status: 'failed',
        error: { name: 'PersonReadUnavailable' },
      });
      expect(result.message).toMatch(
        /needs the "View Employee Information" Data Access scope.*A full sync was requested instead/,
      );
      expect(result.fullSyncRequestedAt).toBeDefined();
      // the full sync it asked for brings the hire in
      const full = await backend.eventually(
        async () => (await backend.status()).lastRun,
        run =>
          run !== undefined &&
          run.id !== before &&
          run.id !== result.run.id &&
          run.status !== 'running',
      );
      expect(full).toMatchObject({ trigger: 'manual', status: 'succeeded' });
      const person = await backend.api('get', `${P}/people/${hire.id}`);
      expect(person.body).toMatchObject({ outcome: 'synced', inCatalog: true });
    } finally {
      await backend.stop();
      await sandbox.stop();
    }
  });
});
