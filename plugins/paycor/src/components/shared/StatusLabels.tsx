import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import {
  ProviderHealth,
  SyncRunStatus,
} from '@paycor-backstage/plugin-paycor-common';

/** @public */
export const HEALTH_TITLES: Record<ProviderHealth, string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  failing: 'Failing',
  'awaiting-approval': 'Awaiting approval',
  'never-run': 'Never run',
};

/** A connection's health with its status icon. */
export function HealthStatus(props: {
  health: ProviderHealth;
  enabled?: boolean;
}) {
  const { health, enabled = true } = props;
  if (!enabled) {
    return <StatusAborted>Disabled</StatusAborted>;
  }
  const title = HEALTH_TITLES[health] ?? health;
  switch (health) {
    case 'healthy':
      return <StatusOK>{title}</StatusOK>;
    case 'degraded':
    case 'awaiting-approval':
      return <StatusWarning>{title}</StatusWarning>;
    case 'failing':
      return <StatusError>{title}</StatusError>;
    case 'never-run':
      return <StatusPending>{title}</StatusPending>;
    default:
      return <StatusAborted>{title}</StatusAborted>;
  }
}

/** @public */
export const RUN_STATUS_TITLES: Record<SyncRunStatus, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  held: 'Held for approval',
  failed: 'Failed',
  abandoned: 'Abandoned',
};

/** A run's status with its status icon. */
export function RunStatus(props: { status: SyncRunStatus }) {
  const title = RUN_STATUS_TITLES[props.status] ?? props.status;
  switch (props.status) {
    case 'running':
      return <StatusRunning>{title}</StatusRunning>;
    case 'succeeded':
      return <StatusOK>{title}</StatusOK>;
    case 'held':
      return <StatusWarning>{title}</StatusWarning>;
    case 'failed':
      return <StatusError>{title}</StatusError>;
    default:
      return <StatusAborted>{title}</StatusAborted>;
  }
}
