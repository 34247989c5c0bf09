import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import { ProviderStatus } from '@paycor-backstage/plugin-paycor-common';
import { useCallback } from 'react';

/**
 * The connection the page shows: `?provider=` when it names one, else the
 * first. Read through Backstage's router-independent navigation, so it works
 * in legacy apps (React Router) and new frontend system apps alike.
 */
export function useSelectedProvider(providers: ProviderStatus[]): {
  provider: ProviderStatus | undefined;
  searchParams: URLSearchParams;
  /** sets query parameters, keeping the others; pushes a history entry */
  updateSearch: (changes: Record<string, string>) => void;
} {
  const [searchParams, setSearchParams] = useAppSearchParams();
  const requested = searchParams.get('provider');
  const provider = providers.find(p => p.id === requested) ?? providers[0];

  const updateSearch = useCallback(
    (changes: Record<string, string>) =>
      setSearchParams(previous => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          next.set(key, value);
        }
        return next;
      }),
    [setSearchParams],
  );

  return { provider, searchParams, updateSearch };
}
