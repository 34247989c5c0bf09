import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeRun } from '../../__testUtils__/fixtures';
import {
  allowAllPermissions,
  denyPermissions,
} from '../../__testUtils__/permissions';
import {
  makePeople,
  makeUpcoming,
  summaryOf,
} from '../../__testUtils__/peopleFixtures';
import {
  createMockApi,
  renderWithPaycor,
} from '../../__testUtils__/testHelpers';
import { formatExact } from '../shared';
import { PeopleTab } from './PeopleTab';

jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: (input: any) =>
    jest
      .requireActual('../../__testUtils__/permissions')
      .mockUsePermission(input),
}));

const people = makePeople();

function setup() {
  const api = createMockApi({
    listPeople: async (_id, options = {}) => {
      const items = people
        .map(summaryOf)
        .filter(
          p =>
            !options.outcomes?.length || options.outcomes.includes(p.outcome),
        )
        .filter(
          p =>
            !options.q ||
            p.displayName.toLowerCase().includes(options.q.toLowerCase()),
        );
      return {
        items,
        totalCount: items.length,
        limit: 20,
        offset: 0,
        snapshotAt: '2024-06-15T11:55:00.000Z',
      };
    },
    getPerson: async (_id, employeeId) => {
      const found = people.find(p => p.employeeId === employeeId);
      if (!found) throw new Error(`No employee "${employeeId}"`);
      return found;
    },
    getUpcoming: async () => makeUpcoming(),
  });
  return api;
}

describe('PeopleTab', () => {
  afterEach(() => allowAllPermissions());

  it('lists people with their outcome and User, and searches on the server', async () => {
    const api = setup();
    await renderWithPaycor(
      <PeopleTab providerId="acme" searchDebounceMs={0} />,
      { api },
    );
    const maria = (
      await screen.findByRole('button', { name: 'Why Maria Okafor' })
    ).closest('tr')!;
    expect(within(maria).getByText('Synced')).toBeInTheDocument();
    expect(
      within(maria).getByRole('link', { name: /maria\.okafor/ }),
    ).toBeInTheDocument();
    const bo = screen.getByRole('button', { name: 'Why Bo Li' }).closest('tr')!;
    expect(within(bo).getByText('Duplicate email')).toBeInTheDocument();
    expect(within(bo).getByText('Not in the catalog')).toBeInTheDocument();

    await userEvent.type(
      screen.getByRole('searchbox', { name: /Search people/ }),
      'hana',
    );
    await waitFor(() =>
      expect(api.listPeople).toHaveBeenLastCalledWith(
        'acme',
        expect.objectContaining({ q: 'hana' }),
      ),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Why Maria Okafor' }),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.getByRole('button', { name: 'Why Hana Newhire' }),
    ).toBeInTheDocument();
  });

  it('filters by outcome', async () => {
    const api = setup();
    await renderWithPaycor(<PeopleTab providerId="acme" />, { api });
    await screen.findByRole('button', { name: 'Why Maria Okafor' });
    await userEvent.click(
      screen.getByRole('button', { name: /^Outcome All outcomes/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Duplicate email' }),
    );
    await waitFor(() =>
      expect(api.listPeople).toHaveBeenLastCalledWith(
        'acme',
        expect.objectContaining({ outcomes: ['duplicate-email'] }),
      ),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Why Maria Okafor' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('opens a person from the link (?person=) with the steps that say why', async () => {
    const api = setup();
    await renderWithPaycor(<PeopleTab providerId="acme" />, {
      api,
      routeEntries: ['/paycor?provider=acme&person=e-2002'],
    });
    const panel = await screen.findByRole('region', { name: 'Person Bo Li' });
    const trace = await within(panel).findByRole('list', { name: 'Trace' });
    const email = within(trace).getByText('Email').closest('li')!;
    expect(within(email).getByTitle('left out here')).toBeInTheDocument();
    expect(email).toHaveTextContent(/who keeps it: they already had a User/);
    // the read's instant in the reader's time zone, not as the server wrote it
    const read = within(trace).getByText('Read from Paycor').closest('li')!;
    expect(read).toHaveTextContent(
      `Read from Paycor at ${formatExact(
        '2024-06-15T11:55:00.000Z',
      )} (run run-100).`,
    );
    expect(
      read.querySelector('time[datetime="2024-06-15T11:55:00.000Z"]'),
    ).toBeInTheDocument();
    expect(
      within(panel).getByRole('list', { name: 'History' }),
    ).toHaveTextContent('Not synced: duplicate email.');
    expect(
      within(panel).getByRole('heading', {
        name: 'Why they are not in the catalog',
      }),
    ).toBeInTheDocument();
  });

  it('syncs the person now and shows what the run did', async () => {
    const api = setup();
    api.syncPerson.mockResolvedValue({
      run: makeRun({ id: 'run-p', trigger: 'person', apiCalls: 1 }),
      person: people[0],
      message:
        'Re-read from Paycor and applied alone (1 Paycor call): 1 updated; outcome: synced.',
    });
    await renderWithPaycor(<PeopleTab providerId="acme" />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Why Maria Okafor' }),
    );
    const panel = await screen.findByRole('region', {
      name: 'Person Maria Okafor',
    });
    await within(panel).findByRole('list', { name: 'Trace' });
    // an update says what changed in words, the catalog's field paths on hover
    expect(
      within(within(panel).getByRole('list', { name: 'History' })).getByText(
        'Updated job title.',
      ),
    ).toHaveAttribute(
      'title',
      'metadata.annotations.paycor.com/job-title, metadata.description',
    );
    await userEvent.click(
      within(panel).getByRole('button', { name: 'Sync now' }),
    );
    expect(
      await within(panel).findByText(/1 updated; outcome: synced/),
    ).toBeInTheDocument();
    expect(api.syncPerson).toHaveBeenCalledWith('acme', 'e-2001');
    // the person is read again (and until the catalog serves their User)
    await waitFor(() =>
      expect(api.getPerson.mock.calls.length).toBeGreaterThanOrEqual(2),
    );
  });

  it('links the synced User only once the catalog serves it', async () => {
    const api = setup();
    api.syncPerson.mockResolvedValue({
      run: makeRun({ id: 'run-p', trigger: 'person', apiCalls: 1 }),
      person: people[0],
      message:
        'Re-read from Paycor and applied alone (1 Paycor call): 1 added.',
    });
    const processing = {
      ...people[0],
      steps: [
        ...people[0].steps.slice(0, -1),
        {
          step: 'catalog' as const,
          outcome: 'info' as const,
          detail:
            'The catalog has user:default/maria.okafor but has not finished processing it; it is served once it has.',
        },
      ],
    };
    await renderWithPaycor(<PeopleTab providerId="acme" />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Why Maria Okafor' }),
    );
    const panel = await screen.findByRole('region', {
      name: 'Person Maria Okafor',
    });
    await within(panel).findByRole('list', { name: 'Trace' });
    // the value beside "User" in the person's facts
    const userFact = () =>
      within(
        within(panel).getByText('User', { selector: 'dt' })
          .nextElementSibling as HTMLElement,
      );
    expect(
      userFact().getByRole('link', { name: /maria\.okafor/ }),
    ).toBeInTheDocument();
    // after the sync the catalog is still processing them, twice
    api.getPerson
      .mockResolvedValueOnce(processing)
      .mockResolvedValueOnce(processing)
      .mockResolvedValueOnce(processing);
    await userEvent.click(
      within(panel).getByRole('button', { name: 'Sync now' }),
    );
    expect(
      await userFact().findByText(/the catalog is processing it/),
    ).toBeInTheDocument();
    expect(
      userFact().queryByRole('link', { name: /maria\.okafor/ }),
    ).not.toBeInTheDocument();
    expect(
      await userFact().findByRole(
        'link',
        { name: /maria\.okafor/ },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
  });

  it('excludes a person, and includes an excluded one again', async () => {
    const api = setup();
    api.addExclusion.mockResolvedValue({
      id: 'x-9',
      kind: 'employee-id',
      value: 'e-2001',
      createdBy: 'user:default/test',
      createdAt: '2024-06-15T12:00:00.000Z',
    });
    api.removeExclusion.mockResolvedValue(undefined);
    const { unmount } = await renderWithPaycor(
      <PeopleTab providerId="acme" />,
      {
        api,
        routeEntries: ['/paycor?person=e-2001'],
      },
    );
    const panel = await screen.findByRole('region', {
      name: 'Person Maria Okafor',
    });
    await userEvent.click(
      await within(panel).findByRole('button', {
        name: 'Exclude from the sync',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Exclude Maria Okafor from the sync?',
    });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Note/ }),
      'left for a partner',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Exclude' }),
    );
    await waitFor(() =>
      expect(api.addExclusion).toHaveBeenCalledWith('acme', {
        kind: 'employee-id',
        value: 'e-2001',
        note: 'left for a partner',
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    unmount();

    await renderWithPaycor(<PeopleTab providerId="acme" />, {
      api,
      routeEntries: ['/paycor?person=e-2003'],
    });
    const excluded = await screen.findByRole('region', {
      name: 'Person Sam Contractor',
    });
    await userEvent.click(
      await within(excluded).findByRole('button', { name: 'Include again' }),
    );
    const confirm = await screen.findByRole('dialog', {
      name: 'Include Sam Contractor again?',
    });
    expect(confirm).toHaveTextContent('("contractor")');
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Remove exclusion' }),
    );
    await waitFor(() =>
      expect(api.removeExclusion).toHaveBeenCalledWith('acme', 'x-1'),
    );
  });

  it('disables the actions the user may not take, saying why', async () => {
    denyPermissions('catalog.paycor.sync.run', 'catalog.paycor.sync.manage');
    const api = setup();
    await renderWithPaycor(<PeopleTab providerId="acme" />, {
      api,
      routeEntries: ['/paycor?person=e-2001'],
    });
    const panel = await screen.findByRole('region', {
      name: 'Person Maria Okafor',
    });
    await within(panel).findByRole('list', { name: 'Trace' });
    expect(
      within(panel).getByRole('button', { name: 'Sync now' }),
    ).toBeDisabled();
    expect(
      within(panel).getByRole('button', { name: 'Exclude from the sync' }),
    ).toBeDisabled();
  });

  it('offers to sync by id someone the last read did not have', async () => {
    const api = setup();
    api.syncPerson.mockResolvedValue({
      run: makeRun({ trigger: 'person' }),
      message:
        'Re-read from Paycor and applied alone (1 Paycor call): 1 added; outcome: synced.',
    });
    const id = '7f3a12c4-be21-0000-0000-0000c4d20300';
    await renderWithPaycor(
      <PeopleTab providerId="acme" searchDebounceMs={0} />,
      { api },
    );
    await screen.findByRole('button', { name: 'Why Maria Okafor' });
    await userEvent.click(
      screen.getByRole('searchbox', { name: /Search people/ }),
    );
    await userEvent.paste(id);
    await userEvent.click(
      await screen.findByRole('button', { name: `Sync employee ${id}` }),
    );
    await waitFor(() =>
      expect(api.syncPerson).toHaveBeenCalledWith('acme', id),
    );
  });

  it('opens someone synced by id, linking their User once the catalog serves it', async () => {
    const api = setup();
    const id = '7f3a12c4-be21-0000-0000-0000c4d20300';
    const hire = { ...people[0], employeeId: id, displayName: 'Pia Persson' };
    const processing = {
      ...hire,
      steps: [
        ...hire.steps.slice(0, -1),
        {
          step: 'catalog' as const,
          outcome: 'info' as const,
          detail: 'The catalog has it but has not finished processing it.',
        },
      ],
    };
    let reads = 0;
    api.getPerson.mockImplementation(async (_p: string, employeeId: string) => {
      if (employeeId !== id) throw new Error(`No employee "${employeeId}"`);
      reads += 1;
      return reads < 3 ? processing : hire;
    });
    api.syncPerson.mockResolvedValue({
      run: makeRun({ trigger: 'person' }),
      message:
        'Re-read from Paycor and applied alone (1 Paycor call): 1 added.',
    });
    await renderWithPaycor(
      <PeopleTab providerId="acme" searchDebounceMs={0} />,
      { api },
    );
    await screen.findByRole('button', { name: 'Why Maria Okafor' });
    await userEvent.click(
      screen.getByRole('searchbox', { name: /Search people/ }),
    );
    await userEvent.paste(id);
    await userEvent.click(
      await screen.findByRole('button', { name: `Sync employee ${id}` }),
    );
    const panel = await screen.findByRole('region', {
      name: 'Person Pia Persson',
    });
    expect(
      await within(panel).findByText(/the catalog is processing it/),
    ).toBeInTheDocument();
    expect(
      await within(panel).findByRole(
        'link',
        { name: /maria\.okafor/ },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
  });

  it('lists the dated changes ahead', async () => {
    const api = setup();
    await renderWithPaycor(<PeopleTab providerId="acme" />, {
      api,
      routeEntries: ['/paycor?view=upcoming'],
    });
    expect(
      await screen.findByText(
        /1 person joining, 1 leaving in the next 30 days/,
      ),
    ).toBeInTheDocument();
    const leaver = screen
      .getByRole('button', { name: 'Leo Leaver' })
      .closest('tr')!;
    expect(within(leaver).getByText('2024-06-30')).toBeInTheDocument();
    expect(within(leaver).getByText('Leaves')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /Look ahead/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: '7 days' }),
    );
    await waitFor(() =>
      expect(api.getUpcoming).toHaveBeenLastCalledWith('acme', { days: 7 }),
    );
  });
});
