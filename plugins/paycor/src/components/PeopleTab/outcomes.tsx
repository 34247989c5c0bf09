import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import InfoIcon from '@material-ui/icons/Info';
import RemoveCircleIcon from '@material-ui/icons/RemoveCircle';
import {
  PERSON_OUTCOME_TITLES,
  PersonOutcome,
  PersonTraceStep,
} from '@paycor-backstage/plugin-paycor-common';

/** Outcomes that point at a problem to fix (in Paycor or elsewhere). */
const PROBLEMS: ReadonlySet<PersonOutcome> = new Set([
  'duplicate-email',
  'invalid-record',
  'owned-by-other-source',
]);

const useStyles = makeStyles(theme => ({
  synced: {
    backgroundColor: theme.palette.success?.main ?? '#2e7d32',
    color: theme.palette.success?.contrastText ?? '#fff',
  },
}));

/** A person's outcome as a chip: green when synced, red for a problem. */
export function OutcomeChip(props: { outcome: PersonOutcome }) {
  const classes = useStyles();
  const { outcome } = props;
  const label = PERSON_OUTCOME_TITLES[outcome] ?? outcome;
  if (outcome === 'synced') {
    return <Chip size="small" label={label} className={classes.synced} />;
  }
  return (
    <Chip
      size="small"
      label={label}
      color={PROBLEMS.has(outcome) ? 'secondary' : 'default'}
      variant={PROBLEMS.has(outcome) ? 'default' : 'outlined'}
    />
  );
}

/** The title of each trace step. */
export const STEP_TITLES: Record<PersonTraceStep['step'], string> = {
  read: 'Read from Paycor',
  validated: 'Validated',
  'status-and-dates': 'Status and dates',
  'filters-and-exclusions': 'Filters and exclusions',
  email: 'Email',
  naming: 'Naming',
  ownership: 'Ownership',
  emitted: 'Emitted',
  catalog: 'In the catalog',
};

const OUTCOME_WORDS: Record<PersonTraceStep['outcome'], string> = {
  pass: 'passed',
  fail: 'problem',
  skip: 'left out here',
  info: 'note',
};

const useIconStyles = makeStyles(theme => ({
  pass: { color: theme.palette.success?.main ?? '#2e7d32' },
  fail: { color: theme.palette.error.main },
  skip: { color: theme.palette.warning?.main ?? '#ed6c02' },
  info: { color: theme.palette.info?.main ?? '#0288d1' },
}));

/** The icon of a step's outcome, named for screen readers. */
export function StepIcon(props: { outcome: PersonTraceStep['outcome'] }) {
  const classes = useIconStyles();
  const { outcome } = props;
  const common = {
    className: classes[outcome],
    titleAccess: OUTCOME_WORDS[outcome],
    fontSize: 'small' as const,
  };
  switch (outcome) {
    case 'pass':
      return <CheckCircleIcon {...common} />;
    case 'fail':
      return <ErrorIcon {...common} />;
    case 'skip':
      return <RemoveCircleIcon {...common} />;
    default:
      return <InfoIcon {...common} />;
  }
}
