import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import RefreshIcon from '@material-ui/icons/Refresh';

/** A named refresh icon button. */
export function RefreshButton(props: { label: string; onClick: () => void }) {
  return (
    <Tooltip title={props.label}>
      <IconButton aria-label={props.label} onClick={props.onClick}>
        <RefreshIcon />
      </IconButton>
    </Tooltip>
  );
}
