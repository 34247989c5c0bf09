import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeAdminGroups } from '../../__testUtils__/fixtures';
import {
  createMockApi,
  renderWithPaycor,
} from '../../__testUtils__/testHelpers';
import { AdminGroupsSection } from './AdminGroupsSection';

describe('AdminGroupsSection', () => {
  it('lists each group with where it hangs and who created it', async () => {
    const onDelete = jest.fn();
    await renderWithPaycor(
      <AdminGroupsSection
        groups={makeAdminGroups()}
        canManage
        onDelete={onDelete}
      />,
      { api: createMockApi() },
    );
    const group = screen.getByRole('listitem', { name: 'Operations' });
    expect(within(group).getByText('division')).toBeInTheDocument();
    expect(
      within(group).getByText(/under the organization/),
    ).toBeInTheDocument();
    expect(
      within(group).getByRole('link', { name: /jane\.admin/ }),
    ).toBeInTheDocument();
    await userEvent.click(
      within(group).getByRole('button', { name: 'Delete Operations' }),
    );
    expect(onDelete).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'operations' }),
    );
  });

  it('says how to start when there is none, and guards deleting', async () => {
    const { unmount } = await renderWithPaycor(
      <AdminGroupsSection groups={[]} canManage onDelete={jest.fn()} />,
      { api: createMockApi() },
    );
    expect(
      screen.getByText(/None yet. Create one with “New parent group”/),
    ).toBeInTheDocument();
    unmount();

    await renderWithPaycor(
      <AdminGroupsSection
        groups={makeAdminGroups()}
        canManage={false}
        onDelete={jest.fn()}
      />,
      { api: createMockApi() },
    );
    expect(
      screen.getByRole('button', { name: 'Delete Operations' }),
    ).toBeDisabled();
  });
});
