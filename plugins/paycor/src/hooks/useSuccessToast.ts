import { alertApiRef } from '@backstage/core-plugin-api';
import { coreApis, useApiHolder } from '@backstage/frontend-plugin-api';
import { useCallback } from 'react';

/** Long enough to read a two-sentence message. */
export const SUCCESS_TOAST_TIMEOUT_MS = 8000;

/**
 * Tells the user that an action worked, as a toast that goes away on its own.
 *
 * Through the ToastApi wherever the app has one: every app on the new
 * frontend system, and legacy apps whose `@backstage/app-defaults` registers
 * it (1.57's does, and shows it through the AlertApi). A legacy app without it
 * gets a transient AlertApi message instead, which every legacy app displays.
 */
export function useSuccessToast(): (message: string) => void {
  const apis = useApiHolder();
  return useCallback(
    (message: string) => {
      const toastApi = apis.get(coreApis.toast);
      if (toastApi) {
        toastApi.post({
          title: message,
          status: 'success',
          timeout: SUCCESS_TOAST_TIMEOUT_MS,
        });
        return;
      }
      apis
        .get(alertApiRef)
        ?.post({ message, severity: 'success', display: 'transient' });
    },
    [apis],
  );
}
