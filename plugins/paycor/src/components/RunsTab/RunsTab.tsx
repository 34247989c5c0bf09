import { TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { SyncRun } from '@paycor-backstage/plugin-paycor-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { paycorSyncApiRef } from '../../api';
import {
  LoadError,
  RelativeTime,
  RunStatus,
  SYNC_TRIGGER_TITLES,
  ServerPagedTable,
  formatDuration,
  useServerPaging,
} from '../shared';

const columns: TableColumn<SyncRun>[] = [
  {
    title: 'Started',
    field: 'startedAt',
    cellStyle: { whiteSpace: 'nowrap' },
    render: run => <RelativeTime value={run.startedAt} />,
  },
  {
    title: 'Status',
    field: 'status',
    render: run => <RunStatus status={run.status} />,
  },
  {
    title: 'Trigger',
    field: 'trigger',
    render: run => SYNC_TRIGGER_TITLES[run.trigger] ?? run.trigger,
  },
  {
    title: 'Changes',
    render: run => (
      <>
        <Typography variant="body2">
          +{run.counts.added} added · {run.counts.updated} updated · −
          {run.counts.removed} removed
          {run.counts.held > 0 ? ` · ${run.counts.held} held` : ''}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {run.counts.users} users, {run.counts.groups} groups ·{' '}
          {run.counts.skipped} skipped · {run.apiCalls} Paycor calls
        </Typography>
        {reconciliation(run) && (
          <Typography variant="caption" color="textSecondary" component="div">
            {reconciliation(run)}
          </Typography>
        )}
      </>
    ),
  },
  {
    title: 'Duration',
    field: 'durationMs',
    render: run => formatDuration(run.durationMs),
  },
  {
    title: 'Error',
    field: 'error',
    render: run =>
      run.error ? (
        <Typography variant="body2" color="error">
          {run.error.message}
        </Typography>
      ) : (
        ''
      ),
  },
];

/** What a full sync made good that live updates had not brought, if anything. */
function reconciliation(run: SyncRun): string | undefined {
  const { correctedAfterEvents = 0, eventsReconciled = 0 } = run.counts;
  if (correctedAfterEvents === 0 && eventsReconciled === 0) return undefined;
  return `Live updates: ${correctedAfterEvents} ${
    correctedAfterEvents === 1 ? 'person' : 'people'
  } corrected that events had not updated, ${eventsReconciled} unapplied event${
    eventsReconciled === 1 ? '' : 's'
  } covered`;
}

/**
 * The runs of one connection, newest first, paged on the server.
 *
 * @public
 */
export function RunsTab(props: { providerId: string }) {
  const { providerId } = props;
  const api = useApi(paycorSyncApiRef);
  const paging = useServerPaging();
  const { limit, offset } = paging;
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listRuns(providerId, { limit, offset }),
    [api, providerId, limit, offset],
  );

  if (error) {
    return <LoadError error={error} title="Could not load the runs" />;
  }
  return (
    <ServerPagedTable<SyncRun>
      title="Runs"
      columns={columns}
      paging={paging}
      items={value?.items}
      totalCount={value?.totalCount}
      loading={loading}
      onRefresh={retry}
      refreshTooltip="Refresh runs"
      empty='No runs yet. The first one starts on the schedule, or use "Sync now".'
    />
  );
}
