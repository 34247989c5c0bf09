import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Approval } from '@paycor-backstage/plugin-paycor-common';
import { makeApprovals } from '../../__testUtils__/fixtures';
import {
  allowAllPermissions,
  denyPermissions,
} from '../../__testUtils__/permissions';
import {
  createMockApi,
  renderWithPaycor,
} from '../../__testUtils__/testHelpers';
import { ApprovalsTab, sortApprovals } from './ApprovalsTab';

jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: (input: any) =>
    jest
      .requireActual('../../__testUtils__/permissions')
      .mockUsePermission(input),
}));

function setup() {
  const api = createMockApi({
    listApprovals: async () => ({ items: makeApprovals() }),
  });
  api.decideApproval.mockImplementation(async (_id, runId, request) => ({
    ...makeApprovals()[1],
    runId,
    status: request.decision === 'approve' ? 'approved' : 'rejected',
    decidedBy: 'user:default/test',
    decidedAt: new Date().toISOString(),
    note: request.note,
  }));
  return api;
}

describe('ApprovalsTab', () => {
  afterEach(() => allowAllPermissions());

  it('sorts pending approvals first', () => {
    expect(sortApprovals(makeApprovals()).map(a => a.status)).toEqual([
      'pending',
      'rejected',
    ]);
  });

  it('lists held runs, pending first, with their removals', async () => {
    const api = setup();
    await renderWithPaycor(<ApprovalsTab providerId="acme" />, { api });

    const sections = await screen.findAllByRole('region');
    expect(sections.map(s => s.getAttribute('aria-label'))).toEqual([
      'Run run-103',
      'Run run-090',
    ]);
    const pending = sections[0];
    expect(within(pending).getByText('Pending')).toBeInTheDocument();
    expect(
      within(pending).getByText(/would remove 41 of 397 users/),
    ).toBeInTheDocument();
    expect(
      within(pending).getByRole('link', { name: /tom\.ridley/ }),
    ).toHaveAttribute('href', '/catalog/default/user/tom.ridley');
    expect(
      within(pending).getByRole('link', { name: /field-sales/ }),
    ).toHaveAttribute('href', '/catalog/default/group/field-sales');
    expect(
      within(pending).getByText('Showing the first 3'),
    ).toBeInTheDocument();
    expect(
      within(pending).getByRole('button', { name: 'Approve' }),
    ).toBeEnabled();
    expect(
      within(pending).getByRole('button', { name: 'Reject' }),
    ).toBeEnabled();

    const decided = sections[1];
    expect(within(decided).getByText('Rejected')).toBeInTheDocument();
    expect(
      within(decided).getByText(/Filter typo in app-config/),
    ).toBeInTheDocument();
    expect(
      within(decided).queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(api.listApprovals).toHaveBeenCalledWith('acme', { status: 'all' });
  });

  it('names what a held removal would orphan, with the suggested new owner', async () => {
    const [, pending] = makeApprovals();
    const ownershipHold: Approval = {
      ...pending,
      removalCount: 1,
      reason:
        'Removing Tom Ridley (user:default/tom.ridley) would leave 1 catalog entity without an existing owner (component:default/payments-api).',
      removals: [
        {
          ...pending.removals[0],
          orphans: [
            {
              entityRef: 'component:default/payments-api',
              kind: 'Component',
              title: 'Payments API',
            },
          ],
          suggestedOwner: 'group:default/sales',
        },
      ],
    };
    const api = createMockApi({
      listApprovals: async () => ({ items: [ownershipHold] }),
    });
    await renderWithPaycor(<ApprovalsTab providerId="acme" />, { api });

    const section = await screen.findByRole('region', {
      name: 'Run run-103',
    });
    expect(
      within(section).getByText(/would leave 1 catalog entity without/),
    ).toBeInTheDocument();
    const orphans = within(section)
      .getByText('Left without an owner (1)')
      .closest('[class*="MuiPaper"]') as HTMLElement;
    const row = within(orphans)
      .getByRole('link', { name: /payments-api/ })
      .closest('tr') as HTMLElement;
    expect(
      within(row).getByRole('link', { name: /payments-api/ }),
    ).toHaveAttribute('href', '/catalog/default/component/payments-api');
    expect(within(row).getByText('Component')).toBeInTheDocument();
    expect(within(row).getByText('Payments API')).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: /tom\.ridley/ }),
    ).toHaveAttribute('href', '/catalog/default/user/tom.ridley');
    expect(within(row).getByRole('link', { name: /sales/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/sales',
    );
    // the removals table says which removal orphans something
    const removals = within(section)
      .getByText('Removals (1)')
      .closest('[class*="MuiPaper"]') as HTMLElement;
    expect(within(removals).getByText('1 entity')).toBeInTheDocument();
  });

  it('shows no ownership table when nothing would be orphaned', async () => {
    const api = setup();
    await renderWithPaycor(<ApprovalsTab providerId="acme" />, { api });
    await screen.findAllByRole('region');
    expect(screen.queryByText(/Left without an owner/)).not.toBeInTheDocument();
  });

  it('approves after confirmation, with a note', async () => {
    const api = setup();
    await renderWithPaycor(<ApprovalsTab providerId="acme" />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );

    const dialog = await screen.findByRole('dialog', {
      name: 'Approve the removals of run run-103?',
    });
    const note = within(dialog).getByRole('textbox', {
      name: 'Note (optional)',
    });
    expect(note).toHaveFocus();
    await userEvent.type(note, 'Reorg: Sales EMEA closed');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve removals' }),
    );
    await waitFor(() =>
      expect(api.decideApproval).toHaveBeenCalledWith('acme', 'run-103', {
        decision: 'approve',
        note: 'Reorg: Sales EMEA closed',
      }),
    );
    expect(
      await screen.findByText(/Approved: 41 entities/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(api.listApprovals).toHaveBeenCalledTimes(2);
  });

  it('rejects without a note, and cancelling does nothing', async () => {
    const api = setup();
    await renderWithPaycor(<ApprovalsTab providerId="acme" />, { api });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject' }),
    );
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Cancel',
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.decideApproval).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Reject' }));
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Reject removals',
      }),
    );
    await waitFor(() =>
      expect(api.decideApproval).toHaveBeenCalledWith('acme', 'run-103', {
        decision: 'reject',
        note: undefined,
      }),
    );
    expect(
      await screen.findByText(/Rejected: nothing is removed/),
    ).toBeInTheDocument();
  });

  it('keeps the dialog open with the server message when the decision fails', async () => {
    const api = setup();
    api.decideApproval.mockRejectedValue(
      new Error('Run run-103 was superseded by a newer run'),
    );
    await renderWithPaycor(<ApprovalsTab providerId="acme" />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve removals' }),
    );
    expect(
      await within(dialog).findByText(
        'Run run-103 was superseded by a newer run',
      ),
    ).toBeInTheDocument();
  });

  it('rejects a note that is too long before sending', async () => {
    const api = setup();
    await renderWithPaycor(<ApprovalsTab providerId="acme" />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('textbox'));
    await userEvent.paste('x'.repeat(501));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve removals' }),
    );
    expect(
      await within(dialog).findByText('must be at most 500 characters'),
    ).toBeInTheDocument();
    expect(api.decideApproval).not.toHaveBeenCalled();
  });

  it('disables decisions without the manage permission', async () => {
    denyPermissions('catalog.paycor.sync.manage');
    const api = setup();
    await renderWithPaycor(<ApprovalsTab providerId="acme" />, { api });
    expect(
      await screen.findByRole('button', { name: 'Approve' }),
    ).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Reject' })).toBeDisabled();
  });

  it('says when nothing was ever held', async () => {
    const api = createMockApi({ listApprovals: async () => ({ items: [] }) });
    await renderWithPaycor(<ApprovalsTab providerId="acme" />, { api });
    expect(await screen.findByText(/No held runs yet/)).toBeInTheDocument();
    expect(
      screen.getByText(/No run is waiting for approval/),
    ).toBeInTheDocument();
  });
});
