import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import BlockIcon from '@material-ui/icons/Block';
import CloseIcon from '@material-ui/icons/Close';
import SyncIcon from '@material-ui/icons/Sync';
import UndoIcon from '@material-ui/icons/Undo';
import Alert from '@material-ui/lab/Alert';
import {
  PersonDetail,
  PersonHistoryEntry,
  PersonSyncResult,
} from '@paycor-backstage/plugin-paycor-common';
import { useEffect, useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { paycorSyncApiRef } from '../../api';
import { usePaycorPermissions } from '../../hooks';
import { useFormAction } from '../../hooks/useFormAction';
import { PERMISSION_DENIED } from '../../hooks/usePaycorPermissions';
import {
  ConfirmDialog,
  EntityRefOrText,
  Facts,
  GuardedButton,
  InlineError,
  LoadError,
  RelativeTime,
  SYNC_TRIGGER_TITLES,
  TextField,
  TextWithTimes,
} from '../shared';
import { OutcomeChip, STEP_TITLES, StepIcon } from './outcomes';

/** how long the panel waits for the catalog to serve a User the sync emitted */
const WAIT_FOR_CATALOG_MS = 30_000;
const POLL_MS = 500;
const useStyles = makeStyles(theme => ({
  panel: {
    padding: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1, 2),
  },
  name: { marginRight: 'auto' },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    margin: theme.spacing(1.5, 0),
  },
  steps: {
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0, 2),
    '& li': {
      display: 'grid',
      gridTemplateColumns: 'auto 11rem 1fr',
      gap: theme.spacing(1),
      alignItems: 'start',
      padding: theme.spacing(0.75, 0),
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
  },
  stepTitle: { fontWeight: theme.typography.fontWeightMedium as number },
  history: {
    listStyle: 'none',
    padding: 0,
    margin: theme.spacing(1, 0, 0),
    '& li': {
      display: 'grid',
      gridTemplateColumns: '10rem 1fr',
      gap: theme.spacing(1),
      padding: theme.spacing(0.5, 0),
    },
  },
  muted: { color: theme.palette.text.secondary },
}));

function HistoryList(props: { history: PersonHistoryEntry[] }) {
  const classes = useStyles();
  if (props.history.length === 0) {
    return (
      <Typography variant="body2" className={classes.muted}>
        No run has changed anything for them within the history kept.
      </Typography>
    );
  }
  return (
    <ol className={classes.history} aria-label="History">
      {props.history.map(entry => (
        <li key={`${entry.runId}-${entry.change}`}>
          <span>
            <RelativeTime value={entry.at} />
            <Typography
              variant="caption"
              display="block"
              className={classes.muted}
            >
              {entry.trigger
                ? SYNC_TRIGGER_TITLES[entry.trigger] ?? entry.trigger
                : 'Run'}
            </Typography>
          </span>
          <Typography
            variant="body2"
            // the fields as the catalog names them, for whoever looks them up
            title={entry.fields?.join(', ')}
          >
            <TextWithTimes text={entry.detail} />
          </Typography>
        </li>
      ))}
    </ol>
  );
}

/**
 * One person: why they are (not) in the catalog, step by step, what runs
 * changed for them, and the actions on them: sync them now, exclude them,
 * include them again.
 */
export function PersonPanel(props: {
  providerId: string;
  employeeId: string;
  onClose: () => void;
  /** something changed: the list should reload */
  onChanged: () => void;
}) {
  const { providerId, employeeId, onClose, onChanged } = props;
  const classes = useStyles();
  const api = useApi(paycorSyncApiRef);
  const {
    canRun,
    canManage,
    loading: permissionsLoading,
  } = usePaycorPermissions();
  const [synced, setSynced] = useState<PersonSyncResult>();
  const [syncedAt, setSyncedAt] = useState<number>();
  // the panel may open right after a sync by id (from the search)
  const [openedAt] = useState(() => Date.now());
  const [confirm, setConfirm] = useState<'exclude' | 'include'>();
  const [note, setNote] = useState('');
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getPerson(providerId, employeeId),
    [api, providerId, employeeId],
  );

  const syncNow = useFormAction<void, PersonSyncResult>({
    run: () => api.syncPerson(providerId, employeeId),
    onSuccess: result => {
      setSynced(result);
      setSyncedAt(Date.now());
      retry();
      onChanged();
    },
  });
  const exclude = useFormAction<{ note: string }>({
    run: request =>
      api.addExclusion(providerId, {
        kind: 'employee-id',
        value: employeeId,
        note: request.note.trim() || undefined,
      }),
    successMessage: () =>
      `Excluded ${
        value?.displayName ?? employeeId
      }; their User is removed now.`,
    onSuccess: () => {
      setConfirm(undefined);
      setNote('');
      retry();
      onChanged();
    },
  });
  const include = useFormAction<{ id: string }>({
    run: request => api.removeExclusion(providerId, request.id),
    successMessage: () =>
      `${value?.displayName ?? employeeId} is no longer excluded.`,
    onSuccess: () => {
      setConfirm(undefined);
      retry();
      onChanged();
    },
  });

  const person: PersonDetail | undefined = value;
  // Emitted, but the catalog has not served it yet (it says so in the
  // trace's last step): wait for it rather than link to a "not found" page.
  const lastStep = person?.steps[person.steps.length - 1];
  const inFlight = Boolean(
    person?.entityRef &&
      lastStep?.step === 'catalog' &&
      lastStep.outcome === 'info',
  );
  // Read the trace again every half second while it is in flight, for at
  // most 30 s after the sync (or after opening the panel): the link appears
  // once the catalog serves the User.
  const waitStart = syncedAt ?? openedAt;
  const waiting = inFlight && Date.now() - waitStart < WAIT_FOR_CATALOG_MS;
  const retryRef = useRef(retry);
  retryRef.current = retry;
  useEffect(() => {
    if (!waiting || loading) return undefined;
    const timer = setTimeout(() => retryRef.current(), POLL_MS);
    return () => clearTimeout(timer);
  }, [waiting, loading, value]);
  const title = person?.displayName ?? employeeId;
  const configExcluded =
    person?.outcome === 'excluded' && person.exclusion === undefined;

  return (
    <Paper
      className={classes.panel}
      component="section"
      aria-label={`Person ${title}`}
    >
      <div className={classes.header}>
        <Typography variant="h6" component="h3" className={classes.name}>
          {title}
        </Typography>
        {person && <OutcomeChip outcome={person.outcome} />}
        <Button size="small" startIcon={<CloseIcon />} onClick={onClose}>
          Close
        </Button>
      </div>
      {loading && !person && <LinearProgress aria-label="Loading the person" />}
      {error && <LoadError error={error} title="Could not load this person" />}
      {person && (
        <>
          <Facts
            aria-label="Person details"
            items={[
              { label: 'Employee id', value: person.employeeId },
              { label: 'Employee number', value: person.employeeNumber },
              { label: 'Work email', value: person.email },
              {
                label: 'User',
                value: person.entityRef ? (
                  <>
                    {waiting ? (
                      // a link now would open a "not found" page
                      <span aria-live="polite">
                        {person.entityRef} (the catalog is processing it…)
                      </span>
                    ) : (
                      <EntityRefLink entityRef={person.entityRef} />
                    )}
                    {!person.inCatalog && ' (not in the catalog yet)'}
                  </>
                ) : (
                  'None'
                ),
              },
              {
                label: 'Based on',
                value: (
                  <>
                    the read of <RelativeTime value={person.snapshotAt} />;
                    dates in {person.timeZone}
                  </>
                ),
              },
            ]}
          />
          <div className={classes.actions}>
            <GuardedButton
              variant="contained"
              color="primary"
              startIcon={<SyncIcon />}
              disabled={permissionsLoading || syncNow.pending}
              disabledReason={
                !permissionsLoading && !canRun
                  ? PERMISSION_DENIED.run
                  : undefined
              }
              onClick={() => syncNow.submit()}
            >
              Sync now
            </GuardedButton>
            {person.exclusion ? (
              <GuardedButton
                variant="outlined"
                startIcon={<UndoIcon />}
                disabled={permissionsLoading}
                disabledReason={
                  !permissionsLoading && !canManage
                    ? PERMISSION_DENIED.manage
                    : undefined
                }
                onClick={() => setConfirm('include')}
              >
                Include again
              </GuardedButton>
            ) : (
              <GuardedButton
                variant="outlined"
                startIcon={<BlockIcon />}
                disabled={permissionsLoading || configExcluded}
                disabledReason={
                  (!permissionsLoading && !canManage
                    ? PERMISSION_DENIED.manage
                    : undefined) ??
                  (configExcluded
                    ? 'Excluded by app-config (filters.excludeEmployeeIds or excludeEmails): change it there'
                    : undefined)
                }
                onClick={() => setConfirm('exclude')}
              >
                Exclude from the sync
              </GuardedButton>
            )}
          </div>
          <div role="status" aria-live="polite">
            {syncNow.pending && (
              <>
                <Typography variant="body2">
                  Reading {title} from Paycor…
                </Typography>
                <LinearProgress aria-label="Syncing this person" />
              </>
            )}
            {synced && !syncNow.pending && (
              <Alert
                severity={
                  synced.run.status === 'failed' || synced.run.status === 'held'
                    ? 'warning'
                    : 'success'
                }
                onClose={() => setSynced(undefined)}
              >
                {synced.message}
              </Alert>
            )}
          </div>
          {syncNow.error !== undefined && (
            <InlineError
              prefix="Could not sync this person"
              error={syncNow.error}
            />
          )}

          <Typography variant="subtitle1" component="h4">
            Why {person.inCatalog ? 'they are' : 'they are not'} in the catalog
          </Typography>
          <ol className={classes.steps} aria-label="Trace">
            {person.steps.map(step => (
              <li key={step.step}>
                <StepIcon outcome={step.outcome} />
                <Typography variant="body2" className={classes.stepTitle}>
                  {STEP_TITLES[step.step] ?? step.step}
                </Typography>
                <Typography variant="body2">
                  <TextWithTimes text={step.detail} />
                </Typography>
              </li>
            ))}
          </ol>

          <Typography variant="subtitle1" component="h4">
            History
          </Typography>
          <HistoryList history={person.history} />
        </>
      )}
      {confirm === 'exclude' && (
        <ConfirmDialog
          title={`Exclude ${title} from the sync?`}
          confirmLabel="Exclude"
          destructive
          hasField
          action={exclude}
          onClose={() => setConfirm(undefined)}
          onConfirm={() => exclude.submit({ note })}
        >
          <Typography variant="body2" paragraph>
            Their User is removed now and not created again until the exclusion
            is removed (Exclusions tab, or Include again here).
          </Typography>
          <TextField
            label="Note (optional)"
            fullWidth
            variant="outlined"
            size="small"
            value={note}
            onChange={event => setNote(event.target.value)}
            // eslint-disable-next-line jsx-a11y/no-autofocus
            autoFocus
          />
        </ConfirmDialog>
      )}
      {confirm === 'include' && person?.exclusion && (
        <ConfirmDialog
          title={`Include ${title} again?`}
          confirmLabel="Remove exclusion"
          action={include}
          onClose={() => setConfirm(undefined)}
          onConfirm={() => include.submit({ id: person.exclusion!.id })}
        >
          <Typography variant="body2">
            Excluded by{' '}
            <EntityRefOrText
              value={person.exclusion.createdBy}
              defaultKind="user"
            />{' '}
            <RelativeTime value={person.exclusion.createdAt} />
            {person.exclusion.note ? ` ("${person.exclusion.note}")` : ''}.
            Their User comes back now if Paycor and the filters select them.
          </Typography>
        </ConfirmDialog>
      )}
    </Paper>
  );
}
