import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import { AdminGroup } from '@paycor-backstage/plugin-paycor-common';
import { PERMISSION_DENIED } from '../../hooks/usePaycorPermissions';
import { EntityRefOrText, GuardedButton, RelativeTime } from '../shared';
import { useDepartmentsStyles } from './styles';

/** The parent groups admins defined for this connection, each deletable. */
export function AdminGroupsSection(props: {
  groups: AdminGroup[];
  canManage: boolean;
  onDelete: (group: AdminGroup) => void;
}) {
  const { groups, canManage, onDelete } = props;
  const classes = useDepartmentsStyles();
  return (
    <Paper
      className={classes.section}
      component="section"
      aria-labelledby="paycor-admin-groups"
    >
      <div className={classes.sectionTitle}>
        <Typography variant="h6" component="h3" id="paycor-admin-groups">
          Parent groups defined here
        </Typography>
      </div>
      {groups.length === 0 ? (
        <Typography variant="body2" className={classes.row}>
          None yet. Create one with “New parent group” to build a level above
          the Paycor departments.
        </Typography>
      ) : (
        <ul className={classes.list}>
          {groups.map(group => (
            <li
              key={group.name}
              aria-label={group.title}
              className={classes.row}
            >
              <div className={classes.info}>
                <div className={classes.line}>
                  <Typography variant="subtitle1" component="span">
                    <EntityRefLink entityRef={group.entityRef}>
                      {group.title}
                    </EntityRefLink>
                  </Typography>
                  <Chip size="small" variant="outlined" label={group.type} />
                </div>
                <Typography variant="body2" className={classes.detail}>
                  {group.entityRef} · under{' '}
                  {group.parent ? (
                    <EntityRefOrText value={group.parent} defaultKind="group" />
                  ) : (
                    'the organization'
                  )}{' '}
                  · created by{' '}
                  <EntityRefOrText value={group.createdBy} defaultKind="user" />{' '}
                  <RelativeTime value={group.createdAt} />
                  {group.description ? ` · ${group.description}` : ''}
                </Typography>
              </div>
              <div className={classes.actions}>
                <GuardedButton
                  size="small"
                  startIcon={<DeleteIcon />}
                  aria-label={`Delete ${group.title}`}
                  onClick={() => onDelete(group)}
                  disabledReason={
                    canManage ? undefined : PERMISSION_DENIED.manage
                  }
                >
                  Delete
                </GuardedButton>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Paper>
  );
}
