import { ResponseError } from '@backstage/errors';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makeCounts,
  makeProvider,
  makeProviders,
  makeRun,
  makeVerifyResult,
  minutesAgo,
} from '../../__testUtils__/fixtures';
import {
  allowAllPermissions,
  denyPermissions,
} from '../../__testUtils__/permissions';
import { makeUpcoming } from '../../__testUtils__/peopleFixtures';
import {
  createMockApi,
  renderWithPaycor,
} from '../../__testUtils__/testHelpers';
import { formatExact } from '../shared';
import { PaycorSyncStatusCard } from './PaycorSyncStatusCard';

jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: (input: any) =>
    jest
      .requireActual('../../__testUtils__/permissions')
      .mockUsePermission(input),
}));

async function errorResponse(status: number, name: string, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

describe('PaycorSyncStatusCard', () => {
  afterEach(() => allowAllPermissions());

  it('shows progress while loading', async () => {
    const api = createMockApi({ listProviders: () => new Promise(() => {}) });
    await renderWithPaycor(<PaycorSyncStatusCard />, { api });
    expect(
      screen.getByRole('heading', { name: 'Paycor sync' }),
    ).toBeInTheDocument();
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it("shows the server's message when loading fails", async () => {
    const error = await errorResponse(
      500,
      'Error',
      'The sync store is unreachable',
    );
    const api = createMockApi({
      listProviders: async () => Promise.reject(error),
    });
    await renderWithPaycor(<PaycorSyncStatusCard />, { api });
    expect(
      (await screen.findAllByText(/The sync store is unreachable/))[0],
    ).toBeInTheDocument();
  });

  it('explains a missing read permission', async () => {
    const error = await errorResponse(403, 'NotAllowedError', 'Unauthorized');
    const api = createMockApi({
      listProviders: async () => Promise.reject(error),
    });
    await renderWithPaycor(<PaycorSyncStatusCard />, { api });
    expect(
      await screen.findByText(/You don't have access to the Paycor sync/),
    ).toBeInTheDocument();
  });

  it('says how to configure a connection when there is none', async () => {
    const api = createMockApi({ listProviders: async () => ({ items: [] }) });
    await renderWithPaycor(<PaycorSyncStatusCard />, { api });
    expect(
      await screen.findByText(/No Paycor connection is configured/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /How to configure a connection/ }),
    ).toHaveAttribute('href', expect.stringContaining('#configuration'));
  });

  it('shows one block per connection with health, times, counts and links', async () => {
    const api = createMockApi({
      listProviders: async () => ({ items: makeProviders() }),
    });
    await renderWithPaycor(<PaycorSyncStatusCard />, { api });

    const acme = await screen.findByRole('region', { name: 'Acme Corp' });
    expect(within(acme).getByText('Enabled')).toBeInTheDocument();
    expect(within(acme).getByText('Awaiting approval')).toBeInTheDocument();
    expect(
      within(acme).getByText(/A run is held for approval: it would remove 41/),
    ).toBeInTheDocument();
    expect(within(acme).getByText('11 minutes ago')).toBeInTheDocument();
    expect(within(acme).getByText(/^in 4[78] minutes$/)).toBeInTheDocument();
    expect(within(acme).getByText('397')).toBeInTheDocument();
    expect(within(acme).getByText('16')).toBeInTheDocument();
    expect(
      within(acme).getByRole('link', { name: '4 open conflicts' }),
    ).toHaveAttribute('href', '/paycor?provider=acme&tab=conflicts');
    expect(
      within(acme).getByRole('link', { name: 'Review approvals' }),
    ).toHaveAttribute('href', '/paycor?provider=acme&tab=approvals');

    const canada = screen.getByRole('region', { name: 'Acme Canada Ltd' });
    expect(within(canada).getByText('Failing')).toBeInTheDocument();
    expect(within(canada).getByText(/invalid_grant/)).toBeInTheDocument();
    expect(within(canada).getByText('No open conflicts')).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'Sync now' })).toHaveLength(2);
    expect(
      screen.getByRole('link', { name: 'Open the Paycor sync page' }),
    ).toHaveAttribute('href', '/paycor');
  });

  it('says who joins and leaves in the next 7 days, linking to the list', async () => {
    const api = createMockApi({
      listProviders: async () => ({ items: [makeProvider()] }),
      getUpcoming: async () =>
        makeUpcoming({ days: 7, joining: 3, leaving: 2 }),
    });
    await renderWithPaycor(<PaycorSyncStatusCard />, { api });
    const line = await screen.findByRole('link', {
      name: '3 joining, 2 leaving in the next 7 days',
    });
    expect(line).toHaveAttribute(
      'href',
      '/paycor?provider=acme&tab=people&view=upcoming',
    );
    expect(api.getUpcoming).toHaveBeenCalledWith('acme', { days: 7, limit: 1 });
  });

  it('shows the exact time on hover', async () => {
    const provider = makeProvider({ lastSuccessAt: '2024-05-01T12:34:56Z' });
    const api = createMockApi({
      listProviders: async () => ({ items: [provider] }),
    });
    await renderWithPaycor(<PaycorSyncStatusCard />, { api });
    const time = (
      await screen.findByRole('region', { name: 'Acme Corp' })
    ).querySelector('time[datetime="2024-05-01T12:34:56Z"]')!;
    expect(time).toBeInTheDocument();
    await userEvent.hover(time);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(/2024/);
  });

  it("shows the instants in the health reason in the reader's time zone", async () => {
    const iso = '2024-05-01T12:34:56.789Z';
    const provider = makeProvider({
      healthReason: `Last sync succeeded at ${iso}.`,
    });
    const api = createMockApi({
      listProviders: async () => ({ items: [provider] }),
    });
    await renderWithPaycor(<PaycorSyncStatusCard />, { api });
    const region = await screen.findByRole('region', { name: 'Acme Corp' });
    const time = region.querySelector(`time[datetime="${iso}"]`)!;
    expect(time).toBeInTheDocument();
    expect(time).toHaveTextContent(formatExact(iso));
    expect(region).not.toHaveTextContent(iso);
    expect(time.parentElement).toHaveTextContent(
      `Last sync succeeded at ${formatExact(iso)}.`,
    );
    await userEvent.hover(time);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(iso);
  });

  it('syncs now, shows progress until the new run finished, then the fresh time', async () => {
    const provider = makeProvider();
    const finishedAt = minutesAgo(0);
    const newRun = makeRun({
      id: 'run-200',
      trigger: 'manual',
      startedAt: minutesAgo(0.2),
      finishedAt,
      counts: makeCounts({ added: 5, updated: 7, removed: 0 }),
    });
    const api = createMockApi({
      listProviders: async () => ({ items: [provider] }),
      requestSync: async () => ({
        providerId: 'acme',
        requestedAt: minutesAgo(0),
      }),
    });
    api.getProvider
      .mockResolvedValueOnce({ ...provider, running: true })
      .mockResolvedValue({
        ...provider,
        lastRun: newRun,
        lastSuccessAt: finishedAt,
      });

    await renderWithPaycor(<PaycorSyncStatusCard pollIntervalMs={250} />, {
      api,
    });
    const button = await screen.findByRole('button', { name: 'Sync now' });
    await userEvent.click(button);

    expect(api.requestSync).toHaveBeenCalledWith('acme');
    expect(
      await screen.findByText(/waiting for the run to finish/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeDisabled();
    expect(
      screen.getByRole('progressbar', { name: 'Sync in progress' }),
    ).toBeInTheDocument();

    expect(
      await screen.findByText(/\+5 added, 7 updated, −0 removed/),
    ).toBeInTheDocument();
    expect(api.getProvider).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeEnabled();
    expect(
      screen.getAllByText(/seconds ago|0 seconds ago|in 0 seconds/).length,
    ).toBeGreaterThan(0);
  });

  it('gives up waiting after the bound and says so', async () => {
    const provider = makeProvider();
    const api = createMockApi({
      listProviders: async () => ({ items: [provider] }),
      requestSync: async () => ({
        providerId: 'acme',
        requestedAt: minutesAgo(0),
      }),
      getProvider: async () => ({ ...provider, running: true }),
    });
    await renderWithPaycor(
      <PaycorSyncStatusCard pollIntervalMs={250} maxWaitMs={0} />,
      { api },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Sync now' }),
    );
    expect(
      await screen.findByText(/No finished run was seen within 1 minute/),
    ).toBeInTheDocument();
  });

  it('shows why a sync request was refused', async () => {
    const error = await errorResponse(
      409,
      'ConflictError',
      'A run is already in progress',
    );
    const api = createMockApi({
      listProviders: async () => ({ items: [makeProvider()] }),
      requestSync: async () => Promise.reject(error),
    });
    await renderWithPaycor(<PaycorSyncStatusCard />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Sync now' }),
    );
    expect(
      await screen.findByText(
        'Sync request failed: A run is already in progress',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  });

  it('disables Sync now while the server reports a running sync', async () => {
    const api = createMockApi({
      listProviders: async () => ({ items: [makeProvider({ running: true })] }),
    });
    await renderWithPaycor(<PaycorSyncStatusCard />, { api });
    expect(
      await screen.findByRole('button', { name: 'Sync now' }),
    ).toBeDisabled();
    expect(screen.getByText('A sync is running now…')).toBeInTheDocument();
  });

  it('verifies the connection and names the missing scopes', async () => {
    const api = createMockApi({
      listProviders: async () => ({ items: [makeProvider()] }),
      verifyConnection: async () => makeVerifyResult(false),
    });
    await renderWithPaycor(<PaycorSyncStatusCard />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Verify connection' }),
    );
    expect(
      await screen.findByText('Connection check failed'),
    ).toBeInTheDocument();
    const scopes = screen.getByRole('list', { name: 'Missing Paycor scopes' });
    expect(
      within(scopes).getByText('View Legal Entity Employees Position'),
    ).toBeInTheDocument();
    expect(within(scopes).getByText('View Person Email')).toBeInTheDocument();
    expect(api.verifyConnection).toHaveBeenCalledWith('acme');
  });

  it('reports a verified connection', async () => {
    const api = createMockApi({
      listProviders: async () => ({ items: [makeProvider()] }),
      verifyConnection: async () => makeVerifyResult(true),
    });
    await renderWithPaycor(<PaycorSyncStatusCard />, { api });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Verify connection' }),
    );
    expect(await screen.findByText('Connection verified')).toBeInTheDocument();
  });

  it('disables the actions, with a reason, without the run permission', async () => {
    denyPermissions('catalog.paycor.sync.run');
    const api = createMockApi({
      listProviders: async () => ({ items: [makeProvider()] }),
    });
    await renderWithPaycor(<PaycorSyncStatusCard />, { api });
    const sync = await screen.findByRole('button', { name: 'Sync now' });
    expect(sync).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Verify connection' }),
    ).toBeDisabled();
    await userEvent.hover(sync.parentElement!);
    await waitFor(() =>
      expect(screen.getByRole('tooltip')).toHaveTextContent(
        'catalog.paycor.sync.run',
      ),
    );
  });

  it('shows live updates, and a failed one-person run of an event is no failed sync', async () => {
    const api = createMockApi({
      listProviders: async () => ({
        items: [
          makeProvider({
            lastRun: makeRun({
              trigger: 'event',
              status: 'failed',
              error: { name: 'Error', message: 'Paycor answered 500' },
            }),
            liveUpdates: {
              enabled: true,
              lastEventAt: minutesAgo(3),
              today: {
                received: 12,
                applied: 11,
                fullSync: 0,
                duplicates: 0,
                failed: 1,
                ignored: 2,
                refused: 0,
              },
            },
          }),
        ],
      }),
    });
    await renderWithPaycor(<PaycorSyncStatusCard />, { api });
    const acme = await screen.findByRole('region', { name: 'Acme Corp' });
    expect(within(acme).getByText('Live updates')).toBeInTheDocument();
    expect(
      within(acme).getByText(
        'Today: 11 applied, 2 ignored, 0 refused (1 failed)',
      ),
    ).toBeInTheDocument();
    expect(within(acme).queryByText(/The last run failed/)).toBeNull();
  });
});
