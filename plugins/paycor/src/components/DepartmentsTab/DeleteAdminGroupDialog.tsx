import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { AdminGroup } from '@paycor-backstage/plugin-paycor-common';
import { paycorSyncApiRef } from '../../api';
import { useFormAction } from '../../hooks/useFormAction';
import { ConfirmDialog } from '../shared';
import { REAPPLY_NOTE } from './styles';

/**
 * Deletes an admin-defined group after confirmation. The server refuses
 * while departments are re-homed under it; the dialog then shows why.
 */
export function DeleteAdminGroupDialog(props: {
  providerId: string;
  group: AdminGroup;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { providerId, group, onClose, onDeleted } = props;
  const api = useApi(paycorSyncApiRef);
  const action = useFormAction({
    run: () => api.deleteAdminGroup(providerId, group.name),
    successMessage: () => `Deleted ${group.title}. ${REAPPLY_NOTE}`,
    onSuccess: onDeleted,
  });
  return (
    <ConfirmDialog
      title={`Delete ${group.title}?`}
      confirmLabel="Delete"
      destructive
      action={action}
      onConfirm={() => action.submit()}
      onClose={onClose}
    >
      <Typography variant="body2">
        The sync stops emitting {group.entityRef}. A group that departments are
        still re-homed under cannot be deleted: undo those re-homes first.
      </Typography>
    </ConfirmDialog>
  );
}
