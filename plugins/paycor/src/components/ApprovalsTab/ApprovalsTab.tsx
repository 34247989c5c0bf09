import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Approval } from '@paycor-backstage/plugin-paycor-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { paycorSyncApiRef } from '../../api';
import { usePaycorPermissions } from '../../hooks';
import { LoadError, RefreshButton, plural } from '../shared';
import { ApprovalView } from './ApprovalView';
import { Decision, DecisionDialog } from './DecisionDialog';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    marginBottom: theme.spacing(2),
  },
  empty: {
    padding: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
}));

/** Pending approvals first, then the newest decisions. */
export function sortApprovals(items: Approval[]): Approval[] {
  return [...items].sort((a, b) => {
    const pa = a.status === 'pending' ? 0 : 1;
    const pb = b.status === 'pending' ? 0 : 1;
    return pa - pb || Date.parse(b.createdAt) - Date.parse(a.createdAt);
  });
}

/**
 * Runs the safety guard held back: pending ones first, with the removals they
 * would make, to approve or reject.
 */
export function ApprovalsTab(props: { providerId: string }) {
  const { providerId } = props;
  const classes = useStyles();
  const api = useApi(paycorSyncApiRef);
  const { canManage } = usePaycorPermissions();
  const [deciding, setDeciding] = useState<{
    approval: Approval;
    decision: Decision;
  }>();

  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listApprovals(providerId, { status: 'all' }),
    [api, providerId],
  );

  if (loading && !value) return <Progress />;
  if (error && !value) {
    return <LoadError error={error} title="Could not load the approvals" />;
  }
  const approvals = sortApprovals(value?.items ?? []);
  const pendingCount = approvals.filter(a => a.status === 'pending').length;

  return (
    <>
      <div className={classes.toolbar}>
        <Typography variant="body2" color="textSecondary">
          {pendingCount > 0
            ? `${plural(pendingCount, 'run')} waiting for a decision.`
            : 'No run is waiting for approval.'}{' '}
          A run that would remove more than the configured share of users, leave
          the organization empty, or remove people and groups who own catalog
          entities nobody else owns, is held here.
        </Typography>
        <RefreshButton label="Refresh approvals" onClick={retry} />
      </div>
      {approvals.length === 0 ? (
        <Paper className={classes.empty}>
          <Typography variant="body2">
            No held runs yet. Nothing was ever held back by the safety guard.
          </Typography>
        </Paper>
      ) : (
        approvals.map(approval => (
          <ApprovalView
            key={approval.runId}
            approval={approval}
            canManage={canManage}
            onDecide={decision => setDeciding({ approval, decision })}
          />
        ))
      )}
      {deciding && (
        <DecisionDialog
          providerId={providerId}
          approval={deciding.approval}
          decision={deciding.decision}
          onClose={() => setDeciding(undefined)}
          onDecided={() => {
            setDeciding(undefined);
            retry();
          }}
        />
      )}
    </>
  );
}
