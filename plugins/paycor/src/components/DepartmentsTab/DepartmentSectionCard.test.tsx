import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeDepartments } from '../../__testUtils__/fixtures';
import {
  createMockApi,
  renderWithPaycor,
} from '../../__testUtils__/testHelpers';
import { DepartmentSectionCard } from './DepartmentSectionCard';
import { departmentSections } from './departmentSections';

const [underOrg, underDivision, withoutGroup] = departmentSections(
  makeDepartments(),
);

function renderCard(
  section: typeof underOrg,
  definedHere = false,
  onRehome = jest.fn(),
) {
  return renderWithPaycor(
    <DepartmentSectionCard
      providerId="acme"
      section={section}
      definedHere={definedHere}
      canManage
      onRehome={onRehome}
      onChanged={jest.fn()}
    />,
    { api: createMockApi() },
  );
}

describe('DepartmentSectionCard', () => {
  it('titles the section with the Group outside the tree, and lists its rows in order', async () => {
    await renderCard(underDivision);
    const section = screen.getByRole('region', {
      name: 'Under group:default/product-engineering',
    });
    expect(
      within(section).getByRole('heading', { name: /Under/ }),
    ).toHaveTextContent('Under product-engineering');
    expect(
      within(section)
        .getAllByRole('listitem')
        .map(li => li.getAttribute('aria-label')),
    ).toEqual(['Engineering', 'Platform']);
    expect(within(section).queryByText('Defined here')).not.toBeInTheDocument();
  });

  it('marks an admin group of this connection', async () => {
    await renderCard(underOrg, true);
    expect(screen.getByText('Defined here')).toBeInTheDocument();
  });

  it('names the section of departments without a Group', async () => {
    await renderCard(withoutGroup);
    expect(
      screen.getByRole('region', { name: 'Departments without a Group' }),
    ).toHaveTextContent('Not in the catalog (no synced members)');
  });

  it('asks to re-home the row’s department', async () => {
    const onRehome = jest.fn();
    await renderCard(underOrg, false, onRehome);
    await userEvent.click(
      within(screen.getByRole('listitem', { name: 'Sales' })).getByRole(
        'button',
        { name: 'Re-home' },
      ),
    );
    expect(onRehome).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'd-sales' }),
    );
  });
});
