import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { LiveUpdatesStatus } from '@paycor-backstage/plugin-paycor-common';
import { RelativeTime } from '../shared';

/**
 * Whether Paycor's event notifications update the catalog live, when the
 * last one arrived and today's counts (UTC day); a warning instead when they
 * are on but none arrive (the backend says why; it cannot tell whether
 * another instance receives them, so the warning does not claim none can).
 */
export function LiveUpdatesLine(props: { status?: LiveUpdatesStatus }) {
  const { status } = props;
  if (!status?.enabled) {
    return (
      <Typography variant="body2" color="textSecondary">
        Off: changes arrive with the next sync (events.enabled)
      </Typography>
    );
  }
  if (status.problem) {
    return (
      <Alert severity="warning" role="note">
        On, but no events are arriving. {status.problem}
      </Alert>
    );
  }
  const { today } = status;
  const extra = [
    today.fullSync > 0 ? `${today.fullSync} handed to a full sync` : '',
    today.duplicates > 0 ? `${today.duplicates} duplicates` : '',
    today.failed > 0 ? `${today.failed} failed` : '',
  ].filter(Boolean);
  return (
    <>
      <Typography variant="body2">
        On · last event{' '}
        <RelativeTime value={status.lastEventAt} fallback="none yet" />
      </Typography>
      <Typography variant="caption" color="textSecondary">
        Today: {today.applied} applied, {today.ignored} ignored, {today.refused}{' '}
        refused
        {extra.length > 0 ? ` (${extra.join(', ')})` : ''}
      </Typography>
    </>
  );
}
