import { makeStyles } from '@material-ui/core/styles';
import CheckIcon from '@material-ui/icons/CheckCircleOutline';
import ErrorIcon from '@material-ui/icons/ErrorOutline';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { VerifyResult } from '@paycor-backstage/plugin-paycor-common';
import { formatExact } from '../shared';

const useStyles = makeStyles(theme => ({
  list: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: 0,
    listStyle: 'none',
  },
  step: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(0.5),
  },
  icon: {
    fontSize: '1.1rem',
    marginTop: 2,
  },
  scopes: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
}));

/**
 * The outcome of "Verify connection": each check, and the Paycor scopes the
 * credentials lack, by name.
 */
export function VerifyResultView(props: { result: VerifyResult }) {
  const { result } = props;
  const classes = useStyles();
  const entity = result.legalEntity
    ? ` Legal entity ${result.legalEntity.id}${
        result.legalEntity.name ? ` (${result.legalEntity.name})` : ''
      }.`
    : '';
  return (
    <Alert
      severity={result.ok ? 'success' : 'error'}
      aria-label="Verification result"
    >
      <AlertTitle>
        {result.ok ? 'Connection verified' : 'Connection check failed'}
      </AlertTitle>
      Checked {formatExact(result.checkedAt)}.{entity}
      {result.steps.length > 0 && (
        <ul className={classes.list} aria-label="Checks">
          {result.steps.map(step => (
            <li key={step.name} className={classes.step}>
              {step.ok ? (
                <CheckIcon
                  className={classes.icon}
                  titleAccess="passed"
                  htmlColor="green"
                />
              ) : (
                <ErrorIcon className={classes.icon} titleAccess="failed" />
              )}
              <span>
                {step.name}
                {step.detail ? `: ${step.detail}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {result.missingScopes.length > 0 && (
        <>
          <AlertTitle>Missing Paycor scopes</AlertTitle>
          <ul className={classes.scopes} aria-label="Missing Paycor scopes">
            {result.missingScopes.map(scope => (
              <li key={scope.scope}>
                <strong>{scope.scope}</strong>: needed for {scope.neededFor}
              </li>
            ))}
          </ul>
        </>
      )}
    </Alert>
  );
}
