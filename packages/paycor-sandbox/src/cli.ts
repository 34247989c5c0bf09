import { Command, InvalidArgumentError } from 'commander';
import { startPaycorSandbox, type PaycorSandbox } from './sandbox';
import { NO_DIRTY_DATA } from './org/dirtyData';

/** Deterministic dev credentials, so a dev backend's config can name them. Not secrets. */
export const DEV_CREDENTIALS = {
  clientId: 'sandbox-client-id',
  clientSecret: 'sandbox-client-secret',
  subscriptionKey: 'sandbox-subscription-key',
  refreshToken: 'sandbox-refresh-token',
  legalEntityId: 501123,
  tenantId: 10138,
} as const;

function integer(min: number) {
  return (value: string) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) {
      throw new InvalidArgumentError(`expected an integer ≥ ${min}`);
    }
    return parsed;
  };
}

interface CliOptions {
  port: number;
  host: string;
  employees: number;
  seed: number;
  fixture?: string;
  rateLimit: number;
  latency: number;
  refreshGrace: number;
  stickyRefreshToken?: boolean;
  clientId: string;
  clientSecret: string;
  subscriptionKey: string;
  refreshToken: string;
  legalEntityId: number;
  clean?: boolean;
  verbose?: boolean;
  eventUrl?: string;
  eventSecret?: string;
}

function buildProgram(): Command {
  return new Command('paycor-sandbox')
    .description("Serve a local simulator of Paycor's public API")
    .option('--port <port>', 'port to listen on', integer(0), 7010)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--employees <n>', 'size of the generated org', integer(0), 500)
    .option('--seed <n>', 'generator seed', integer(Number.MIN_SAFE_INTEGER), 1)
    .option('--fixture <file>', 'serve this org JSON instead of generating one')
    .option(
      '--rate-limit <n>',
      'calls per minute per subscription key (0 = off)',
      integer(0),
      1000,
    )
    .option('--latency <ms>', 'latency added to every API call', integer(0), 0)
    .option(
      '--refresh-grace <s>',
      'seconds a rotated-away refresh token keeps working',
      integer(0),
      0,
    )
    .option(
      '--sticky-refresh-token',
      'the initial refresh token never rotates away',
    )
    .option('--client-id <id>', 'OAuth client id', DEV_CREDENTIALS.clientId)
    .option(
      '--client-secret <secret>',
      'OAuth client secret',
      DEV_CREDENTIALS.clientSecret,
    )
    .option(
      '--subscription-key <key>',
      'APIm subscription key',
      DEV_CREDENTIALS.subscriptionKey,
    )
    .option(
      '--refresh-token <token>',
      'initial refresh token',
      DEV_CREDENTIALS.refreshToken,
    )
    .option(
      '--legal-entity-id <id>',
      'legal entity id of the generated org',
      integer(1),
      DEV_CREDENTIALS.legalEntityId,
    )
    .option(
      '--clean',
      'generate an org without dirty data (no duplicate or missing emails, unknown or empty departments)',
    )
    .option('--verbose', 'log one line per request (never secrets)')
    .option(
      '--event-url <url>',
      'subscribe this URL to event notifications (Employee.Modified, LegalEntity.Modified) for every change made through /_sandbox',
    )
    .option(
      '--event-secret <secret>',
      'the secret sent with every notification (in the Authorization header); needed with --event-url',
    );
}

/**
 * Starts the sandbox from command-line arguments (`process.argv` style) and, unless told
 * otherwise, stops it cleanly on SIGINT/SIGTERM.
 *
 * @public
 */
export async function runCli(
  argv: readonly string[] = process.argv,
  options: { handleSignals?: boolean } = {},
): Promise<PaycorSandbox> {
  const cli = buildProgram()
    .parse([...argv])
    .opts<CliOptions>();
  const sandbox = await startPaycorSandbox({
    host: cli.host,
    port: cli.port,
    seed: cli.seed,
    employees: cli.employees,
    fixture: cli.fixture,
    dirtyData: cli.clean ? NO_DIRTY_DATA : undefined,
    rateLimit:
      cli.rateLimit === 0 ? false : { limit: cli.rateLimit, windowMs: 60_000 },
    latencyMs: cli.latency,
    refreshTokenGraceSeconds: cli.refreshGrace,
    stickyInitialRefreshToken: cli.stickyRefreshToken ?? false,
    credentials: {
      clientId: cli.clientId,
      clientSecret: cli.clientSecret,
      subscriptionKey: cli.subscriptionKey,
      refreshToken: cli.refreshToken,
      legalEntityId: cli.legalEntityId,
      tenantId: DEV_CREDENTIALS.tenantId,
    },
    quiet: !cli.verbose,
  });
  if (cli.eventUrl) {
    if (!cli.eventSecret) {
      await sandbox.stop();
      throw new Error('--event-url needs --event-secret');
    }
    sandbox.control.subscribe({ url: cli.eventUrl, secret: cli.eventSecret });
  }

  const usesDevCredentials =
    cli.clientSecret === DEV_CREDENTIALS.clientSecret &&
    cli.refreshToken === DEV_CREDENTIALS.refreshToken &&
    cli.subscriptionKey === DEV_CREDENTIALS.subscriptionKey;
  const summary = sandbox.control.getSummary();
  const origin = cli.fixture
    ? `fixture ${cli.fixture}`
    : `${summary.employees} employees, seed ${cli.seed}`;
  const events = cli.eventUrl ? `; events to ${cli.eventUrl}` : '';
  const hint = usesDevCredentials
    ? `dev credentials (client id ${cli.clientId}, see --help)`
    : `custom credentials (client id ${cli.clientId})`;
  // eslint-disable-next-line no-console
  console.log(
    `Paycor sandbox ready at ${sandbox.url} — legal entity ${sandbox.credentials.legalEntityId}, ${origin}; ${hint}${events}; POST ${sandbox.url}/_sandbox/tokens mints fresh tokens`,
  );

  if (options.handleSignals === false) return sandbox;
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    sandbox.stop().then(
      () => process.exit(0),
      error => {
        // eslint-disable-next-line no-console
        console.error(`paycor-sandbox: failed to stop on ${signal}:`, error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return sandbox;
}

if (require.main === module) {
  runCli().catch(error => {
    // eslint-disable-next-line no-console
    console.error(
      `paycor-sandbox: ${error instanceof Error ? error.message : error}`,
    );
    process.exit(1);
  });
}
