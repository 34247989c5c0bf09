import { Link, Progress } from '@backstage/core-components';
import Divider from '@material-ui/core/Divider';
import { Fragment } from 'react';
import { usePaycorPageLink, useProviders } from '../../hooks';
import { LoadError, NoProvidersState } from '../shared';
import { ProviderSyncBlock } from './ProviderSyncBlock';

/**
 * Props of {@link PaycorSyncStatusBody}.
 *
 * @public
 */
export interface PaycorSyncStatusBodyProps {
  /** poll interval of "Sync now", default 2 s */
  pollIntervalMs?: number;
  /** how long "Sync now" waits for the run before saying so, default 10 min */
  maxWaitMs?: number;
}

/**
 * The status of every Paycor connection without a card around it: the legacy
 * `PaycorSyncStatusCard` puts it in its own card, the home page widget of the
 * new frontend system in the card the home page draws.
 *
 * @public
 */
export function PaycorSyncStatusBody(props: PaycorSyncStatusBodyProps) {
  const { pollIntervalMs, maxWaitMs } = props;
  const { value, loading, error } = useProviders();

  if (loading && !value) {
    return <Progress />;
  }
  if (error) {
    return (
      <LoadError error={error} title="Could not load the Paycor sync status" />
    );
  }
  if (!value || value.items.length === 0) {
    return <NoProvidersState compact />;
  }
  return (
    <>
      {value.items.map((provider, index) => (
        <Fragment key={provider.id}>
          {index > 0 && <Divider style={{ margin: '16px 0' }} />}
          <ProviderSyncBlock
            provider={provider}
            pollIntervalMs={pollIntervalMs}
            maxWaitMs={maxWaitMs}
          />
        </Fragment>
      ))}
    </>
  );
}

/** The card's footer link to the sync page. */
export function PaycorSyncPageLink() {
  const pageLink = usePaycorPageLink();
  return <Link to={pageLink()}>Open the Paycor sync page</Link>;
}
