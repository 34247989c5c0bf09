import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { TextField } from './TextField';
import { ReactNode, useId, useState } from 'react';
import { InlineError } from './States';

/**
 * Asks before an action, optionally with a note, and shows the server's
 * message when the action fails (the dialog then stays open).
 */
export function ConfirmDialog(props: {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** offers a note field, focused first */
  withNote?: boolean;
  noteLabel?: string;
  /** validates the note; returns an error message or undefined */
  validateNote?: (note: string) => string | undefined;
  destructive?: boolean;
  onConfirm: (note: string | undefined) => Promise<void>;
  onClose: () => void;
}) {
  const {
    title,
    children,
    confirmLabel,
    withNote,
    noteLabel = 'Note (optional)',
    validateNote,
    destructive,
    onConfirm,
    onClose,
  } = props;
  const titleId = useId();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const confirm = async () => {
    const trimmed = note.trim() ? note.trim() : undefined;
    const problem = trimmed && validateNote ? validateNote(trimmed) : undefined;
    if (problem) {
      setNoteError(problem);
      return;
    }
    setNoteError(undefined);
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm(trimmed);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

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
          confirm();
        }}
        noValidate
      >
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          {children}
          {withNote && (
            <TextField
              label={noteLabel}
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
              error={Boolean(noteError)}
              helperText={noteError}
            />
          )}
          {error !== undefined && <InlineError error={error} />}
        </DialogContent>
        <DialogActions>
          {/* a dialog moves focus into itself (WAI-ARIA dialog pattern) */}
          {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
          <Button onClick={onClose} autoFocus={!withNote}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="contained"
            color={destructive ? 'secondary' : 'primary'}
            disabled={busy}
          >
            {confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
