import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  generateOrg,
  NO_DIRTY_DATA,
  PaycorSandbox,
  startPaycorSandbox,
} from '@paycor-backstage/paycor-sandbox';
import {
  Approval,
  PAYCOR_ANNOTATIONS,
  PreviewResult,
} from '@paycor-backstage/plugin-paycor-common';
import { surelyExpectedUsers } from '../__testUtils__/expectedOrg';
import {
  PaycorTestApi,
  PROVIDER_ID,
  startPaycorTestBackend,
} from '../__testUtils__/paycorTestBackend';

jest.setTimeout(300_000);

const P = `/providers/${PROVIDER_ID}`;
const COMPONENT = 'component:default/payments-api';
const yesterday = () =>
  new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/**
 * The ownership check of the removal guard, for real: a Component registered
 * from a catalog-info.yaml is owned by a person Paycor then terminates. One
 * removal among ~150 Users is far under the 10% threshold, yet it is held,
 * because it would leave the Component without an owner.
 */
describe('removal guard: what a removed person owns', () => {
  const org = generateOrg({
    seed: 71,
    employees: 150,
    dirtyData: NO_DIRTY_DATA,
  });
  const [owner, other] = surelyExpectedUsers(org).filter(e =>
    e.email?.emailAddress?.includes('@'),
  );
  const nameOf = (e: typeof owner) =>
    e.email!.emailAddress!.split('@')[0].toLowerCase();
  const ownerRef = `user:default/${nameOf(owner)}`;
  const otherRef = `user:default/${nameOf(other)}`;
  let dir: string;
  let sandbox: PaycorSandbox;
  let backend: PaycorTestApi;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'paycor-owned-entities-'));
    const yaml = path.join(dir, 'catalog-info.yaml');
    writeFileSync(
      yaml,
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: payments-api',
        '  title: Payments API',
        'spec:',
        '  type: service',
        '  lifecycle: production',
        `  owner: ${ownerRef}`,
        '',
      ].join('\n'),
    );
    sandbox = await startPaycorSandbox({ fixture: org });
    backend = await startPaycorTestBackend({
      sandbox,
      locations: [{ type: 'file', target: yaml }],
    });
    const first = await backend.syncNow();
    if (first.status !== 'succeeded') throw new Error(first.error?.message);
    await backend.settled();
    // the Component is stitched with its owner relation
    await backend.eventually(
      () => backend.entity(COMPONENT),
      e =>
        Boolean(
          e?.relations?.some(
            r => r.type === 'ownedBy' && r.targetRef === ownerRef,
          ),
        ),
    );
  });

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds the removal of a person who owns a Component, though it is 1 of ~150, and applies the others', async () => {
    const users = await backend.entities('user');
    expect(users.length).toBeGreaterThan(100);
    const ownerEntity = await backend.entity(ownerRef);
    expect(
      ownerEntity?.metadata.annotations?.[PAYCOR_ANNOTATIONS.employeeId],
    ).toBe(owner.id);
    expect(await backend.entity(otherRef)).toBeDefined();
    const department = (ownerEntity!.spec as { memberOf: string[] })
      .memberOf[0];

    sandbox.control.terminateEmployee(owner.id!, { date: yesterday() } as any);
    sandbox.control.terminateEmployee(other.id!, { date: yesterday() } as any);

    // Preview says so before anything is applied.
    const preview: PreviewResult = (await backend.api('get', `${P}/preview`))
      .body;
    expect(preview.wouldHold).toBe(true);
    expect(preview.holdReason).toContain(COMPONENT);
    expect(preview.orphaned).toEqual([
      {
        entityRef: COMPONENT,
        kind: 'Component',
        title: 'Payments API',
        owner: ownerRef,
        suggestedOwner: department,
      },
    ]);

    const run = await backend.syncNow();
    expect(run.status).toBe('held');
    // the person who owns nothing is removed at once; the owner is held
    expect(run.counts).toMatchObject({ removed: 1, held: 1 });
    await backend.eventually(
      () => backend.entity(otherRef),
      e => e === undefined,
    );
    expect(await backend.entity(ownerRef)).toBeDefined();

    const approvals = await backend.api('get', `${P}/approvals?status=pending`);
    expect(approvals.body.items).toHaveLength(1);
    const approval: Approval = approvals.body.items[0];
    expect(approval.runId).toBe(run.id);
    expect(approval.reason).toContain(COMPONENT);
    expect(approval.removals).toEqual([
      expect.objectContaining({
        entityRef: ownerRef,
        kind: 'User',
        employeeId: owner.id,
        orphans: [
          { entityRef: COMPONENT, kind: 'Component', title: 'Payments API' },
        ],
        suggestedOwner: department,
      }),
    ]);
    expect((await backend.status()).health).toBe('awaiting-approval');

    // the next run holds the same removal without asking again
    const again = await backend.syncNow();
    expect(again.status).toBe('held');
    const stillPending = await backend.api(
      'get',
      `${P}/approvals?status=pending`,
    );
    expect(stillPending.body.items.map((a: Approval) => a.runId)).toEqual([
      run.id,
    ]);
  });

  it('approving removes the User; the Component stays, pointing at its former owner', async () => {
    const pending: Approval = (
      await backend.api('get', `${P}/approvals?status=pending`)
    ).body.items[0];
    const res = await backend
      .api('post', `${P}/approvals/${pending.runId}`)
      .send({ decision: 'approve', note: 'payments-api moves to the team' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('approved');
    await backend.eventually(
      () => backend.entity(ownerRef),
      e => e === undefined,
    );
    expect((await backend.entity(COMPONENT))?.spec?.owner).toBe(ownerRef);

    // gone from Paycor and from the catalog: nothing is held any more
    const next = await backend.syncNow();
    expect(next.status).toBe('succeeded');
    expect(next.counts.held).toBe(0);
  });
});
