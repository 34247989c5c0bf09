import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import { PERMISSION_DENIED } from '../../hooks/usePaycorPermissions';
import { GuardedButton, RefreshButton, RelativeTime } from '../shared';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(2),
  },
  actions: {
    display: 'flex',
    gap: theme.spacing(1),
    flexShrink: 0,
  },
}));

/** When the departments were read, and the tab's actions. */
export function DepartmentsToolbar(props: {
  snapshotAt?: string;
  canManage: boolean;
  onNewGroup: () => void;
  onRefresh: () => void;
}) {
  const { snapshotAt, canManage, onNewGroup, onRefresh } = props;
  const classes = useStyles();
  return (
    <div className={classes.toolbar}>
      <Typography variant="body2" color="textSecondary">
        {snapshotAt ? (
          <>
            Departments as read from Paycor <RelativeTime value={snapshotAt} />.{' '}
          </>
        ) : null}
        A re-homed department stays under its new parent across syncs until you
        undo it.
      </Typography>
      <div className={classes.actions}>
        <GuardedButton
          variant="outlined"
          color="primary"
          startIcon={<AddIcon />}
          onClick={onNewGroup}
          disabledReason={canManage ? undefined : PERMISSION_DENIED.manage}
        >
          New parent group
        </GuardedButton>
        <RefreshButton label="Refresh departments" onClick={onRefresh} />
      </div>
    </div>
  );
}
