import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeAdminGroups } from '../../__testUtils__/fixtures';
import { responseError } from '../../__testUtils__/responseError';
import {
  createMockApi,
  renderWithPaycor,
} from '../../__testUtils__/testHelpers';
import { NewParentGroupDialog, suggestGroupName } from './NewParentGroupDialog';

describe('suggestGroupName', () => {
  it('turns a title into an entity name', () => {
    expect(suggestGroupName('Product & Engineering')).toBe(
      'product-engineering',
    );
    expect(suggestGroupName('  Café Ops — EMEA  ')).toBe('cafe-ops-emea');
    expect(suggestGroupName('x'.repeat(70))).toHaveLength(63);
  });
});

describe('NewParentGroupDialog', () => {
  async function fillAndCreate(title: string) {
    const dialog = screen.getByRole('dialog', { name: 'New parent group' });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Title/ }),
      title,
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );
    return dialog;
  }

  it('puts the server’s refusal of the parent under the parent field', async () => {
    const api = createMockApi();
    api.createAdminGroup.mockRejectedValue(
      await responseError(
        400,
        'InputError',
        'body.parent: group:default/gone does not exist in the catalog',
      ),
    );
    const onCreated = jest.fn();
    await renderWithPaycor(
      <NewParentGroupDialog
        providerId="acme"
        adminGroups={makeAdminGroups()}
        onClose={jest.fn()}
        onCreated={onCreated}
      />,
      { api },
    );
    const dialog = await fillAndCreate('Customer Success');
    await waitFor(() => expect(api.createAdminGroup).toHaveBeenCalled());
    expect(
      await within(dialog).findByText(
        'group:default/gone does not exist in the catalog',
      ),
    ).toBeInTheDocument();
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('shows a refusal no field explains with the form', async () => {
    const api = createMockApi();
    api.createAdminGroup.mockRejectedValue(
      await responseError(
        409,
        'ConflictError',
        'group:default/customer-success already exists in the catalog',
      ),
    );
    await renderWithPaycor(
      <NewParentGroupDialog
        providerId="acme"
        adminGroups={[]}
        onClose={jest.fn()}
        onCreated={jest.fn()}
      />,
      { api },
    );
    const dialog = await fillAndCreate('Customer Success');
    expect(
      await within(dialog).findByText(
        'Could not create the group: group:default/customer-success already exists in the catalog',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Create' }),
    ).toBeEnabled();
  });
});
