import { expect, Page, test } from '@playwright/test';
import path from 'node:path';
import { screenshotDir, storyOnOnePage } from './helpers';
import { backend, PROVIDER, sandbox } from './stack';

// The People tab: why someone is (not) in the catalog, and one person synced
// alone. One story, in order.
let page: Page;
storyOnOnePage(
  () => backend.firstSync(),
  p => (page = p),
);

const search = () => page.getByRole('searchbox', { name: 'Search people' });

test('a person skipped for a duplicate email: search them and read why', async () => {
  // Two people who are synced now; the second takes the first one's email.
  const users = (await backend.catalogUsers(12)).filter(
    u => u.spec?.profile?.email,
  );
  const [owner, copier] = users.slice(-2);
  const ownerEmail = owner.spec.profile.email as string;
  const copierName = copier.spec.profile.displayName as string;
  // Both have a User, so at the sync the longer-serving one keeps the email:
  // make that the owner, whatever the generated hire dates are.
  await sandbox.updateEmployee(
    owner.metadata.annotations['paycor.com/employee-id'],
    { employmentDateData: { hireDate: '2000-01-03T00:00:00Z' } },
  );
  await sandbox.changeEmail(
    copier.metadata.annotations['paycor.com/employee-id'],
    ownerEmail,
  );
  await backend.sync();

  await page.goto(`/paycor/people?provider=${PROVIDER}`);
  await search().fill(copierName);
  const row = page
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name: `Why ${copierName}` }) });
  await expect(row.getByText('Duplicate email')).toBeVisible();
  await expect(row.getByText('Not in the catalog')).toBeVisible();
  await row.getByRole('button', { name: `Why ${copierName}` }).click();

  const panel = page.getByRole('region', { name: `Person ${copierName}` });
  await expect(
    panel.getByRole('heading', { name: 'Why they are not in the catalog' }),
  ).toBeVisible();
  const email = panel
    .getByRole('list', { name: 'Trace' })
    .getByRole('listitem')
    .filter({ hasText: 'Email' });
  await expect(email).toContainText(
    `is also the work email of ${owner.spec.profile.displayName}`,
  );
  // the trace reads today's state: the owner has the User, the copier none
  await expect(email).toContainText('who keeps it: they already had a User');
  // they had a User until this sync: the history says it went, and why
  await expect(
    panel
      .getByRole('list', { name: 'History' })
      .getByText('Removed from the catalog: duplicate email.'),
  ).toBeVisible();
  // the link is shareable: it opens the same person
  await expect(page).toHaveURL(/[?&]person=/);
  await page.screenshot({
    path: path.join(screenshotDir, 'people.png'),
    fullPage: true,
  });
});

test('a hire dated today, synced alone: their User page opens within 5 s, without a full sync', async () => {
  const hire = await sandbox.addEmployee({
    firstName: 'Pia',
    lastName: 'Persson',
  });
  const runsBefore = await backend.runs(1);
  await sandbox.resetCalls();

  await page.goto(`/paycor/people?provider=${PROVIDER}`);
  await search().fill(hire.id);
  const syncById = page.getByRole('button', {
    name: `Sync employee ${hire.id}`,
  });
  await expect(syncById).toBeVisible();
  const started = Date.now();
  await syncById.click();

  const panel = page.getByRole('region', { name: 'Person Pia Persson' });
  const user = panel.getByRole('link', { name: /pia\.persson/ });
  await expect(user).toBeVisible({ timeout: 5000 });
  await user.click();
  await expect(
    page.getByRole('heading', { name: /Pia Persson|pia\.persson/ }).first(),
  ).toBeVisible({ timeout: Math.max(1, 5000 - (Date.now() - started)) });
  const details = page.getByLabel('Paycor details');
  await expect(details).toContainText(hire.id);
  const elapsed = Date.now() - started;
  expect(elapsed).toBeLessThanOrEqual(5000);

  // one employee read, no listing: no full sync ran
  const calls = await sandbox.calls();
  expect(calls.byEndpoint.employee).toBe(1);
  expect(calls.byEndpoint.employees ?? 0).toBe(0);
  const runs = await backend.runs(5);
  const newRuns = runs.filter(
    r => r.startedAt > (runsBefore[0]?.startedAt ?? ''),
  );
  expect(newRuns.map(r => r.trigger)).toEqual(['person']);
  expect(newRuns[0]).toMatchObject({ status: 'succeeded' });
  expect(newRuns[0].apiCalls).toBeLessThanOrEqual(2);
  expect(newRuns[0].counts.added).toBeGreaterThanOrEqual(1);

  // and from the User page, back to why they are here
  await page.getByRole('link', { name: 'Why is this person here?' }).click();
  await expect(page).toHaveURL(
    new RegExp(`/paycor/people\\?provider=${PROVIDER}&person=${hire.id}$`),
  );
  await expect(
    page
      .getByRole('region', { name: 'Person Pia Persson' })
      .getByRole('heading', { name: 'Why they are in the catalog' }),
  ).toBeVisible();
});

test('the status widget says who joins and leaves soon, and the list shows them', async () => {
  await page.goto('/');
  const status = await backend.status();
  const block = page.getByRole('region', { name: status.legalEntity.name });
  const line = block.locator('dt:text-is("Coming up") + dd');
  await expect(line).toHaveText(
    /^\d+ joining, \d+ leaving in the next 7 days$/,
  );
  await line.getByRole('link').click();
  await expect(page).toHaveURL(/\/paycor\/people\?provider=.*view=upcoming/);
  await expect(
    page.getByRole('tab', { name: 'Upcoming changes', selected: true }),
  ).toBeVisible();
  await expect(
    page.getByText(/joining, .* leaving in the next 30 days/),
  ).toBeVisible();
});
