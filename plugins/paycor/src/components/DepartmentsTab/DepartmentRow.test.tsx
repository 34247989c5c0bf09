import { DepartmentView } from '@paycor-backstage/plugin-paycor-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeDepartments } from '../../__testUtils__/fixtures';
import { responseError } from '../../__testUtils__/responseError';
import {
  createMockApi,
  renderWithPaycor,
} from '../../__testUtils__/testHelpers';
import { DepartmentRow } from './DepartmentRow';

const fixture = (id: string) => makeDepartments().items.find(d => d.id === id)!;

function renderRow(
  department: DepartmentView,
  options: { depth?: number; canManage?: boolean } = {},
) {
  const api = createMockApi();
  const onRehome = jest.fn();
  const onChanged = jest.fn();
  const rendered = renderWithPaycor(
    <ul>
      <DepartmentRow
        providerId="acme"
        department={department}
        depth={options.depth ?? 0}
        canManage={options.canManage ?? true}
        onRehome={onRehome}
        onChanged={onChanged}
      />
    </ul>,
    { api },
  );
  return { api, onRehome, onChanged, rendered };
}

describe('DepartmentRow', () => {
  it('indents by depth and says it hangs under its Paycor parent', async () => {
    await renderRow(fixture('d-plat'), { depth: 2 }).rendered;
    const row = screen.getByRole('listitem', { name: 'Platform' });
    expect(row).toHaveStyle({ paddingLeft: '72px' });
    expect(within(row).getByText('Paycor parent')).toBeInTheDocument();
    expect(within(row).getByText('34 members')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'Platform' })).toHaveAttribute(
      'href',
      '/catalog/default/group/platform-team',
    );
    expect(
      within(row).queryByRole('button', { name: 'Undo re-home' }),
    ).not.toBeInTheDocument();
  });

  it('shows a re-home: where, by whom, the Paycor parent and the note', async () => {
    await renderRow(fixture('d-eng')).rendered;
    const row = screen.getByRole('listitem', { name: 'Engineering' });
    expect(within(row).getByText('Re-homed')).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: /product-engineering/ }),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('link', { name: /jane\.admin/ }),
    ).toBeInTheDocument();
    expect(within(row).getByText(/Paycor parent:/)).toBeInTheDocument();
    expect(
      within(row).getByText(/“Two-tier org: divisions above departments”/),
    ).toBeInTheDocument();
  });

  it('explains a re-home that could not be applied', async () => {
    await renderRow({
      ...fixture('d-eng'),
      overrideProblem: 'cycle',
    }).rendered;
    expect(
      screen.getByText(
        /Re-homing under group:default\/product-engineering would make Engineering its own ancestor/,
      ),
    ).toBeInTheDocument();
  });

  it('marks a department without a Group and shows it as plain text', async () => {
    await renderRow(fixture('d-fin')).rendered;
    const row = screen.getByRole('listitem', { name: 'Finance' });
    expect(within(row).getByText('Empty: no Group')).toBeInTheDocument();
    expect(within(row).queryByRole('link')).not.toBeInTheDocument();
  });

  it('undoes a re-home, then tells and reloads', async () => {
    const { api, onChanged, rendered } = renderRow(fixture('d-eng'));
    await rendered;
    api.clearDepartmentParent.mockResolvedValue(fixture('d-eng'));
    await userEvent.click(screen.getByRole('button', { name: 'Undo re-home' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.clearDepartmentParent).toHaveBeenCalledWith('acme', 'd-eng');
    expect(
      await screen.findByText(
        'Engineering is back under its Paycor parent. The catalog reflects it after the re-apply run, within seconds.',
      ),
    ).toBeInTheDocument();
  });

  it('shows a failed undo in the row and stays as it was', async () => {
    const { api, onChanged, rendered } = renderRow(fixture('d-eng'));
    await rendered;
    api.clearDepartmentParent.mockRejectedValue(
      await responseError(
        404,
        'NotFoundError',
        'Department "d-eng" has no re-home set in the sync page',
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Undo re-home' }));
    const row = screen.getByRole('listitem', { name: 'Engineering' });
    expect(
      await within(row).findByText(
        'Could not undo the re-home: Department "d-eng" has no re-home set in the sync page',
      ),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('button', { name: 'Undo re-home' }),
    ).toBeEnabled();
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('offers re-homing only with the manage permission', async () => {
    const { onRehome, rendered } = renderRow(fixture('d-mkt'), {
      canManage: false,
    });
    await rendered;
    expect(screen.getByRole('button', { name: 'Re-home' })).toBeDisabled();
    expect(onRehome).not.toHaveBeenCalled();
  });
});
