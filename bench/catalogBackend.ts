/**
 * A real Backstage backend for the catalog time-to-final measurement: the catalog plugin,
 * a read-only probe of its refresh_state table (and of the Paycor module's planning work),
 * and either the Paycor module (by relative path: this is the module's own benchmark) or
 * the trivial baseline provider, with (BENCH_TRIVIAL_RELATIONS=on) or without the
 * baseline reporting-lines processor. Config comes
 * from the generated YAML passed with --config (in-memory SQLite, 127.0.0.1, a static
 * token, catalog rules for User/Group, the provider pointed at the sandbox with a manual
 * schedule).
 *
 *   BENCH_CATALOG_MODE=paycor|trivial [BENCH_TRIVIAL_ENTITIES=file.json] [BENCH_TRIVIAL_RELATIONS=on|off] \
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/catalogBackend.ts --config file.yaml
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  createCatalogModulePaycor,
  eventsModulePaycor,
} from '../plugins/catalog-backend-module-paycor/src';
import {
  baselineRelationsModule,
  probeModule,
  recordPaycorWork,
  trivialProviderModule,
} from './catalogModules';
import { exitWithParent } from './lib/children';

exitWithParent();

const mode = process.env.BENCH_CATALOG_MODE;
const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(probeModule);
if (mode === 'paycor') {
  // The module as a backend installs it, told to report its planning work to the probe.
  backend.add(createCatalogModulePaycor({ onWork: recordPaycorWork }));
  // Live updates (BENCH_EVENTS=on): the events backend's ingress and the
  // Paycor events module, as packages/backend installs them.
  if (process.env.BENCH_EVENTS === 'on') {
    backend.add(import('@backstage/plugin-events-backend'));
    backend.add(eventsModulePaycor);
  }
} else if (mode === 'trivial') {
  const file = process.env.BENCH_TRIVIAL_ENTITIES;
  if (!file)
    throw new Error('BENCH_TRIVIAL_ENTITIES is required in trivial mode');
  backend.add(trivialProviderModule(file));
  if (process.env.BENCH_TRIVIAL_RELATIONS !== 'off') {
    backend.add(baselineRelationsModule);
  }
} else {
  throw new Error(`BENCH_CATALOG_MODE must be paycor or trivial, got ${mode}`);
}
backend.start().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
