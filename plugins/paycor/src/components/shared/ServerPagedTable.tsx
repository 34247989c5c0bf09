import { Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { ReactNode, useState } from 'react';

const PAGE_SIZES = [10, 20, 50];

/** Page state of a list the server pages (`limit`/`offset` of the admin API). */
export function useServerPaging() {
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[1]);
  return {
    page,
    pageSize,
    limit: pageSize,
    offset: page * pageSize,
    setPage,
    /** back to the first page (a filter changed) */
    reset: () => setPage(0),
    setPageSize: (size: number) => {
      setPageSize(size);
      setPage(0);
    },
  };
}

export type ServerPaging = ReturnType<typeof useServerPaging>;

/**
 * Backstage's Table over one page of a server-paged list, with a refresh
 * action and a sentence when the page is empty.
 */
export function ServerPagedTable<T extends object>(props: {
  title: string;
  columns: TableColumn<T>[];
  paging: ServerPaging;
  items?: T[];
  totalCount?: number;
  loading: boolean;
  onRefresh: () => void;
  refreshTooltip: string;
  empty: ReactNode;
}) {
  const { paging } = props;
  return (
    <Table<T>
      title={props.title}
      columns={props.columns}
      data={props.items ?? []}
      isLoading={props.loading}
      page={paging.page}
      totalCount={props.totalCount ?? 0}
      onPageChange={newPage => paging.setPage(newPage)}
      onRowsPerPageChange={size => paging.setPageSize(size)}
      options={{
        search: false,
        sorting: false,
        paging: true,
        pageSize: paging.pageSize,
        pageSizeOptions: PAGE_SIZES,
        padding: 'dense',
        emptyRowsWhenPaging: false,
      }}
      actions={[
        {
          icon: () => <RefreshIcon />,
          tooltip: props.refreshTooltip,
          isFreeAction: true,
          onClick: () => props.onRefresh(),
        },
      ]}
      emptyContent={
        <Typography variant="body2" style={{ padding: 16 }}>
          {props.empty}
        </Typography>
      }
    />
  );
}
