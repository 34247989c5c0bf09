import Tooltip from '@material-ui/core/Tooltip';
import { formatExact, splitAtInstants } from './formatting';

/**
 * A sentence from the backend with the instants in it shown as local date
 * and time (the exact ISO value on hover): a health reason reads "Last sync
 * succeeded at Dec 6, 2026, 2:30:41 PM." rather than in UTC ISO form.
 */
export function TextWithTimes(props: { text: string }) {
  return (
    <>
      {splitAtInstants(props.text).map((part, i) =>
        typeof part === 'string' ? (
          part
        ) : (
          <Tooltip key={i} title={part.iso}>
            <time dateTime={part.iso}>{formatExact(part.iso)}</time>
          </Tooltip>
        ),
      )}
    </>
  );
}
