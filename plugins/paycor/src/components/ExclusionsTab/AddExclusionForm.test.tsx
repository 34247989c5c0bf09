import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { responseError } from '../../__testUtils__/responseError';
import {
  createMockApi,
  renderWithPaycor,
} from '../../__testUtils__/testHelpers';
import { AddExclusionForm } from './AddExclusionForm';

async function renderForm() {
  const api = createMockApi();
  const onAdded = jest.fn();
  await renderWithPaycor(
    <AddExclusionForm providerId="acme" canManage onAdded={onAdded} />,
    { api },
  );
  const form = screen.getByRole('region', { name: 'Exclude a person' });
  return { api, onAdded, form };
}

describe('AddExclusionForm', () => {
  it('adds, clears the fields, tells and hands back', async () => {
    const { api, onAdded, form } = await renderForm();
    api.addExclusion.mockImplementation(async (_id, request) => ({
      id: 'x-1',
      kind: request.kind,
      value: request.value,
      createdBy: 'user:default/test',
      createdAt: new Date().toISOString(),
    }));
    const value = within(form).getByRole('textbox', { name: /Value/ });
    await userEvent.type(value, ' jane@acme.example ');
    await userEvent.click(
      within(form).getByRole('button', { name: 'Add exclusion' }),
    );
    await waitFor(() => expect(onAdded).toHaveBeenCalled());
    // the schema trims: the server gets what it would store
    expect(api.addExclusion).toHaveBeenCalledWith('acme', {
      kind: 'email',
      value: 'jane@acme.example',
    });
    expect(value).toHaveValue('');
    expect(
      await screen.findByText(/^Excluded jane@acme\.example\./),
    ).toBeInTheDocument();
  });

  it('puts the server’s refusal of the value under the value field and keeps it', async () => {
    const { api, onAdded, form } = await renderForm();
    api.addExclusion.mockRejectedValue(
      await responseError(
        400,
        'InputError',
        'body.value: must not contain control characters',
      ),
    );
    const value = within(form).getByRole('textbox', { name: /Value/ });
    await userEvent.type(value, 'jane@acme.example');
    await userEvent.click(
      within(form).getByRole('button', { name: 'Add exclusion' }),
    );
    await waitFor(() =>
      expect(value).toHaveAccessibleDescription(
        'must not contain control characters',
      ),
    );
    expect(value).toHaveValue('jane@acme.example');
    expect(onAdded).not.toHaveBeenCalled();
  });
});
