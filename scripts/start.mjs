#!/usr/bin/env node
// Starts the local stack: Paycor sandbox (:7010), Backstage backend (:7007) and
// app dev server (:3000). Extra `--config <file>` arguments are passed to the
// backend and the app, after app-config.yaml (e.g. app-config.postgres.yaml).
//
// Environment:
//   PAYCOR_SANDBOX=off             do not start the sandbox (point the provider elsewhere)
//   PAYCOR_SANDBOX_EMPLOYEES=300   size of the generated org
//   PAYCOR_SANDBOX_SEED=1          seed of the generated org
//   PAYCOR_SANDBOX_CLEAN=1         generate it without dirty data (no conflicts)
//   PAYCOR_SANDBOX_EVENTS=off      the sandbox sends no event notifications (live updates)
//   PAYCOR_EVENTS_SECRET=…         their secret (app-config.yaml reads the same variable)
//   START_APP=off                  backend (+ sandbox) only, e.g. for API work
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import concurrently from 'concurrently';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function configArgs(argv) {
  const files = [path.join(root, 'app-config.yaml')];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--config' && argv[i + 1]) {
      files.push(path.resolve(process.cwd(), argv[++i]));
    } else if (arg.startsWith('--config=')) {
      files.push(path.resolve(process.cwd(), arg.slice('--config='.length)));
    } else {
      throw new Error(
        `Unknown argument "${arg}"; only --config <file> is accepted`,
      );
    }
  }
  const local = path.join(root, 'app-config.local.yaml');
  if (existsSync(local)) files.splice(1, 0, local);
  for (const file of files) {
    if (!existsSync(file)) throw new Error(`Config file not found: ${file}`);
  }
  return files.flatMap(file => ['--config', JSON.stringify(file)]).join(' ');
}

// Under `yarn start`, Yarn names its own launcher in npm_execpath; when this
// file is run by plain node, fall back to corepack (which reads packageManager).
const yarn = process.env.npm_execpath
  ? JSON.stringify(process.env.npm_execpath)
  : 'corepack yarn';
const config = configArgs(process.argv.slice(2));
// Live updates: the sandbox delivers its event notifications to the backend.
const eventArgs =
  process.env.PAYCOR_SANDBOX_EVENTS === 'off'
    ? ''
    : ` --event-url http://127.0.0.1:7007/api/events/http/paycor --event-secret ${JSON.stringify(
        process.env.PAYCOR_EVENTS_SECRET ?? 'sandbox-notification-secret',
      )}`;
const sandboxBin = path.join(
  root,
  'packages/paycor-sandbox/bin/paycor-sandbox',
);
const commands = [];

if (process.env.PAYCOR_SANDBOX !== 'off' && existsSync(sandboxBin)) {
  const employees = process.env.PAYCOR_SANDBOX_EMPLOYEES ?? '300';
  const seed = process.env.PAYCOR_SANDBOX_SEED ?? '1';
  commands.push({
    name: 'sandbox',
    prefixColor: 'magenta',
    // The sticky initial refresh token lets the backend (in-memory DB) restart
    // and re-seed from app-config.yaml without losing the sandbox connection.
    command: `exec node ${JSON.stringify(
      sandboxBin,
    )} --port 7010 --host 127.0.0.1 --employees ${employees} --seed ${seed} --sticky-refresh-token${eventArgs}${
      process.env.PAYCOR_SANDBOX_CLEAN === '1' ? ' --clean' : ''
    }`,
  });
}
commands.push({
  name: 'backend',
  prefixColor: 'blue',
  command: `exec ${yarn} workspace backend start ${config}`,
});
if (process.env.START_APP !== 'off') {
  commands.push({
    name: 'app',
    prefixColor: 'green',
    command: `exec ${yarn} workspace app start ${config}`,
  });
}

const { result } = concurrently(commands, {
  killOthersOn: ['failure', 'success'],
  cwd: root,
});
result.then(
  () => process.exit(0),
  () => process.exit(1),
);
