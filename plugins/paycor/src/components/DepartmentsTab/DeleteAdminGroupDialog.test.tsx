import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeAdminGroups } from '../../__testUtils__/fixtures';
import { responseError } from '../../__testUtils__/responseError';
import {
  createMockApi,
  renderWithPaycor,
} from '../../__testUtils__/testHelpers';
import { DeleteAdminGroupDialog } from './DeleteAdminGroupDialog';

const [group] = makeAdminGroups();

async function renderDialog() {
  const api = createMockApi();
  const onDeleted = jest.fn();
  const onClose = jest.fn();
  await renderWithPaycor(
    <DeleteAdminGroupDialog
      providerId="acme"
      group={group}
      onClose={onClose}
      onDeleted={onDeleted}
    />,
    { api },
  );
  return { api, onDeleted, onClose };
}

describe('DeleteAdminGroupDialog', () => {
  // jsdom matches :focus-visible on any focused element, so Material UI
  // starts a focus ripple on Cancel before the ripple exists; a browser, after
  // the click that opens the dialog, does not match it
  const matches = Element.prototype.matches;
  let focusVisible: jest.SpyInstance;
  beforeEach(() => {
    focusVisible = jest
      .spyOn(Element.prototype, 'matches')
      .mockImplementation(function focusVisibleAfterAClick(
        this: Element,
        selector: string,
      ) {
        return selector === ':focus-visible'
          ? false
          : matches.call(this, selector);
      });
  });
  afterEach(() => focusVisible.mockRestore());

  it('deletes after confirmation, tells, and hands back', async () => {
    const { api, onDeleted } = await renderDialog();
    api.deleteAdminGroup.mockResolvedValue(undefined);
    const dialog = screen.getByRole('dialog', { name: 'Delete Operations?' });
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toHaveFocus();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(api.deleteAdminGroup).toHaveBeenCalledWith('acme', 'operations');
    expect(
      await screen.findByText(/^Deleted Operations\. The catalog reflects it/),
    ).toBeInTheDocument();
  });

  it('shows why the server refuses and stays open', async () => {
    const { api, onDeleted, onClose } = await renderDialog();
    api.deleteAdminGroup.mockRejectedValue(
      await responseError(
        409,
        'ConflictError',
        'Departments Sales, Marketing are re-homed under group:default/operations',
      ),
    );
    const dialog = screen.getByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );
    expect(
      await within(dialog).findByText(
        'Departments Sales, Marketing are re-homed under group:default/operations',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Delete' }),
    ).toBeEnabled();
    expect(onDeleted).not.toHaveBeenCalled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    expect(onClose).toHaveBeenCalled();
  });
});
