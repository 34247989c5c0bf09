import { InfoCard, InfoCardVariants } from '@backstage/core-components';
import {
  PaycorSyncPageLink,
  PaycorSyncStatusBody,
} from './PaycorSyncStatusBody';

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
 * "Verify connection", in a card of its own (for legacy home pages).
 *
 * @public
 */
export function PaycorSyncStatusCard(props: PaycorSyncStatusCardProps) {
  const { title = 'Paycor sync', variant, ...bodyProps } = props;
  return (
    <InfoCard
      title={title}
      variant={variant}
      titleTypographyProps={{ component: 'h2' }}
      actions={<PaycorSyncPageLink />}
    >
      <PaycorSyncStatusBody {...bodyProps} />
    </InfoCard>
  );
}
