import { expect, Page, test } from '@playwright/test';
import path from 'node:path';
import { screenshotDir, storyOnOnePage } from './helpers';
import { backend, PROVIDER, sandbox } from './stack';

// One story, in order: each step builds on the previous one's state.
let page: Page;
storyOnOnePage(
  () => backend.firstSync(),
  p => (page = p),
);

/** The home page's content (the sidebar also says "Paycor sync"). */
const homeContent = () => page.locator('article').first();

/**
 * The status widget on the home page: the card the home page draws around
 * the widget, found by the connection it shows.
 */
const statusWidget = (connection?: string) =>
  page
    .locator('.MuiCard-root')
    .filter({ has: page.getByRole('region', { name: connection }) });

test('the home page shows the status widget: a healthy connection with its counts', async () => {
  const status = await backend.status();
  await page.goto('/');
  const block = page.getByRole('region', { name: status.legalEntity.name });
  await expect(block.getByText('Healthy', { exact: true })).toBeVisible();
  await expect(block.getByText('Enabled', { exact: true })).toBeVisible();
  const fact = (name: string) => block.locator(`dt:text-is("${name}") + dd`);
  await expect(fact('Users')).toHaveText(String(status.entityCounts.users));
  await expect(fact('Groups')).toHaveText(String(status.entityCounts.groups));
  await expect(fact('Conflicts')).toHaveText('No open conflicts');

  // one card titled once: the home page's, with no card of the widget inside
  const widget = statusWidget(status.legalEntity.name);
  await expect(widget).toHaveCount(1);
  await expect(widget.locator('.MuiCard-root')).toHaveCount(0);
  await expect(
    homeContent().getByText('Paycor sync', { exact: true }),
  ).toHaveCount(1);
  await expect(
    widget.getByRole('link', { name: 'Open the Paycor sync page' }),
  ).toHaveAttribute('href', '/paycor');
  await widget.screenshot({
    path: path.join(screenshotDir, 'status-card.png'),
  });
});

test('"Sync now" shows progress and then the fresh time', async () => {
  const status = await backend.status();
  const block = page.getByRole('region', { name: status.legalEntity.name });
  const lastSuccess = block.locator(
    'dt:text-is("Last successful sync") + dd time',
  );
  const before = await lastSuccess.getAttribute('datetime');
  await block.getByRole('button', { name: 'Sync now' }).click();
  await expect
    .poll(async () => lastSuccess.getAttribute('datetime'), {
      timeout: 120_000,
    })
    .not.toBe(before);
  await expect(block.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  const after = await lastSuccess.getAttribute('datetime');
  expect(Date.parse(after!)).toBeGreaterThan(Date.parse(before!));
});

test("the sidebar lists the sync page, which has the app's own header and tabs", async () => {
  const item = page
    .getByTestId('sidebar-root')
    .getByRole('link', { name: 'Paycor sync' });
  await expect(item).toBeVisible();
  await item.click();
  await expect(page).toHaveURL(/\/paycor\/runs$/);

  // the app's page header: one page title, the tabs are the plugin's sub-pages
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Paycor sync' }),
  ).toBeAttached();
  await expect(
    page.getByText('Keeps catalog Users and Groups in step with Paycor'),
  ).toHaveCount(0);
  const tabs = page.getByRole('tablist', { name: 'Toolbar tabs' });
  await expect(tabs.getByRole('tab')).toHaveText([
    'Runs',
    'Conflicts',
    'Departments',
    'Approvals',
    'Exclusions',
    'Preview',
    'People',
    'Org chart',
  ]);
  await expect(tabs.getByRole('tab', { name: 'Runs' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  // the sidebar with the page selected, next to the app's header and tabs
  await page.screenshot({
    path: path.join(screenshotDir, 'sidebar.png'),
    clip: { x: 0, y: 0, width: 900, height: 420 },
  });

  await tabs.getByRole('tab', { name: 'Departments' }).click();
  await expect(page).toHaveURL(/\/paycor\/departments$/);
  await expect(page.getByRole('listitem').first()).toBeVisible();
});

test('a department re-homed in the UI keeps its new parent after a Paycor change and another sync', async () => {
  const { items } = await backend.departments();
  const department = items.find(d => d.state === 'synced' && d.paycorParentId)!;
  // the hand-written parent, from the repo's catalog-info.yaml
  await backend.waitForEntity('group', 'product-engineering');
  await page.goto(`/paycor/departments?provider=${PROVIDER}`);
  const row = page.getByRole('listitem', {
    name: department.name,
    exact: true,
  });
  await row.getByRole('button', { name: 'Re-home', exact: true }).click();
  const dialog = page.getByRole('dialog', {
    name: `Re-home ${department.name}`,
  });
  await dialog.getByLabel('Parent group').fill('Product');
  await page.getByRole('option', { name: /Product & Engineering/ }).click();
  await dialog.getByLabel('Note (optional)').fill('two-tier org');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole('listitem', { name: department.name, exact: true }),
  ).toContainText(/Re-homed/);
  await page.screenshot({
    path: path.join(screenshotDir, 'sync-page-departments.png'),
    fullPage: true,
  });

  // Paycor renames the department; the next sync keeps the re-home.
  await sandbox.renameDepartment(department.id, `${department.name} Renamed`);
  await backend.sync();
  const view = (await backend.departments()).items.find(
    d => d.id === department.id,
  )!;
  expect(view.effectiveParentRef).toBe('group:default/product-engineering');

  const name = view.entityRef!.split('/')[1];
  await page.goto(`/catalog/default/group/${name}`);
  await expect(
    page
      .getByRole('link', { name: /Product & Engineering|product-engineering/ })
      .first(),
  ).toBeVisible({ timeout: 60_000 });
  await expect(
    page.getByRole('heading', { name: 'Paycor', exact: true }),
  ).toBeVisible();
});

test('a held run is approved from the sync page', async () => {
  const usersBefore = await backend.catalogUserCount();
  await sandbox.terminateShare(0.3);
  const run = await backend.sync();
  expect(run.status).toBe('held');

  // the legacy page's link form still lands on the tab
  await page.goto(`/paycor?provider=${PROVIDER}&tab=approvals`);
  await expect(page).toHaveURL(
    new RegExp(`/paycor/approvals\\?provider=${PROVIDER}$`),
  );
  const held = page.getByRole('region', { name: `Run ${run.id}` });
  await expect(held).toBeVisible();
  await held.getByRole('button', { name: 'Approve', exact: true }).click();
  await page.getByRole('button', { name: 'Approve removals' }).click();
  await expect
    .poll(() => backend.pendingApprovals(), { timeout: 60_000 })
    .toEqual([]);
  await expect
    .poll(() => backend.catalogUserCount(), { timeout: 120_000 })
    .toBeLessThan(usersBefore);
});

test('a conflict is listed with its message and entity', async () => {
  // Two people who are synced now; the second takes the first one's email.
  const [owner, copier] = await backend.catalogUsers(2);
  const ownerEmail = owner.spec.profile.email as string;
  await sandbox.changeEmail(
    copier.metadata.annotations['paycor.com/employee-id'],
    ownerEmail,
  );
  await backend.sync();

  // from the home page's widget, its link to the open conflicts
  await page.goto('/');
  const status = await backend.status();
  await page
    .getByRole('region', { name: status.legalEntity.name })
    .getByRole('link', { name: /open conflicts?$/ })
    .click();
  await expect(page).toHaveURL(
    new RegExp(`/paycor/conflicts\\?provider=${PROVIDER}$`),
  );
  await page
    .getByRole('searchbox', { name: 'Search conflicts' })
    .fill(ownerEmail);
  await expect(page.getByText('Duplicate email').first()).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText(ownerEmail).first()).toBeVisible();
  await page.screenshot({
    path: path.join(screenshotDir, 'sync-page-conflicts.png'),
    fullPage: true,
  });
});

test('a synced User shows the Paycor entity card', async () => {
  const status = await backend.status();
  expect(status.entityCounts.users).toBeGreaterThan(0);
  await page.goto('/catalog?filters[kind]=user&filters[user]=all');
  await page.getByRole('table').getByRole('link').first().click();
  const heading = page.getByRole('heading', { name: 'Paycor', exact: true });
  const details = page.getByLabel('Paycor details');
  await expect(details).toBeVisible();
  await expect(details).toContainText('Employee id');
  await expect(
    page.getByRole('list', { name: 'Fields managed by Paycor' }),
  ).toContainText('spec.profile.email');
  // the innermost element holding both the card's title and its details
  const entityCard = page
    .locator('div')
    .filter({ has: heading })
    .filter({ has: details })
    .last();
  await entityCard.screenshot({
    path: path.join(screenshotDir, 'entity-card.png'),
  });
});
