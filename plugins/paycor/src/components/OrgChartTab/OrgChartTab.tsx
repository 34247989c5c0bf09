import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import Alert from '@material-ui/lab/Alert';
import {
  OrgChartPerson,
  OrgChartSearchResult,
} from '@paycor-backstage/plugin-paycor-common';
import { useEffect, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { paycorSyncApiRef } from '../../api';
import { LoadError, RelativeTime, TextField, errorMessage } from '../shared';
import { Branch, TOP, useOrgChart } from './useOrgChart';

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'flex-start',
    marginBottom: theme.spacing(2),
  },
  search: {
    position: 'relative',
    flex: '1 1 320px',
    maxWidth: 520,
  },
  results: {
    position: 'absolute',
    zIndex: 2,
    left: 0,
    right: 0,
    maxHeight: 360,
    overflowY: 'auto',
  },
  summary: {
    alignSelf: 'center',
    color: theme.palette.text.secondary,
  },
  tree: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  group: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    marginLeft: theme.spacing(2.5),
    borderLeft: `1px dashed ${theme.palette.divider}`,
  },
  row: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 1),
    borderRadius: theme.shape.borderRadius,
  },
  focus: {
    backgroundColor: theme.palette.action.selected,
    outline: `2px solid ${theme.palette.primary.main}`,
  },
  toggle: {
    width: 32,
    height: 32,
    flex: '0 0 32px',
  },
  who: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
  },
  details: {
    color: theme.palette.text.secondary,
    fontSize: theme.typography.body2.fontSize,
  },
  team: {
    marginLeft: 'auto',
    whiteSpace: 'nowrap',
    color: theme.palette.text.secondary,
    fontSize: theme.typography.body2.fontSize,
  },
  more: {
    margin: theme.spacing(0.5, 0, 0.5, 5),
  },
}));

function teamText(person: OrgChartPerson): string {
  if (person.teamSize === 0) return 'no reports';
  const direct = `${person.directReports} direct`;
  return person.teamSize === person.directReports
    ? direct
    : `${direct} · ${person.teamSize} in team`;
}

function PersonRow(props: {
  person: OrgChartPerson;
  expanded: boolean;
  focused: boolean;
  onToggle: () => void;
}) {
  const classes = useStyles();
  const { person, expanded, focused } = props;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView?.({ block: 'center' });
  }, [focused]);
  return (
    <div
      ref={ref}
      className={`${classes.row} ${focused ? classes.focus : ''}`}
      data-testid={`org-person-${person.employeeId}`}
    >
      {person.directReports > 0 ? (
        <IconButton
          className={classes.toggle}
          size="small"
          aria-label={`${expanded ? 'Collapse' : 'Expand'} the team of ${
            person.displayName
          }`}
          aria-expanded={expanded}
          onClick={props.onToggle}
        >
          {expanded ? <ExpandMoreIcon /> : <ChevronRightIcon />}
        </IconButton>
      ) : (
        <span className={classes.toggle} />
      )}
      <span className={classes.who}>
        <EntityRefLink
          entityRef={person.entityRef}
          title={person.displayName}
        />
        <span className={classes.details}>
          {[person.title, person.department?.name].filter(Boolean).join(' · ')}
        </span>
      </span>
      <span className={classes.team}>{teamText(person)}</span>
    </div>
  );
}

function BranchList(props: {
  branchKey: string;
  branch: Branch | undefined;
  level: number;
  chart: ReturnType<typeof useOrgChart>;
}) {
  const classes = useStyles();
  const { branch, chart, level } = props;
  const { state } = chart;
  if (!branch) return null;
  const remaining = branch.total - branch.ids.length;
  return (
    <ul
      className={level === 1 ? classes.tree : classes.group}
      role={level === 1 ? 'tree' : 'group'}
      aria-label={level === 1 ? 'Org chart' : undefined}
    >
      {branch.ids.map(id => {
        const person = state.people.get(id);
        if (!person) return null;
        const expanded = state.expanded.has(id);
        return (
          <li
            key={id}
            role="treeitem"
            aria-level={level}
            aria-expanded={person.directReports > 0 ? expanded : undefined}
            aria-selected={state.focus === id}
            aria-label={person.displayName}
          >
            <PersonRow
              person={person}
              expanded={expanded}
              focused={state.focus === id}
              onToggle={() => chart.toggle(id)}
            />
            {expanded && person.directReports > 0 && (
              <BranchList
                branchKey={id}
                branch={state.branches.get(id)}
                level={level + 1}
                chart={chart}
              />
            )}
          </li>
        );
      })}
      {branch.loading && (
        <li role="none">
          <Progress />
        </li>
      )}
      {branch.error && (
        <li role="none">
          <Alert severity="error">
            Could not load this team: {errorMessage(branch.error)}
          </Alert>
        </li>
      )}
      {remaining > 0 && !branch.loading && (
        <li role="none">
          <Button
            className={classes.more}
            size="small"
            onClick={() => chart.load(props.branchKey)}
          >
            Show {Math.min(remaining, 50)} more of {remaining}
          </Button>
        </li>
      )}
    </ul>
  );
}

function PersonSearch(props: {
  providerId: string;
  onPick: (employeeId: string) => void;
  debounceMs: number;
}) {
  const classes = useStyles();
  const api = useApi(paycorSyncApiRef);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useDebounce(() => setQ(text.trim()), props.debounceMs, [text]);
  const results = useAsync(
    async (): Promise<OrgChartSearchResult | undefined> =>
      q ? api.searchOrgChart(props.providerId, q, { limit: 10 }) : undefined,
    [api, props.providerId, q],
  );
  const open = Boolean(q) && text.trim() === q;
  return (
    <div className={classes.search}>
      <TextField
        label="Find a person"
        placeholder="Name, email, employee number or title"
        variant="outlined"
        size="small"
        fullWidth
        value={text}
        onChange={e => setText(e.target.value)}
        inputProps={{ 'aria-controls': 'paycor-org-search-results' }}
      />
      {open && (
        <Paper className={classes.results} elevation={4}>
          {results.loading && <Progress />}
          {results.error && (
            <Alert severity="error">{errorMessage(results.error)}</Alert>
          )}
          {results.value && (
            <List
              dense
              id="paycor-org-search-results"
              aria-label="People found"
            >
              {results.value.items.length === 0 && (
                <ListItem>
                  <ListItemText primary={`Nobody matches “${q}”`} />
                </ListItem>
              )}
              {results.value.items.map(person => (
                <ListItem
                  button
                  key={person.employeeId}
                  onClick={() => {
                    setText('');
                    setQ('');
                    props.onPick(person.employeeId);
                  }}
                >
                  <ListItemText
                    primary={person.displayName}
                    secondary={[
                      person.title,
                      person.department?.name,
                      person.path.length === 0
                        ? 'top of the org'
                        : `${person.path.length} level${
                            person.path.length === 1 ? '' : 's'
                          } down`,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  />
                </ListItem>
              ))}
              {results.value.totalCount > results.value.items.length && (
                <ListItem>
                  <ListItemText
                    secondary={`${
                      results.value.totalCount - results.value.items.length
                    } more: type more of the name`}
                  />
                </ListItem>
              )}
            </List>
          )}
        </Paper>
      )}
    </div>
  );
}

/**
 * The org chart of one connection: starts at the top of the company (or at
 * `?person=<employee id>`), expands and collapses teams a page at a time,
 * and jumps to anyone found by name, email, number or title, opening the
 * path down to them. Needs the read permission only.
 *
 * @public
 */
export function OrgChartTab(props: {
  providerId: string;
  /** debounce of the search box, default 300 ms */
  searchDebounceMs?: number;
}) {
  const classes = useStyles();
  const chart = useOrgChart(props.providerId);
  const { state } = chart;
  const [searchParams, setSearchParams] = useAppSearchParams();
  const requested = searchParams.get('person') ?? undefined;
  const { focus } = chart;

  useEffect(() => {
    if (requested) focus(requested);
  }, [requested, focus]);

  const pick = (employeeId: string) => {
    setSearchParams(previous => {
      const next = new URLSearchParams(previous);
      next.set('person', employeeId);
      return next;
    });
    // the same person again: the URL does not change, so focus directly
    if (employeeId === requested) focus(employeeId);
  };

  const top = state.branches.get(TOP);
  if (state.error && (!top || top.ids.length === 0)) {
    return (
      <LoadError error={state.error} title="Could not load the org chart" />
    );
  }
  return (
    <>
      <div className={classes.header}>
        <PersonSearch
          providerId={props.providerId}
          onPick={pick}
          debounceMs={props.searchDebounceMs ?? 300}
        />
        {state.peopleCount !== undefined && (
          <Typography variant="body2" className={classes.summary}>
            {state.peopleCount} people · as read from Paycor{' '}
            <RelativeTime value={state.snapshotAt} />
          </Typography>
        )}
      </div>
      {state.error && (
        <Alert severity="error" style={{ marginBottom: 16 }}>
          {errorMessage(state.error)}
        </Alert>
      )}
      {!top || (top.loading && top.ids.length === 0) ? (
        <Progress />
      ) : (
        <BranchList branchKey={TOP} branch={top} level={1} chart={chart} />
      )}
    </>
  );
}
