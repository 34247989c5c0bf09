import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeCounts, makeRun, makeRuns } from '../../__testUtils__/fixtures';
import {
  createMockApi,
  renderWithPaycor,
} from '../../__testUtils__/testHelpers';
import { RunsTab } from './RunsTab';

describe('RunsTab', () => {
  it('lists runs with status, trigger, counts, duration and error', async () => {
    const runs = makeRuns();
    const api = createMockApi({
      listRuns: async () => ({
        items: runs,
        totalCount: runs.length,
        limit: 20,
        offset: 0,
      }),
    });
    await renderWithPaycor(<RunsTab providerId="acme" />, { api });

    expect(await screen.findByText('Held for approval')).toBeInTheDocument();
    expect(api.listRuns).toHaveBeenCalledWith('acme', { limit: 20, offset: 0 });
    const rows = screen.getAllByRole('row');
    // header + 4 runs + pagination footer
    expect(rows).toHaveLength(6);
    const failed = rows.find(r => within(r).queryByText('Failed'))!;
    expect(within(failed).getByText('Sync now')).toBeInTheDocument();
    expect(within(failed).getByText('21 s')).toBeInTheDocument();
    expect(
      within(failed).getByText(/Paycor answered 429 three times/),
    ).toBeInTheDocument();
    const reapply = rows.find(r => within(r).queryByText('Re-apply'))!;
    expect(within(reapply).getByText('640 ms')).toBeInTheDocument();
    expect(
      within(reapply).getByText(/\+0 added · 3 updated · −0 removed/),
    ).toBeInTheDocument();
    expect(screen.getByText(/41 held/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Refresh runs' }));
    await waitFor(() => expect(api.listRuns).toHaveBeenCalledTimes(2));
  });

  it('names runs of live updates and what a full sync made good', async () => {
    const runs = [
      makeRun({
        id: 'r1',
        trigger: 'event',
        counts: makeCounts({ updated: 1 }),
      }),
      makeRun({
        id: 'r2',
        trigger: 'event-sync',
        counts: makeCounts({ correctedAfterEvents: 1, eventsReconciled: 3 }),
      }),
    ];
    const api = createMockApi({
      listRuns: async () => ({
        items: runs,
        totalCount: runs.length,
        limit: 20,
        offset: 0,
      }),
    });
    await renderWithPaycor(<RunsTab providerId="acme" />, { api });
    expect(await screen.findByText('Paycor event')).toBeInTheDocument();
    const full = screen
      .getAllByRole('row')
      .find(r => within(r).queryByText('Paycor event (full sync)'))!;
    expect(
      within(full).getByText(
        'Live updates: 1 person corrected that events had not updated, 3 unapplied events covered',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/^Live updates:/)).toHaveLength(1);
  });

  it('pages on the server', async () => {
    const runs = makeRuns();
    const api = createMockApi({
      listRuns: async (_id, options) => ({
        items: options?.offset ? runs.slice(2) : runs.slice(0, 2),
        totalCount: 45,
        limit: options?.limit ?? 20,
        offset: options?.offset ?? 0,
      }),
    });
    await renderWithPaycor(<RunsTab providerId="acme" />, { api });
    await screen.findByText('Held for approval');
    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() =>
      expect(api.listRuns).toHaveBeenLastCalledWith('acme', {
        limit: 20,
        offset: 20,
      }),
    );
    expect(await screen.findByText('Failed')).toBeInTheDocument();
  });

  it('says when there are no runs', async () => {
    const api = createMockApi({
      listRuns: async () => ({
        items: [],
        totalCount: 0,
        limit: 20,
        offset: 0,
      }),
    });
    await renderWithPaycor(<RunsTab providerId="acme" />, { api });
    expect(await screen.findByText(/No runs yet/)).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const api = createMockApi({
      listRuns: async () => {
        throw new Error('store offline');
      },
    });
    await renderWithPaycor(<RunsTab providerId="acme" />, { api });
    expect(
      (await screen.findAllByText(/Could not load the runs: store offline/))[0],
    ).toBeInTheDocument();
  });
});
