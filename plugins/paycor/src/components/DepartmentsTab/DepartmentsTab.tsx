import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import {
  AdminGroup,
  DepartmentView,
} from '@paycor-backstage/plugin-paycor-common';
import { useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { paycorSyncApiRef } from '../../api';
import { usePaycorPermissions } from '../../hooks';
import { LoadError } from '../shared';
import { AdminGroupsSection } from './AdminGroupsSection';
import { DeleteAdminGroupDialog } from './DeleteAdminGroupDialog';
import { DepartmentSectionCard } from './DepartmentSectionCard';
import { DepartmentsToolbar } from './DepartmentsToolbar';
import { NewParentGroupDialog } from './NewParentGroupDialog';
import { RehomeDialog } from './RehomeDialog';
import { departmentSections, subtreeRefs } from './departmentSections';
import { useDepartmentsStyles } from './styles';

type OpenDialog =
  | { kind: 'rehome'; department: DepartmentView }
  | { kind: 'new-group' }
  | { kind: 'delete-group'; group: AdminGroup }
  | undefined;

/**
 * The department tree of one connection by effective parent, as the server
 * orders it, with re-homing, undo, and admin-defined parent groups.
 */
export function DepartmentsTab(props: { providerId: string }) {
  const { providerId } = props;
  const classes = useDepartmentsStyles();
  const api = useApi(paycorSyncApiRef);
  const { canManage } = usePaycorPermissions();
  const [dialog, setDialog] = useState<OpenDialog>();

  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const [departments, adminGroups] = await Promise.all([
      api.listDepartments(providerId),
      api.listAdminGroups(providerId),
    ]);
    return { departments, adminGroups: adminGroups.items };
  }, [api, providerId]);

  const sections = useMemo(
    () => (value ? departmentSections(value.departments) : []),
    [value],
  );
  const adminRefs = useMemo(
    () =>
      new Set(
        (value?.adminGroups ?? []).map(g =>
          g.entityRef.toLocaleLowerCase('en-US'),
        ),
      ),
    [value],
  );

  if (loading && !value) {
    return <Progress />;
  }
  if (error && !value) {
    return <LoadError error={error} title="Could not load the departments" />;
  }
  if (!value) {
    return null;
  }

  const { departments, adminGroups } = value;
  const closeAndReload = () => {
    setDialog(undefined);
    retry();
  };

  return (
    <>
      <DepartmentsToolbar
        snapshotAt={departments.snapshotAt}
        canManage={canManage}
        onNewGroup={() => setDialog({ kind: 'new-group' })}
        onRefresh={retry}
      />
      {error && <LoadError error={error} title="Could not refresh" />}

      {sections.length === 0 ? (
        <Paper className={classes.section}>
          <Typography variant="body2" className={classes.row}>
            No departments yet. They appear after the first successful sync.
          </Typography>
        </Paper>
      ) : (
        sections.map(section => (
          <DepartmentSectionCard
            key={section.parentRef ?? ''}
            providerId={providerId}
            section={section}
            definedHere={
              !!section.parentRef &&
              adminRefs.has(section.parentRef.toLocaleLowerCase('en-US'))
            }
            canManage={canManage}
            onRehome={department => setDialog({ kind: 'rehome', department })}
            onChanged={retry}
          />
        ))
      )}

      <AdminGroupsSection
        groups={adminGroups}
        canManage={canManage}
        onDelete={group => setDialog({ kind: 'delete-group', group })}
      />

      {dialog?.kind === 'rehome' && (
        <RehomeDialog
          providerId={providerId}
          department={dialog.department}
          excludedRefs={subtreeRefs(sections, dialog.department.id)}
          adminGroups={adminGroups}
          onClose={() => setDialog(undefined)}
          onSaved={closeAndReload}
        />
      )}
      {dialog?.kind === 'new-group' && (
        <NewParentGroupDialog
          providerId={providerId}
          adminGroups={adminGroups}
          onClose={() => setDialog(undefined)}
          onCreated={closeAndReload}
        />
      )}
      {dialog?.kind === 'delete-group' && (
        <DeleteAdminGroupDialog
          providerId={providerId}
          group={dialog.group}
          onClose={() => setDialog(undefined)}
          onDeleted={closeAndReload}
        />
      )}
    </>
  );
}
