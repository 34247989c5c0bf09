import { expect, Page, test } from '@playwright/test';
import path from 'node:path';

export const screenshotDir = path.resolve(
  __dirname,
  '../../e2e-results/screenshots',
);

/**
 * React's development build reports deprecations in Backstage's own
 * dependencies (Material UI v4, material-table) as console errors. They are
 * not ours to fix and do not happen in production builds; anything else is.
 */
const upstreamDevWarnings = [
  /^Warning: findDOMNode is deprecated/,
  /^Warning: %s: Support for defaultProps will be removed/,
  // Backstage 1.57's catalog index page (new frontend system): a list handed
  // straight to an ExtensionBoundary, and an <h2> title inside the table
  // toolbar's <h5>. Matched by their component stacks, which name only
  // Backstage's packages; line by line, so a long stack cannot make the match
  // backtrack.
  /^Warning: Each child in a list should have a unique "key" prop\.[^\n]*\n\s*at ExtensionBoundary \([^)\n]*node_modules\/@backstage\/frontend-plugin-api\/[^)\n]*\)\s*$/,
  /^Warning: validateDOMNesting\(\.\.\.\): [^\n]*<h2> h5[^\S\n]*\n\s*at h2\n(?:[^\n]*\n)*?\s*at CatalogTableToolbar \([^)\n]*node_modules\/@backstage\/plugin-catalog\//,
];

/** Console errors seen by a page; tests assert there are none. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', message => {
    const text = message.text();
    if (
      message.type() === 'error' &&
      !upstreamDevWarnings.some(pattern => pattern.test(text))
    ) {
      errors.push(text);
    }
  });
  page.on('pageerror', error => errors.push(error.message));
  return errors;
}

/** Signs in with the guest provider (the demo app's only sign-in method). */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: /enter/i });
  await enter.waitFor({ state: 'visible', timeout: 60_000 }).catch(() => {});
  if (await enter.isVisible()) {
    await enter.click();
  }
  await expect(
    page
      .getByTestId('sidebar-root')
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/**
 * The hooks of a spec told as one story: its tests run in order on one
 * signed-in page (handed to `use` once it exists), after `prepare`, and none
 * may leave a console error behind.
 */
export function storyOnOnePage(
  prepare: () => Promise<unknown>,
  use: (page: Page) => void,
) {
  test.describe.configure({ mode: 'serial' });
  let page: Page | undefined;
  let consoleErrors: string[] = [];

  test.beforeAll(async ({ browser }) => {
    await prepare();
    page = await browser.newPage();
    consoleErrors = collectConsoleErrors(page);
    await signInAsGuest(page);
    use(page);
  });

  test.afterAll(async () => {
    await page?.close();
  });

  test.afterEach(() => {
    expect(consoleErrors).toEqual([]);
  });
}
