import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { ReactNode, useId } from 'react';
import { InlineError } from './States';

/**
 * Asks before an action. The caller owns the action (`useFormAction`): the
 * dialog shows its pending state and the failure no field explains, and
 * stays open until the caller closes it.
 */
export function ConfirmDialog(props: {
  title: string;
  /** what will happen, and any field the confirmation takes */
  children?: ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  action: { pending: boolean; error: unknown };
  onConfirm: () => void;
  onClose: () => void;
  /** `children` hold a field that takes the focus; otherwise Cancel does */
  hasField?: boolean;
}) {
  const {
    title,
    children,
    confirmLabel,
    destructive,
    action,
    onConfirm,
    onClose,
    hasField,
  } = props;
  const titleId = useId();

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
          onConfirm();
        }}
        noValidate
      >
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          {children}
          {action.error !== undefined && <InlineError error={action.error} />}
        </DialogContent>
        <DialogActions>
          {/* a dialog moves focus into itself (WAI-ARIA dialog pattern) */}
          {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
          <Button onClick={onClose} autoFocus={!hasField}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="contained"
            color={destructive ? 'secondary' : 'primary'}
            disabled={action.pending}
          >
            {confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
