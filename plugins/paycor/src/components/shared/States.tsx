import {
  EmptyState,
  Link,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { errorMessage, isNotAllowed } from './errors';

/**
 * Where a platform team reads how to configure a Paycor connection.
 *
 * @public
 */
export const PAYCOR_SETUP_DOCS_URL =
  'https://www.npmjs.com/package/@paycor-backstage/plugin-catalog-backend-module-paycor#configuration';

const NO_PROVIDERS =
  'No Paycor connection is configured. Add one under catalog.providers.paycor in your app-config.';

/** Shown when the backend has no Paycor provider configured. */
export function NoProvidersState(props: { compact?: boolean }) {
  if (props.compact) {
    return (
      <Typography variant="body2">
        {NO_PROVIDERS}{' '}
        <Link to={PAYCOR_SETUP_DOCS_URL}>How to configure a connection</Link>
      </Typography>
    );
  }
  return (
    <EmptyState
      missing="data"
      title="No Paycor connection"
      description={NO_PROVIDERS}
      action={
        <Button
          variant="contained"
          color="primary"
          href={PAYCOR_SETUP_DOCS_URL}
          target="_blank"
          rel="noopener noreferrer"
        >
          How to configure a connection
        </Button>
      }
    />
  );
}

/** A failed load: the server's message, with a friendlier panel for 403s. */
export function LoadError(props: { error: Error; title?: string }) {
  const { error, title } = props;
  if (isNotAllowed(error)) {
    return (
      <WarningPanel
        severity="warning"
        defaultExpanded
        title="You don't have access to the Paycor sync"
        message={`Ask an admin for the catalog.paycor.sync.read permission. (${errorMessage(
          error,
        )})`}
      />
    );
  }
  return (
    <ResponseErrorPanel
      error={error}
      title={title ? `${title}: ${errorMessage(error)}` : errorMessage(error)}
    />
  );
}

/** A failed action, shown inline next to where it was started. */
export function InlineError(props: { error: unknown; prefix?: string }) {
  return (
    <Alert severity="error">
      {props.prefix ? `${props.prefix}: ` : ''}
      {errorMessage(props.error)}
    </Alert>
  );
}
