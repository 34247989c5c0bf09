import { useApi } from '@backstage/core-plugin-api';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import {
  Exclusion,
  exclusionRequestSchema,
} from '@paycor-backstage/plugin-paycor-common';
import { useState } from 'react';
import { paycorSyncApiRef } from '../../api';
import { useFormAction } from '../../hooks/useFormAction';
import { PERMISSION_DENIED } from '../../hooks/usePaycorPermissions';
import { GuardedButton, InlineError, TextField } from '../shared';

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

/** Excludes a person by email or Paycor employee id. */
export function AddExclusionForm(props: {
  providerId: string;
  canManage: boolean;
  /** after the exclusion is added: reload the list */
  onAdded: () => void;
}) {
  const { providerId, canManage, onAdded } = props;
  const classes = useStyles();
  const api = useApi(paycorSyncApiRef);
  const [kind, setKind] = useState<Exclusion['kind']>('email');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const add = useFormAction({
    schema: exclusionRequestSchema,
    fields: ['value', 'note'],
    run: request => api.addExclusion(providerId, request),
    successMessage: added =>
      `Excluded ${added.value}. The next run removes their User if there is one.`,
    onSuccess: () => {
      setValue('');
      setNote('');
      onAdded();
    },
  });
  const errors = add.fieldErrors;
  const disabled = !canManage || add.pending;

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
          add.submit({ kind, value, note: note.trim() ? note : undefined });
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
      {add.error !== undefined && (
        <InlineError prefix="Could not add the exclusion" error={add.error} />
      )}
    </Paper>
  );
}
