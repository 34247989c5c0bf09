import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import {
  AdminGroup,
  adminGroupRequestSchema,
} from '@paycor-backstage/plugin-paycor-common';
import { useState } from 'react';
import { paycorSyncApiRef } from '../../api';
import { useFormAction } from '../../hooks/useFormAction';
import { useGroupOptions } from '../../hooks/useGroupOptions';
import { InlineError, TextField } from '../shared';
import { GroupPicker } from './GroupPicker';
import { REAPPLY_NOTE } from './styles';

/** "Product & Engineering" → "product-engineering" */
export function suggestGroupName(title: string): string {
  return title
    .toLocaleLowerCase('en-US')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/g, '');
}

/**
 * Creates an admin-defined parent group (e.g. a division) that the sync emits
 * and departments can be re-homed under.
 */
export function NewParentGroupDialog(props: {
  providerId: string;
  adminGroups: AdminGroup[];
  onClose: () => void;
  /** after the group is created: close, reload the list */
  onCreated: () => void;
}) {
  const { providerId, adminGroups, onClose, onCreated } = props;
  const api = useApi(paycorSyncApiRef);
  const groups = useGroupOptions(true, adminGroups);
  const [title, setTitle] = useState('');
  const [name, setName] = useState('');
  const [nameEdited, setNameEdited] = useState(false);
  const [description, setDescription] = useState('');
  const [type, setType] = useState('division');
  const [parent, setParent] = useState('');
  const create = useFormAction({
    schema: adminGroupRequestSchema,
    fields: ['title', 'name', 'type', 'description', 'parent'],
    run: request => api.createAdminGroup(providerId, request),
    successMessage: group =>
      `Created ${group.title} (${group.entityRef}). Re-home departments under it; ${REAPPLY_NOTE}`,
    onSuccess: onCreated,
  });
  const errors = create.fieldErrors;

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby="new-parent-group-title"
      fullWidth
      maxWidth="sm"
    >
      <form
        onSubmit={event => {
          event.preventDefault();
          create.submit({
            name,
            title,
            description: description.trim() ? description : undefined,
            parent: parent.trim() ? parent : undefined,
            type: type.trim() ? type : undefined,
          });
        }}
        noValidate
      >
        <DialogTitle id="new-parent-group-title">New parent group</DialogTitle>
        <DialogContent>
          <DialogContentText>
            A Group Paycor does not know, such as a division above several
            departments. The sync emits it; then re-home departments under it.
          </DialogContentText>
          <TextField
            label="Title"
            value={title}
            onChange={event => {
              setTitle(event.target.value);
              if (!nameEdited) setName(suggestGroupName(event.target.value));
            }}
            // a dialog moves focus to its first field (WAI-ARIA dialog pattern)
            // eslint-disable-next-line jsx-a11y/no-autofocus
            autoFocus
            required
            fullWidth
            margin="dense"
            variant="outlined"
            error={Boolean(errors.title)}
            helperText={errors.title ?? 'e.g. Product & Engineering'}
          />
          <TextField
            label="Entity name"
            value={name}
            onChange={event => {
              setName(event.target.value);
              setNameEdited(true);
            }}
            required
            fullWidth
            margin="dense"
            variant="outlined"
            error={Boolean(errors.name)}
            helperText={errors.name ?? 'The Group becomes group:default/<name>'}
          />
          <TextField
            label="Type"
            value={type}
            onChange={event => setType(event.target.value)}
            fullWidth
            margin="dense"
            variant="outlined"
            error={Boolean(errors.type)}
            helperText={errors.type ?? 'spec.type of the Group, e.g. division'}
          />
          <TextField
            label="Description"
            value={description}
            onChange={event => setDescription(event.target.value)}
            fullWidth
            multiline
            minRows={2}
            margin="dense"
            variant="outlined"
            error={Boolean(errors.description)}
            helperText={errors.description}
          />
          <GroupPicker
            label="Parent (optional)"
            value={parent}
            onChange={setParent}
            options={groups.options}
            loading={groups.loading}
            loadError={groups.error}
            error={errors.parent}
            helperText="Defaults to the organization Group"
          />
          {create.error !== undefined && (
            <InlineError
              prefix="Could not create the group"
              error={create.error}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={create.pending}
          >
            Create
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
