import { TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import MenuItem from '@material-ui/core/MenuItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  CONFLICT_TYPES,
  CONFLICT_TYPE_TITLES,
  Conflict,
  ConflictType,
} from '@paycor-backstage/plugin-paycor-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import { paycorSyncApiRef } from '../../api';
import {
  LoadError,
  RelativeTime,
  ServerPagedTable,
  TextField,
  useServerPaging,
  TextWithTimes,
} from '../shared';

type StatusFilter = 'open' | 'resolved' | 'all';

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'flex-start',
    marginBottom: theme.spacing(2),
  },
  types: {
    minWidth: 280,
    flex: '1 1 320px',
  },
  status: {
    minWidth: 140,
  },
  search: {
    minWidth: 220,
    flex: '1 1 220px',
  },
  resolution: {
    display: 'block',
    marginTop: theme.spacing(0.5),
    color: theme.palette.text.secondary,
  },
}));

/**
 * Conflicts of one connection: filter by type and status, search on the
 * server, each with its message, what to do, the entity and when it was seen.
 *
 * @public
 */
export function ConflictsTab(props: {
  providerId: string;
  /** debounce of the search box, default 400 ms */
  searchDebounceMs?: number;
}) {
  const { providerId, searchDebounceMs = 400 } = props;
  const classes = useStyles();
  const api = useApi(paycorSyncApiRef);
  const [types, setTypes] = useState<ConflictType[]>([]);
  const [status, setStatus] = useState<StatusFilter>('open');
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const paging = useServerPaging();
  const { limit, offset } = paging;

  useDebounce(
    () => {
      const next = search.trim();
      if (next !== q) {
        setQ(next);
        paging.reset();
      }
    },
    searchDebounceMs,
    [search],
  );

  const { value, loading, error, retry } = useAsyncRetry(
    () =>
      api.listConflicts(providerId, {
        types,
        status,
        q: q || undefined,
        limit,
        offset,
      }),
    [api, providerId, types.join(','), status, q, limit, offset],
  );

  const columns: TableColumn<Conflict>[] = [
    {
      title: 'Type',
      field: 'type',
      render: c => (
        <Chip size="small" label={CONFLICT_TYPE_TITLES[c.type] ?? c.type} />
      ),
    },
    {
      title: 'Subject',
      field: 'subject.id',
      render: c => (
        <>
          <Typography variant="body2">
            {c.subject.label ?? c.subject.id}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            {c.subject.kind}
          </Typography>
        </>
      ),
    },
    {
      title: 'Entity',
      field: 'entityRef',
      render: c =>
        c.entityRef ? <EntityRefLink entityRef={c.entityRef} /> : '—',
    },
    {
      title: 'Problem',
      field: 'message',
      width: '40%',
      render: c => (
        <>
          <Typography variant="body2">
            <TextWithTimes text={c.message} />
          </Typography>
          <Typography variant="caption" className={classes.resolution}>
            What to do: {c.resolution}
          </Typography>
        </>
      ),
    },
    {
      title: 'First seen',
      field: 'firstSeenAt',
      cellStyle: { whiteSpace: 'nowrap' },
      render: c => <RelativeTime value={c.firstSeenAt} />,
    },
    {
      title: 'Last seen',
      field: 'lastSeenAt',
      cellStyle: { whiteSpace: 'nowrap' },
      render: c => (
        <>
          <RelativeTime value={c.lastSeenAt} />
          <Typography variant="caption" color="textSecondary" display="block">
            {c.occurrences} {c.occurrences === 1 ? 'run' : 'runs'}
          </Typography>
        </>
      ),
    },
    {
      title: 'Status',
      field: 'status',
      render: c =>
        c.status === 'resolved' ? (
          <>
            Resolved{' '}
            <Typography variant="caption" color="textSecondary" display="block">
              <RelativeTime value={c.resolvedAt} />
            </Typography>
          </>
        ) : (
          'Open'
        ),
    },
  ];

  return (
    <>
      <div className={classes.filters}>
        <Autocomplete<ConflictType, true>
          multiple
          className={classes.types}
          options={[...CONFLICT_TYPES]}
          value={types}
          onChange={(_event, next) => {
            setTypes(next);
            paging.reset();
          }}
          getOptionLabel={type => CONFLICT_TYPE_TITLES[type] ?? type}
          filterSelectedOptions
          renderInput={params => (
            <TextField
              {...params}
              label="Type"
              variant="outlined"
              size="small"
              placeholder={types.length ? '' : 'All types'}
            />
          )}
        />
        <TextField
          select
          className={classes.status}
          label="Status"
          variant="outlined"
          size="small"
          value={status}
          onChange={event => {
            setStatus(event.target.value as StatusFilter);
            paging.reset();
          }}
        >
          <MenuItem value="open">Open</MenuItem>
          <MenuItem value="resolved">Resolved</MenuItem>
          <MenuItem value="all">All</MenuItem>
        </TextField>
        <TextField
          className={classes.search}
          label="Search conflicts"
          type="search"
          variant="outlined"
          size="small"
          value={search}
          onChange={event => setSearch(event.target.value)}
          helperText="Name, email, id or message"
        />
      </div>
      {error ? (
        <LoadError error={error} title="Could not load the conflicts" />
      ) : (
        <ServerPagedTable<Conflict>
          title="Conflicts"
          columns={columns}
          paging={paging}
          items={value?.items}
          totalCount={value?.totalCount}
          loading={loading}
          onRefresh={retry}
          refreshTooltip="Refresh conflicts"
          empty={
            types.length || q || status !== 'open'
              ? 'No conflicts match these filters.'
              : 'No open conflicts: every Paycor record was synced.'
          }
        />
      )}
    </>
  );
}
