import { FlatRoutes } from '@backstage/core-app-api';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { PAYCOR_ANNOTATIONS } from '@paycor-backstage/plugin-paycor-common';
import { Route } from 'react-router-dom';
import { MockPaycorSyncApi } from './__testUtils__/MockPaycorSyncApi';
import {
  allowAllPermissionApi,
  createCatalogApi,
  renderWithPaycor,
} from './__testUtils__/testHelpers';
import {
  EntityPaycorCard,
  PaycorSyncPage,
  PaycorSyncStatusCard,
  paycorSyncApiRef,
} from './index';

// The legacy frontend system: the extensions of the main entry point, as an
// app created with `--legacy` mounts them, rendered by @backstage/test-utils
// (a core-app-api app with React Router and `/paycor` mounted on rootRouteRef).

describe('the legacy extensions in a legacy app', () => {
  it('PaycorSyncPage: its own header, tabs kept in the query', async () => {
    // routed the way the legacy App.tsx does it
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [paycorSyncApiRef, new MockPaycorSyncApi()],
          [permissionApiRef, allowAllPermissionApi],
          [catalogApiRef, createCatalogApi()],
        ]}
      >
        <FlatRoutes>
          <Route path="/paycor" element={<PaycorSyncPage />} />
        </FlatRoutes>
      </TestApiProvider>,
      {
        routeEntries: ['/paycor?provider=acme&tab=conflicts'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Paycor sync' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Keeps catalog Users and Groups in step with Paycor'),
    ).toBeInTheDocument();
    const tabs = await screen.findByRole('tablist', {
      name: 'Paycor sync sections',
    });
    expect(
      within(tabs).getByRole('tab', { name: 'Conflicts' }),
    ).toHaveAttribute('aria-selected', 'true');
    expect(
      await screen.findByText(/share maria\.okafor@acme\.example/),
    ).toBeInTheDocument();
  });

  it('PaycorSyncStatusCard: its own card, links with ?tab=', async () => {
    const { container } = await renderWithPaycor(<PaycorSyncStatusCard />, {
      api: new MockPaycorSyncApi(),
    });
    const acme = await screen.findByRole('region', { name: 'Acme Corp' });
    expect(
      screen.getByRole('heading', { name: 'Paycor sync' }),
    ).toBeInTheDocument();
    expect(container.querySelectorAll('.MuiCard-root')).toHaveLength(1);
    expect(
      within(acme).getByRole('link', { name: '4 open conflicts' }),
    ).toHaveAttribute('href', '/paycor?provider=acme&tab=conflicts');
    expect(
      screen.getByRole('link', { name: 'Open the Paycor sync page' }),
    ).toHaveAttribute('href', '/paycor');
  });

  it('EntityPaycorCard: on a synced User', async () => {
    await renderWithPaycor(
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'User',
          metadata: {
            name: 'maria.okafor',
            namespace: 'default',
            annotations: {
              [PAYCOR_ANNOTATIONS.providerId]: 'acme',
              [PAYCOR_ANNOTATIONS.employeeId]: 'e-2001',
            },
          },
          spec: {},
        }}
      >
        <EntityPaycorCard />
      </EntityProvider>,
      { api: new MockPaycorSyncApi() },
    );
    expect(
      await screen.findByRole('heading', { name: 'Paycor' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Paycor details')).toHaveTextContent('e-2001');
    expect(
      screen.getByRole('link', { name: 'Open the Paycor sync page' }),
    ).toHaveAttribute('href', '/paycor?provider=acme');
  });
});
