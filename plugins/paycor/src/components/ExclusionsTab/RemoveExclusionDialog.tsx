import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { Exclusion } from '@paycor-backstage/plugin-paycor-common';
import { paycorSyncApiRef } from '../../api';
import { useFormAction } from '../../hooks/useFormAction';
import { ConfirmDialog } from '../shared';

/** Asks before syncing an excluded person again. */
export function RemoveExclusionDialog(props: {
  providerId: string;
  exclusion: Exclusion;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const { providerId, exclusion, onClose, onRemoved } = props;
  const api = useApi(paycorSyncApiRef);
  const remove = useFormAction({
    run: () => api.removeExclusion(providerId, exclusion.id),
    successMessage: () =>
      `Removed the exclusion of ${exclusion.value}; the next run syncs them again.`,
    onSuccess: onRemoved,
  });
  return (
    <ConfirmDialog
      title={`Sync ${exclusion.value} again?`}
      confirmLabel="Remove exclusion"
      action={remove}
      onConfirm={() => remove.submit()}
      onClose={onClose}
    >
      <Typography variant="body2">
        The next run creates their User again if Paycor and the filters still
        select them.
      </Typography>
    </ConfirmDialog>
  );
}
