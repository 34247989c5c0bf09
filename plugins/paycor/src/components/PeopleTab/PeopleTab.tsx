import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import Link from '@material-ui/core/Link';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import SyncIcon from '@material-ui/icons/Sync';
import {
  PERSON_OUTCOMES,
  PERSON_OUTCOME_TITLES,
  PersonOutcome,
  PersonSummary,
  UpcomingChange,
} from '@paycor-backstage/plugin-paycor-common';
import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import { paycorSyncApiRef } from '../../api';
import { usePaycorPermissions } from '../../hooks';
import { PERMISSION_DENIED } from '../../hooks/usePaycorPermissions';
import {
  GuardedButton,
  InlineError,
  LoadError,
  RelativeTime,
  ServerPagedTable,
  TextField,
  plural,
  useServerPaging,
} from '../shared';
import { OutcomeChip } from './outcomes';
import { PersonPanel } from './PersonPanel';

const useStyles = makeStyles(theme => ({
  views: { marginBottom: theme.spacing(2) },
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'flex-start',
    marginBottom: theme.spacing(2),
  },
  search: { minWidth: 260, flex: '1 1 320px' },
  outcome: { minWidth: 220 },
  days: { minWidth: 160 },
  notFound: { padding: theme.spacing(2), marginBottom: theme.spacing(2) },
  summary: { margin: theme.spacing(0, 0, 2) },
}));

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const CHANGE_TITLES: Record<UpcomingChange['change'], string> = {
  hire: 'Hire',
  rehire: 'Rehire',
  termination: 'Termination',
};

const EFFECT_TITLES: Record<UpcomingChange['effect'], string> = {
  appears: 'Joins',
  goes: 'Leaves',
  none: 'No change',
};

/**
 * Someone Paycor has that the last read did not (a hire since): sync them
 * by id, which adds them to the snapshot.
 */
function SyncById(props: {
  providerId: string;
  employeeId: string;
  onSynced: (employeeId: string) => void;
}) {
  const { providerId, employeeId, onSynced } = props;
  const classes = useStyles();
  const api = useApi(paycorSyncApiRef);
  const { canRun, loading } = usePaycorPermissions();
  const [state, setState] = useState<{ pending: boolean; error?: unknown }>({
    pending: false,
  });
  return (
    <Paper className={classes.notFound}>
      <Typography variant="body2" paragraph>
        No one with the id {employeeId} was in the last read from Paycor. If
        they were hired since, read them from Paycor now.
      </Typography>
      <GuardedButton
        variant="contained"
        color="primary"
        startIcon={<SyncIcon />}
        disabled={loading || state.pending}
        disabledReason={!loading && !canRun ? PERMISSION_DENIED.run : undefined}
        onClick={async () => {
          setState({ pending: true });
          try {
            await api.syncPerson(providerId, employeeId);
            setState({ pending: false });
            onSynced(employeeId);
          } catch (error) {
            setState({ pending: false, error });
          }
        }}
      >
        Sync employee {employeeId}
      </GuardedButton>
      {state.error !== undefined && (
        <InlineError prefix="Could not sync them" error={state.error} />
      )}
    </Paper>
  );
}

function UpcomingView(props: {
  providerId: string;
  onSelect: (employeeId: string) => void;
}) {
  const { providerId, onSelect } = props;
  const classes = useStyles();
  const api = useApi(paycorSyncApiRef);
  const [days, setDays] = useState(30);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getUpcoming(providerId, { days }),
    [api, providerId, days],
  );
  const columns: TableColumn<UpcomingChange>[] = [
    {
      title: 'Date',
      field: 'date',
      cellStyle: { whiteSpace: 'nowrap' },
    },
    {
      title: 'Person',
      field: 'displayName',
      render: item => (
        <Link
          component="button"
          variant="body2"
          onClick={() => onSelect(item.employeeId)}
        >
          {item.displayName}
        </Link>
      ),
    },
    {
      title: 'Change',
      field: 'change',
      render: item => CHANGE_TITLES[item.change] ?? item.change,
    },
    {
      title: 'In the catalog',
      field: 'effect',
      render: item => (
        <>
          <Typography variant="body2">
            {EFFECT_TITLES[item.effect] ?? item.effect}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            {item.detail}
          </Typography>
        </>
      ),
    },
    {
      title: 'User',
      field: 'entityRef',
      render: item =>
        item.entityRef ? <EntityRefLink entityRef={item.entityRef} /> : '—',
    },
  ];
  return (
    <>
      <div className={classes.filters}>
        <TextField
          select
          className={classes.days}
          label="Look ahead"
          variant="outlined"
          size="small"
          value={days}
          onChange={event => setDays(Number(event.target.value))}
        >
          <MenuItem value={7}>7 days</MenuItem>
          <MenuItem value={30}>30 days</MenuItem>
          <MenuItem value={90}>90 days</MenuItem>
        </TextField>
      </div>
      {value && (
        <Typography variant="body2" className={classes.summary}>
          {plural(value.joining, 'person', 'people')} joining, {value.leaving}{' '}
          leaving in the next {plural(value.days, 'day')} (from {value.from},
          dates in {value.timeZone}). Leave and department moves are not dated
          by Paycor, so they are not listed.
        </Typography>
      )}
      {error ? (
        <LoadError error={error} title="Could not load the upcoming changes" />
      ) : (
        <Table<UpcomingChange>
          title="Upcoming changes"
          columns={columns}
          data={value?.items ?? []}
          isLoading={loading}
          options={{
            search: false,
            paging: (value?.items.length ?? 0) > 20,
            pageSize: 20,
            padding: 'dense',
            emptyRowsWhenPaging: false,
          }}
          actions={[
            {
              icon: () => <SyncIcon />,
              tooltip: 'Refresh upcoming changes',
              isFreeAction: true,
              onClick: () => retry(),
            },
          ]}
          emptyContent={
            <Typography variant="body2" style={{ padding: 16 }}>
              No hires, rehires or terminations are dated in the next{' '}
              {plural(days, 'day')}.
            </Typography>
          }
        />
      )}
    </>
  );
}

/**
 * Everyone of the last read from Paycor: search by name, email, employee
 * number or id, filter by outcome, and open a person to see why they are
 * (not) in the catalog, what runs changed for them, and sync or exclude
 * them. `?person=<employee id>` opens that person (the entity card links
 * here); `?view=upcoming` shows the dated changes ahead.
 *
 * @public
 */
export function PeopleTab(props: {
  providerId: string;
  /** debounce of the search box, default 400 ms */
  searchDebounceMs?: number;
}) {
  const { providerId, searchDebounceMs = 400 } = props;
  const classes = useStyles();
  const api = useApi(paycorSyncApiRef);
  const [searchParams, setSearchParams] = useAppSearchParams();
  const selected = searchParams.get('person') ?? undefined;
  const view =
    searchParams.get('view') === 'upcoming' ? 'upcoming' : 'everyone';
  const [outcome, setOutcome] = useState<PersonOutcome | ''>('');
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const paging = useServerPaging();
  const { limit, offset } = paging;

  const setParams = useCallback(
    (changes: Record<string, string | undefined>) =>
      setSearchParams(previous => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined) next.delete(key);
          else next.set(key, value);
        }
        return next;
      }),
    [setSearchParams],
  );

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
      api.listPeople(providerId, {
        q: q || undefined,
        outcomes: outcome ? [outcome] : undefined,
        limit,
        offset,
      }),
    [api, providerId, q, outcome, limit, offset],
  );

  const select = (employeeId: string | undefined) =>
    setParams({ person: employeeId, view: undefined });

  const columns: TableColumn<PersonSummary>[] = [
    {
      title: 'Name',
      field: 'displayName',
      render: p => (
        <Link
          component="button"
          variant="body2"
          onClick={() => select(p.employeeId)}
          aria-label={`Why ${p.displayName}`}
        >
          {p.displayName}
        </Link>
      ),
    },
    { title: 'Employee #', field: 'employeeNumber' },
    { title: 'Work email', field: 'email', render: p => p.email ?? '—' },
    {
      title: 'Outcome',
      field: 'outcome',
      render: p => <OutcomeChip outcome={p.outcome} />,
    },
    {
      title: 'User',
      field: 'entityRef',
      render: p =>
        p.entityRef && p.inCatalog ? (
          <EntityRefLink entityRef={p.entityRef} />
        ) : (
          <Typography variant="body2" color="textSecondary">
            Not in the catalog
          </Typography>
        ),
    },
  ];

  const noMatch =
    !loading && value !== undefined && value.totalCount === 0 && GUID.test(q);

  return (
    <>
      <Paper className={classes.views}>
        <Tabs
          value={view}
          onChange={(_event, next: string) =>
            setParams({ view: next === 'upcoming' ? 'upcoming' : undefined })
          }
          indicatorColor="primary"
          textColor="primary"
          aria-label="People views"
        >
          <Tab value="everyone" label="Everyone" />
          <Tab value="upcoming" label="Upcoming changes" />
        </Tabs>
      </Paper>
      {selected && (
        <PersonPanel
          key={selected}
          providerId={providerId}
          employeeId={selected}
          onClose={() => select(undefined)}
          onChanged={retry}
        />
      )}
      {view === 'upcoming' ? (
        <UpcomingView providerId={providerId} onSelect={select} />
      ) : (
        <>
          <div className={classes.filters}>
            <TextField
              className={classes.search}
              label="Search people"
              type="search"
              variant="outlined"
              size="small"
              value={search}
              onChange={event => setSearch(event.target.value)}
              helperText="Name, work email, employee number or Paycor id"
            />
            <TextField
              select
              className={classes.outcome}
              label="Outcome"
              variant="outlined"
              size="small"
              value={outcome}
              SelectProps={{ displayEmpty: true }}
              InputLabelProps={{ shrink: true }}
              onChange={event => {
                setOutcome(event.target.value as PersonOutcome | '');
                paging.reset();
              }}
            >
              <MenuItem value="">All outcomes</MenuItem>
              {PERSON_OUTCOMES.map(o => (
                <MenuItem key={o} value={o}>
                  {PERSON_OUTCOME_TITLES[o]}
                </MenuItem>
              ))}
            </TextField>
          </div>
          {noMatch && (
            <SyncById
              providerId={providerId}
              employeeId={q}
              onSynced={id => {
                retry();
                select(id);
              }}
            />
          )}
          {error ? (
            <LoadError error={error} title="Could not load the people" />
          ) : (
            <ServerPagedTable<PersonSummary>
              title="People"
              columns={columns}
              paging={paging}
              items={value?.items}
              totalCount={value?.totalCount}
              loading={loading}
              onRefresh={retry}
              refreshTooltip="Refresh people"
              empty={
                q || outcome
                  ? 'No one in the last read matches.'
                  : 'No sync has read anyone from Paycor yet.'
              }
            />
          )}
          {value?.snapshotAt && (
            <Typography variant="caption" color="textSecondary">
              Everyone Paycor listed in the read of{' '}
              <RelativeTime value={value.snapshotAt} />.
            </Typography>
          )}
        </>
      )}
    </>
  );
}
