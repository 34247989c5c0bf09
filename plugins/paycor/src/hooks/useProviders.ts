import { useApi } from '@backstage/core-plugin-api';
import { ProviderList } from '@paycor-backstage/plugin-paycor-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { paycorSyncApiRef } from '../api';

/**
 * Loads every Paycor connection with its status.
 *
 * @public
 */
export function useProviders(): {
  value?: ProviderList;
  loading: boolean;
  error?: Error;
  retry: () => void;
} {
  const api = useApi(paycorSyncApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listProviders(),
    [api],
  );
  return { value, loading, error, retry };
}
