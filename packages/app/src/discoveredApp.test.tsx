import { Entity } from '@backstage/catalog-model';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import homePlugin from '@backstage/plugin-home/alpha';
import { notificationsApiRef } from '@backstage/plugin-notifications';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import {
  PaycorSyncApi,
  ProviderStatus,
  paycorSyncApiRef,
} from '@paycor-backstage/plugin-paycor';
import paycorPlugin from '@paycor-backstage/plugin-paycor/alpha';
import { screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { homeModule } from './modules/home';
import { navModule } from './modules/nav';

// The app as it runs: `app.packages: all` discovers the plugins in
// package.json at bundle time, which jest cannot do, so the test lists the
// discovered plugins it needs and reads the real app-config.yaml. The Paycor
// plugin gets nothing beyond its package and that config.

const appConfig = parse(
  readFileSync(path.resolve(__dirname, '../../../app-config.yaml'), 'utf8'),
).app;

const provider: ProviderStatus = {
  id: 'demo',
  enabled: true,
  health: 'healthy',
  healthReason: 'The last run succeeded.',
  legalEntity: { id: 501123, name: 'Acme Corp' },
  environment: 'sandbox',
  baseUrl: 'http://127.0.0.1:7010',
  schedule: { frequency: 'PT1H', timeout: 'PT15M' },
  running: false,
  lastSuccessAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  entityCounts: { users: 120, groups: 9 },
  openConflicts: 2,
};

const paycorApi: Partial<PaycorSyncApi> = {
  listProviders: async () => ({ items: [provider] }),
  getProvider: async () => provider,
  getUpcoming: async () => ({
    from: new Date().toISOString().slice(0, 10),
    days: 7,
    timeZone: 'UTC',
    joining: 0,
    leaving: 0,
    items: [],
    totalCount: 0,
  }),
};

function entity(
  kind: string,
  name: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec:
      kind === 'Component'
        ? { type: 'service', lifecycle: 'production', owner: 'group:platform' }
        : { profile: { displayName: name }, memberOf: [], children: [] },
  };
}

const entities = [
  entity('User', 'maria.okafor', {
    'paycor.com/provider-id': 'demo',
    'paycor.com/employee-id': 'e-2001',
  }),
  entity('Component', 'paycor-module'),
];

function renderApp(route: string) {
  return renderTestApp({
    features: [
      catalogPlugin,
      orgPlugin,
      homePlugin,
      notificationsPlugin,
      paycorPlugin,
      navModule,
      homeModule,
    ],
    config: {
      app: appConfig,
      backend: { baseUrl: 'http://localhost:7007' },
    },
    initialRouteEntries: [route],
    apis: [
      [paycorSyncApiRef, paycorApi],
      mockApis.permission(),
      catalogApiMock({ entities }),
      // the sidebar's notifications item asks for the unread count
      [
        notificationsApiRef,
        { getStatus: async () => ({ unread: 0, read: 0 }) },
      ],
    ],
  });
}

describe('the demo app with the Paycor plugin discovered', () => {
  // The home page grid (react-grid-layout) renders its widgets only once it
  // has measured a width, which jsdom does not lay out.
  const offsetWidth = Object.getOwnPropertyDescriptor(
    HTMLElement.prototype,
    'offsetWidth',
  )!;
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'offsetWidth', {
      configurable: true,
      get: () => 1280,
    });
  });
  afterAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'offsetWidth', offsetWidth);
  });

  it('shows the status widget on the home page, in one card', async () => {
    const { container } = renderApp('/');
    const acme = await screen.findByRole('region', { name: 'Acme Corp' });
    expect(within(acme).getByText('120')).toBeInTheDocument();
    expect(
      within(acme).getByRole('link', { name: '2 open conflicts' }),
    ).toHaveAttribute('href', '/paycor/conflicts?provider=demo');
    const card = acme.closest('.MuiCard-root')!;
    expect(card.parentElement!.closest('.MuiCard-root')).toBeNull();
    expect(
      within(card as HTMLElement).getAllByText('Paycor sync'),
    ).toHaveLength(1);
    expect(screen.getByText('Browse the org')).toBeInTheDocument();
    expect(container.querySelectorAll('.MuiCard-root')).toHaveLength(2);
  });

  it('lists the sync page in the sidebar', async () => {
    renderApp('/');
    const sidebar = await screen.findByTestId('sidebar-root');
    expect(
      within(sidebar).getByRole('link', { name: 'Paycor sync' }),
    ).toHaveAttribute('href', '/paycor');
    expect(
      await screen.findByRole('region', { name: 'Acme Corp' }),
    ).toBeInTheDocument();
  });

  it('shows the entity card on a synced User', async () => {
    renderApp('/catalog/default/user/maria.okafor');
    expect(
      await screen.findByRole('heading', { name: 'Paycor' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Paycor details')).toHaveTextContent('e-2001');
  });

  it('leaves the entity card off other entities', async () => {
    renderApp('/catalog/default/component/paycor-module');
    expect(
      await screen.findByRole('heading', { name: /paycor-module/ }),
    ).toBeInTheDocument();
    // the overview's cards have loaded
    expect(
      await screen.findByRole('heading', { name: 'About' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: 'Paycor' }),
    ).not.toBeInTheDocument();
  });
});
