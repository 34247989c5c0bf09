import Button, { ButtonProps } from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';

/**
 * A button that is disabled, with a tooltip saying why, when `disabledReason`
 * is set (missing permission, a run in progress…).
 */
export function GuardedButton(
  props: ButtonProps & { disabledReason?: string },
) {
  const { disabledReason, disabled, ...rest } = props;
  if (!disabledReason) {
    return <Button {...rest} disabled={disabled} />;
  }
  return (
    <Tooltip title={disabledReason}>
      {/* a disabled button fires no events; the span carries the tooltip */}
      <span>
        <Button {...rest} disabled />
      </span>
    </Tooltip>
  );
}
