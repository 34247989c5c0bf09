import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import {
  Approval,
  approvalDecisionRequestSchema,
} from '@paycor-backstage/plugin-paycor-common';
import { useState } from 'react';
import { paycorSyncApiRef } from '../../api';
import { useFormAction } from '../../hooks/useFormAction';
import { ConfirmDialog, TextField, plural } from '../shared';

/** `approve` or `reject` the removals of a held run. */
export type Decision = 'approve' | 'reject';

/**
 * Confirms a decision on a held run, with an optional note for the record.
 * Approving is the destructive one: the removals then happen.
 */
export function DecisionDialog(props: {
  providerId: string;
  approval: Approval;
  decision: Decision;
  onClose: () => void;
  /** after the decision: close, reload the list */
  onDecided: () => void;
}) {
  const { providerId, approval, decision, onClose, onDecided } = props;
  const api = useApi(paycorSyncApiRef);
  const [note, setNote] = useState('');
  const removals = plural(approval.removalCount, 'entity', 'entities');
  const approve = decision === 'approve';
  const decide = useFormAction({
    schema: approvalDecisionRequestSchema,
    fields: ['note'],
    run: request => api.decideApproval(providerId, approval.runId, request),
    successMessage: () =>
      approve
        ? `Approved: ${removals} will be removed by an approval run.`
        : 'Rejected: nothing is removed. Fix the cause (filters, Paycor data) before the next run.',
    onSuccess: onDecided,
  });

  return (
    <ConfirmDialog
      title={`${approve ? 'Approve' : 'Reject'} the removals of run ${
        approval.runId
      }?`}
      confirmLabel={approve ? 'Approve removals' : 'Reject removals'}
      destructive={approve}
      action={decide}
      onConfirm={() =>
        decide.submit({ decision, note: note.trim() ? note.trim() : undefined })
      }
      onClose={onClose}
      hasField
    >
      <Typography variant="body2">
        {approve
          ? `${removals} will be removed from the catalog. People removed by mistake lose access to Backstage.`
          : 'The removals are dropped and the catalog keeps these entities. A later run that would remove them is held again.'}
      </Typography>
      <TextField
        label="Note (optional)"
        value={note}
        onChange={event => setNote(event.target.value)}
        // a dialog moves focus to its first field (WAI-ARIA dialog pattern)
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
        fullWidth
        multiline
        minRows={2}
        margin="dense"
        variant="outlined"
        error={Boolean(decide.fieldErrors.note)}
        helperText={decide.fieldErrors.note}
      />
    </ConfirmDialog>
  );
}
