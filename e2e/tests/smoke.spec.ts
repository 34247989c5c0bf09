import { expect, test } from '@playwright/test';
import path from 'node:path';
import { collectConsoleErrors, screenshotDir, signInAsGuest } from './helpers';

test('the catalog page renders the repo components after guest sign-in', async ({
  page,
}) => {
  const consoleErrors = collectConsoleErrors(page);
  await signInAsGuest(page);

  await page.goto('/catalog?filters[kind]=component&filters[user]=all');
  await expect(
    page.getByRole('link', { name: 'Paycor catalog backend module' }),
  ).toBeVisible();
  await page.screenshot({ path: path.join(screenshotDir, 'catalog.png') });

  expect(consoleErrors).toEqual([]);
});
