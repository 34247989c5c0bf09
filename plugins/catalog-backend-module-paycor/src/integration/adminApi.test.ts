import {
  NO_DIRTY_DATA,
  PaycorSandbox,
  startPaycorSandbox,
} from '@paycor-backstage/paycor-sandbox';
import {
  paycorSyncManagePermission,
  paycorSyncReadPermission,
  paycorSyncRunPermission,
} from '@paycor-backstage/plugin-paycor-common';
import {
  PaycorTestApi,
  PROVIDER_ID,
  startPaycorTestBackend,
} from '../__testUtils__/paycorTestBackend';

jest.setTimeout(180_000);

const P = `/providers/${PROVIDER_ID}`;

describe('admin API: every route, its validation and its errors', () => {
  let sandbox: PaycorSandbox;
  let backend: PaycorTestApi;

  beforeAll(async () => {
    sandbox = await startPaycorSandbox({
      employees: 200,
      seed: 11,
      dirtyData: { duplicateEmails: 0.02, missingEmails: 0.02 },
    });
    backend = await startPaycorTestBackend({ sandbox });
    const run = await backend.syncNow();
    if (run.status !== 'succeeded') throw new Error(run.error?.message);
  });

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
  });

  it('lists providers and their health', async () => {
    const res = await backend.api('get', '/providers');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      id: PROVIDER_ID,
      enabled: true,
      legalEntity: { id: sandbox.credentials.legalEntityId },
      environment: 'custom',
      baseUrl: sandbox.url,
      running: false,
      lastRun: { status: 'succeeded', trigger: 'manual' },
    });
    expect(['healthy', 'degraded']).toContain(res.body.items[0].health);
    expect(res.body.items[0].entityCounts.users).toBeGreaterThan(100);
  });

  it('answers 404 naming the configured providers for an unknown one', async () => {
    const res = await backend.api('get', '/providers/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain(`configured: ${PROVIDER_ID}`);
  });

  it('refuses unauthenticated calls', async () => {
    const res = await backend.api('get', '/providers', null);
    expect(res.status).toBe(401);
  });

  it('pages runs', async () => {
    await backend.syncNow();
    const first = await backend.api('get', `${P}/runs?limit=1`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ limit: 1, offset: 0 });
    expect(first.body.totalCount).toBeGreaterThanOrEqual(2);
    expect(first.body.items).toHaveLength(1);
    const second = await backend.api('get', `${P}/runs?limit=1&offset=1`);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);

    const bad = await backend.api('get', `${P}/runs?limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^query\.limit: /);
  });

  it('filters, searches and pages conflicts', async () => {
    const all = await backend.api('get', `${P}/conflicts?status=all`);
    expect(all.status).toBe(200);
    expect(all.body.totalCount).toBeGreaterThan(0);
    const duplicate = await backend.api('get', `${P}/conflicts?type=duplicate-email`);
    expect(duplicate.body.items.length).toBeGreaterThan(0);
    expect(
      duplicate.body.items.every((c: any) => c.type === 'duplicate-email'),
    ).toBe(true);
    const subject = duplicate.body.items[0].subject.label as string;
    const searched = await backend.api(
      'get',
      `${P}/conflicts?q=${encodeURIComponent(subject)}`,
    );
    expect(searched.body.items.some((c: any) => c.subject.label === subject)).toBe(true);

    const bad = await backend.api('get', `${P}/conflicts?type=nonsense`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/query\.type: unknown conflict type "nonsense"/);
    const unknownParam = await backend.api('get', `${P}/conflicts?colour=red`);
    expect(unknownParam.status).toBe(400);
    expect(unknownParam.body.error.message).toMatch(/colour/);
  });

  it('verifies the connection and names missing scopes', async () => {
    const ok = await backend.api('post', `${P}/verify`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, missingScopes: [] });
    expect(ok.body.steps.map((s: any) => s.name)).toEqual([
      'Refresh token',
      'App activation',
      'Legal entity',
      'Departments',
      'Employees',
      'One employee',
    ]);

    const allScopes = sandbox.control.getSettings().scopes;
    sandbox.control.setScopes(
      allScopes.filter(
        s =>
          s !== 'View Legal Entity Employees Position' &&
          s !== 'View Legal Entity Departments Information',
      ),
    );
    try {
      const res = await backend.api('post', `${P}/verify`);
      expect(res.body.ok).toBe(false);
      expect(res.body.missingScopes.map((m: any) => m.scope).sort()).toEqual([
        'View Legal Entity Departments Information',
        'View Legal Entity Employees Position',
      ]);
    } finally {
      sandbox.control.setScopes(allScopes);
    }
    // Paycor scopes are fixed when a token is minted: verify again to get a
    // token with every scope back.
    const again = await backend.api('post', `${P}/verify`);
    expect(again.body.ok).toBe(true);
  });

  it('previews a dry run without applying it', async () => {
    const victim = sandbox.control
      .getOrg()
      .employees.find(e => e.statusData?.status === 'Active')!;
    sandbox.control.changeEmail(victim.id!, 'previewed.person@example.test');
    const runsBefore = (await backend.api('get', `${P}/runs`)).body.totalCount;

    const res = await backend.api('get', `${P}/preview?limit=50`);
    expect(res.status).toBe(200);
    expect(res.body.wouldHold).toBe(false);
    const changed = [...res.body.updated, ...res.body.added];
    expect(changed.length).toBeGreaterThan(0);
    const email = res.body.updated.find((u: any) =>
      u.fields.includes('spec.profile.email'),
    );
    expect(email ?? res.body.added[0]).toBeDefined();
    expect((await backend.api('get', `${P}/runs`)).body.totalCount).toBe(runsBefore);

    const bad = await backend.api('get', `${P}/preview?limit=abc`);
    expect(bad.status).toBe(400);
  });

  it('re-homes a department, refuses bad targets and cycles, and undoes', async () => {
    const { body } = await backend.api('get', `${P}/departments`);
    const synced = body.items.filter((d: any) => d.state === 'synced');
    const child = synced.find((d: any) => d.paycorParentId)!;
    const parent = synced.find((d: any) => d.id === child.paycorParentId)!;
    const other = synced.find(
      (d: any) => d.id !== child.id && d.id !== parent.id && d.paycorParentId !== child.id,
    )!;

    const missing = await backend
      .api('put', `${P}/departments/${child.id}/parent`)
      .send({ parent: 'group:default/does-not-exist' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/^body\.parent: /);

    const malformed = await backend
      .api('put', `${P}/departments/${child.id}/parent`)
      .send({ parent: 'user:default/someone' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/body\.parent: must refer to a Group/);

    const extra = await backend
      .api('put', `${P}/departments/${child.id}/parent`)
      .send({ parent: other.entityRef, colour: 'red' });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toMatch(/colour/);

    const notJson = await backend
      .api('put', `${P}/departments/${child.id}/parent`)
      .set('Content-Type', 'application/json')
      .send('{"parent": ');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toMatch(/^body: malformed JSON/);

    const unknown = await backend
      .api('put', `${P}/departments/not-a-department/parent`)
      .send({ parent: other.entityRef });
    expect(unknown.status).toBe(404);

    // the parent under its own child: a cycle
    const cycle = await backend
      .api('put', `${P}/departments/${parent.id}/parent`)
      .send({ parent: child.entityRef });
    expect(cycle.status).toBe(409);

    const moved = await backend
      .api('put', `${P}/departments/${child.id}/parent`)
      .send({ parent: other.entityRef, note: 'reorg' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      id: child.id,
      effectiveParentRef: other.entityRef,
      paycorParentRef: parent.entityRef,
      override: { parent: other.entityRef, note: 'reorg', setBy: 'user:default/admin', source: 'api' },
    });
    await backend.eventually(
      () => backend.entity(child.entityRef),
      e => (e?.spec as any)?.parent === other.entityRef,
    );

    const undone = await backend.api('delete', `${P}/departments/${child.id}/parent`);
    expect(undone.status).toBe(200);
    expect(undone.body.override).toBeUndefined();
    expect(undone.body.effectiveParentRef).toBe(parent.entityRef);
    const again = await backend.api('delete', `${P}/departments/${child.id}/parent`);
    expect(again.status).toBe(404);
  });

  it('creates and deletes admin groups', async () => {
    const bad = await backend
      .api('post', `${P}/groups`)
      .send({ name: 'Bad Name!', title: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/body\.name: /);
    expect(bad.body.error.message).toMatch(/body\.title: /);

    const badParent = await backend
      .api('post', `${P}/groups`)
      .send({ name: 'division-x', title: 'Division X', parent: 'group:default/nope' });
    expect(badParent.status).toBe(400);

    const created = await backend
      .api('post', `${P}/groups`)
      .send({ name: 'division-x', title: 'Division X', description: 'Made by hand' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'division-x',
      entityRef: 'group:default/division-x',
      type: 'division',
      createdBy: 'user:default/admin',
    });
    await backend.eventually(
      () => backend.entity('group:default/division-x'),
      e => Boolean(e),
    );
    const duplicate = await backend
      .api('post', `${P}/groups`)
      .send({ name: 'division-x', title: 'Again' });
    expect(duplicate.status).toBe(409);
    const list = await backend.api('get', `${P}/groups`);
    expect(list.body.items.map((g: any) => g.name)).toEqual(['division-x']);

    // a department re-homed under it blocks deletion
    const { body } = await backend.api('get', `${P}/departments`);
    const department = body.items.find((d: any) => d.state === 'synced')!;
    await backend
      .api('put', `${P}/departments/${department.id}/parent`)
      .send({ parent: 'group:default/division-x' })
      .expect(200);
    const blocked = await backend.api('delete', `${P}/groups/division-x`);
    expect(blocked.status).toBe(409);
    await backend.api('delete', `${P}/departments/${department.id}/parent`).expect(200);

    expect((await backend.api('delete', `${P}/groups/division-x`)).status).toBe(204);
    expect((await backend.api('delete', `${P}/groups/division-x`)).status).toBe(404);
    await backend.eventually(
      () => backend.entity('group:default/division-x'),
      e => !e,
    );
  });

  it('excludes a person and syncs them again', async () => {
    const users = await backend.entities('user');
    const person = users.find(u => (u.spec as any).profile.email)!;
    const email = (person.spec as any).profile.email as string;

    const bad = await backend
      .api('post', `${P}/exclusions`)
      .send({ kind: 'email', value: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/body\.value: must be an email address/);
    const badKind = await backend
      .api('post', `${P}/exclusions`)
      .send({ kind: 'name', value: 'x' });
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.message).toMatch(/body\.kind/);

    const created = await backend
      .api('post', `${P}/exclusions`)
      .send({ kind: 'email', value: email.toUpperCase(), note: 'contractor' });
    expect(created.status).toBe(201);
    expect(created.body.value).toBe(email.toLowerCase());
    const duplicate = await backend
      .api('post', `${P}/exclusions`)
      .send({ kind: 'email', value: email });
    expect(duplicate.status).toBe(409);
    await backend.eventually(
      () => backend.entities('user'),
      list => !list.some(u => u.metadata.name === person.metadata.name),
    );
    const list = await backend.api('get', `${P}/exclusions`);
    expect(list.body.items).toHaveLength(1);

    expect(
      (await backend.api('delete', `${P}/exclusions/${created.body.id}`)).status,
    ).toBe(204);
    expect(
      (await backend.api('delete', `${P}/exclusions/${created.body.id}`)).status,
    ).toBe(404);
    await backend.eventually(
      () => backend.entities('user'),
      after => after.some(u => u.metadata.name === person.metadata.name),
    );
  });

  it('refuses decisions on runs that are not held', async () => {
    const res = await backend
      .api('post', `${P}/approvals/00000000-0000-0000-0000-000000000000`)
      .send({ decision: 'approve' });
    expect(res.status).toBe(404);
    const bad = await backend
      .api('post', `${P}/approvals/00000000-0000-0000-0000-000000000000`)
      .send({ decision: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/body\.decision/);
    const list = await backend.api('get', `${P}/approvals?status=pending`);
    expect(list.body.items).toEqual([]);
  });

  it('answers 409 to "Sync now" while a sync is running', async () => {
    sandbox.control.setLatency(300);
    try {
      await backend.api('post', `${P}/sync`).expect(202);
      await backend.eventually(
        () => backend.status(),
        s => s.running,
        20_000,
      );
      const second = await backend.api('post', `${P}/sync`);
      expect(second.status).toBe(409);
      expect(second.body.error.message).toMatch(/already running/);
    } finally {
      sandbox.control.setLatency(0);
      await backend.eventually(() => backend.status(), s => !s.running, 60_000);
    }
  });
});

describe('admin API: permissions', () => {
  let sandbox: PaycorSandbox;
  let backend: PaycorTestApi;

  beforeAll(async () => {
    sandbox = await startPaycorSandbox({ employees: 50, dirtyData: NO_DIRTY_DATA });
    backend = await startPaycorTestBackend({
      sandbox,
      denyPermissions: [paycorSyncRunPermission.name, paycorSyncManagePermission.name],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
  });

  it('lets readers read and refuses running and managing with 403', async () => {
    expect((await backend.api('get', '/providers')).status).toBe(200);
    expect((await backend.api('get', `${P}/runs`)).status).toBe(200);
    const refused: Array<[string, 'get' | 'post' | 'put' | 'delete', object?]> = [
      [`${P}/sync`, 'post'],
      [`${P}/verify`, 'post'],
      [`${P}/preview`, 'get'],
      [`${P}/departments/x/parent`, 'put', { parent: 'group:default/x' }],
      [`${P}/departments/x/parent`, 'delete'],
      [`${P}/groups`, 'post', { name: 'a', title: 'A' }],
      [`${P}/groups/a`, 'delete'],
      [`${P}/approvals/x`, 'post', { decision: 'approve' }],
      [`${P}/exclusions`, 'post', { kind: 'email', value: 'a@b.c' }],
      [`${P}/exclusions/x`, 'delete'],
    ];
    for (const [path, method, body] of refused) {
      const res = await backend.api(method, path).send(body);
      expect({ path, method, status: res.status }).toEqual({ path, method, status: 403 });
      expect(res.body.error.name).toBe('NotAllowedError');
    }
  });

  it('refuses reading without the read permission', async () => {
    const denied = await startPaycorTestBackend({
      sandbox,
      denyPermissions: [paycorSyncReadPermission.name],
    });
    try {
      expect((await denied.api('get', '/providers')).status).toBe(403);
      expect((await denied.api('get', `${P}/conflicts`)).status).toBe(403);
    } finally {
      await denied.stop();
    }
  });
});
