import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { DepartmentView } from '@paycor-backstage/plugin-paycor-common';
import { paycorSyncApiRef } from '../../api';
import { useFormAction } from '../../hooks/useFormAction';
import { PERMISSION_DENIED } from '../../hooks/usePaycorPermissions';
import { GuardedButton, InlineError, plural } from '../shared';
import { OverrideProblem } from './OverrideProblem';
import { ParentDetails } from './ParentDetails';
import { INDENT_PX, REAPPLY_NOTE, useDepartmentsStyles } from './styles';

/**
 * One department in the tree, indented by its depth: what it is, where it
 * hangs, and the buttons to re-home it or undo its re-home.
 */
export function DepartmentRow(props: {
  providerId: string;
  department: DepartmentView;
  depth: number;
  canManage: boolean;
  onRehome: () => void;
  /** after an undo: reload the list */
  onChanged: () => void;
}) {
  const { providerId, department, depth, canManage, onRehome, onChanged } =
    props;
  const classes = useDepartmentsStyles();
  const api = useApi(paycorSyncApiRef);
  const undo = useFormAction({
    run: () => api.clearDepartmentParent(providerId, department.id),
    successMessage: () =>
      `${department.name} is back under its Paycor parent. ${REAPPLY_NOTE}`,
    onSuccess: onChanged,
  });
  const override = department.override;
  const denied = canManage ? undefined : PERMISSION_DENIED.manage;

  return (
    <li
      aria-label={department.name}
      className={classes.row}
      style={{ paddingLeft: 16 + depth * INDENT_PX }}
    >
      <div className={classes.info}>
        <div className={classes.line}>
          <Typography variant="subtitle1" component="span">
            {department.entityRef ? (
              <EntityRefLink entityRef={department.entityRef}>
                {department.name}
              </EntityRefLink>
            ) : (
              department.name
            )}
          </Typography>
          {department.code && (
            <Chip size="small" variant="outlined" label={department.code} />
          )}
          <Typography variant="body2" color="textSecondary" component="span">
            {plural(department.memberCount, 'member')}
          </Typography>
          {department.state !== 'synced' && (
            <Chip
              size="small"
              label={
                department.state === 'empty'
                  ? 'Empty: no Group'
                  : 'Filtered: no Group'
              }
            />
          )}
          {override && <Chip size="small" color="secondary" label="Re-homed" />}
        </div>
        <Typography variant="body2" component="div" className={classes.detail}>
          <ParentDetails department={department} />
        </Typography>
        {department.overrideProblem && (
          <Alert severity="warning" className={classes.problem}>
            <OverrideProblem department={department} />
          </Alert>
        )}
        {undo.error !== undefined && (
          <div className={classes.problem}>
            <InlineError
              prefix="Could not undo the re-home"
              error={undo.error}
            />
          </div>
        )}
      </div>
      <div className={classes.actions}>
        <GuardedButton
          size="small"
          variant="outlined"
          onClick={onRehome}
          disabled={undo.pending}
          disabledReason={denied}
        >
          Re-home
        </GuardedButton>
        {override && (
          <GuardedButton
            size="small"
            onClick={() => undo.submit()}
            disabled={undo.pending}
            disabledReason={
              denied ??
              (override.source === 'config'
                ? 'Set in app-config (departmentParents); change it there'
                : undefined)
            }
          >
            Undo re-home
          </GuardedButton>
        )}
      </div>
    </li>
  );
}
