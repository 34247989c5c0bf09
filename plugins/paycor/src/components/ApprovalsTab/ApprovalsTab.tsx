import { Progress, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  Approval,
  HeldRemoval,
  approvalDecisionRequestSchema,
} from '@paycor-backstage/plugin-paycor-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { paycorSyncApiRef } from '../../api';
import { usePaycorPermissions } from '../../hooks';
import { PERMISSION_DENIED } from '../../hooks/usePaycorPermissions';
import {
  ConfirmDialog,
  EntityRefOrText,
  GuardedButton,
  LoadError,
  RefreshButton,
  RelativeTime,
  fieldErrors,
  formatExact,
  plural,
} from '../shared';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    marginBottom: theme.spacing(2),
  },
  approval: {
    padding: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  actions: {
    display: 'flex',
    gap: theme.spacing(1),
    marginTop: theme.spacing(2),
  },
  decided: {
    marginTop: theme.spacing(1),
    color: theme.palette.text.secondary,
  },
  table: {
    marginTop: theme.spacing(2),
  },
}));

const STATUS_TITLES: Record<Approval['status'], string> = {
  pending: 'Pending',
  approved: 'Approved',
  rejected: 'Rejected',
  superseded: 'Superseded',
};

const removalColumns: TableColumn<HeldRemoval>[] = [
  {
    title: 'Entity',
    field: 'entityRef',
    render: r => <EntityRefLink entityRef={r.entityRef} />,
  },
  { title: 'Kind', field: 'kind' },
  { title: 'Name', field: 'displayName', render: r => r.displayName ?? '—' },
  {
    title: 'Paycor id',
    field: 'employeeId',
    render: r => r.employeeId ?? r.departmentId ?? '—',
  },
];

/** Pending approvals first, then the newest decisions. */
export function sortApprovals(items: Approval[]): Approval[] {
  return [...items].sort((a, b) => {
    const pa = a.status === 'pending' ? 0 : 1;
    const pb = b.status === 'pending' ? 0 : 1;
    return pa - pb || Date.parse(b.createdAt) - Date.parse(a.createdAt);
  });
}

function validateNote(note: string): string | undefined {
  const parsed = approvalDecisionRequestSchema.safeParse({
    decision: 'approve',
    note,
  });
  return parsed.success ? undefined : fieldErrors(parsed.error.issues).note;
}

function ApprovalView(props: {
  approval: Approval;
  canManage: boolean;
  onDecide: (decision: 'approve' | 'reject') => void;
}) {
  const { approval, canManage, onDecide } = props;
  const classes = useStyles();
  const pending = approval.status === 'pending';
  const denied = canManage ? undefined : PERMISSION_DENIED.manage;
  const listed = approval.removals.length;
  return (
    <Paper
      className={classes.approval}
      component="section"
      aria-label={`Run ${approval.runId}`}
    >
      <div className={classes.header}>
        <Typography variant="h6" component="h3">
          Run {approval.runId}
        </Typography>
        <Chip
          size="small"
          color={pending ? 'secondary' : 'default'}
          label={STATUS_TITLES[approval.status] ?? approval.status}
        />
        <Typography variant="body2" color="textSecondary">
          held <RelativeTime value={approval.createdAt} />
        </Typography>
      </div>
      {pending ? (
        <Alert severity="warning" style={{ marginTop: 8 }}>
          {approval.reason} It would remove{' '}
          {plural(approval.removalCount, 'entity', 'entities')} while{' '}
          {plural(approval.userCount, 'user')} are synced (threshold{' '}
          {approval.thresholdPercent}%). Adds and updates were applied; the
          removals wait for your decision.
        </Alert>
      ) : (
        <Typography variant="body2" style={{ marginTop: 8 }}>
          {approval.reason}
        </Typography>
      )}
      {!pending && approval.decidedAt && (
        <Typography variant="body2" className={classes.decided}>
          {STATUS_TITLES[approval.status]} by{' '}
          {approval.decidedBy ? (
            <EntityRefOrText value={approval.decidedBy} defaultKind="user" />
          ) : (
            'unknown'
          )}{' '}
          on {formatExact(approval.decidedAt)}
          {approval.note ? ` · “${approval.note}”` : ''}
        </Typography>
      )}
      {listed > 0 && (
        <div className={classes.table}>
          <Table<HeldRemoval>
            title={`Removals (${approval.removalCount})`}
            subtitle={
              listed < approval.removalCount
                ? `Showing the first ${listed}`
                : undefined
            }
            columns={removalColumns}
            data={approval.removals}
            options={{
              search: listed > 10,
              paging: listed > 10,
              pageSize: 10,
              padding: 'dense',
              emptyRowsWhenPaging: false,
            }}
          />
        </div>
      )}
      {pending && (
        <div className={classes.actions}>
          <GuardedButton
            variant="contained"
            color="primary"
            onClick={() => onDecide('approve')}
            disabledReason={denied}
          >
            Approve
          </GuardedButton>
          <GuardedButton
            variant="outlined"
            onClick={() => onDecide('reject')}
            disabledReason={denied}
          >
            Reject
          </GuardedButton>
        </div>
      )}
    </Paper>
  );
}

/**
 * Runs the safety guard held back: pending ones first, with the removals they
 * would make, to approve or reject.
 *
 * @public
 */
export function ApprovalsTab(props: { providerId: string }) {
  const { providerId } = props;
  const classes = useStyles();
  const api = useApi(paycorSyncApiRef);
  const { canManage } = usePaycorPermissions();
  const [deciding, setDeciding] = useState<{
    approval: Approval;
    decision: 'approve' | 'reject';
  }>();
  const [notice, setNotice] = useState<string>();

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
          A run that would remove more than the configured share of users, or
          leave the organization empty, is held here.
        </Typography>
        <RefreshButton label="Refresh approvals" onClick={retry} />
      </div>
      <div role="status" aria-live="polite">
        {notice && (
          <Alert severity="success" onClose={() => setNotice(undefined)}>
            {notice}
          </Alert>
        )}
      </div>
      {approvals.length === 0 ? (
        <Paper className={classes.approval}>
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
        <ConfirmDialog
          title={
            deciding.decision === 'approve'
              ? `Approve the removals of run ${deciding.approval.runId}?`
              : `Reject the removals of run ${deciding.approval.runId}?`
          }
          confirmLabel={
            deciding.decision === 'approve'
              ? 'Approve removals'
              : 'Reject removals'
          }
          destructive={deciding.decision === 'approve'}
          withNote
          validateNote={validateNote}
          onClose={() => setDeciding(undefined)}
          onConfirm={async note => {
            await api.decideApproval(providerId, deciding.approval.runId, {
              decision: deciding.decision,
              note,
            });
            setDeciding(undefined);
            setNotice(
              deciding.decision === 'approve'
                ? `Approved: ${plural(
                    deciding.approval.removalCount,
                    'entity',
                    'entities',
                  )} will be removed by an approval run.`
                : 'Rejected: nothing is removed. Fix the cause (filters, Paycor data) before the next run.',
            );
            retry();
          }}
        >
          <Typography variant="body2">
            {deciding.decision === 'approve'
              ? `${plural(
                  deciding.approval.removalCount,
                  'entity',
                  'entities',
                )} will be removed from the catalog. People removed by mistake lose access to Backstage.`
              : 'The removals are dropped and the catalog keeps these entities. A later run that would remove them is held again.'}
          </Typography>
        </ConfirmDialog>
      )}
    </>
  );
}
