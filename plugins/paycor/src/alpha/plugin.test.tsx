import { coreApis } from '@backstage/frontend-plugin-api';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MockPaycorSyncApi } from '../__testUtils__/MockPaycorSyncApi';
import {
  allowAllPermissionApi,
  createCatalogApi,
} from '../__testUtils__/testHelpers';
import { paycorSyncApiRef } from '../api';
import plugin from '../alpha';
import packageJson from '../../package.json';

/** The whole plugin in a new frontend system test app, at `path`. */
function renderApp(path: string, extensionsConfig: object[] = []) {
  const api = new MockPaycorSyncApi();
  const result = renderTestApp({
    features: [plugin],
    config: {
      app: { baseUrl: 'http://localhost:3000', extensions: extensionsConfig },
      backend: { baseUrl: 'http://localhost:7007' },
    },
    initialRouteEntries: [path],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    apis: [
      [paycorSyncApiRef, api],
      [permissionApiRef, allowAllPermissionApi],
      [catalogApiRef, createCatalogApi()],
    ],
  });
  const location = () =>
    result.apis.get(coreApis.appHistory)!.getSnapshot().location;
  return { api, result, location };
}

const TABS = [
  'Runs',
  'Conflicts',
  'Departments',
  'Approvals',
  'Exclusions',
  'Preview',
  'People',
  'Org chart',
];

/** The app's page header: its tabs are the plugin's sub-pages. */
const headerTabs = () => screen.getByRole('tablist', { name: 'Toolbar tabs' });

describe('the new frontend system plugin', () => {
  it('is the default export of ./alpha, declared in package.json', () => {
    expect(plugin.$$type).toBe('@backstage/FrontendPlugin');
    expect(plugin.pluginId).toBe('paycor');
    expect(plugin.title).toBe('Paycor sync');
    expect(packageJson.exports['./alpha']).toBe('./src/alpha.ts');
    expect(packageJson.typesVersions['*'].alpha).toEqual(['src/alpha.ts']);
    // resolved through the package's exports, as app discovery does
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require('@paycor-backstage/plugin-paycor/alpha').default).toBe(
      plugin,
    );
    // the legacy entry point has no default export: it must not be
    // discovered as a second feature
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require('@paycor-backstage/plugin-paycor').default).toBeUndefined();
  });

  it('installs exactly these extensions', async () => {
    const { result } = renderApp('/paycor');
    // let the page finish loading before the test ends
    expect(
      await screen.findByRole('heading', { name: 'Acme Corp' }),
    ).toBeInTheDocument();
    const { tree } = result.apis.get(coreApis.appTree)!.getTree();
    const ours = [...tree.nodes.values()]
      .filter(node => node.spec.plugin.pluginId === 'paycor')
      .map(node => node.spec.id)
      .sort();
    expect(ours).toEqual(
      [
        'api:paycor',
        'page:paycor',
        'sub-page:paycor/runs',
        'sub-page:paycor/conflicts',
        'sub-page:paycor/departments',
        'sub-page:paycor/approvals',
        'sub-page:paycor/exclusions',
        'sub-page:paycor/preview',
        'sub-page:paycor/people',
        'sub-page:paycor/org-chart',
        'entity-card:paycor/details',
        'entity-card:paycor/reporting-line',
        'home-page-widget:paycor/sync-status',
      ].sort(),
    );
  });
});

describe('the sync page in the new frontend system', () => {
  it("opens on the runs tab under the app's own header", async () => {
    const { location } = renderApp('/paycor');
    await waitFor(() => expect(location().pathname).toBe('/paycor/runs'));
    expect(
      await screen.findByRole('heading', { name: 'Acme Corp' }),
    ).toBeInTheDocument();

    // one page title, the app's; no legacy Header with its subtitle
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(
      screen.getByRole('heading', { level: 1, name: 'Paycor sync' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Keeps catalog Users and Groups in step with Paycor'),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('tablist', { name: 'Paycor sync sections' }),
    ).not.toBeInTheDocument();

    const tabs = within(headerTabs()).getAllByRole('tab');
    expect(tabs.map(t => t.textContent)).toEqual(TABS);
    expect(tabs.map(t => t.getAttribute('href'))).toEqual(
      TABS.map(t => `/paycor/${t.toLowerCase().replace(' ', '-')}`),
    );
    expect(
      within(headerTabs()).getByRole('tab', { name: 'Runs' }),
    ).toHaveAttribute('aria-selected', 'true');
    expect(
      await screen.findByRole('button', { name: 'Sync now' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Held for approval')).toBeInTheDocument();
  });

  it('opens a tab from its own path', async () => {
    renderApp('/paycor/conflicts?provider=acme');
    expect(
      await screen.findByText(/share maria\.okafor@acme\.example/),
    ).toBeInTheDocument();
    expect(
      within(headerTabs()).getByRole('tab', { name: 'Conflicts' }),
    ).toHaveAttribute('aria-selected', 'true');
  });

  it('links from the status to the tabs as sub-pages', async () => {
    renderApp('/paycor/runs?provider=acme');
    const acme = await screen.findByRole('region', { name: 'Acme Corp' });
    expect(
      within(acme).getByRole('link', { name: '4 open conflicts' }),
    ).toHaveAttribute('href', '/paycor/conflicts?provider=acme');
    expect(
      within(acme).getByRole('link', { name: 'Review approvals' }),
    ).toHaveAttribute('href', '/paycor/approvals?provider=acme');
  });

  it('sends the legacy ?tab= links on to the sub-page', async () => {
    const { location } = renderApp('/paycor?provider=acme&tab=approvals');
    await waitFor(() =>
      expect(location()).toMatchObject({
        pathname: '/paycor/approvals',
        search: '?provider=acme',
      }),
    );
    expect(
      await screen.findByRole('region', { name: 'Run run-103' }),
    ).toBeInTheDocument();
  });

  it('keeps the connection in the URL', async () => {
    const { location } = renderApp('/paycor/departments');
    await userEvent.click(
      await screen.findByRole('button', { name: /Connection Acme Corp/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', {
        name: 'Acme Canada Ltd (acme-canada)',
      }),
    );
    expect(
      await screen.findByRole('heading', { name: 'Acme Canada Ltd' }),
    ).toBeInTheDocument();
    expect(location()).toMatchObject({
      pathname: '/paycor/departments',
      search: '?provider=acme-canada',
    });
    expect(
      await screen.findByRole('listitem', { name: 'Operations Canada' }),
    ).toBeInTheDocument();
  });

  it('is listed in the sidebar', async () => {
    renderApp('/paycor');
    const nav = screen.getByRole('navigation', { name: 'sidebar nav' });
    expect(
      within(nav).getByRole('link', { name: 'Paycor sync' }),
    ).toHaveAttribute('href', '/paycor');
    expect(
      await screen.findByRole('heading', { name: 'Acme Corp' }),
    ).toBeInTheDocument();
  });

  it('drops a tab an app disables in its config', async () => {
    const { location } = renderApp('/paycor?provider=acme&tab=preview', [
      { 'sub-page:paycor/preview': false },
    ]);
    expect(await screen.findByText('Held for approval')).toBeInTheDocument();
    expect(location()).toMatchObject({ pathname: '/paycor/runs' });
    expect(
      within(headerTabs())
        .getAllByRole('tab')
        .map(t => t.textContent),
    ).toEqual(TABS.filter(t => t !== 'Preview'));
  });

  it('confirms a change with a toast from the app', async () => {
    const { result } = renderApp('/paycor/departments?provider=acme');
    const engineering = await screen.findByRole('listitem', {
      name: 'Engineering',
    });
    await userEvent.click(
      within(engineering).getByRole('button', { name: 'Undo re-home' }),
    );
    // the mock backend re-arranges the tree: Engineering moves under its
    // Paycor parent, with the other departments there
    await waitFor(() =>
      expect(
        screen.getByRole('region', { name: 'Under group:default/acme-corp' }),
      ).toContainElement(screen.getByRole('listitem', { name: 'Engineering' })),
    );
    const toasts = result.apis.get(coreApis.toast) as unknown as {
      getToasts(): unknown[];
    };
    expect(toasts.getToasts()).toEqual([
      expect.objectContaining({
        title:
          'Engineering is back under its Paycor parent. The catalog reflects it after the re-apply run, within seconds.',
        status: 'success',
      }),
    ]);
  });
});
