import {
  InfoCard,
  InfoCardVariants,
  Link,
  Progress,
} from '@backstage/core-components';
import Divider from '@material-ui/core/Divider';
import { Fragment } from 'react';
import { usePaycorPageLink, useProviders } from '../../hooks';
import { LoadError, NoProvidersState } from '../shared';
import { ProviderSyncBlock } from './ProviderSyncBlock';

/**
 * Props of {@link PaycorSyncStatusCard}.
 *
 * @public
 */
export interface PaycorSyncStatusCardProps {
  /** card title, "Paycor sync" by default */
  title?: string;
  variant?: InfoCardVariants;
  /** poll interval of "Sync now", default 2 s */
  pollIntervalMs?: number;
  /** how long "Sync now" waits for the run before saying so, default 10 min */
  maxWaitMs?: number;
}

/**
 * Health of every Paycor connection at a glance, with "Sync now" and
 * "Verify connection".
 *
 * @public
 */
export function PaycorSyncStatusCard(props: PaycorSyncStatusCardProps) {
  const { title = 'Paycor sync', variant, pollIntervalMs, maxWaitMs } = props;
  const { value, loading, error } = useProviders();
  const pageLink = usePaycorPageLink();

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error) {
    content = (
      <LoadError error={error} title="Could not load the Paycor sync status" />
    );
  } else if (!value || value.items.length === 0) {
    content = <NoProvidersState compact />;
  } else {
    content = value.items.map((provider, index) => (
      <Fragment key={provider.id}>
        {index > 0 && <Divider style={{ margin: '16px 0' }} />}
        <ProviderSyncBlock
          provider={provider}
          pollIntervalMs={pollIntervalMs}
          maxWaitMs={maxWaitMs}
        />
      </Fragment>
    ));
  }

  return (
    <InfoCard
      title={title}
      variant={variant}
      titleTypographyProps={{ component: 'h2' }}
      actions={<Link to={pageLink()}>Open the Paycor sync page</Link>}
    >
      {content}
    </InfoCard>
  );
}
