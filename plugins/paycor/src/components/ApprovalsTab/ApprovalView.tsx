import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { Approval, HeldRemoval } from '@paycor-backstage/plugin-paycor-common';
import { PERMISSION_DENIED } from '../../hooks/usePaycorPermissions';
import {
  EntityRefOrText,
  GuardedButton,
  RelativeTime,
  formatExact,
  plural,
} from '../shared';
import { OrphanedEntitiesTable, orphansOf } from './OrphanedEntitiesTable';

const useStyles = makeStyles(theme => ({
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

export const STATUS_TITLES: Record<Approval['status'], string> = {
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
  {
    title: 'Would orphan',
    field: 'orphans',
    render: r =>
      r.orphans?.length ? plural(r.orphans.length, 'entity', 'entities') : '—',
  },
];

/**
 * One held run: why it was held, the removals it would make, and — while it
 * waits — the buttons to approve or reject them; once decided, who did.
 */
export function ApprovalView(props: {
  approval: Approval;
  canManage: boolean;
  onDecide: (decision: 'approve' | 'reject') => void;
}) {
  const { approval, canManage, onDecide } = props;
  const classes = useStyles();
  const pending = approval.status === 'pending';
  const denied = canManage ? undefined : PERMISSION_DENIED.manage;
  const listed = approval.removals.length;
  const orphaned = orphansOf(approval.removals);
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
          {/* The reason says why it was held (the share of Users, or what
              the removed own); the figures are context, not the cause. */}
          {approval.reason} It would remove{' '}
          {plural(approval.removalCount, 'entity', 'entities')};{' '}
          {plural(approval.userCount, 'user')} are synced, and the share
          threshold is {approval.thresholdPercent}%. Adds and updates were
          applied; the removals wait for your decision.
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
      {orphaned.length > 0 && (
        <div className={classes.table}>
          <OrphanedEntitiesTable orphaned={orphaned} />
        </div>
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
