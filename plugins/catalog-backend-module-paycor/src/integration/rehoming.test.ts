import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  NO_DIRTY_DATA,
  PaycorSandbox,
  startPaycorSandbox,
} from '@paycor-backstage/paycor-sandbox';
import {
  PaycorTestApi,
  PROVIDER_ID,
  startPaycorTestBackend,
} from '../__testUtils__/paycorTestBackend';

jest.setTimeout(300_000);

const P = `/providers/${PROVIDER_ID}`;
const repoCatalogInfo = path.resolve(__dirname, '../../../../catalog-info.yaml');
const DIVISION = 'group:default/product-engineering';
const OTHER_DIVISION = 'group:default/go-to-market';

describe('re-homing under a hand-written group survives syncs and restarts', () => {
  let sandbox: PaycorSandbox;
  let backend: PaycorTestApi;
  let dir: string;
  let department: { id: string; entityRef: string; paycorParentRef: string };
  let configured: { id: string; code: string; entityRef: string };

  const start = () =>
    startPaycorTestBackend({
      sandbox,
      sqliteDirectory: dir,
      locations: [{ type: 'file', target: repoCatalogInfo }],
      provider: {
        // GitOps re-home, by department code
        departmentParents: configured
          ? { [configured.code]: OTHER_DIVISION }
          : {},
      },
    });

  const parentOf = async (ref: string) =>
    ((await backend.entity(ref))?.spec as any)?.parent;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'paycor-rehome-'));
    sandbox = await startPaycorSandbox({
      employees: 300,
      seed: 21,
      dirtyData: NO_DIRTY_DATA,
    });
    backend = await start();
    await backend.eventually(() => backend.entity(DIVISION), e => Boolean(e));
    const first = await backend.syncNow();
    if (first.status !== 'succeeded') throw new Error(first.error?.message);
    const { body } = await backend.api('get', `${P}/departments`);
    const synced = body.items.filter((d: any) => d.state === 'synced');
    department = synced.find((d: any) => d.paycorParentId);
    const other = synced.find((d: any) => d.id !== department.id && d.code);
    configured = { id: other.id, code: other.code, entityRef: other.entityRef };
    // restart with the config re-home in place
    await backend.stop();
    backend = await start();
  });

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows a re-home in the catalog within seconds', async () => {
    const res = await backend
      .api('put', `${P}/departments/${department.id}/parent`)
      .send({ parent: DIVISION, note: 'two-tier org' });
    expect(res.status).toBe(200);
    expect(res.body.effectiveParentRef).toBe(DIVISION);
    const started = Date.now();
    await backend.eventually(() => parentOf(department.entityRef), p => p === DIVISION, 30_000);
    // the hand-written division now lists the department as a child
    await backend.eventually(
      () => backend.entity(DIVISION),
      e =>
        (e?.relations ?? []).some(
          r => r.type === 'parentOf' && r.targetRef === department.entityRef,
        ),
      30_000,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('survives three syncs with Paycor changes in between, and a restart', async () => {
    const org = sandbox.control.getOrg();
    const newPaycorParent = org.departments.find(
      d => d.id !== department.id && d.id !== configured.id && !d.parentId,
    )!;
    const changes = [
      () => sandbox.control.updateDepartment(department.id, { description: 'Platform Engineering' }),
      () => sandbox.control.updateDepartment(department.id, { parentId: newPaycorParent.id }),
      () =>
        sandbox.control.addEmployee({
          firstName: 'Rehome',
          lastName: 'Tester',
          department: { id: department.id },
        } as any),
    ];
    const { id: departmentId } = department;
    const { id: configuredId } = configured;
    for (const change of changes) {
      change();
      expect((await backend.syncNow()).status).toBe('succeeded');
      const { body } = await backend.api('get', `${P}/departments`);
      const view = body.items.find((d: any) => d.id === departmentId);
      expect(view.effectiveParentRef).toBe(DIVISION);
      await backend.eventually(() => parentOf(view.entityRef), p => p === DIVISION);
      // the config re-home holds too
      const configuredView = body.items.find((d: any) => d.id === configuredId);
      expect(configuredView.override).toMatchObject({ source: 'config', parent: OTHER_DIVISION });
      await backend.eventually(
        () => parentOf(configuredView.entityRef),
        p => p === OTHER_DIVISION,
      );
      department.entityRef = view.entityRef;
    }

    await backend.stop();
    backend = await start();
    expect((await backend.syncNow()).status).toBe('succeeded');
    await backend.eventually(() => parentOf(department.entityRef), p => p === DIVISION);
    const { body } = await backend.api('get', `${P}/departments`);
    const view = body.items.find((d: any) => d.id === department.id);
    expect(view.override).toMatchObject({
      parent: DIVISION,
      note: 'two-tier org',
      setBy: 'user:default/admin',
      source: 'api',
    });
  });

  it('deleting the override restores the Paycor parent', async () => {
    const res = await backend.api('delete', `${P}/departments/${department.id}/parent`);
    expect(res.status).toBe(200);
    const paycorParent = res.body.paycorParentRef;
    expect(paycorParent).not.toBe(DIVISION);
    expect(res.body.effectiveParentRef).toBe(paycorParent);
    await backend.eventually(() => parentOf(department.entityRef), p => p === paycorParent);
  });
});
