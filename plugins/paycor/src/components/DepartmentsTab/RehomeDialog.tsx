import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import {
  AdminGroup,
  DepartmentView,
  setParentRequestSchema,
} from '@paycor-backstage/plugin-paycor-common';
import { useMemo, useState } from 'react';
import { paycorSyncApiRef } from '../../api';
import { useFormAction } from '../../hooks/useFormAction';
import { useGroupOptions } from '../../hooks/useGroupOptions';
import { InlineError, TextField } from '../shared';
import { GroupPicker } from './GroupPicker';
import { REAPPLY_NOTE } from './styles';

/**
 * Re-homes a department: pick any Group (hand-written, admin-defined, another
 * department) as its parent, with an optional note.
 */
export function RehomeDialog(props: {
  providerId: string;
  department: DepartmentView;
  /** refs that would create a cycle (the department and its descendants) */
  excludedRefs: Set<string>;
  adminGroups: AdminGroup[];
  onClose: () => void;
  /** after the re-home: close, reload the list */
  onSaved: () => void;
}) {
  const {
    providerId,
    department,
    excludedRefs,
    adminGroups,
    onClose,
    onSaved,
  } = props;
  const api = useApi(paycorSyncApiRef);
  const groups = useGroupOptions(true, adminGroups);
  const [parent, setParent] = useState(department.override?.parent ?? '');
  const [note, setNote] = useState(department.override?.note ?? '');
  const save = useFormAction({
    schema: setParentRequestSchema,
    fields: ['parent', 'note'],
    run: request => api.setDepartmentParent(providerId, department.id, request),
    successMessage: saved =>
      `${department.name} is now under ${
        saved.override?.parent ?? saved.effectiveParentRef
      }. ${REAPPLY_NOTE}`,
    onSuccess: onSaved,
  });
  const errors = save.fieldErrors;

  const options = useMemo(
    () =>
      groups.options.filter(
        o => !excludedRefs.has(o.entityRef.toLocaleLowerCase('en-US')),
      ),
    [groups.options, excludedRefs],
  );

  const titleId = `rehome-title-${department.id}`;

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <form
        onSubmit={event => {
          event.preventDefault();
          save.submit({ parent, note: note.trim() ? note : undefined });
        }}
        noValidate
      >
        <DialogTitle id={titleId}>Re-home {department.name}</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Choose the Group {department.name} belongs under. The choice is kept
            by Paycor department id and survives every later sync until you undo
            it. Its Paycor parent is{' '}
            {department.paycorParentRef ?? 'the organization'}.
          </DialogContentText>
          <GroupPicker
            label="Parent group"
            value={parent}
            onChange={setParent}
            options={options}
            loading={groups.loading}
            loadError={groups.error}
            error={errors.parent}
            helperText="Any Group in the catalog, including hand-written ones"
            // a dialog moves focus to its first field (WAI-ARIA dialog pattern)
            // eslint-disable-next-line jsx-a11y/no-autofocus
            autoFocus
            required
          />
          <TextField
            label="Note (optional)"
            value={note}
            onChange={event => setNote(event.target.value)}
            fullWidth
            multiline
            minRows={2}
            margin="dense"
            variant="outlined"
            error={Boolean(errors.note)}
            helperText={errors.note ?? 'Why, for the next admin'}
          />
          {save.error !== undefined && (
            <InlineError prefix="Could not re-home" error={save.error} />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={save.pending}
          >
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
