import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PaycorSyncApi } from '../../api';
import { MockOrgChart } from '../../__testUtils__/mockOrgChart';
import { renderWithPaycor } from '../../__testUtils__/testHelpers';
import { OrgChartTab } from './OrgChartTab';

/** An API serving a generated org of `size` people, counting requests. */
function orgChartApi(size: number) {
  const org = new MockOrgChart(size);
  const api = {
    getOrgChart: jest.fn(async (_id: string, options: any = {}) =>
      org.view(options),
    ),
    searchOrgChart: jest.fn(async (_id: string, q: string, options: any = {}) =>
      org.search(q, options.limit),
    ),
  };
  return api as typeof api & PaycorSyncApi;
}

async function renderTab(api: PaycorSyncApi, routeEntries = ['/paycor']) {
  return renderWithPaycor(
    <OrgChartTab providerId="acme" searchDebounceMs={0} />,
    { api, routeEntries },
  );
}

const treeItems = () => screen.queryAllByRole('treeitem');

describe('OrgChartTab', () => {
  it('starts at the top with name, title, department and team size, and expands and collapses a team', async () => {
    const api = orgChartApi(300);
    await renderTab(api);
    const ceo = await screen.findByRole('treeitem', { name: 'Ada Okafor 0' });
    expect(ceo).toHaveTextContent('Chief Executive Officer · Engineering');
    expect(ceo).toHaveTextContent('8 direct · 299 in team');
    expect(
      within(ceo).getByRole('link', { name: 'Ada Okafor 0' }),
    ).toHaveAttribute('href', '/catalog/default/user/person-0');
    expect(screen.getByText(/300 people/)).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Expand the team of Ada Okafor 0' }),
    );
    await waitFor(() => expect(treeItems()).toHaveLength(9));
    const group = within(ceo).getByRole('group');
    expect(within(group).getAllByRole('treeitem')).toHaveLength(8);
    expect(api.getOrgChart).toHaveBeenLastCalledWith('acme', {
      person: 'e0',
      limit: 50,
      offset: 0,
    });

    await userEvent.click(
      screen.getByRole('button', { name: 'Collapse the team of Ada Okafor 0' }),
    );
    expect(treeItems()).toHaveLength(1);
    // opening it again uses what was loaded
    const calls = api.getOrgChart.mock.calls.length;
    await userEvent.click(
      screen.getByRole('button', { name: 'Expand the team of Ada Okafor 0' }),
    );
    expect(treeItems()).toHaveLength(9);
    expect(api.getOrgChart).toHaveBeenCalledTimes(calls);
  });

  it('pages a large team instead of drawing it whole', async () => {
    // span 8 is the generator's: make one manager with 120 reports instead
    const api = orgChartApi(300);
    api.getOrgChart.mockImplementation(async (_id, options: any = {}) => {
      const { limit = 50, offset = 0 } = options;
      const everyone = Array.from({ length: 120 }, (_, i) => ({
        employeeId: `r${i}`,
        entityRef: `user:default/r${i}`,
        displayName: `Report ${String(i).padStart(3, '0')}`,
        directReports: 0,
        teamSize: 0,
      }));
      const boss = {
        employeeId: 'boss',
        entityRef: 'user:default/boss',
        displayName: 'Big Boss',
        directReports: 120,
        teamSize: 120,
      };
      const list = options.person ? everyone : [boss];
      return {
        snapshotAt: '2024-06-15T12:00:00.000Z',
        peopleCount: 121,
        ...(options.person ? { person: boss } : {}),
        chain: [],
        reports: {
          items: list.slice(offset, offset + limit),
          totalCount: list.length,
          limit,
          offset,
        },
      };
    });
    await renderTab(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Expand the team of Big Boss',
      }),
    );
    await waitFor(() => expect(treeItems()).toHaveLength(51));
    await userEvent.click(
      screen.getByRole('button', { name: 'Show 50 more of 70' }),
    );
    await waitFor(() => expect(treeItems()).toHaveLength(101));
    await userEvent.click(
      screen.getByRole('button', { name: 'Show 20 more of 20' }),
    );
    await waitFor(() => expect(treeItems()).toHaveLength(121));
    expect(screen.queryByRole('button', { name: /more of/ })).toBeNull();
  });

  it('finds a person in a 10,000-person org and shows them in place, drawing only the path to them', async () => {
    const api = orgChartApi(10_000);
    await renderTab(api);
    await screen.findByRole('treeitem', { name: 'Ada Okafor 0' });

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Find a person' }),
      'Cleo Nguyen 9994',
    );
    const results = await screen.findByRole('list', { name: 'People found' });
    const hit = within(results).getByRole('button', {
      name: /Cleo Nguyen 9994/,
    });
    expect(hit).toHaveTextContent('5 levels down');
    await userEvent.click(hit);

    const found = await screen.findByRole('treeitem', {
      name: 'Cleo Nguyen 9994',
      selected: true,
    });
    expect(found).toBeInTheDocument();
    // each manager on the way is open, inside their own manager's team
    const managers = ['e0', 'e2', 'e19', 'e156', 'e1249'];
    let scope: HTMLElement = screen.getByRole('tree', { name: 'Org chart' });
    for (const id of managers) {
      const item = within(scope)
        .getByTestId(`org-person-${id}`)
        .closest('li') as HTMLElement;
      expect(item).toHaveAttribute('aria-expanded', 'true');
      scope = item;
    }
    expect(within(scope).getByTestId('org-person-e9994')).toBeInTheDocument();
    // a few pages of at most 8 people each, nowhere near 10,000
    expect(treeItems().length).toBeLessThan(60);
  });

  it('opens at the person named in the link', async () => {
    const api = orgChartApi(300);
    await renderTab(api, ['/paycor?provider=acme&person=e20']);
    const person = await screen.findByRole('treeitem', {
      name: 'Eli Silva 20',
      selected: true,
    });
    // open, with their own team below them
    expect(person).toHaveAttribute('aria-expanded', 'true');
    expect(within(person).getAllByRole('treeitem')).toHaveLength(8);
    expect(treeItems().length).toBeLessThan(40);
  });

  it('says when nobody matches', async () => {
    const api = orgChartApi(50);
    await renderTab(api);
    await userEvent.type(
      await screen.findByRole('textbox', { name: 'Find a person' }),
      'zzz',
    );
    expect(await screen.findByText('Nobody matches “zzz”')).toBeInTheDocument();
  });

  it('says when the chart cannot be loaded', async () => {
    const failing = orgChartApi(50);
    failing.getOrgChart.mockRejectedValue(
      new Error('No sync has completed yet, so the org chart is not known'),
    );
    await renderTab(failing);
    expect(
      await screen.findByText(
        'Error: Could not load the org chart: No sync has completed yet, so the org chart is not known',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('tree')).toBeNull();
  });
});
