import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import {
  PaycorSyncApi,
  ProviderStatus,
  paycorSyncApiRef,
} from '@paycor-backstage/plugin-paycor';
import { HomePage } from './HomePage';

const provider: ProviderStatus = {
  id: 'acme',
  enabled: true,
  health: 'healthy',
  healthReason: 'The last run succeeded.',
  legalEntity: { id: 100200, name: 'Acme Corp' },
  environment: 'sandbox',
  baseUrl: 'http://127.0.0.1:7010',
  schedule: { frequency: 'PT1H', timeout: 'PT15M' },
  running: false,
  lastSuccessAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  entityCounts: { users: 120, groups: 9 },
  openConflicts: 2,
};

describe('HomePage', () => {
  it('shows the Paycor sync status card next to the org card', async () => {
    const api: Partial<PaycorSyncApi> = {
      listProviders: async () => ({ items: [provider] }),
    };
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [paycorSyncApiRef, api],
          [
            permissionApiRef,
            { authorize: async () => ({ result: 'ALLOW' as any }) },
          ],
        ]}
      >
        <HomePage />
      </TestApiProvider>,
    );
    const acme = await screen.findByRole('region', { name: 'Acme Corp' });
    expect(
      screen.getByRole('heading', { name: 'Paycor sync' }),
    ).toBeInTheDocument();
    expect(within(acme).getByText('Enabled')).toBeInTheDocument();
    expect(within(acme).getByText('5 minutes ago')).toBeInTheDocument();
    expect(
      within(acme).getByRole('button', { name: 'Sync now' }),
    ).toBeEnabled();
    expect(
      within(acme).getByRole('link', { name: '2 open conflicts' }),
    ).toHaveAttribute('href', '/paycor?provider=acme&tab=conflicts');
    expect(screen.getByText('Browse the org')).toBeInTheDocument();
  });
});
