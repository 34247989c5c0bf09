import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makePreview } from '../../__testUtils__/fixtures';
import {
  allowAllPermissions,
  denyPermissions,
} from '../../__testUtils__/permissions';
import {
  createMockApi,
  renderWithPaycor,
} from '../../__testUtils__/testHelpers';
import { PreviewTab } from './PreviewTab';

jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: (input: any) =>
    jest
      .requireActual('../../__testUtils__/permissions')
      .mockUsePermission(input),
}));

describe('PreviewTab', () => {
  afterEach(() => allowAllPermissions());

  it('runs a dry run on demand and shows counts, lists and the hold warning', async () => {
    const api = createMockApi({ getPreview: async () => makePreview() });
    await renderWithPaycor(<PreviewTab providerId="acme" />, { api });
    expect(api.getPreview).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Run preview' }));
    expect(
      await screen.findByText(/A sync now would be held/),
    ).toBeInTheDocument();
    expect(api.getPreview).toHaveBeenCalledWith('acme', { limit: 200 });

    const counts = screen.getByLabelText('Preview counts');
    expect(
      within(counts).getByText('Would remove').nextSibling,
    ).toHaveTextContent('41');
    expect(screen.getByText('Added (2)')).toBeInTheDocument();
    expect(screen.getByText('Removed (41)')).toBeInTheDocument();
    expect(
      screen.getByText(/Showing the first 1; lists are cut at 200/),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /lena\.park/ })).toHaveAttribute(
      'href',
      '/catalog/default/user/lena.park',
    );
    expect(screen.getByText('Updated (2)')).toBeInTheDocument();
    expect(
      screen.getByText('metadata.annotations.paycor.com/job-title'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Conflicts this run would report \(1\)/),
    ).toBeInTheDocument();
  });

  it('says why a sync would be held and lists what it would orphan', async () => {
    const api = createMockApi({
      getPreview: async () => ({
        ...makePreview(),
        holdReason:
          'Removing Tom Ridley (user:default/tom.ridley) would leave 1 catalog entity without an existing owner (component:default/payments-api).',
        orphaned: [
          {
            entityRef: 'component:default/payments-api',
            kind: 'Component',
            title: 'Payments API',
            owner: 'user:default/tom.ridley',
            suggestedOwner: 'group:default/sales',
          },
        ],
      }),
    });
    await renderWithPaycor(<PreviewTab providerId="acme" />, { api });
    await userEvent.click(screen.getByRole('button', { name: 'Run preview' }));

    expect(
      await screen.findByText(
        /would leave 1 catalog entity without an existing owner/,
      ),
    ).toBeInTheDocument();
    const table = screen
      .getByText('Left without an owner (1)')
      .closest('[class*="MuiPaper"]') as HTMLElement;
    expect(
      within(table).getByRole('link', { name: /payments-api/ }),
    ).toHaveAttribute('href', '/catalog/default/component/payments-api');
    expect(
      within(table).getByRole('link', { name: /tom\.ridley/ }),
    ).toHaveAttribute('href', '/catalog/default/user/tom.ridley');
    expect(within(table).getByRole('link', { name: /sales/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/sales',
    );
  });

  it('lists no orphaned entities when there are none', async () => {
    const api = createMockApi({ getPreview: async () => makePreview() });
    await renderWithPaycor(<PreviewTab providerId="acme" />, { api });
    await userEvent.click(screen.getByRole('button', { name: 'Run preview' }));
    await screen.findByText(/A sync now would be held/);
    expect(screen.queryByText(/Left without an owner/)).not.toBeInTheDocument();
  });

  it('shows a failure with the server message', async () => {
    const api = createMockApi({
      getPreview: async () => {
        throw new Error('Paycor answered 503');
      },
    });
    await renderWithPaycor(<PreviewTab providerId="acme" />, { api });
    await userEvent.click(screen.getByRole('button', { name: 'Run preview' }));
    expect(
      (
        await screen.findAllByText(/The preview failed: Paycor answered 503/)
      )[0],
    ).toBeInTheDocument();
  });

  it('needs the run permission', async () => {
    denyPermissions('catalog.paycor.sync.run');
    const api = createMockApi();
    await renderWithPaycor(<PreviewTab providerId="acme" />, { api });
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Run preview' }),
      ).toBeDisabled(),
    );
  });
});
