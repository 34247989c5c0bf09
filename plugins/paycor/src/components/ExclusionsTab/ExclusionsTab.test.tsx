import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeExclusions } from '../../__testUtils__/fixtures';
import {
  allowAllPermissions,
  denyPermissions,
} from '../../__testUtils__/permissions';
import {
  createMockApi,
  renderWithPaycor,
} from '../../__testUtils__/testHelpers';
import { ExclusionsTab } from './ExclusionsTab';

jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: (input: any) =>
    jest
      .requireActual('../../__testUtils__/permissions')
      .mockUsePermission(input),
}));

function setup() {
  const api = createMockApi({
    listExclusions: async () => ({ items: makeExclusions() }),
  });
  api.addExclusion.mockImplementation(async (_id, request) => ({
    id: 'x-9',
    kind: request.kind,
    value: request.value,
    note: request.note,
    createdBy: 'user:default/test',
    createdAt: new Date().toISOString(),
  }));
  api.removeExclusion.mockResolvedValue(undefined);
  return api;
}

describe('ExclusionsTab', () => {
  afterEach(() => allowAllPermissions());

  it('lists exclusions', async () => {
    const api = setup();
    await renderWithPaycor(<ExclusionsTab providerId="acme" />, { api });
    const row = (await screen.findByText('ceo@acme.example')).closest('tr')!;
    expect(within(row).getByText('Email')).toBeInTheDocument();
    expect(
      within(row).getByText('Board member, not in engineering tools'),
    ).toBeInTheDocument();
    expect(within(row).getByText(/ ago$/)).toBeInTheDocument();
    expect(screen.getByText('e-4410')).toBeInTheDocument();
  });

  it('adds an exclusion by email', async () => {
    const api = setup();
    await renderWithPaycor(<ExclusionsTab providerId="acme" />, { api });
    await screen.findByText('ceo@acme.example');
    await userEvent.type(
      screen.getByRole('textbox', { name: /Value/ }),
      'temp.contractor@acme.example',
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Note' }),
      'Agency',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Add exclusion' }),
    );
    await waitFor(() =>
      expect(api.addExclusion).toHaveBeenCalledWith('acme', {
        kind: 'email',
        value: 'temp.contractor@acme.example',
        note: 'Agency',
      }),
    );
    expect(
      await screen.findByText(/Excluded temp\.contractor@acme\.example/),
    ).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Value/ })).toHaveValue('');
    expect(api.listExclusions).toHaveBeenCalledTimes(2);
  });

  it('adds an exclusion by employee id', async () => {
    const api = setup();
    await renderWithPaycor(<ExclusionsTab providerId="acme" />, { api });
    await screen.findByText('ceo@acme.example');
    await userEvent.click(screen.getByRole('button', { name: 'Kind Email' }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Employee id' }),
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: /Value/ }),
      'e-5000',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Add exclusion' }),
    );
    await waitFor(() =>
      expect(api.addExclusion).toHaveBeenCalledWith('acme', {
        kind: 'employee-id',
        value: 'e-5000',
      }),
    );
  });

  it('validates the email before sending', async () => {
    const api = setup();
    await renderWithPaycor(<ExclusionsTab providerId="acme" />, { api });
    await screen.findByText('ceo@acme.example');
    await userEvent.type(
      screen.getByRole('textbox', { name: /Value/ }),
      'not-an-email',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Add exclusion' }),
    );
    expect(
      await screen.findByText('must be an email address'),
    ).toBeInTheDocument();
    expect(api.addExclusion).not.toHaveBeenCalled();
  });

  it("shows the server's refusal", async () => {
    const api = setup();
    api.addExclusion.mockRejectedValue(
      new Error('ceo@acme.example is already excluded'),
    );
    await renderWithPaycor(<ExclusionsTab providerId="acme" />, { api });
    await screen.findAllByText('ceo@acme.example');
    await userEvent.type(
      screen.getByRole('textbox', { name: /Value/ }),
      'ceo@acme.example',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Add exclusion' }),
    );
    expect(
      await screen.findByText(
        'Could not add the exclusion: ceo@acme.example is already excluded',
      ),
    ).toBeInTheDocument();
  });

  it('removes an exclusion after confirmation', async () => {
    const api = setup();
    await renderWithPaycor(<ExclusionsTab providerId="acme" />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Remove exclusion e-4410' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Sync e-4410 again?',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Remove exclusion' }),
    );
    await waitFor(() =>
      expect(api.removeExclusion).toHaveBeenCalledWith('acme', 'x-2'),
    );
    expect(
      await screen.findByText(/Removed the exclusion of e-4410/),
    ).toBeInTheDocument();
  });

  it('says when nobody is excluded', async () => {
    const api = createMockApi({ listExclusions: async () => ({ items: [] }) });
    await renderWithPaycor(<ExclusionsTab providerId="acme" />, { api });
    expect(await screen.findByText(/Nobody is excluded/)).toBeInTheDocument();
  });

  it('disables adding and hides removing without the manage permission', async () => {
    denyPermissions('catalog.paycor.sync.manage');
    const api = setup();
    await renderWithPaycor(<ExclusionsTab providerId="acme" />, { api });
    await screen.findByText('ceo@acme.example');
    expect(
      screen.getByRole('button', { name: 'Add exclusion' }),
    ).toBeDisabled();
    expect(screen.getByRole('textbox', { name: /Value/ })).toBeDisabled();
    expect(
      screen.queryByRole('button', { name: /Remove exclusion/ }),
    ).not.toBeInTheDocument();
  });
});
