import { AlertDisplay } from '@backstage/core-components';
import { AlertApi, alertApiRef } from '@backstage/core-plugin-api';
import { coreApis } from '@backstage/frontend-plugin-api';
import { mockApis } from '@backstage/frontend-test-utils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { renderHook, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactNode } from 'react';
import { SUCCESS_TOAST_TIMEOUT_MS, useSuccessToast } from './useSuccessToast';

function mockAlertApi() {
  return { post: jest.fn(), alert$: jest.fn() } as jest.Mocked<AlertApi>;
}

function ToastButton() {
  const toast = useSuccessToast();
  return (
    <button type="button" onClick={() => toast('Excluded jane@acme.example.')}>
      Save
    </button>
  );
}

describe('useSuccessToast', () => {
  it('posts a success toast where the app has a ToastApi (new frontend system)', () => {
    const toastApi = mockApis.toast();
    const alertApi = mockAlertApi();
    const { result } = renderHook(() => useSuccessToast(), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <TestApiProvider
          apis={[
            [coreApis.toast, toastApi],
            [alertApiRef, alertApi],
          ]}
        >
          {children}
        </TestApiProvider>
      ),
    });
    result.current('Created Operations.');
    expect(toastApi.getToasts()).toEqual([
      {
        title: 'Created Operations.',
        status: 'success',
        timeout: SUCCESS_TOAST_TIMEOUT_MS,
      },
    ]);
    expect(alertApi.post).not.toHaveBeenCalled();
  });

  it('falls back to a transient alert in a legacy app without a ToastApi', () => {
    const alertApi = mockAlertApi();
    const { result } = renderHook(() => useSuccessToast(), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <TestApiProvider apis={[[alertApiRef, alertApi]]}>
          {children}
        </TestApiProvider>
      ),
    });
    result.current('Created Operations.');
    expect(alertApi.post).toHaveBeenCalledWith({
      message: 'Created Operations.',
      severity: 'success',
      display: 'transient',
    });
  });

  it('shows in a legacy app’s alert display', async () => {
    // @backstage/test-utils' app has the legacy AlertApi and no ToastApi
    await renderInTestApp(
      <>
        <AlertDisplay />
        <ToastButton />
      </>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText('Excluded jane@acme.example.'),
    ).toBeInTheDocument();
  });
});
