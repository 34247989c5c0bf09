import { InfoCard, Progress } from '@backstage/core-components';
import MenuItem from '@material-ui/core/MenuItem';
import { makeStyles } from '@material-ui/core/styles';
import { ProviderStatus } from '@paycor-backstage/plugin-paycor-common';
import { ReactNode, useCallback, useState } from 'react';
import { useProviders } from '../../hooks';
import { ProviderSyncBlock } from '../PaycorSyncStatusCard/ProviderSyncBlock';
import {
  LoadError,
  NoProvidersState,
  TextField,
  providerSubtitle,
  providerTitle,
} from '../shared';
import { useSelectedProvider } from './useSelectedProvider';

const useStyles = makeStyles(theme => ({
  selector: {
    minWidth: 320,
    marginBottom: theme.spacing(2),
  },
}));

/** What the page below the connection's status gets to render. */
export interface ConnectionFrameState {
  provider: ProviderStatus;
  searchParams: URLSearchParams;
  updateSearch: (changes: Record<string, string>) => void;
  /** changes after "Sync now" finished, to remount what shows runs */
  refreshKey: number;
}

/**
 * The top of the sync page in both frontend systems: loads the connections,
 * handles loading, error and "none configured", and shows the selected
 * connection (a selector when there are several) with its status and actions.
 */
export function ConnectionFrame(props: {
  pollIntervalMs?: number;
  children: (state: ConnectionFrameState) => ReactNode;
}) {
  const classes = useStyles();
  const { value, loading, error, retry } = useProviders();
  const providers = value?.items ?? [];
  const { provider, searchParams, updateSearch } =
    useSelectedProvider(providers);
  // bumping this remounts the tab after "Sync now" so the runs are fresh
  const [refreshKey, setRefreshKey] = useState(0);

  const onSyncFinished = useCallback(() => {
    setRefreshKey(k => k + 1);
    retry();
  }, [retry]);

  if (loading && !value) {
    return <Progress />;
  }
  if (error && !value) {
    return <LoadError error={error} title="Could not load the Paycor sync" />;
  }
  if (!provider) {
    return <NoProvidersState />;
  }

  return (
    <>
      {providers.length > 1 && (
        <TextField
          select
          label="Connection"
          variant="outlined"
          size="small"
          className={classes.selector}
          value={provider.id}
          onChange={event => updateSearch({ provider: event.target.value })}
        >
          {providers.map(p => (
            <MenuItem key={p.id} value={p.id}>
              {providerTitle(p)} ({p.id})
            </MenuItem>
          ))}
        </TextField>
      )}

      <InfoCard
        title={providerTitle(provider)}
        subheader={providerSubtitle(provider)}
        titleTypographyProps={{ component: 'h2' }}
      >
        <ProviderSyncBlock
          key={provider.id}
          provider={provider}
          pollIntervalMs={props.pollIntervalMs}
          onSyncFinished={onSyncFinished}
          hideTitle
        />
      </InfoCard>

      {props.children({ provider, searchParams, updateSearch, refreshKey })}
    </>
  );
}
