import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import Alert from '@material-ui/lab/Alert';
import {
  AdminGroup,
  DepartmentView,
} from '@paycor-backstage/plugin-paycor-common';
import { useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { paycorSyncApiRef } from '../../api';
import { usePaycorPermissions } from '../../hooks';
import { PERMISSION_DENIED } from '../../hooks/usePaycorPermissions';
import {
  ConfirmDialog,
  EntityRefOrText,
  GuardedButton,
  InlineError,
  LoadError,
  RefreshButton,
  RelativeTime,
  formatExact,
  plural,
} from '../shared';
import { NewParentGroupDialog } from './NewParentGroupDialog';
import { RehomeDialog } from './RehomeDialog';
import {
  DepartmentRow,
  buildDepartmentTree,
  refsBelow,
} from './departmentTree';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(2),
  },
  section: {
    marginBottom: theme.spacing(2),
  },
  sectionTitle: {
    padding: theme.spacing(1.5, 2),
    borderBottom: `1px solid ${theme.palette.divider}`,
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    padding: theme.spacing(1.25, 2),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:last-child': {
      borderBottom: 'none',
    },
  },
  info: {
    flex: '1 1 420px',
    minWidth: 0,
  },
  line: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  detail: {
    color: theme.palette.text.secondary,
    marginTop: theme.spacing(0.5),
  },
  actions: {
    display: 'flex',
    gap: theme.spacing(1),
    flexShrink: 0,
  },
  problem: {
    marginTop: theme.spacing(1),
  },
}));

const INDENT_PX = 28;

function OverrideProblem(props: { department: DepartmentView }) {
  const { department } = props;
  const target = department.override?.parent ?? 'the chosen Group';
  if (department.overrideProblem === 'target-missing') {
    return (
      <>
        The re-home target {target} is not in the catalog, so {department.name}{' '}
        kept its Paycor parent. Create that Group or re-home elsewhere.
      </>
    );
  }
  return (
    <>
      Re-homing under {target} would make {department.name} its own ancestor, so
      it kept its Paycor parent. Choose another Group.
    </>
  );
}

function DepartmentRowView(props: {
  row: DepartmentRow;
  canManage: boolean;
  busy: boolean;
  onRehome: () => void;
  onUndo: () => void;
}) {
  const { row, canManage, busy, onRehome, onUndo } = props;
  const { department } = row;
  const classes = useStyles();
  const override = department.override;
  const denied = canManage ? undefined : PERMISSION_DENIED.manage;

  return (
    <li
      aria-label={department.name}
      className={classes.row}
      style={{ paddingLeft: 16 + row.depth * INDENT_PX }}
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
          {override ? (
            <>
              Under{' '}
              <EntityRefOrText value={override.parent} defaultKind="group" />
              {override.source === 'config' ? (
                <> · set in app-config (departmentParents)</>
              ) : (
                <>
                  {' '}
                  by{' '}
                  <EntityRefOrText
                    value={override.setBy}
                    defaultKind="user"
                  />{' '}
                  on {formatExact(override.setAt)}
                </>
              )}
              {department.paycorParentRef && (
                <>
                  {' '}
                  · Paycor parent:{' '}
                  <EntityRefOrText
                    value={department.paycorParentRef}
                    defaultKind="group"
                  />
                </>
              )}
              {override.note && <> · “{override.note}”</>}
            </>
          ) : (
            <>Paycor parent</>
          )}
        </Typography>
        {department.overrideProblem && (
          <Alert severity="warning" className={classes.problem}>
            <OverrideProblem department={department} />
          </Alert>
        )}
      </div>
      <div className={classes.actions}>
        <GuardedButton
          size="small"
          variant="outlined"
          onClick={onRehome}
          disabled={busy}
          disabledReason={denied}
        >
          Re-home
        </GuardedButton>
        {override && (
          <GuardedButton
            size="small"
            onClick={onUndo}
            disabled={busy}
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

function AdminGroupsSection(props: {
  groups: AdminGroup[];
  canManage: boolean;
  onDelete: (group: AdminGroup) => void;
}) {
  const { groups, canManage, onDelete } = props;
  const classes = useStyles();
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

type DialogState =
  | { kind: 'rehome'; department: DepartmentView }
  | { kind: 'new-group' }
  | { kind: 'delete-group'; group: AdminGroup }
  | undefined;

/**
 * The department tree of one connection by effective parent, with re-homing,
 * undo, and admin-defined parent groups.
 *
 * @public
 */
export function DepartmentsTab(props: { providerId: string }) {
  const { providerId } = props;
  const classes = useStyles();
  const api = useApi(paycorSyncApiRef);
  const { canManage } = usePaycorPermissions();
  const [dialog, setDialog] = useState<DialogState>();
  const [notice, setNotice] = useState<string>();
  const [undoError, setUndoError] = useState<unknown>();
  const [busyId, setBusyId] = useState<string>();

  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const [departments, adminGroups] = await Promise.all([
      api.listDepartments(providerId),
      api.listAdminGroups(providerId),
    ]);
    return { departments, adminGroups: adminGroups.items };
  }, [api, providerId]);

  const sections = useMemo(
    () => (value ? buildDepartmentTree(value.departments.items) : []),
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
  const reapplyNote =
    'The catalog reflects it after the re-apply run, within seconds.';

  const undo = async (department: DepartmentView) => {
    setBusyId(department.id);
    setUndoError(undefined);
    setNotice(undefined);
    try {
      await api.clearDepartmentParent(providerId, department.id);
      setNotice(
        `${department.name} is back under its Paycor parent. ${reapplyNote}`,
      );
      retry();
    } catch (e) {
      setUndoError(e);
    } finally {
      setBusyId(undefined);
    }
  };

  return (
    <>
      <div className={classes.toolbar}>
        <Typography variant="body2" color="textSecondary">
          {departments.snapshotAt ? (
            <>
              Departments as read from Paycor{' '}
              <RelativeTime value={departments.snapshotAt} />.{' '}
            </>
          ) : null}
          A re-homed department stays under its new parent across syncs until
          you undo it.
        </Typography>
        <div className={classes.actions}>
          <GuardedButton
            variant="outlined"
            color="primary"
            startIcon={<AddIcon />}
            onClick={() => setDialog({ kind: 'new-group' })}
            disabledReason={canManage ? undefined : PERMISSION_DENIED.manage}
          >
            New parent group
          </GuardedButton>
          <RefreshButton label="Refresh departments" onClick={retry} />
        </div>
      </div>

      <div role="status" aria-live="polite">
        {notice && (
          <Alert severity="success" onClose={() => setNotice(undefined)}>
            {notice}
          </Alert>
        )}
      </div>
      {undoError !== undefined && (
        <InlineError prefix="Could not undo the re-home" error={undoError} />
      )}
      {error && <LoadError error={error} title="Could not refresh" />}

      {departments.items.length === 0 ? (
        <Paper className={classes.section}>
          <Typography variant="body2" className={classes.row}>
            No departments yet. They appear after the first successful sync.
          </Typography>
        </Paper>
      ) : (
        sections.map(section => (
          <Paper
            key={section.parentRef ?? '(none)'}
            className={classes.section}
            component="section"
            aria-label={
              section.parentRef
                ? `Under ${section.parentRef}`
                : 'Departments without a Group'
            }
          >
            <div className={classes.sectionTitle}>
              <Typography variant="h6" component="h3">
                {section.parentRef ? (
                  <>
                    Under <EntityRefLink entityRef={section.parentRef} />
                  </>
                ) : (
                  'Not in the catalog (no synced members)'
                )}
              </Typography>
              {section.parentRef &&
                adminRefs.has(section.parentRef.toLocaleLowerCase('en-US')) && (
                  <Chip size="small" label="Defined here" />
                )}
            </div>
            <ul className={classes.list}>
              {section.rows.map(row => (
                <DepartmentRowView
                  key={row.department.id}
                  row={row}
                  canManage={canManage}
                  busy={busyId === row.department.id}
                  onRehome={() =>
                    setDialog({ kind: 'rehome', department: row.department })
                  }
                  onUndo={() => undo(row.department)}
                />
              ))}
            </ul>
          </Paper>
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
          excludedRefs={refsBelow(departments.items, dialog.department.id)}
          adminGroups={adminGroups}
          onClose={() => setDialog(undefined)}
          onSaved={saved => {
            setDialog(undefined);
            setNotice(
              `${dialog.department.name} is now under ${
                saved.override?.parent ?? saved.effectiveParentRef
              }. ${reapplyNote}`,
            );
            retry();
          }}
        />
      )}
      {dialog?.kind === 'new-group' && (
        <NewParentGroupDialog
          providerId={providerId}
          adminGroups={adminGroups}
          onClose={() => setDialog(undefined)}
          onCreated={group => {
            setDialog(undefined);
            setNotice(
              `Created ${group.title} (${group.entityRef}). Re-home departments under it; ${reapplyNote}`,
            );
            retry();
          }}
        />
      )}
      {dialog?.kind === 'delete-group' && (
        <ConfirmDialog
          title={`Delete ${dialog.group.title}?`}
          confirmLabel="Delete"
          destructive
          onClose={() => setDialog(undefined)}
          onConfirm={async () => {
            await api.deleteAdminGroup(providerId, dialog.group.name);
            setDialog(undefined);
            setNotice(`Deleted ${dialog.group.title}. ${reapplyNote}`);
            retry();
          }}
        >
          <Typography variant="body2">
            The sync stops emitting {dialog.group.entityRef}. A group that
            departments are still re-homed under cannot be deleted: undo those
            re-homes first.
          </Typography>
        </ConfirmDialog>
      )}
    </>
  );
}
