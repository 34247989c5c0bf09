import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  InfoCardVariants,
  Link,
  Progress,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import Alert from '@material-ui/lab/Alert';
import {
  PAYCOR_ANNOTATIONS,
  REPORTING_LINE_END_REASONS,
  REPORTING_LINE_END_TITLES,
  ReportingLineEndReason,
} from '@paycor-backstage/plugin-paycor-common';
import { usePaycorPageLink } from '../../hooks';
import { errorMessage } from '../shared';
import { useDirectReports, useManagerChain } from './useReportingLine';

const useStyles = makeStyles(theme => ({
  title: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  section: {
    marginTop: theme.spacing(2),
    '&:first-child': { marginTop: 0 },
  },
  line: {
    listStyle: 'none',
    margin: theme.spacing(1, 0, 0),
    padding: 0,
    '& > li': {
      position: 'relative',
      padding: theme.spacing(0.5, 0, 0.5, 2),
      borderLeft: `2px solid ${theme.palette.divider}`,
    },
  },
  self: {
    fontWeight: theme.typography.fontWeightBold as number,
    borderLeftColor: `${theme.palette.primary.main} !important`,
  },
  reports: {
    listStyle: 'none',
    margin: theme.spacing(1, 0, 0),
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(14rem, 1fr))',
    gap: theme.spacing(0.5, 2),
  },
  secondary: {
    display: 'block',
    color: theme.palette.text.secondary,
    fontSize: theme.typography.body2.fontSize,
  },
  more: {
    marginTop: theme.spacing(1),
  },
}));

/**
 * Props of {@link EntityReportingLineCard}.
 *
 * @public
 */
export interface EntityReportingLineCardProps {
  /** card title, "Reporting line" by default */
  title?: string;
  variant?: InfoCardVariants;
  /** direct reports per page (default 10) */
  pageSize?: number;
}

function displayName(entity: Entity): string {
  return (
    ((entity.spec as any)?.profile?.displayName as string | undefined) ??
    entity.metadata.title ??
    entity.metadata.name
  );
}

function Person(props: { entity: Entity }) {
  const classes = useStyles();
  const { entity } = props;
  const title =
    entity.metadata.annotations?.[PAYCOR_ANNOTATIONS.jobTitle] ??
    entity.metadata.description;
  return (
    <>
      <EntityRefLink entityRef={entity} title={displayName(entity)} />
      {title && <span className={classes.secondary}>{title}</span>}
    </>
  );
}

/** Why the line stops at `entity` although Paycor names a manager, if it does. */
function LineEnd(props: { entity: Entity; self: boolean }) {
  const annotations = props.entity.metadata.annotations ?? {};
  const reason = annotations[PAYCOR_ANNOTATIONS.reportingLineEnd];
  if (!reason) return null;
  const phrase = (REPORTING_LINE_END_REASONS as readonly string[]).includes(
    reason,
  )
    ? REPORTING_LINE_END_TITLES[reason as ReportingLineEndReason]
    : reason;
  const who = props.self ? 'here' : `at ${displayName(props.entity)}`;
  return (
    <Alert severity="info" role="note" style={{ marginTop: 8 }}>
      The reporting line ends {who}: {phrase}.
      {annotations[PAYCOR_ANNOTATIONS.reportingLineNote] && (
        <Typography variant="body2" color="textSecondary" component="span">
          {' '}
          {annotations[PAYCOR_ANNOTATIONS.reportingLineNote]}
        </Typography>
      )}
    </Alert>
  );
}

function ManagerLine(props: { entity: Entity }) {
  const classes = useStyles();
  const { entity } = props;
  const { loading, error, value } = useManagerChain(entity);
  if (loading) return <Progress />;
  if (error) {
    return (
      <Alert severity="error">
        Could not load the managers: {errorMessage(error)}
      </Alert>
    );
  }
  const chain = value?.chain ?? [];
  return (
    <section className={classes.section} aria-labelledby="paycor-line-up">
      <Typography variant="subtitle2" component="h3" id="paycor-line-up">
        {chain.length > 0 ? 'Reports to' : 'Managers'}
      </Typography>
      {chain.length === 0 && !value?.missing ? (
        <Typography variant="body2" color="textSecondary">
          {entity.metadata.annotations?.[PAYCOR_ANNOTATIONS.reportingLineEnd]
            ? 'No manager in the catalog.'
            : 'Nobody: the top of the reporting line.'}
        </Typography>
      ) : (
        <ol className={classes.line} aria-label="Managers, from the top">
          {chain.map((manager, depth) => (
            <li
              key={stringifyEntityRef(manager)}
              style={{ marginLeft: depth * 12 }}
            >
              <Person entity={manager} />
            </li>
          ))}
          <li
            className={classes.self}
            style={{ marginLeft: chain.length * 12 }}
            aria-current="true"
          >
            {displayName(entity)}
          </li>
        </ol>
      )}
      {value?.missing && (
        <Alert severity="warning" style={{ marginTop: 8 }}>
          {value.missing} is not in the catalog (yet), so the line above it is
          not shown.
        </Alert>
      )}
      <LineEnd entity={chain[0] ?? entity} self={chain.length === 0} />
    </section>
  );
}

function Reports(props: { entityRef: string; pageSize: number }) {
  const classes = useStyles();
  const reports = useDirectReports(props.entityRef, props.pageSize);
  const remaining = reports.total - reports.items.length;
  return (
    <section className={classes.section} aria-labelledby="paycor-line-down">
      <Typography variant="subtitle2" component="h3" id="paycor-line-down">
        Direct reports
        {reports.loading && reports.items.length === 0
          ? ''
          : ` (${reports.total})`}
      </Typography>
      {reports.error && (
        <Alert severity="error">
          Could not load the direct reports: {errorMessage(reports.error)}
        </Alert>
      )}
      {reports.loading && reports.items.length === 0 && <Progress />}
      {!reports.loading && !reports.error && reports.total === 0 && (
        <Typography variant="body2" color="textSecondary">
          Nobody reports to them.
        </Typography>
      )}
      {reports.items.length > 0 && (
        <ul className={classes.reports} aria-label="Direct reports">
          {reports.items.map(report => (
            <li key={stringifyEntityRef(report)}>
              <Person entity={report} />
            </li>
          ))}
        </ul>
      )}
      {remaining > 0 && (
        <Button
          className={classes.more}
          size="small"
          variant="outlined"
          disabled={!reports.loadMore}
          onClick={reports.loadMore}
        >
          Show {Math.min(remaining, props.pageSize)} more of {remaining}
        </Button>
      )}
    </section>
  );
}

/**
 * The provider does not compute reporting lines: without this the card would
 * call everyone the top of the line with nobody reporting to them.
 */
function LinesOff(props: { entity: Entity }) {
  const managerId =
    props.entity.metadata.annotations?.[PAYCOR_ANNOTATIONS.managerEmployeeId];
  return (
    <Alert severity="info" role="note">
      Reporting lines are turned off for this Paycor connection (
      <code>reportingLines.enabled: false</code>), so the catalog holds no
      managers or direct reports.
      {managerId && ` Paycor names employee ${managerId} as their manager.`}
    </Alert>
  );
}

/**
 * A User's reporting line from Paycor: their managers up to the top of the
 * company and their direct reports (paged), each a link, with a note where
 * the line ends early (a manager who left, is not synced or works for
 * another legal entity). It reads the catalog's `reportsTo` relations, so it
 * needs no Paycor permission. When the provider does not compute reporting
 * lines (`reportingLines.enabled: false`) it says so instead.
 *
 * @public
 */
export function EntityReportingLineCard(props: EntityReportingLineCardProps) {
  const { title = 'Reporting line', variant, pageSize = 10 } = props;
  const classes = useStyles();
  const { entity } = useEntity();
  const pageLink = usePaycorPageLink();
  const annotations = entity.metadata.annotations ?? {};
  const linesOff = annotations[PAYCOR_ANNOTATIONS.reportingLines] === 'off';
  const providerId = annotations[PAYCOR_ANNOTATIONS.providerId];
  const employeeId = annotations[PAYCOR_ANNOTATIONS.employeeId];
  const orgChart =
    providerId && employeeId
      ? `${pageLink({
          provider: providerId,
          tab: 'org-chart',
        })}&person=${encodeURIComponent(employeeId)}`
      : undefined;

  return (
    <InfoCard
      title={
        <span className={classes.title}>
          <AccountTreeIcon aria-hidden="true" />
          {title}
        </span>
      }
      variant={variant}
      titleTypographyProps={{ component: 'h2' }}
    >
      {linesOff ? (
        <LinesOff entity={entity} />
      ) : (
        <>
          <ManagerLine entity={entity} />
          <Reports entityRef={stringifyEntityRef(entity)} pageSize={pageSize} />
        </>
      )}
      {orgChart && !linesOff && (
        <Typography variant="body2" className={classes.section}>
          <Link to={orgChart}>See them in the org chart</Link>
        </Typography>
      )}
    </InfoCard>
  );
}
