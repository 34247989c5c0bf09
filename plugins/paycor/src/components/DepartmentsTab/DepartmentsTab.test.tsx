import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeAdminGroups, makeDepartments } from '../../__testUtils__/fixtures';
import {
  allowAllPermissions,
  denyPermissions,
} from '../../__testUtils__/permissions';
import {
  createCatalogApi,
  createMockApi,
  renderWithPaycor,
} from '../../__testUtils__/testHelpers';
import { DepartmentsTab } from './DepartmentsTab';

jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: (input: any) =>
    jest
      .requireActual('../../__testUtils__/permissions')
      .mockUsePermission(input),
}));

function group(name: string, title: string, type: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', title },
    spec: { type, profile: { displayName: title }, children: [] },
  };
}

const catalogGroups = [
  group('acme-corp', 'Acme Corp', 'organization'),
  group('product-engineering', 'Product & Engineering', 'division'),
  group('go-to-market', 'Go-To-Market', 'division'),
  group('engineering', 'Engineering', 'department'),
  group('platform-team', 'Platform', 'department'),
  group('marketing', 'Marketing', 'department'),
  group('sales', 'Sales', 'department'),
];

function setup() {
  const api = createMockApi({
    listDepartments: async () => makeDepartments(),
    listAdminGroups: async () => ({ items: makeAdminGroups() }),
  });
  const catalogApi = createCatalogApi(catalogGroups);
  return { api, catalogApi };
}

async function conflictError(message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'ConflictError', message },
        response: { statusCode: 409 },
      }),
      { status: 409, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

describe('DepartmentsTab', () => {
  afterEach(() => allowAllPermissions());

  it('shows the tree of effective parents with overrides and problems', async () => {
    const { api, catalogApi } = setup();
    await renderWithPaycor(<DepartmentsTab providerId="acme" />, {
      api,
      catalogApi,
    });

    const engineering = await screen.findByRole('listitem', {
      name: 'Engineering',
    });
    expect(within(engineering).getByText('Re-homed')).toBeInTheDocument();
    expect(within(engineering).getByText('ENG')).toBeInTheDocument();
    expect(within(engineering).getByText('120 members')).toBeInTheDocument();
    expect(
      within(engineering).getByRole('link', { name: /jane\.admin/ }),
    ).toHaveAttribute('href', '/catalog/default/user/jane.admin');
    expect(
      within(engineering).getByText(
        /Two-tier org: divisions above departments/,
      ),
    ).toBeInTheDocument();
    expect(
      within(engineering).getByRole('button', { name: 'Undo re-home' }),
    ).toBeEnabled();

    const platform = screen.getByRole('listitem', { name: 'Platform' });
    expect(platform).toHaveStyle({ paddingLeft: '44px' });
    expect(within(platform).getByText('Paycor parent')).toBeInTheDocument();
    expect(
      within(platform).queryByRole('button', { name: 'Undo re-home' }),
    ).not.toBeInTheDocument();

    const sales = screen.getByRole('listitem', { name: 'Sales' });
    expect(
      within(sales).getByText(
        /re-home target group:default\/emea-division is not in the catalog/,
      ),
    ).toBeInTheDocument();

    const finance = screen.getByRole('listitem', { name: 'Finance' });
    expect(within(finance).getByText('Empty: no Group')).toBeInTheDocument();

    expect(
      screen.getByRole('region', {
        name: 'Under group:default/product-engineering',
      }),
    ).toBeInTheDocument();
    const admin = screen.getByRole('listitem', { name: 'Operations' });
    expect(
      within(admin).getByText(/Division above Finance/),
    ).toBeInTheDocument();
  });

  it('re-homes a department under a hand-written Group, with a note', async () => {
    const { api, catalogApi } = setup();
    api.setDepartmentParent.mockResolvedValue({
      ...makeDepartments().items.find(d => d.id === 'd-mkt')!,
      override: {
        parent: 'group:default/go-to-market',
        setBy: 'user:default/test',
        setAt: new Date().toISOString(),
        source: 'api',
      },
    });
    await renderWithPaycor(<DepartmentsTab providerId="acme" />, {
      api,
      catalogApi,
    });
    const marketing = await screen.findByRole('listitem', {
      name: 'Marketing',
    });
    await userEvent.click(
      within(marketing).getByRole('button', { name: 'Re-home' }),
    );

    const dialog = await screen.findByRole('dialog', {
      name: 'Re-home Marketing',
    });
    const picker = within(dialog).getByRole('textbox', {
      name: /Parent group/,
    });
    expect(picker).toHaveFocus();
    expect(catalogApi.getEntities).toHaveBeenCalledWith(
      expect.objectContaining({ filter: { kind: 'group' } }),
    );

    await userEvent.click(picker);
    const listbox = await screen.findByRole('listbox');
    // hand-written, admin-defined (not in the catalog yet), other departments
    expect(
      within(listbox).getByText('Go-To-Market (group:default/go-to-market)'),
    ).toBeInTheDocument();
    expect(
      within(listbox).getByText('Operations (group:default/operations)'),
    ).toBeInTheDocument();
    expect(
      within(listbox).getByText('Defined here, not in the catalog yet'),
    ).toBeInTheDocument();
    // not itself
    expect(
      within(listbox).queryByText('Marketing (group:default/marketing)'),
    ).not.toBeInTheDocument();
    await userEvent.click(
      within(listbox).getByText('Go-To-Market (group:default/go-to-market)'),
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Note (optional)' }),
      'Marketing reports to GTM',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(api.setDepartmentParent).toHaveBeenCalledWith('acme', 'd-mkt', {
        parent: 'group:default/go-to-market',
        note: 'Marketing reports to GTM',
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(
      screen.getByText(/Marketing is now under group:default\/go-to-market/),
    ).toBeInTheDocument();
    expect(api.listDepartments).toHaveBeenCalledTimes(2);
  });

  it('does not offer the department’s own descendants', async () => {
    const { api, catalogApi } = setup();
    await renderWithPaycor(<DepartmentsTab providerId="acme" />, {
      api,
      catalogApi,
    });
    const engineering = await screen.findByRole('listitem', {
      name: 'Engineering',
    });
    await userEvent.click(
      within(engineering).getByRole('button', { name: 'Re-home' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('textbox', { name: /Parent group/ }),
    );
    const listbox = await screen.findByRole('listbox');
    expect(
      within(listbox).queryByText(/platform-team/),
    ).not.toBeInTheDocument();
    expect(
      within(listbox).getByText(/group:default\/sales/),
    ).toBeInTheDocument();
  });

  it('validates before sending and shows the server’s refusal', async () => {
    const { api, catalogApi } = setup();
    api.setDepartmentParent.mockRejectedValue(
      await conflictError(
        'Re-homing Marketing under Sales would create a cycle',
      ),
    );
    await renderWithPaycor(<DepartmentsTab providerId="acme" />, {
      api,
      catalogApi,
    });
    const marketing = await screen.findByRole('listitem', {
      name: 'Marketing',
    });
    await userEvent.click(
      within(marketing).getByRole('button', { name: 'Re-home' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('is required')).toBeInTheDocument();
    expect(api.setDepartmentParent).not.toHaveBeenCalled();

    await userEvent.click(
      within(dialog).getByRole('textbox', { name: /Parent group/ }),
    );
    await userEvent.click(
      await screen.findByText('Sales (group:default/sales)'),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText(
        'Could not re-home: Re-homing Marketing under Sales would create a cycle',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('undoes a re-home', async () => {
    const { api, catalogApi } = setup();
    api.clearDepartmentParent.mockResolvedValue(
      makeDepartments().items.find(d => d.id === 'd-eng')!,
    );
    await renderWithPaycor(<DepartmentsTab providerId="acme" />, {
      api,
      catalogApi,
    });
    const engineering = await screen.findByRole('listitem', {
      name: 'Engineering',
    });
    await userEvent.click(
      within(engineering).getByRole('button', { name: 'Undo re-home' }),
    );
    await waitFor(() =>
      expect(api.clearDepartmentParent).toHaveBeenCalledWith('acme', 'd-eng'),
    );
    expect(
      await screen.findByText(/Engineering is back under its Paycor parent/),
    ).toBeInTheDocument();
  });

  it('creates an admin-defined parent group', async () => {
    const { api, catalogApi } = setup();
    api.createAdminGroup.mockImplementation(async (_id, request) => ({
      name: request.name,
      title: request.title,
      type: request.type ?? 'division',
      entityRef: `group:default/${request.name}`,
      createdBy: 'user:default/test',
      createdAt: new Date().toISOString(),
    }));
    await renderWithPaycor(<DepartmentsTab providerId="acme" />, {
      api,
      catalogApi,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'New parent group' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'New parent group',
    });
    const title = within(dialog).getByRole('textbox', { name: /Title/ });
    expect(title).toHaveFocus();
    await userEvent.type(title, 'Customer Success & Ops');
    expect(
      within(dialog).getByRole('textbox', { name: /Entity name/ }),
    ).toHaveValue('customer-success-ops');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );
    await waitFor(() =>
      expect(api.createAdminGroup).toHaveBeenCalledWith('acme', {
        name: 'customer-success-ops',
        title: 'Customer Success & Ops',
        type: 'division',
      }),
    );
    expect(
      await screen.findByText(/Created Customer Success & Ops/),
    ).toBeInTheDocument();
  });

  it('names the invalid field of a new group', async () => {
    const { api, catalogApi } = setup();
    await renderWithPaycor(<DepartmentsTab providerId="acme" />, {
      api,
      catalogApi,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'New parent group' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Title/ }),
      'X',
    );
    const name = within(dialog).getByRole('textbox', { name: /Entity name/ });
    await userEvent.clear(name);
    await userEvent.type(name, 'bad name!');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );
    expect(
      await within(dialog).findByText(/must be letters and digits/),
    ).toBeInTheDocument();
    expect(api.createAdminGroup).not.toHaveBeenCalled();
  });

  it('deletes an admin-defined group after confirmation', async () => {
    const { api, catalogApi } = setup();
    api.deleteAdminGroup.mockResolvedValue(undefined);
    await renderWithPaycor(<DepartmentsTab providerId="acme" />, {
      api,
      catalogApi,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete Operations' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Delete Operations?',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );
    await waitFor(() =>
      expect(api.deleteAdminGroup).toHaveBeenCalledWith('acme', 'operations'),
    );
  });

  it('does not offer to undo a re-home set in app-config', async () => {
    const api = createMockApi({
      listDepartments: async () => ({
        items: [
          {
            id: 'd-ops',
            name: 'Operations',
            paycorParentRef: 'group:default/acme-corp',
            effectiveParentRef: 'group:default/go-to-market',
            entityRef: 'group:default/ops',
            memberCount: 4,
            state: 'synced',
            override: {
              parent: 'group:default/go-to-market',
              setBy: 'app-config (departmentParents)',
              setAt: new Date().toISOString(),
              source: 'config',
            },
          },
        ],
      }),
      listAdminGroups: async () => ({ items: [] }),
    });
    await renderWithPaycor(<DepartmentsTab providerId="acme" />, { api });
    const ops = await screen.findByRole('listitem', { name: 'Operations' });
    expect(
      within(ops).getByText(/set in app-config \(departmentParents\)/),
    ).toBeInTheDocument();
    const undo = within(ops).getByRole('button', { name: 'Undo re-home' });
    expect(undo).toBeDisabled();
    await userEvent.hover(undo.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Set in app-config (departmentParents); change it there',
    );
  });

  it('disables changes without the manage permission', async () => {
    denyPermissions('catalog.paycor.sync.manage');
    const { api, catalogApi } = setup();
    await renderWithPaycor(<DepartmentsTab providerId="acme" />, {
      api,
      catalogApi,
    });
    const engineering = await screen.findByRole('listitem', {
      name: 'Engineering',
    });
    expect(
      within(engineering).getByRole('button', { name: 'Re-home' }),
    ).toBeDisabled();
    expect(
      within(engineering).getByRole('button', { name: 'Undo re-home' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'New parent group' }),
    ).toBeDisabled();
  });

  it('shows the load error and an empty state', async () => {
    const failing = createMockApi({
      listDepartments: async () => {
        throw new Error('no snapshot yet');
      },
      listAdminGroups: async () => ({ items: [] }),
    });
    const { unmount } = await renderWithPaycor(
      <DepartmentsTab providerId="acme" />,
      { api: failing },
    );
    expect(
      (await screen.findAllByText(/no snapshot yet/))[0],
    ).toBeInTheDocument();
    unmount();

    const empty = createMockApi({
      listDepartments: async () => ({ items: [] }),
      listAdminGroups: async () => ({ items: [] }),
    });
    await renderWithPaycor(<DepartmentsTab providerId="acme" />, {
      api: empty,
    });
    expect(await screen.findByText(/No departments yet/)).toBeInTheDocument();
  });
});
