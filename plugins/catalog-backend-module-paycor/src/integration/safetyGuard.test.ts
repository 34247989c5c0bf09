import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  NO_DIRTY_DATA,
  PaycorSandbox,
  startPaycorSandbox,
} from '@paycor-backstage/paycor-sandbox';
import { PAYCOR_ANNOTATIONS } from '@paycor-backstage/plugin-paycor-common';
import {
  PaycorTestApi,
  PROVIDER_ID,
  startPaycorTestBackend,
} from '../__testUtils__/paycorTestBackend';

jest.setTimeout(300_000);

const P = `/providers/${PROVIDER_ID}`;
const yesterday = () =>
  new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

describe('safety guard: mass removals wait for an admin', () => {
  let sandbox: PaycorSandbox;
  let backend: PaycorTestApi;
  const notifications: NotificationSendOptions[] = [];

  beforeAll(async () => {
    sandbox = await startPaycorSandbox({ employees: 300, seed: 31, dirtyData: NO_DIRTY_DATA });
    backend = await startPaycorTestBackend({
      sandbox,
      notifications,
      provider: { notifications: { recipients: ['group:default/admins'] } },
    });
    const first = await backend.syncNow();
    if (first.status !== 'succeeded') throw new Error(first.error?.message);
    await backend.settled();
  });

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
  });

  const userIds = async () =>
    new Set(
      (await backend.entities('user')).map(
        u => u.metadata.annotations![PAYCOR_ANNOTATIONS.employeeId],
      ),
    );

  it('holds a run that would remove 30% of Users, still applying adds and updates', async () => {
    const before = await userIds();
    const terminated = sandbox.control.terminateEmployees({ share: 0.3, date: yesterday() } as any);
    const changed = sandbox.control
      .getOrg()
      .employees.find(e => before.has(e.id!) && !terminated.includes(e.id!))!;
    sandbox.control.changeEmail(changed.id!, 'still.here@example.test');

    const run = await backend.syncNow();
    expect(run.status).toBe('held');
    expect(run.counts.held).toBeGreaterThanOrEqual(Math.floor(before.size * 0.25));
    // The email change renames the User (email-local-part naming): the new
    // name is added and the old one goes at once, since nobody is lost. That
    // is the only removal applied.
    expect(run.counts).toMatchObject({ added: 1, removed: 1 });

    // nobody was removed, the update went through
    await backend.eventually(
      () => backend.entities('user'),
      users =>
        users.some(
          u => (u.spec as any).profile.email === 'still.here@example.test',
        ),
    );
    await backend.settled();
    expect(await userIds()).toEqual(before);

    const status = await backend.status();
    expect(status.health).toBe('awaiting-approval');
    expect(status.pendingApproval?.runId).toBe(run.id);
    const conflicts = await backend.api('get', `${P}/conflicts?type=removals-held`);
    expect(conflicts.body.totalCount).toBe(1);
    const held = notifications.filter(n => /held removals/.test(n.payload.title));
    expect(held).toHaveLength(1);
    expect(held[0].recipients).toEqual({ type: 'entity', entityRef: ['group:default/admins'] });

    // another run with the same removals does not ask again
    const again = await backend.syncNow();
    expect(again.status).toBe('held');
    const approvals = await backend.api('get', `${P}/approvals?status=pending`);
    expect(approvals.body.items).toHaveLength(1);
    expect(approvals.body.items[0].removals.map((r: any) => r.employeeId).sort()).toEqual(
      terminated.filter(id => before.has(id)).sort(),
    );
    expect(notifications.filter(n => /held removals/.test(n.payload.title))).toHaveLength(1);
  });

  it('approving applies the held removals', async () => {
    const pending = (await backend.api('get', `${P}/approvals?status=pending`)).body.items[0];
    const res = await backend
      .api('post', `${P}/approvals/${pending.runId}`)
      .send({ decision: 'approve', note: 'confirmed with HR' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'approved',
      decidedBy: 'user:default/admin',
      note: 'confirmed with HR',
    });
    const removed = new Set(pending.removals.map((r: any) => r.employeeId));
    await backend.eventually(userIds, ids => ![...removed].some(id => ids.has(id as string)));
    const status = await backend.status();
    expect(status.pendingApproval).toBeUndefined();
    expect(['healthy', 'degraded']).toContain(status.health);
    const twice = await backend
      .api('post', `${P}/approvals/${pending.runId}`)
      .send({ decision: 'reject' });
    expect(twice.status).toBe(409);
    const conflicts = await backend.api('get', `${P}/conflicts?type=removals-held`);
    expect(conflicts.body.totalCount).toBe(0);
  });

  it('rejecting keeps the Users, and later runs keep them without asking again', async () => {
    await backend.settled();
    const before = await userIds();
    sandbox.control.terminateEmployees({ share: 0.3, date: yesterday() } as any);
    const held = await backend.syncNow();
    expect(held.status).toBe('held');

    const res = await backend
      .api('post', `${P}/approvals/${held.id}`)
      .send({ decision: 'reject' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('rejected');
    expect(await userIds()).toEqual(before);

    const next = await backend.syncNow();
    expect(next.status).toBe('succeeded');
    expect(next.counts.removed).toBe(0);
    expect(await userIds()).toEqual(before);
    const pending = await backend.api('get', `${P}/approvals?status=pending`);
    expect(pending.body.items).toEqual([]);
    expect((await backend.status()).health).not.toBe('awaiting-approval');
  });
});
