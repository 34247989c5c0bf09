import { Entity } from '@backstage/catalog-model';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeAdminGroups, makeDepartments } from '../../__testUtils__/fixtures';
import { responseError } from '../../__testUtils__/responseError';
import {
  createCatalogApi,
  createMockApi,
  renderWithPaycor,
} from '../../__testUtils__/testHelpers';
import { RehomeDialog } from './RehomeDialog';

function group(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', title: name },
    spec: { type: 'department', children: [] },
  };
}

const engineering = makeDepartments().items.find(d => d.id === 'd-eng')!;

async function renderDialog() {
  const api = createMockApi();
  const onSaved = jest.fn();
  await renderWithPaycor(
    <RehomeDialog
      providerId="acme"
      department={engineering}
      excludedRefs={
        new Set(['group:default/engineering', 'group:default/platform-team'])
      }
      adminGroups={makeAdminGroups()}
      onClose={jest.fn()}
      onSaved={onSaved}
    />,
    {
      api,
      catalogApi: createCatalogApi([
        group('engineering'),
        group('platform-team'),
        group('sales'),
      ]),
    },
  );
  return { api, onSaved, dialog: screen.getByRole('dialog') };
}

describe('RehomeDialog', () => {
  it('starts from the current re-home and leaves out the department’s own subtree', async () => {
    const { dialog } = await renderDialog();
    expect(
      within(dialog).getByRole('textbox', { name: 'Note (optional)' }),
    ).toHaveValue('Two-tier org: divisions above departments');
    await userEvent.click(
      within(dialog).getByRole('textbox', { name: /Parent group/ }),
    );
    const listbox = await screen.findByRole('listbox');
    expect(
      within(listbox).getByText(/group:default\/sales/),
    ).toBeInTheDocument();
    expect(
      within(listbox).getByText(/group:default\/operations/),
    ).toBeInTheDocument();
    expect(
      within(listbox).queryByText(/group:default\/engineering/),
    ).not.toBeInTheDocument();
    expect(
      within(listbox).queryByText(/platform-team/),
    ).not.toBeInTheDocument();
  });

  it('puts the server’s refusal of the parent under the parent field', async () => {
    const { api, dialog, onSaved } = await renderDialog();
    api.setDepartmentParent.mockRejectedValue(
      await responseError(
        400,
        'InputError',
        'body.parent: group:default/sales does not exist in the catalog and is not a Group of this provider; create it first (e.g. as an admin group)',
      ),
    );
    await userEvent.click(
      within(dialog).getByRole('textbox', { name: /Parent group/ }),
    );
    await userEvent.click(await screen.findByText(/group:default\/sales/));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(api.setDepartmentParent).toHaveBeenCalledWith('acme', 'd-eng', {
        parent: 'group:default/sales',
        note: 'Two-tier org: divisions above departments',
      }),
    );
    const picker = within(dialog).getByRole('textbox', {
      name: /Parent group/,
    });
    expect(picker).toHaveAccessibleDescription(
      'group:default/sales does not exist in the catalog and is not a Group of this provider; create it first (e.g. as an admin group)',
    );
    expect(picker).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();
  });
});
