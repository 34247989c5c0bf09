import {
  Entity,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InfoCard, InfoCardVariants, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  EntityRefLink,
  MissingAnnotationEmptyState,
  catalogApiRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Divider from '@material-ui/core/Divider';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import LinkIcon from '@material-ui/icons/Link';
import LockIcon from '@material-ui/icons/Lock';
import {
  PAYCOR_ANNOTATIONS,
  PAYCOR_MANAGED_FIELDS,
  REPORTING_LINE_END_TITLES,
  ReportingLineEndReason,
  isPaycorEntity,
} from '@paycor-backstage/plugin-paycor-common';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { paycorSyncApiRef } from '../../api';
import { usePaycorPageLink } from '../../hooks';
import { Facts, RelativeTime, errorMessage } from '../shared';

const useStyles = makeStyles(theme => ({
  title: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  divider: {
    margin: theme.spacing(2, 0),
  },
  managed: {
    listStyle: 'none',
    margin: theme.spacing(1, 0),
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 2),
    '& li': {
      display: 'inline-flex',
      alignItems: 'center',
      gap: theme.spacing(0.5),
      fontFamily: 'monospace',
      fontSize: theme.typography.body2.fontSize,
    },
  },
  lock: {
    fontSize: '1rem',
    color: theme.palette.text.secondary,
  },
}));

const PARENT_SOURCE_TITLES: Record<string, string> = {
  paycor: 'Paycor department hierarchy',
  override: 'Re-homed by an admin',
  organization: 'Top level: under the organization Group',
};

/**
 * Props of {@link EntityPaycorCard}.
 *
 * @public
 */
export interface EntityPaycorCardProps {
  /** card title, "Paycor" by default */
  title?: string;
  variant?: InfoCardVariants;
}

function groupFields() {
  return [
    'kind',
    'metadata.name',
    'metadata.namespace',
    'metadata.title',
    'spec.profile.displayName',
  ];
}

/** The Group of a Paycor department id, else the User's first memberOf. */
function useDepartmentGroup(entity: Entity, departmentId?: string) {
  const catalogApi = useApi(catalogApiRef);
  const memberOf = entity.relations
    ?.filter(r => r.type === RELATION_MEMBER_OF)
    .map(r => r.targetRef);
  return useAsync(async () => {
    if (departmentId) {
      const { items } = await catalogApi.getEntities({
        filter: {
          kind: 'group',
          [`metadata.annotations.${PAYCOR_ANNOTATIONS.departmentId}`]:
            departmentId,
        },
        fields: groupFields(),
      });
      if (items.length > 0) {
        return stringifyEntityRef(items[0]);
      }
    }
    return memberOf?.[0];
  }, [catalogApi, departmentId, memberOf?.join(',')]);
}

/** The manager's User, found by their Paycor employee id. */
function useManager(managerId?: string) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async () => {
    if (!managerId) return undefined;
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'user',
        [`metadata.annotations.${PAYCOR_ANNOTATIONS.employeeId}`]: managerId,
      },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'spec.profile.displayName',
      ],
    });
    return items[0] ? stringifyEntityRef(items[0]) : undefined;
  }, [catalogApi, managerId]);
}

function useLastSynced(providerId?: string) {
  const api = useApi(paycorSyncApiRef);
  return useAsync(async () => {
    if (!providerId) return undefined;
    return (await api.getProvider(providerId)).lastSuccessAt;
  }, [api, providerId]);
}

function LastSynced(props: { state: ReturnType<typeof useLastSynced> }) {
  const { loading, error, value } = props.state;
  if (loading) return <>…</>;
  if (error) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        Unknown ({errorMessage(error)})
      </Typography>
    );
  }
  return <RelativeTime value={value} fallback="Never" />;
}

function ManagedFields(props: { kind: 'User' | 'Group' }) {
  const classes = useStyles();
  const fields = PAYCOR_MANAGED_FIELDS[props.kind];
  return (
    <section aria-labelledby="paycor-managed-fields">
      <Typography variant="subtitle2" component="h3" id="paycor-managed-fields">
        Managed by Paycor
      </Typography>
      <Typography variant="body2" color="textSecondary">
        These fields come from Paycor and are locked: edits made elsewhere are
        overwritten by the next sync. Change them in Paycor.
      </Typography>
      <ul className={classes.managed} aria-label="Fields managed by Paycor">
        {fields.map(field => (
          <li key={field}>
            <LockIcon className={classes.lock} titleAccess="locked" />
            {field}
          </li>
        ))}
      </ul>
      <Typography variant="body2" color="textSecondary">
        Everything else is Backstage's to edit:{' '}
        {props.kind === 'Group'
          ? 'links, picture, description, annotations outside paycor.com/…, and any other field.'
          : 'links, picture, annotations outside paycor.com/…, and any other field.'}
      </Typography>
    </section>
  );
}

/**
 * What Paycor says about a synced User or Group: ids, department, job,
 * manager, when it was last synced, and which fields Paycor manages.
 * Mount it under `<EntitySwitch.Case if={isPaycorEntity}>`.
 *
 * @public
 */
export function EntityPaycorCard(props: EntityPaycorCardProps) {
  const { title = 'Paycor', variant } = props;
  const { entity } = useEntity();
  const classes = useStyles();
  const annotations = entity.metadata.annotations ?? {};
  const paycor = isPaycorEntity(entity);
  const providerId = annotations[PAYCOR_ANNOTATIONS.providerId];
  const isUser = entity.kind === 'User';
  const departmentId = annotations[PAYCOR_ANNOTATIONS.departmentId];
  const managerId = annotations[PAYCOR_ANNOTATIONS.managerEmployeeId];
  // the manager's User as the sync wrote it: no lookup needed
  const managerRef = annotations[PAYCOR_ANNOTATIONS.managerRef];

  const department = useDepartmentGroup(
    entity,
    paycor && isUser ? departmentId : undefined,
  );
  const manager = useManager(
    paycor && isUser && !managerRef ? managerId : undefined,
  );
  const lastSynced = useLastSynced(paycor ? providerId : undefined);
  const pageLink = usePaycorPageLink();

  const heading = (
    <span className={classes.title}>
      <LinkIcon aria-hidden="true" />
      {title}
    </span>
  );

  if (!paycor) {
    return (
      <InfoCard
        title={title}
        variant={variant}
        titleTypographyProps={{ component: 'h2' }}
      >
        <MissingAnnotationEmptyState
          annotation={PAYCOR_ANNOTATIONS.providerId}
        />
      </InfoCard>
    );
  }

  let items: Array<{ label: string; value: ReactNode | undefined }>;
  if (isUser) {
    let departmentValue: ReactNode = departmentId;
    if (department.value) {
      departmentValue = <EntityRefLink entityRef={department.value} />;
    } else if (department.loading) {
      departmentValue = departmentId ?? '…';
    }
    let managerValue: ReactNode = undefined;
    const lineEnd = annotations[PAYCOR_ANNOTATIONS.reportingLineEnd];
    if (managerRef) {
      managerValue = <EntityRefLink entityRef={managerRef} />;
    } else if (managerId) {
      if (manager.loading) managerValue = '…';
      else if (manager.value)
        managerValue = <EntityRefLink entityRef={manager.value} />;
      else
        managerValue = (
          <Tooltip
            title={
              annotations[PAYCOR_ANNOTATIONS.reportingLineNote] ??
              'No User in the catalog has this Paycor employee id'
            }
          >
            <span>
              {managerId} (
              {lineEnd
                ? REPORTING_LINE_END_TITLES[
                    lineEnd as ReportingLineEndReason
                  ] ?? lineEnd
                : 'not in the catalog'}
              )
            </span>
          </Tooltip>
        );
    }
    items = [
      {
        label: 'Employee id',
        value: annotations[PAYCOR_ANNOTATIONS.employeeId],
      },
      {
        label: 'Employee number',
        value: annotations[PAYCOR_ANNOTATIONS.employeeNumber],
      },
      { label: 'Department', value: departmentValue },
      { label: 'Job title', value: annotations[PAYCOR_ANNOTATIONS.jobTitle] },
      {
        label: 'Work location',
        value: annotations[PAYCOR_ANNOTATIONS.workLocation],
      },
      {
        label: 'Employment type',
        value: annotations[PAYCOR_ANNOTATIONS.employmentType],
      },
      {
        label: 'Employment status',
        value: annotations[PAYCOR_ANNOTATIONS.employmentStatus],
      },
      { label: 'Manager', value: managerValue },
    ];
  } else {
    const source = annotations[PAYCOR_ANNOTATIONS.parentSource];
    const paycorParent = annotations[PAYCOR_ANNOTATIONS.paycorParent];
    items = [
      {
        label: 'Kind of group',
        value: annotations[PAYCOR_ANNOTATIONS.adminGroup]
          ? 'Defined by an admin in the Paycor sync page'
          : undefined,
      },
      { label: 'Department id', value: departmentId },
      {
        label: 'Department code',
        value: annotations[PAYCOR_ANNOTATIONS.departmentCode],
      },
      {
        label: 'Department head',
        value: annotations[PAYCOR_ANNOTATIONS.departmentHead] ? (
          <>
            <EntityRefLink
              entityRef={annotations[PAYCOR_ANNOTATIONS.departmentHead]}
              defaultKind="user"
            />{' '}
            <Typography variant="body2" color="textSecondary" component="span">
              (
              {annotations[PAYCOR_ANNOTATIONS.departmentHeadSource] ===
              'configured'
                ? 'set in config'
                : 'most of its members report to them'}
              )
            </Typography>
          </>
        ) : undefined,
      },
      {
        label: 'Parent from',
        value: source ? PARENT_SOURCE_TITLES[source] ?? source : undefined,
      },
      {
        label: 'Paycor parent',
        value:
          source === 'override' && paycorParent ? (
            <EntityRefLink entityRef={paycorParent} defaultKind="group" />
          ) : undefined,
      },
    ];
  }
  items.push(
    {
      label: 'Legal entity',
      value: annotations[PAYCOR_ANNOTATIONS.legalEntityId],
    },
    { label: 'Connection', value: providerId },
    { label: 'Last synced', value: <LastSynced state={lastSynced} /> },
  );

  return (
    <InfoCard
      title={heading}
      variant={variant}
      titleTypographyProps={{ component: 'h2' }}
    >
      <Facts items={items} aria-label="Paycor details" />
      <Divider className={classes.divider} />
      <ManagedFields kind={isUser ? 'User' : 'Group'} />
      <Typography variant="body2" style={{ marginTop: 16 }}>
        {isUser && annotations[PAYCOR_ANNOTATIONS.employeeId] && (
          <>
            <Link
              to={pageLink({
                provider: providerId,
                tab: 'people',
                person: annotations[PAYCOR_ANNOTATIONS.employeeId],
              })}
            >
              Why is this person here?
            </Link>
            {' · '}
          </>
        )}
        <Link to={pageLink({ provider: providerId })}>
          Open the Paycor sync page
        </Link>
      </Typography>
    </InfoCard>
  );
}
