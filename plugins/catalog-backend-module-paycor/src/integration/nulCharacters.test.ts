import { mockCredentials } from '@backstage/backend-test-utils';
import {
  NO_DIRTY_DATA,
  PaycorSandbox,
  startPaycorSandbox,
} from '@paycor-backstage/paycor-sandbox';
import request from 'supertest';
import { createStores } from '../store';
import {
  PaycorTestApi,
  PROVIDER_ID,
  startPaycorTestBackend,
  testDatabaseKind,
} from '../__testUtils__/paycorTestBackend';

jest.setTimeout(180_000);

const P = `/providers/${PROVIDER_ID}`;

/*
 * PostgreSQL's text type cannot hold NUL (U+0000). Run on PostgreSQL with
 * `yarn test:postgres` (SQLite stores NUL, so there only the 400s and the
 * stripping are checked).
 */
describe(`NUL characters (${testDatabaseKind()})`, () => {
  let sandbox: PaycorSandbox;
  let backend: PaycorTestApi;

  beforeAll(async () => {
    sandbox = await startPaycorSandbox({
      employees: 40,
      seed: 5,
      dirtyData: NO_DIRTY_DATA,
      rateLimit: false,
    });
    backend = await startPaycorTestBackend({ sandbox });
    const run = await backend.syncNow();
    if (run.status !== 'succeeded') throw new Error(run.error?.message);
  });

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
  });

  it('the admin API refuses a NUL in any text field with a 400 naming the field', async () => {
    const { body } = await backend.api('get', `${P}/departments`);
    const department = body.items.find((d: any) => d.state === 'synced')!;
    const attempts: Array<
      [string, 'get' | 'post' | 'put', string, object | undefined]
    > = [
      [
        'body.value',
        'post',
        `${P}/exclusions`,
        { kind: 'employee-id', value: 'id-with-\u0000-nul' },
      ],
      [
        'body.note',
        'post',
        `${P}/exclusions`,
        { kind: 'email', value: 'nul.note@example.com', note: 'a\u0000b' },
      ],
      [
        'body.title',
        'post',
        `${P}/groups`,
        { name: 'nul-title', title: 'T\u0000' },
      ],
      [
        'body.description',
        'post',
        `${P}/groups`,
        { name: 'nul-description', title: 'T', description: 'd\u0000' },
      ],
      [
        'body.note',
        'put',
        `${P}/departments/${encodeURIComponent(department.id)}/parent`,
        { parent: department.effectiveParentRef, note: 'n\u0000' },
      ],
      ['query.q', 'get', `${P}/conflicts?q=a%00b`, undefined],
    ];
    const outcomes = [];
    for (const [field, method, path, send] of attempts) {
      let req = backend.api(method, path);
      if (send) req = req.send(send);
      const res = await req;
      outcomes.push({
        field,
        status: res.status,
        message: res.body?.error?.message,
      });
    }
    expect(outcomes).toEqual(
      attempts.map(([field]) => ({
        field,
        status: 400,
        message: `${field}: must not contain control characters (found U+0000 (NUL))`,
      })),
    );
    // nothing was stored
    expect((await backend.api('get', `${P}/groups`)).body.items).toEqual([]);
    expect((await backend.api('get', `${P}/exclusions`)).body.items).toEqual(
      [],
    );
  });

  it('syncs Paycor data with NUL in names: entities and conflicts hold the text without it', async () => {
    const org = sandbox.control.getOrg();
    const [person, other] = org.employees.filter(
      e => e.statusData?.status === 'Active' && e.email?.emailAddress,
    );
    sandbox.control.updateEmployee(person.id!, {
      firstName: 'Nul\u0000la',
      lastName: 'Zero\u0000',
      positionData: { ...person.positionData, jobTitle: 'Byte\u0000 Wrangler' },
    });
    // the same work email as someone else: a duplicate-email conflict naming them
    sandbox.control.changeEmail(other.id!, person.email!.emailAddress!);
    const departmentId = person.department?.id ?? org.departments[0].id!;
    sandbox.control.updateDepartment(departmentId, {
      description: 'Null\u0000 Island',
    });

    const run = await backend.syncNow();
    expect(run).toMatchObject({ status: 'succeeded' });

    const conflicts = await backend.api(
      'get',
      `${P}/conflicts?type=duplicate-email`,
    );
    expect(JSON.stringify(conflicts.body)).not.toContain('\\u0000');
    expect(
      conflicts.body.items.some((c: any) =>
        `${c.subject.label} ${c.message}`.includes('Nulla Zero'),
      ),
    ).toBe(true);
    expect(
      (await backend.api('get', `${P}/conflicts?q=nulla`)).body.totalCount,
    ).toBeGreaterThan(0);

    // the catalog stores the entities (its search index is text too)
    const user = await backend.eventually(
      async () =>
        (
          await backend.entities('user')
        ).find(
          u => u.metadata.annotations?.['paycor.com/employee-id'] === person.id,
        ),
      u => (u?.spec as any)?.profile?.displayName === 'Nulla Zero',
    );
    expect(user!.metadata.description).toBe('Byte Wrangler');
    // and indexes them: on PostgreSQL a NUL made the catalog's search rows
    // for the entity fail to update, so filters still saw the old name
    const filtered = await backend.eventually(
      () =>
        request(backend.server)
          .get(
            `/api/catalog/entities?filter=spec.profile.displayName=${encodeURIComponent(
              'Nulla Zero',
            )}`,
          )
          .set('Authorization', mockCredentials.user.header()),
      res => res.status === 200 && res.body.length === 1,
    );
    expect(filtered.body[0].metadata.uid).toBe(user!.metadata.uid);
    const group = await backend.eventually(
      async () =>
        (
          await backend.entities('group')
        ).find(
          g =>
            g.metadata.annotations?.['paycor.com/department-id'] ===
            departmentId,
        ),
      g => g?.metadata.title === 'Null Island',
    );
    expect(JSON.stringify(group)).not.toContain('\\u0000');
  });

  it("the module's stores write text with NUL without failing", async () => {
    const stores = createStores(await backend.db(), () => new Date());
    await stores.conflicts.open('other', 'run-nul', {
      type: 'invalid-record',
      subject: { kind: 'employee', id: 'e\u00001', label: 'A\u0000' },
      entityRef: 'user:default/a\u0000',
      message: 'm\u0000',
      resolution: 'r\u0000',
    });
    await stores.adminGroups.create('other', {
      name: 'nul',
      title: 'T\u0000',
      description: 'd\u0000',
      type: 'team',
      createdBy: 'user:default/admin',
    });
    await stores.exclusions.add('other', {
      kind: 'employee-id',
      value: 'e\u00001',
      note: 'n\u0000',
      createdBy: 'user:default/admin',
    });
    await stores.overrides.set('other', {
      departmentId: 'd1',
      parentRef: 'group:default/x',
      note: 'n\u0000',
      setBy: 'user:default/admin',
    });
    await stores.approvals.createPending({
      runId: 'run-nul',
      providerId: 'other',
      userCount: 1,
      thresholdPercent: 1,
      reason: 'r\u0000',
      removals: [
        {
          entityRef: 'user:default/a',
          kind: 'User',
          displayName: 'A\u0000',
          employeeId: 'e\u00001',
        },
      ],
    });
    await stores.approvals.decide('other', 'run-nul', {
      status: 'rejected',
      by: 'user:default/admin',
      note: 'n\u0000',
    });
    await stores.state.update('other', {
      legalEntityName: 'L\u0000',
      healthReason: 'h\u0000',
    });
    const found = await stores.conflicts.list('other', {
      status: 'all',
      q: 'e\u00001',
      limit: 10,
      offset: 0,
    });
    expect(found.items.map(c => c.subject)).toEqual([
      { kind: 'employee', id: 'e1', label: 'A' },
    ]);
    expect((await stores.state.get('other')).legalEntityName).toBe('L');
  });
});
