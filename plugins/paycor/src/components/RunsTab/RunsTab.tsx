import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { SyncRun } from '@paycor-backstage/plugin-paycor-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { paycorSyncApiRef } from '../../api';
import {
  LoadError,
  RelativeTime,
  RunStatus,
  SYNC_TRIGGER_TITLES,
  formatDuration,
} from '../shared';

const PAGE_SIZES = [10, 20, 50];

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

/**
 * The runs of one connection, newest first, paged on the server.
 *
 * @public
 */
export function RunsTab(props: { providerId: string }) {
  const { providerId } = props;
  const api = useApi(paycorSyncApiRef);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[1]);
  const { value, loading, error, retry } = useAsyncRetry(
    () =>
      api.listRuns(providerId, { limit: pageSize, offset: page * pageSize }),
    [api, providerId, page, pageSize],
  );

  if (error) {
    return <LoadError error={error} title="Could not load the runs" />;
  }
  return (
    <Table<SyncRun>
      title="Runs"
      columns={columns}
      data={value?.items ?? []}
      isLoading={loading}
      page={page}
      totalCount={value?.totalCount ?? 0}
      onPageChange={newPage => setPage(newPage)}
      onRowsPerPageChange={size => {
        setPageSize(size);
        setPage(0);
      }}
      options={{
        search: false,
        sorting: false,
        paging: true,
        pageSize,
        pageSizeOptions: PAGE_SIZES,
        padding: 'dense',
        emptyRowsWhenPaging: false,
      }}
      actions={[
        {
          icon: () => <RefreshIcon />,
          tooltip: 'Refresh runs',
          isFreeAction: true,
          onClick: () => retry(),
        },
      ]}
      emptyContent={
        <Typography variant="body2" style={{ padding: 16 }}>
          No runs yet. The first one starts on the schedule, or use "Sync now".
        </Typography>
      }
    />
  );
}
