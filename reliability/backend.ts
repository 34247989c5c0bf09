/*
 * A production-shaped Backstage backend for the reliability suite: the real
 * catalog plugin with the Paycor module, Backstage's default services (real
 * scheduler, database, auth with static external-access tokens, permissions
 * with `permission.enabled: false` unless configured). The suite spawns it as
 * separate processes (two replicas, kill -9 and restart) with a generated
 * config:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs reliability/backend.ts --config <file.yaml>
 */
import { createBackend } from '@backstage/backend-defaults';
import { eventsModulePaycor } from '@paycor-backstage/plugin-catalog-backend-module-paycor';
import { metrics } from '@opentelemetry/api';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  PushMetricExporter,
} from '@opentelemetry/sdk-metrics';

// Metrics to stdout, one JSON line per export, for the secret scan (the
// suite asks for it with REL_METRICS_EXPORT_MS). Registered before the
// backend starts: the metrics service binds its meter when created.
const exportEveryMs = Number(process.env.REL_METRICS_EXPORT_MS ?? 0);
if (exportEveryMs > 0) {
  const exporter: PushMetricExporter = {
    export(batch, done) {
      process.stdout.write(
        `metrics-export ${JSON.stringify(batch.scopeMetrics)}\n`,
      );
      done({ code: 0 }); // ExportResultCode.SUCCESS
    },
    forceFlush: async () => {},
    shutdown: async () => {},
  };
  metrics.setGlobalMeterProvider(
    new MeterProvider({
      readers: [
        new PeriodicExportingMetricReader({
          exporter,
          exportIntervalMillis: exportEveryMs,
          exportTimeoutMillis: exportEveryMs,
        }),
      ],
    }),
  );
}

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@paycor-backstage/plugin-catalog-backend-module-paycor'));
// Live updates (REL_EVENTS=on): the events backend's ingress and the Paycor
// events module, as packages/backend installs them.
if (process.env.REL_EVENTS === 'on') {
  backend.add(import('@backstage/plugin-events-backend'));
  backend.add(eventsModulePaycor);
}
backend.start();
