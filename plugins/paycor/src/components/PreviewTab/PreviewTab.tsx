import { Progress, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import PlayIcon from '@material-ui/icons/PlayArrow';
import Alert from '@material-ui/lab/Alert';
import {
  CONFLICT_TYPE_TITLES,
  EntityChange,
  EntitySummary,
  PreviewResult,
} from '@paycor-backstage/plugin-paycor-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { paycorSyncApiRef } from '../../api';
import { usePaycorPermissions } from '../../hooks';
import { PERMISSION_DENIED } from '../../hooks/usePaycorPermissions';
import { OrphanedEntitiesTable } from '../ApprovalsTab/OrphanedEntitiesTable';
import {
  GuardedButton,
  LoadError,
  RelativeTime,
  TextWithTimes,
} from '../shared';

const useStyles = makeStyles(theme => ({
  intro: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  counts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))',
    gap: theme.spacing(1),
    margin: 0,
    padding: theme.spacing(2),
    '& div': {
      display: 'flex',
      flexDirection: 'column-reverse',
    },
    '& dt': {
      color: theme.palette.text.secondary,
      fontSize: theme.typography.caption.fontSize,
    },
    '& dd': {
      margin: 0,
      fontSize: theme.typography.h6.fontSize,
    },
  },
  stack: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
  fields: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
  },
}));

function summaryColumns<T extends EntitySummary>(): TableColumn<T>[] {
  return [
    {
      title: 'Entity',
      field: 'entityRef',
      render: e => <EntityRefLink entityRef={e.entityRef} />,
    },
    { title: 'Kind', field: 'kind' },
    { title: 'Name', field: 'displayName', render: e => e.displayName ?? '—' },
  ];
}

function changeColumns(fieldsClass: string): TableColumn<EntityChange>[] {
  return [
    ...summaryColumns<EntityChange>(),
    {
      title: 'Changed fields',
      field: 'fields',
      render: e => (
        <div className={fieldsClass}>
          {e.fields.map(f => (
            <Chip key={f} size="small" variant="outlined" label={f} />
          ))}
        </div>
      ),
    },
  ];
}

function EntityList<T extends EntitySummary>(props: {
  title: string;
  items: T[];
  total: number;
  limit: number;
  columns: TableColumn<T>[];
  empty: string;
}) {
  const { title, items, total, limit, columns, empty } = props;
  return (
    <Table<T>
      title={`${title} (${total})`}
      subtitle={
        total > items.length
          ? `Showing the first ${items.length}; lists are cut at ${limit}`
          : undefined
      }
      columns={columns}
      data={items}
      options={{
        search: items.length > 10,
        paging: items.length > 10,
        pageSize: 10,
        padding: 'dense',
        emptyRowsWhenPaging: false,
      }}
      emptyContent={
        <Typography variant="body2" style={{ padding: 16 }}>
          {empty}
        </Typography>
      }
    />
  );
}

function PreviewView(props: { preview: PreviewResult }) {
  const { preview } = props;
  const classes = useStyles();
  const c = preview.counts;
  const orphaned = preview.orphaned ?? [];
  const facts: [string, number][] = [
    ['Would add', c.added],
    ['Would update', c.updated],
    ['Would remove', c.removed],
    ['Users', c.users],
    ['Groups', c.groups],
    ['Skipped', c.skipped],
    ['Employees read', c.fetchedEmployees],
    ['Departments read', c.fetchedDepartments],
  ];
  return (
    <div className={classes.stack}>
      <Typography variant="body2" color="textSecondary">
        Computed <RelativeTime value={preview.generatedAt} /> from Paycor's
        current data. Nothing was applied.
      </Typography>
      {preview.wouldHold && (
        <Alert severity="warning">
          A sync now would be held: its removals would wait for an admin's
          approval. {preview.holdReason ?? 'They exceed the safety threshold.'}
        </Alert>
      )}
      {orphaned.length > 0 && <OrphanedEntitiesTable orphaned={orphaned} />}
      <Paper>
        <dl className={classes.counts} aria-label="Preview counts">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </Paper>
      <Grid container spacing={2}>
        <Grid item xs={12} lg={6}>
          <EntityList
            title="Added"
            items={preview.added}
            total={c.added}
            limit={preview.limit}
            columns={summaryColumns<EntitySummary>()}
            empty="Nothing would be added."
          />
        </Grid>
        <Grid item xs={12} lg={6}>
          <EntityList
            title="Removed"
            items={preview.removed}
            total={c.removed}
            limit={preview.limit}
            columns={summaryColumns<EntitySummary>()}
            empty="Nothing would be removed."
          />
        </Grid>
        <Grid item xs={12}>
          <EntityList<EntityChange>
            title="Updated"
            items={preview.updated}
            total={c.updated}
            limit={preview.limit}
            columns={changeColumns(classes.fields)}
            empty="Nothing would change."
          />
        </Grid>
      </Grid>
      {preview.conflicts.length > 0 && (
        <Paper
          component="section"
          aria-labelledby="paycor-preview-conflicts"
          style={{ padding: 16 }}
        >
          <Typography variant="h6" component="h3" id="paycor-preview-conflicts">
            Conflicts this run would report ({preview.conflicts.length})
          </Typography>
          <ul>
            {preview.conflicts.map((conflict, index) => (
              <li key={`${conflict.type}-${conflict.subject.id}-${index}`}>
                <strong>
                  {CONFLICT_TYPE_TITLES[conflict.type] ?? conflict.type}
                </strong>
                {': '}
                <TextWithTimes text={conflict.message} />
                {conflict.entityRef && (
                  <>
                    {' '}
                    (<EntityRefLink entityRef={conflict.entityRef} />)
                  </>
                )}
              </li>
            ))}
          </ul>
        </Paper>
      )}
    </div>
  );
}

/**
 * Dry run: what a sync would change now, without applying anything. Runs on
 * demand because it reads everything from Paycor.
 *
 * @public
 */
export function PreviewTab(props: { providerId: string; limit?: number }) {
  const { providerId, limit = 200 } = props;
  const classes = useStyles();
  const api = useApi(paycorSyncApiRef);
  const { canRun, loading: permissionsLoading } = usePaycorPermissions();
  const [state, run] = useAsyncFn(
    () => api.getPreview(providerId, { limit }),
    [api, providerId, limit],
  );

  return (
    <>
      <div className={classes.intro}>
        <Typography variant="body2">
          See what a sync would add, update and remove right now. It reads every
          employee and department from Paycor, like a real run, but applies
          nothing.
        </Typography>
        <GuardedButton
          variant="contained"
          color="primary"
          startIcon={<PlayIcon />}
          onClick={() => run()}
          disabled={state.loading || permissionsLoading}
          disabledReason={
            !permissionsLoading && !canRun ? PERMISSION_DENIED.run : undefined
          }
        >
          Run preview
        </GuardedButton>
      </div>
      {state.loading && <Progress />}
      {!state.loading && state.error && (
        <LoadError error={state.error} title="The preview failed" />
      )}
      {!state.loading && state.value && <PreviewView preview={state.value} />}
    </>
  );
}
