import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ListConflictsOptions } from '../../api';
import { makeConflicts } from '../../__testUtils__/fixtures';
import {
  createMockApi,
  renderWithPaycor,
} from '../../__testUtils__/testHelpers';
import { ConflictsTab } from './ConflictsTab';

function setup() {
  const all = makeConflicts();
  const api = createMockApi({
    listConflicts: async (_id, options: ListConflictsOptions = {}) => {
      const items = all.filter(
        c =>
          (!options.types?.length || options.types.includes(c.type)) &&
          (options.status === 'all' ||
            c.status === (options.status ?? 'open')) &&
          (!options.q ||
            `${c.message} ${c.subject.label}`
              .toLowerCase()
              .includes(options.q.toLowerCase())),
      );
      return { items, totalCount: items.length, limit: 20, offset: 0 };
    },
  });
  return api;
}

const lastOptions = (api: ReturnType<typeof setup>) =>
  api.listConflicts.mock.calls[api.listConflicts.mock.calls.length - 1][1];

describe('ConflictsTab', () => {
  it('lists open conflicts with message, resolution, entity link and times', async () => {
    const api = setup();
    await renderWithPaycor(<ConflictsTab providerId="acme" />, { api });

    const message = await screen.findByText(
      /share maria\.okafor@acme\.example/,
    );
    const row = message.closest('tr')!;
    expect(within(row).getByText('Duplicate email')).toBeInTheDocument();
    expect(
      within(row).getByText(
        'What to do: Correct the work email of one of them in Paycor.',
      ),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: /maria\.okafor/ }),
    ).toHaveAttribute('href', '/catalog/default/user/maria.okafor');
    expect(within(row).getByText('3 days ago')).toBeInTheDocument();
    expect(within(row).getByText('72 runs')).toBeInTheDocument();
    expect(screen.getByText('Re-home target missing')).toBeInTheDocument();
    expect(screen.queryByText('Entity name collision')).not.toBeInTheDocument();
    expect(lastOptions(api)).toEqual({
      types: [],
      status: 'open',
      q: undefined,
      limit: 20,
      offset: 0,
    });
  });

  it('filters by type', async () => {
    const api = setup();
    await renderWithPaycor(<ConflictsTab providerId="acme" />, { api });
    await screen.findByText('Duplicate email');

    await userEvent.click(screen.getByRole('textbox', { name: 'Type' }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Re-home target missing' }),
    );
    await waitFor(() =>
      expect(lastOptions(api)?.types).toEqual(['rehome-target-missing']),
    );
    await waitFor(() =>
      expect(screen.queryByText('Duplicate email')).not.toBeInTheDocument(),
    );
    expect(
      screen.getAllByText('Re-home target missing').length,
    ).toBeGreaterThan(0);
  });

  it('filters by status', async () => {
    const api = setup();
    await renderWithPaycor(<ConflictsTab providerId="acme" />, { api });
    await screen.findByText('Duplicate email');

    await userEvent.click(screen.getByRole('button', { name: 'Status Open' }));
    await userEvent.click(await screen.findByRole('option', { name: 'All' }));
    await waitFor(() => expect(lastOptions(api)?.status).toBe('all'));
    expect(
      await screen.findByText('Entity name collision'),
    ).toBeInTheDocument();
    expect(screen.getByText('Resolved')).toBeInTheDocument();
  });

  it('searches on the server, debounced', async () => {
    const api = setup();
    await renderWithPaycor(<ConflictsTab providerId="acme" />, { api });
    await screen.findByText('Duplicate email');
    const callsBefore = api.listConflicts.mock.calls.length;

    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Search conflicts' }),
      'jdoe',
    );
    await waitFor(() => expect(lastOptions(api)?.q).toBe('jdoe'));
    // one request for the whole word, none per keystroke
    expect(api.listConflicts.mock.calls.length).toBe(callsBefore + 1);
    expect(
      await screen.findByText(/is not an email address/),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByText('Duplicate email')).not.toBeInTheDocument(),
    );
  });

  it('says when nothing matches', async () => {
    const api = createMockApi({
      listConflicts: async () => ({
        items: [],
        totalCount: 0,
        limit: 20,
        offset: 0,
      }),
    });
    await renderWithPaycor(<ConflictsTab providerId="acme" />, { api });
    expect(
      await screen.findByText(
        /No open conflicts: every Paycor record was synced/,
      ),
    ).toBeInTheDocument();
  });

  it("shows the server's message when the filter is refused", async () => {
    const api = createMockApi({
      listConflicts: async () => {
        throw new Error('query.type: unknown conflict type "x"');
      },
    });
    await renderWithPaycor(<ConflictsTab providerId="acme" />, { api });
    expect(
      (await screen.findAllByText(/unknown conflict type "x"/))[0],
    ).toBeInTheDocument();
  });
});
