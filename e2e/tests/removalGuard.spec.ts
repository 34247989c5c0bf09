import { expect, Page, test } from '@playwright/test';
import path from 'node:path';
import { screenshotDir, storyOnOnePage } from './helpers';
import { backend, PROVIDER, SANDBOX, sandbox } from './stack';

// The removal guard's ownership check, in the browser: a person who owns a
// Component (e2e/fixtures/owned-by-a-person.yaml) leaves Paycor; their
// removal is held though it is one of hundreds, and the Approvals tab names
// the Component and a Group to own it instead. One story, in order.
let page: Page;
storyOnOnePage(
  () => backend.firstSync(),
  p => (page = p),
);

test('removing the owner of a Component waits for approval, naming the Component', async () => {
  await backend.waitForEntity('component', 'expense-reports');
  const hire = await sandbox.addEmployee({
    firstName: 'Oona',
    lastName: 'Ownerby',
  });
  expect((await backend.sync()).status).toBe('succeeded');
  await backend.waitForEntity('user', 'oona.ownerby');
  const usersBefore = await backend.catalogUserCount();

  const yesterday = new Date(Date.now() - 86_400_000)
    .toISOString()
    .slice(0, 10);
  const res = await fetch(
    `${SANDBOX}/_sandbox/employees/${hire.id}/terminate`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ date: yesterday }),
    },
  );
  expect(res.status).toBe(200);
  const run = await backend.sync();
  expect(run.status).toBe('held');
  expect(run.counts.held).toBe(1);
  expect(usersBefore).toBeGreaterThan(100);

  await page.goto(`/paycor/approvals?provider=${PROVIDER}`);
  const held = page.getByRole('region', { name: `Run ${run.id}` });
  await expect(held).toBeVisible();
  await expect(held).toContainText(
    'would leave 1 catalog entity without an existing owner',
  );
  const orphans = held
    .getByRole('table')
    .filter({ hasText: 'Expense reports' });
  // The links show the entities' titles once the catalog answers: find them
  // by where they lead.
  const link = (ref: string) => {
    const [, kind, namespace, name] = /^([^:]+):([^/]+)\/(.+)$/.exec(ref)!;
    return orphans.locator(`a[href="/catalog/${namespace}/${kind}/${name}"]`);
  };
  await expect(link('component:default/expense-reports')).toBeVisible();
  await expect(link('component:default/expense-reports')).toHaveText(
    /Expense reports|expense-reports/,
  );
  await expect(link('user:default/oona.ownerby')).toBeVisible();
  const [approval] = await backend.pendingApprovals();
  expect(approval.removals).toEqual([
    expect.objectContaining({
      entityRef: 'user:default/oona.ownerby',
      orphans: [
        expect.objectContaining({
          entityRef: 'component:default/expense-reports',
        }),
      ],
    }),
  ]);
  const suggested = approval.removals[0].suggestedOwner!;
  expect(suggested).toMatch(/^group:default\//);
  await expect(link(suggested)).toBeVisible();
  await held.scrollIntoViewIfNeeded();
  await held.screenshot({
    path: path.join(screenshotDir, 'approvals-owned-entities.png'),
  });

  await held.getByRole('button', { name: 'Approve', exact: true }).click();
  await page.getByRole('button', { name: 'Approve removals' }).click();
  await expect
    .poll(() => backend.pendingApprovals(), { timeout: 60_000 })
    .toEqual([]);
  await expect
    .poll(() => backend.catalogUserCount(), { timeout: 120_000 })
    .toBe(usersBefore - 1);
});
