import { coreApis } from '@backstage/frontend-plugin-api';
import { mockApis } from '@backstage/frontend-test-utils';
import { TestApiProvider } from '@backstage/test-utils';
import {
  SetParentRequest,
  setParentRequestSchema,
} from '@paycor-backstage/plugin-paycor-common';
import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { responseError } from '../__testUtils__/responseError';
import { FormActionOptions, useFormAction } from './useFormAction';

const inputError = (message: string) =>
  responseError(400, 'InputError', message);

function setup(
  overrides: Partial<FormActionOptions<SetParentRequest, string>> = {},
) {
  const toastApi = mockApis.toast();
  const run = jest.fn(async (request: SetParentRequest) => request.parent);
  const onSuccess = jest.fn();
  const hook = renderHook(
    () =>
      useFormAction<SetParentRequest, string>({
        schema: setParentRequestSchema,
        fields: ['parent', 'note'],
        run,
        successMessage: parent => `Now under ${parent}.`,
        onSuccess,
        ...overrides,
      }),
    {
      wrapper: ({ children }: { children: ReactNode }) => (
        <TestApiProvider apis={[[coreApis.toast, toastApi]]}>
          {children}
        </TestApiProvider>
      ),
    },
  );
  return { ...hook, toastApi, run, onSuccess };
}

describe('useFormAction', () => {
  it('names the invalid fields and sends nothing', async () => {
    const { result, run, toastApi } = setup();
    await act(() => result.current.submit({ parent: '', note: 'x' }));
    expect(result.current.fieldErrors).toEqual({ parent: 'is required' });
    expect(result.current.error).toBeUndefined();
    expect(run).not.toHaveBeenCalled();
    expect(toastApi.getToasts()).toEqual([]);
  });

  it('reports an issue on a field the form does not show as the form’s error', async () => {
    const { result, run } = setup({ fields: ['note'] });
    await act(() => result.current.submit({ parent: 'component:x' }));
    expect(result.current.fieldErrors).toEqual({});
    expect(String(result.current.error)).toBe(
      'Error: parent: must refer to a Group, got kind "component"',
    );
    expect(run).not.toHaveBeenCalled();
  });

  it('sends the normalised request, toasts, then calls onSuccess', async () => {
    let finish: (value: string) => void = () => {};
    const run = jest.fn(
      () =>
        new Promise<string>(resolve => {
          finish = resolve;
        }),
    );
    const { result, toastApi, onSuccess } = setup({ run });
    let done: Promise<void> = Promise.resolve();
    act(() => {
      done = result.current.submit({ parent: 'sales' });
    });
    expect(result.current.pending).toBe(true);
    // a second click while the first is out sends nothing
    await act(() => result.current.submit({ parent: 'sales' }));
    expect(run).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledWith({ parent: 'group:default/sales' });

    await act(async () => {
      finish('group:default/sales');
      await done;
    });
    expect(result.current.pending).toBe(false);
    expect(toastApi.getToasts()).toEqual([
      expect.objectContaining({
        title: 'Now under group:default/sales.',
        status: 'success',
      }),
    ]);
    expect(onSuccess).toHaveBeenCalledWith('group:default/sales', {
      parent: 'group:default/sales',
    });
  });

  it('puts the server’s field-naming 400 under the field', async () => {
    const { result, onSuccess } = setup({
      run: async () => {
        throw await inputError(
          'body.parent: group:default/nowhere does not exist in the catalog',
        );
      },
    });
    await act(() => result.current.submit({ parent: 'nowhere' }));
    expect(result.current.fieldErrors).toEqual({
      parent: 'group:default/nowhere does not exist in the catalog',
    });
    expect(result.current.error).toBeUndefined();
    expect(result.current.pending).toBe(false);
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('keeps any other failure as the form’s error, and clears it on the next try', async () => {
    const failure = new Error('would make it its own ancestor');
    const run = jest
      .fn()
      .mockRejectedValueOnce(failure)
      .mockResolvedValue('ok');
    const { result, toastApi, onSuccess } = setup({ run });
    await act(() => result.current.submit({ parent: 'sales' }));
    expect(result.current.error).toBe(failure);
    expect(result.current.fieldErrors).toEqual({});
    expect(toastApi.getToasts()).toEqual([]);

    await act(() => result.current.submit({ parent: 'sales' }));
    expect(result.current.error).toBeUndefined();
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('sends the values as they are without a schema, and toasts only when told what to say', async () => {
    const run = jest.fn(async () => 'done');
    const { result, toastApi, onSuccess } = setup({
      schema: undefined,
      successMessage: undefined,
      run,
    });
    await act(() => result.current.submit({ parent: ' raw ' }));
    expect(run).toHaveBeenCalledWith({ parent: ' raw ' });
    expect(toastApi.getToasts()).toEqual([]);
    expect(onSuccess).toHaveBeenCalledWith('done', { parent: ' raw ' });
  });
});
