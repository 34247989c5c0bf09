import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import Alert from '@material-ui/lab/Alert';
import {
  Exclusion,
  exclusionRequestSchema,
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
  InlineError,
  LoadError,
  RelativeTime,
  TextField,
  fieldErrors,
} from '../shared';

const useStyles = makeStyles(theme => ({
  form: {
    padding: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  fields: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    alignItems: 'flex-start',
    marginTop: theme.spacing(1),
  },
  kind: { minWidth: 160 },
  value: { flex: '1 1 260px' },
  note: { flex: '2 1 320px' },
  submit: { marginTop: theme.spacing(0.5) },
}));

const KIND_TITLES: Record<Exclusion['kind'], string> = {
  'employee-id': 'Employee id',
  email: 'Email',
};

function AddExclusionForm(props: {
  providerId: string;
  canManage: boolean;
  onAdded: (exclusion: Exclusion) => void;
}) {
  const { providerId, canManage, onAdded } = props;
  const classes = useStyles();
  const api = useApi(paycorSyncApiRef);
  const [kind, setKind] = useState<Exclusion['kind']>('email');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>();
  const disabled = !canManage || saving;

  const submit = async () => {
    const parsed = exclusionRequestSchema.safeParse({
      kind,
      value,
      note: note.trim() ? note : undefined,
    });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    setSaving(true);
    setSaveError(undefined);
    try {
      const added = await api.addExclusion(providerId, parsed.data);
      setValue('');
      setNote('');
      onAdded(added);
    } catch (error) {
      setSaveError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Paper
      className={classes.form}
      component="section"
      aria-labelledby="paycor-add-exclusion"
    >
      <Typography variant="h6" component="h3" id="paycor-add-exclusion">
        Exclude a person
      </Typography>
      <Typography variant="body2" color="textSecondary">
        The sync ignores an excluded person: their User is removed by the next
        run and not created again until you remove the exclusion.
      </Typography>
      <form
        noValidate
        onSubmit={event => {
          event.preventDefault();
          submit();
        }}
      >
        <div className={classes.fields}>
          <TextField
            select
            label="Kind"
            className={classes.kind}
            value={kind}
            onChange={event => setKind(event.target.value as Exclusion['kind'])}
            variant="outlined"
            size="small"
            disabled={!canManage}
          >
            <MenuItem value="email">Email</MenuItem>
            <MenuItem value="employee-id">Employee id</MenuItem>
          </TextField>
          <TextField
            label="Value"
            className={classes.value}
            value={value}
            onChange={event => setValue(event.target.value)}
            variant="outlined"
            size="small"
            required
            disabled={!canManage}
            error={Boolean(errors.value)}
            helperText={
              errors.value ??
              (kind === 'email'
                ? 'Work email, e.g. jane.doe@example.com'
                : 'Paycor employee GUID')
            }
          />
          <TextField
            label="Note"
            className={classes.note}
            value={note}
            onChange={event => setNote(event.target.value)}
            variant="outlined"
            size="small"
            disabled={!canManage}
            error={Boolean(errors.note)}
            helperText={errors.note ?? 'Optional: why'}
          />
          <GuardedButton
            type="submit"
            variant="contained"
            color="primary"
            startIcon={<AddIcon />}
            className={classes.submit}
            disabled={disabled}
            disabledReason={canManage ? undefined : PERMISSION_DENIED.manage}
          >
            Add exclusion
          </GuardedButton>
        </div>
      </form>
      {saveError !== undefined && (
        <InlineError prefix="Could not add the exclusion" error={saveError} />
      )}
    </Paper>
  );
}

/**
 * People the sync ignores, by email or Paycor employee id: list, add, remove.
 *
 * @public
 */
export function ExclusionsTab(props: { providerId: string }) {
  const { providerId } = props;
  const api = useApi(paycorSyncApiRef);
  const { canManage } = usePaycorPermissions();
  const [removing, setRemoving] = useState<Exclusion>();
  const [notice, setNotice] = useState<string>();
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listExclusions(providerId),
    [api, providerId],
  );

  const columns: TableColumn<Exclusion>[] = [
    {
      title: 'Kind',
      field: 'kind',
      render: x => KIND_TITLES[x.kind] ?? x.kind,
    },
    { title: 'Value', field: 'value' },
    { title: 'Note', field: 'note', render: x => x.note ?? '' },
    {
      title: 'Added by',
      field: 'createdBy',
      render: x => <EntityRefOrText value={x.createdBy} defaultKind="user" />,
    },
    {
      title: 'Added',
      field: 'createdAt',
      render: x => <RelativeTime value={x.createdAt} />,
    },
    {
      title: 'Actions',
      sorting: false,
      render: x =>
        canManage ? (
          <Tooltip title="Sync this person again">
            <IconButton
              size="small"
              aria-label={`Remove exclusion ${x.value}`}
              onClick={() => setRemoving(x)}
            >
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        ) : null,
    },
  ];

  return (
    <>
      <AddExclusionForm
        providerId={providerId}
        canManage={canManage}
        onAdded={added => {
          setNotice(
            `Excluded ${added.value}. The next run removes their User if there is one.`,
          );
          retry();
        }}
      />
      <div role="status" aria-live="polite">
        {notice && (
          <Alert severity="success" onClose={() => setNotice(undefined)}>
            {notice}
          </Alert>
        )}
      </div>
      {error ? (
        <LoadError error={error} title="Could not load the exclusions" />
      ) : (
        <Table<Exclusion>
          title="Exclusions"
          columns={columns}
          data={value?.items ?? []}
          isLoading={loading}
          options={{
            search: (value?.items.length ?? 0) > 10,
            paging: (value?.items.length ?? 0) > 20,
            pageSize: 20,
            padding: 'dense',
            emptyRowsWhenPaging: false,
          }}
          emptyContent={
            <Typography variant="body2" style={{ padding: 16 }}>
              Nobody is excluded: everyone the filters select is synced.
            </Typography>
          }
        />
      )}
      {removing && (
        <ConfirmDialog
          title={`Sync ${removing.value} again?`}
          confirmLabel="Remove exclusion"
          onClose={() => setRemoving(undefined)}
          onConfirm={async () => {
            await api.removeExclusion(providerId, removing.id);
            setRemoving(undefined);
            setNotice(
              `Removed the exclusion of ${removing.value}; the next run syncs them again.`,
            );
            retry();
          }}
        >
          <Typography variant="body2">
            The next run creates their User again if Paycor and the filters
            still select them.
          </Typography>
        </ConfirmDialog>
      )}
    </>
  );
}
