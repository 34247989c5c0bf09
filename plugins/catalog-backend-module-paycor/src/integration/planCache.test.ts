import {
  NO_DIRTY_DATA,
  PaycorSandbox,
  startPaycorSandbox,
} from '@paycor-backstage/paycor-sandbox';
import { createStores } from '../store';
import {
  PaycorTestApi,
  PROVIDER_ID,
  startPaycorTestBackend,
} from '../__testUtils__/paycorTestBackend';
import { PlanWorkKind } from '../engine/work';

jest.setTimeout(180_000);

const P = `/providers/${PROVIDER_ID}`;

/**
 * Admin edits on a real backend reuse what the last plan worked out: no
 * snapshot decode, one transform at most, none of people for a re-home. A
 * change another replica made (straight into the database here) is seen by
 * the next request all the same.
 */
describe('plan cache: what an admin edit costs', () => {
  let sandbox: PaycorSandbox;
  let backend: PaycorTestApi;
  const work: PlanWorkKind[] = [];
  const during = async (fn: () => Promise<unknown>) => {
    work.length = 0;
    await fn();
    const count = (kind: PlanWorkKind) => work.filter(k => k === kind).length;
    return {
      decodes: count('snapshot-decode'),
      transforms: count('group-transform'),
      peopleTransforms: count('people-transform'),
    };
  };

  beforeAll(async () => {
    sandbox = await startPaycorSandbox({
      employees: 120,
      seed: 5,
      dirtyData: NO_DIRTY_DATA,
    });
    backend = await startPaycorTestBackend({
      sandbox,
      module: { onWork: (_id, kind) => work.push(kind) },
    });
    const run = await backend.syncNow();
    if (run.status !== 'succeeded') throw new Error(run.error?.message);
    await backend.settled();
  });

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
  });

  it('re-homes and undoes without decoding the snapshot or transforming people', async () => {
    const { body } = await backend.api('get', `${P}/departments`);
    const department = body.items.find(
      (d: any) => d.state === 'synced' && d.paycorParentId,
    );
    const target = body.items.find(
      (d: any) =>
        d.state === 'synced' &&
        !d.paycorParentId &&
        d.entityRef !== department.effectiveParentRef,
    );

    const rehome = await during(async () => {
      const res = await backend
        .api('put', `${P}/departments/${department.id}/parent`)
        .send({ parent: target.entityRef });
      expect(res.status).toBe(200);
      expect(res.body.effectiveParentRef).toBe(target.entityRef);
    });
    expect(rehome).toEqual({ decodes: 0, transforms: 1, peopleTransforms: 0 });

    const undo = await during(async () => {
      const res = await backend.api(
        'delete',
        `${P}/departments/${department.id}/parent`,
      );
      expect(res.status).toBe(200);
      expect(res.body.effectiveParentRef).toBe(department.effectiveParentRef);
    });
    expect(undo.decodes).toBe(0);
    expect(undo.peopleTransforms).toBe(0);
    expect(undo.transforms).toBeLessThanOrEqual(1);

    const read = await during(() => backend.api('get', `${P}/departments`));
    expect(read).toEqual({ decodes: 0, transforms: 0, peopleTransforms: 0 });
  });

  it('an exclusion transforms people once', async () => {
    const countsBefore = (await backend.status()).entityCounts;
    const user = (await backend.entities('user'))[0];
    const employeeId = user.metadata.annotations!['paycor.com/employee-id'];
    const exclude = await during(async () => {
      const res = await backend
        .api('post', `${P}/exclusions`)
        .send({ kind: 'employee-id', value: employeeId });
      expect(res.status).toBe(201);
    });
    expect(exclude).toEqual({ decodes: 0, transforms: 1, peopleTransforms: 1 });
    await backend.eventually(
      () => backend.entity(`user:default/${user.metadata.name}`),
      entity => entity === undefined,
    );
    // the status card's counts follow the re-apply: one User fewer
    expect((await backend.status()).entityCounts).toEqual({
      users: countsBefore.users - 1,
      groups: countsBefore.groups,
    });
  });

  it('a sync lets go of what it planned before; a failed one leaves one decode to the next edit', async () => {
    // A successful sync plans from the snapshot it read: the next read
    // decodes nothing.
    const synced = await during(() => backend.syncNow());
    expect(synced.decodes).toBe(0);
    expect(synced.peopleTransforms).toBe(1);
    const read = await during(() => backend.api('get', `${P}/departments`));
    expect(read).toEqual({ decodes: 0, transforms: 0, peopleTransforms: 0 });

    // A sync that fails after the stored snapshot's stages were let go: the
    // next read decodes the stored snapshot once, the one after not at all.
    sandbox.control.injectFault({
      type: '500',
      count: 10,
      endpoint: 'employees',
    });
    try {
      const failed = await backend.syncNow();
      expect(failed.status).toBe('failed');
    } finally {
      sandbox.control.clearFaults();
    }
    const first = await during(() => backend.api('get', `${P}/departments`));
    expect(first.decodes).toBe(1);
    expect(first.peopleTransforms).toBe(1);
    const second = await during(() => backend.api('get', `${P}/departments`));
    expect(second).toEqual({ decodes: 0, transforms: 0, peopleTransforms: 0 });
  });

  it('sees a change another replica made, without being told', async () => {
    const { body } = await backend.api('get', `${P}/departments`);
    const department = body.items.find(
      (d: any) => d.state === 'synced' && d.paycorParentId && !d.override,
    );
    const target = body.items.find(
      (d: any) =>
        d.state === 'synced' &&
        !d.paycorParentId &&
        d.entityRef !== department.effectiveParentRef,
    );
    // what the other replica's admin service writes
    const stores = createStores(await backend.db(), () => new Date());
    await stores.overrides.set(PROVIDER_ID, {
      departmentId: department.id,
      parentRef: target.entityRef,
      setBy: 'user:default/someone-on-another-replica',
    });

    const after = await backend.api('get', `${P}/departments`);
    const view = after.body.items.find((d: any) => d.id === department.id);
    expect(view.override).toMatchObject({
      parent: target.entityRef,
      setBy: 'user:default/someone-on-another-replica',
    });
    expect(view.effectiveParentRef).toBe(target.entityRef);
  });
});
