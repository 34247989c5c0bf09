import { expect, Page, test } from '@playwright/test';
import path from 'node:path';
import type {
  OrgChartPerson,
  OrgChartView,
} from '@paycor-backstage/plugin-paycor-common';
import { screenshotDir, storyOnOnePage } from './helpers';
import { backend, PROVIDER } from './stack';

// Reporting lines as an engineer browsing the catalog meets them: a User's
// managers and direct reports on their page, and the org chart tab.
let page: Page;
storyOnOnePage(
  () => backend.firstSync(),
  p => (page = p),
);

/** Someone two levels below the top who manages people themselves. */
async function middleManager(): Promise<{
  person: OrgChartPerson;
  view: OrgChartView;
}> {
  const top = await backend.orgChart();
  for (const head of top.reports.items) {
    const below = await backend.orgChart(head.employeeId);
    const manager = below.reports.items.find(p => p.directReports > 0);
    if (manager) {
      return {
        person: manager,
        view: await backend.orgChart(manager.employeeId),
      };
    }
  }
  throw new Error('the demo org has no manager two levels down');
}

const userPath = (entityRef: string) => {
  const [, name] = entityRef.split('/');
  return `/catalog/default/user/${name}`;
};

test("a User's page shows their managers and direct reports, each a link", async () => {
  const { person, view } = await middleManager();
  expect(view.chain.length).toBeGreaterThanOrEqual(1);
  await page.goto(userPath(person.entityRef));

  const card = page
    .getByRole('heading', { name: 'Reporting line', level: 2 })
    .locator('xpath=ancestor::*[contains(@class,"MuiCard-root")][1]');
  const managers = card.getByRole('list', { name: 'Managers, from the top' });
  await expect(managers.getByRole('listitem')).toHaveCount(
    view.chain.length + 1,
  );
  for (const manager of view.chain) {
    await expect(
      managers.getByRole('link', { name: manager.displayName }),
    ).toBeVisible();
  }
  await expect(
    card.getByRole('heading', {
      name: `Direct reports (${person.directReports})`,
    }),
  ).toBeVisible();
  const reports = card.getByRole('list', { name: 'Direct reports' });
  await expect(reports.getByRole('listitem')).toHaveCount(
    Math.min(person.directReports, 10),
  );
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({
    path: path.join(screenshotDir, 'reporting-line.png'),
  });

  // follow the line up: the direct manager's page lists this person below
  const manager = view.chain[view.chain.length - 1];
  await managers.getByRole('link', { name: manager.displayName }).click();
  await expect(page).toHaveURL(new RegExp(`${userPath(manager.entityRef)}$`));
  const managerCard = page
    .getByRole('heading', { name: 'Reporting line', level: 2 })
    .locator('xpath=ancestor::*[contains(@class,"MuiCard-root")][1]');
  await expect(
    managerCard.getByRole('heading', { name: /^Direct reports \(\d+\)$/ }),
  ).toBeVisible();
});

test('the org chart finds a person and shows them in place, under their managers', async () => {
  const { person, view } = await middleManager();
  await page.goto(`/paycor/org-chart?provider=${PROVIDER}`);
  const tree = page.getByRole('tree', { name: 'Org chart' });
  await expect(tree.getByRole('treeitem').first()).toBeVisible();

  await page.getByLabel('Find a person').fill(person.displayName);
  const found = page.getByRole('list', { name: 'People found' });
  await found
    .getByRole('button', { name: new RegExp(person.displayName) })
    .first()
    .click();

  await expect(page).toHaveURL(
    new RegExp(`[?&]person=${encodeURIComponent(person.employeeId)}`),
  );
  // each manager's team is open down to the person, who is selected
  for (const manager of view.chain) {
    await expect(
      tree.getByRole('treeitem', { name: manager.displayName, exact: true }),
    ).toHaveAttribute('aria-expanded', 'true');
  }
  const item = tree.getByRole('treeitem', {
    name: person.displayName,
    exact: true,
  });
  await expect(item).toHaveAttribute('aria-selected', 'true');
  await expect(item).toHaveAttribute(
    'aria-level',
    String(view.chain.length + 1),
  );
  await expect(
    item.getByTestId(`org-person-${person.employeeId}`),
  ).toContainText(`${person.directReports} direct`);
  await item.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(screenshotDir, 'org-chart.png') });
});
