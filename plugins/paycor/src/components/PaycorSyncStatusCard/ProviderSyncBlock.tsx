import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import SyncIcon from '@material-ui/icons/Sync';
import VerifiedIcon from '@material-ui/icons/VerifiedUser';
import Alert from '@material-ui/lab/Alert';
import {
  ProviderStatus,
  SyncRun,
} from '@paycor-backstage/plugin-paycor-common';
import { useEffect, useRef } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { paycorSyncApiRef } from '../../api';
import {
  usePaycorPageLink,
  usePaycorPermissions,
  useSyncNow,
} from '../../hooks';
import { PERMISSION_DENIED } from '../../hooks/usePaycorPermissions';
import { SyncNowState } from '../../hooks/useSyncNow';
import {
  GuardedButton,
  HealthStatus,
  InlineError,
  RelativeTime,
  formatChanges,
  formatFrequency,
  plural,
  providerSubtitle,
  providerTitle,
  TextWithTimes,
} from '../shared';
import { LiveUpdatesLine } from './LiveUpdatesLine';
import { UpcomingLine } from './UpcomingLine';
import { VerifyResultView } from './VerifyResultView';

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(9rem, max-content) 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.75),
    margin: theme.spacing(1.5, 0),
    '& dt': {
      color: theme.palette.text.secondary,
      fontWeight: theme.typography.fontWeightMedium as number,
    },
    '& dd': {
      margin: 0,
    },
  },
  reason: {
    display: 'block',
    color: theme.palette.text.secondary,
  },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    margin: theme.spacing(1.5, 0, 1),
  },
  stack: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
}));

/**
 * Props of {@link ProviderSyncBlock}.
 *
 * @public
 */
export interface ProviderSyncBlockProps {
  provider: ProviderStatus;
  /** poll interval of "Sync now", default 2 s */
  pollIntervalMs?: number;
  /** how long "Sync now" waits for the run before saying so, default 10 min */
  maxWaitMs?: number;
  /** called with the finished run after "Sync now" */
  onSyncFinished?: (run: SyncRun) => void;
  /** heading level of the connection name; 3 by default */
  headingLevel?: 2 | 3 | 4;
  /** leaves out the name, for when the surrounding card shows it */
  hideTitle?: boolean;
}

function runOutcome(run: SyncRun) {
  switch (run.status) {
    case 'succeeded':
      return (
        <Alert severity="success">
          Sync finished <RelativeTime value={run.finishedAt} />:{' '}
          {formatChanges(run.counts)}.
        </Alert>
      );
    case 'held':
      return (
        <Alert severity="warning">
          Sync finished, but {plural(run.counts.held, 'removal')}{' '}
          {run.counts.held === 1 ? 'is' : 'are'} held for approval.
        </Alert>
      );
    case 'failed':
      return (
        <Alert severity="error">
          Sync failed{run.error ? `: ${run.error.message}` : '.'}
        </Alert>
      );
    default:
      return (
        <Alert severity="warning">
          The run was abandoned before it finished; nothing was applied.
        </Alert>
      );
  }
}

function SyncProgress(props: { state: SyncNowState; serverRunning: boolean }) {
  const { state, serverRunning } = props;
  switch (state.phase) {
    case 'requesting':
      return (
        <>
          <Typography variant="body2">Requesting a sync…</Typography>
          <LinearProgress aria-label="Sync in progress" />
        </>
      );
    case 'waiting':
      return (
        <>
          <Typography variant="body2">
            Sync requested <RelativeTime value={state.requestedAt} />; waiting
            for the run to finish…
          </Typography>
          <LinearProgress aria-label="Sync in progress" />
        </>
      );
    case 'finished':
      return runOutcome(state.run);
    case 'failed':
      return <InlineError prefix="Sync request failed" error={state.error} />;
    case 'timed-out':
      return (
        <Alert severity="warning">
          No finished run was seen within{' '}
          {plural(Math.max(1, Math.round(state.waitedMs / 60000)), 'minute')}.
          The sync may still be running; check the runs later.
        </Alert>
      );
    default:
      return serverRunning ? (
        <>
          <Typography variant="body2">A sync is running now…</Typography>
          <LinearProgress aria-label="Sync in progress" />
        </>
      ) : null;
  }
}

/**
 * One Paycor connection: health, last successful sync, next run, counts,
 * conflicts, and the "Sync now" and "Verify connection" actions.
 *
 * @public
 */
export function ProviderSyncBlock(props: ProviderSyncBlockProps) {
  const { onSyncFinished, headingLevel = 3, hideTitle } = props;
  const classes = useStyles();
  const api = useApi(paycorSyncApiRef);
  const permissions = usePaycorPermissions();
  const pageLink = usePaycorPageLink();
  const sync = useSyncNow(props.provider, {
    pollIntervalMs: props.pollIntervalMs,
    maxWaitMs: props.maxWaitMs,
  });
  const provider = sync.latest ?? props.provider;
  const [verify, runVerify] = useAsyncFn(
    () => api.verifyConnection(provider.id),
    [api, provider.id],
  );

  const reported = useRef<string | undefined>();
  useEffect(() => {
    if (
      sync.state.phase === 'finished' &&
      reported.current !== sync.state.run.id
    ) {
      reported.current = sync.state.run.id;
      onSyncFinished?.(sync.state.run);
    }
  }, [sync.state, onSyncFinished]);

  const title = providerTitle(provider);
  const running = provider.running || sync.inProgress;
  let syncDisabledReason: string | undefined;
  if (!permissions.loading && !permissions.canRun) {
    syncDisabledReason = PERMISSION_DENIED.run;
  } else if (!provider.enabled) {
    syncDisabledReason = 'This connection is disabled in the app-config';
  } else if (running) {
    syncDisabledReason = 'A sync is running; wait for it to finish';
  }
  const verifyDisabledReason =
    !permissions.loading && !permissions.canRun
      ? PERMISSION_DENIED.run
      : undefined;
  const lastRun = provider.lastRun;

  return (
    <section aria-label={title}>
      <div className={classes.header}>
        <div hidden={hideTitle}>
          <Typography
            variant="h6"
            component={`h${headingLevel}` as 'h3'}
            gutterBottom={false}
          >
            {title}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            {providerSubtitle(provider)}
          </Typography>
        </div>
        <Chip
          size="small"
          style={{ marginLeft: 'auto' }}
          label={provider.enabled ? 'Enabled' : 'Disabled'}
          color={provider.enabled ? 'primary' : 'default'}
          variant={provider.enabled ? 'default' : 'outlined'}
        />
      </div>

      <dl className={classes.facts}>
        <dt>Health</dt>
        <dd>
          <HealthStatus health={provider.health} enabled={provider.enabled} />
          <Typography variant="caption" className={classes.reason}>
            <TextWithTimes text={provider.healthReason} />
          </Typography>
        </dd>
        <dt>Last successful sync</dt>
        <dd>
          <RelativeTime value={provider.lastSuccessAt} fallback="Never" />
        </dd>
        <dt>Next run</dt>
        <dd>
          <RelativeTime value={provider.nextRunAt} fallback="Not scheduled" />{' '}
          <Typography variant="caption" color="textSecondary">
            ({formatFrequency(provider.schedule.frequency)})
          </Typography>
        </dd>
        <dt>Live updates</dt>
        <dd>
          <LiveUpdatesLine status={provider.liveUpdates} />
        </dd>
        <dt>Users</dt>
        <dd>{provider.entityCounts.users}</dd>
        <dt>Groups</dt>
        <dd>{provider.entityCounts.groups}</dd>
        <dt>Conflicts</dt>
        <dd>
          {provider.openConflicts > 0 ? (
            <Link to={pageLink({ provider: provider.id, tab: 'conflicts' })}>
              {plural(provider.openConflicts, 'open conflict')}
            </Link>
          ) : (
            'No open conflicts'
          )}
        </dd>
        <dt>Coming up</dt>
        <dd>
          <UpcomingLine
            providerId={provider.id}
            days={7}
            refreshKey={provider.lastSuccessAt}
          />
        </dd>
      </dl>

      <div className={classes.stack}>
        {provider.pendingApproval && (
          <Alert
            severity="warning"
            variant="filled"
            action={
              <Link
                color="inherit"
                underline="always"
                to={pageLink({ provider: provider.id, tab: 'approvals' })}
              >
                Review approvals
              </Link>
            }
          >
            A run is held for approval: it would remove{' '}
            {plural(provider.pendingApproval.removals, 'entity', 'entities')}.
            Held <RelativeTime value={provider.pendingApproval.createdAt} />.
          </Alert>
        )}
        {lastRun?.status === 'failed' &&
          lastRun.trigger !== 'person' &&
          lastRun.trigger !== 'event' &&
          sync.state.phase === 'idle' && (
            <Alert severity="error">
              The last run failed <RelativeTime value={lastRun.startedAt} />
              {lastRun.error ? `: ${lastRun.error.message}` : '.'}
            </Alert>
          )}
      </div>

      <div className={classes.actions}>
        <GuardedButton
          variant="contained"
          color="primary"
          startIcon={<SyncIcon />}
          onClick={() => sync.start()}
          disabled={permissions.loading}
          disabledReason={syncDisabledReason}
        >
          Sync now
        </GuardedButton>
        <GuardedButton
          variant="outlined"
          startIcon={<VerifiedIcon />}
          onClick={() => runVerify()}
          disabled={permissions.loading || verify.loading}
          disabledReason={verifyDisabledReason}
        >
          Verify connection
        </GuardedButton>
      </div>

      <Box className={classes.stack} role="status" aria-live="polite">
        <SyncProgress state={sync.state} serverRunning={provider.running} />
        {verify.loading && (
          <Typography variant="body2">Verifying the connection…</Typography>
        )}
        {verify.error && (
          <InlineError prefix="Verification failed" error={verify.error} />
        )}
        {verify.value && !verify.loading && (
          <VerifyResultView result={verify.value} />
        )}
      </Box>
    </section>
  );
}
