import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { MockPaycorSyncApi } from '../../__testUtils__/MockPaycorSyncApi';
import {
  createMockApi,
  renderWithPaycor,
} from '../../__testUtils__/testHelpers';
import { PaycorSyncPage } from './PaycorSyncPage';

function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location">{location.search}</div>;
}

async function renderPage(entry = '/paycor', api = new MockPaycorSyncApi()) {
  await renderWithPaycor(
    <>
      <PaycorSyncPage pollIntervalMs={250} />
      <LocationProbe />
    </>,
    { api, routeEntries: [entry] },
  );
  return api;
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

describe('PaycorSyncPage', () => {
  it('shows the connection and opens on the runs tab', async () => {
    await renderPage();
    expect(
      screen.getByRole('heading', { level: 1, name: 'Paycor sync' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('heading', { name: 'Acme Corp' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sync now' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Verify connection' }),
    ).toBeInTheDocument();

    const tablist = screen.getByRole('tablist', {
      name: 'Paycor sync sections',
    });
    expect(
      within(tablist)
        .getAllByRole('tab')
        .map(t => t.getAttribute('aria-label')),
    ).toEqual(TABS);
    for (const name of TABS) {
      expect(within(tablist).getByRole('tab', { name })).toBeInTheDocument();
    }
    expect(screen.getByRole('tab', { name: 'Runs' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const panel = screen.getByRole('tabpanel');
    expect(
      await within(panel).findByText('Held for approval'),
    ).toBeInTheDocument();
  });

  it('keeps the tab in the URL so links work', async () => {
    await renderPage('/paycor?provider=acme&tab=conflicts');
    expect(
      await screen.findByRole('tab', { name: 'Conflicts' }),
    ).toHaveAttribute('aria-selected', 'true');
    expect(
      await screen.findByText(/share maria\.okafor@acme\.example/),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Approvals' }));
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(
        '?provider=acme&tab=approvals',
      ),
    );
    expect(
      await screen.findByRole('region', { name: 'Run run-103' }),
    ).toBeInTheDocument();
  });

  it('is keyboard reachable: arrow keys move between tabs', async () => {
    await renderPage();
    const runs = await screen.findByRole('tab', { name: 'Runs' });
    runs.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Conflicts' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() =>
      expect(screen.getByRole('tab', { name: 'Conflicts' })).toHaveAttribute(
        'aria-selected',
        'true',
      ),
    );
  });

  it('switches between connections', async () => {
    const api = await renderPage('/paycor?provider=acme-canada&tab=runs');
    expect(
      await screen.findByRole('heading', { name: 'Acme Canada Ltd' }),
    ).toBeInTheDocument();
    expect(
      (await screen.findAllByText(/invalid_grant/)).length,
    ).toBeGreaterThan(0);

    await userEvent.click(
      screen.getByRole('button', { name: /Connection Acme Canada Ltd/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Acme Corp (acme)' }),
    );
    expect(
      await screen.findByRole('heading', { name: 'Acme Corp' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(
      'provider=acme&tab=runs',
    );
    expect(api).toBeDefined();
  });

  it('refreshes the runs after "Sync now" finished', async () => {
    const api = new MockPaycorSyncApi({ runDurationMs: 300 });
    const listRuns = jest.spyOn(api, 'listRuns');
    await renderPage('/paycor?provider=acme&tab=runs', api);
    await screen.findByText('Held for approval');
    const before = listRuns.mock.calls.length;

    await userEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(
      await screen.findByText(/Sync finished/, undefined, { timeout: 5000 }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(listRuns.mock.calls.length).toBeGreaterThan(before),
    );
    const firstRow = (await screen.findAllByRole('row'))[1];
    await waitFor(() =>
      expect(within(firstRow).getByText('Sync now')).toBeInTheDocument(),
    );
  });

  it('shows the departments tab', async () => {
    await renderPage('/paycor?tab=departments');
    expect(
      await screen.findByRole('listitem', { name: 'Engineering' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'New parent group' }),
    ).toBeInTheDocument();
  });

  it('says how to configure a connection when there is none', async () => {
    await renderPage(
      '/paycor',
      createMockApi({ listProviders: async () => ({ items: [] }) }) as any,
    );
    expect(await screen.findByText('No Paycor connection')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'How to configure a connection' }),
    ).toBeInTheDocument();
  });

  it("shows the server's message when loading fails", async () => {
    await renderPage(
      '/paycor',
      createMockApi({
        listProviders: async () => {
          throw new Error('catalog backend is starting');
        },
      }) as any,
    );
    expect(
      (await screen.findAllByText(/catalog backend is starting/))[0],
    ).toBeInTheDocument();
  });
});
