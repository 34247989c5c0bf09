import Tooltip from '@material-ui/core/Tooltip';
import { formatExact, formatRelative } from './formatting';

/**
 * A relative time ("5 minutes ago") with the exact time on hover.
 */
export function RelativeTime(props: { value?: string; fallback?: string }) {
  const { value, fallback = '—' } = props;
  if (!value) {
    return <>{fallback}</>;
  }
  return (
    <Tooltip title={formatExact(value)}>
      <time dateTime={value}>{formatRelative(value)}</time>
    </Tooltip>
  );
}
