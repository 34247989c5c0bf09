import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { paycorSyncApiRef } from '../../api';
import { usePaycorPageLink } from '../../hooks';
import { errorMessage } from '../shared';

/**
 * "3 joining, 2 leaving in the next 7 days": the dated changes ahead, as a
 * link to their list on the People tab. Read again after each sync.
 */
export function UpcomingLine(props: {
  providerId: string;
  days: number;
  /** changes when a sync finished: the line is read again */
  refreshKey?: string;
}) {
  const { providerId, days, refreshKey } = props;
  const api = useApi(paycorSyncApiRef);
  const pageLink = usePaycorPageLink();
  const { value, loading, error } = useAsync(
    () => api.getUpcoming(providerId, { days, limit: 1 }),
    [api, providerId, days, refreshKey],
  );
  if (loading && !value) return <>…</>;
  if (error || !value) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        Unknown ({errorMessage(error)})
      </Typography>
    );
  }
  return (
    <Link
      to={pageLink({ provider: providerId, tab: 'people', view: 'upcoming' })}
    >
      {value.joining} joining, {value.leaving} leaving in the next {days} days
    </Link>
  );
}
