import { readFileSync } from 'node:fs';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { getCompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import Router from 'express-promise-router';

/** The trivial provider's scheduler task (triggered like the Paycor module's). */
export const TRIVIAL_TASK_ID = 'bench-trivial-provider:emit';

/**
 * The baseline for catalog time-to-final: a provider with no work of its own. At start it
 * loads the entities the Paycor module emitted (dumped by the sync harness) into memory;
 * when its global, manually-triggered scheduler task runs — the same mechanism as the
 * Paycor module's "Sync now" — it applies them as one `full` mutation, exactly as the
 * Paycor module's first apply does. `GET /api/catalog/bench-trivial/status` says when the
 * task started and when the mutation was applied.
 */
export function trivialProviderModule(entitiesFile: string) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'bench-trivial-provider',
    register(reg) {
      reg.registerInit({
        deps: {
          catalog: catalogProcessingExtensionPoint,
          scheduler: coreServices.scheduler,
          httpRouter: coreServices.httpRouter,
        },
        async init({ catalog, scheduler, httpRouter }) {
          let entities: DeferredEntity[] | undefined = JSON.parse(
            readFileSync(entitiesFile, 'utf8'),
          );
          let resolveConnection!: (c: EntityProviderConnection) => void;
          const connected = new Promise<EntityProviderConnection>(r => {
            resolveConnection = r;
          });
          const provider: EntityProvider = {
            getProviderName: () => 'bench-trivial-provider',
            connect: async connection => resolveConnection(connection),
          };
          catalog.addEntityProvider(provider);

          const status: {
            startedAt?: number;
            appliedAt?: number;
            entities: number;
          } = { entities: entities!.length };
          await scheduler.scheduleTask({
            id: TRIVIAL_TASK_ID,
            frequency: { trigger: 'manual' },
            timeout: { minutes: 30 },
            scope: 'global',
            fn: async () => {
              if (!entities) return; // applied already
              status.startedAt = Date.now();
              const connection = await connected;
              await connection.applyMutation({ type: 'full', entities });
              status.appliedAt = Date.now();
              // applied once: do not keep them alive while the catalog processes them
              entities = undefined;
            },
          });

          const router = Router();
          router.get('/bench-trivial/status', (_req, res) => {
            res.json(status);
          });
          httpRouter.use(router);
        },
      });
    },
  });
}

/**
 * The baseline's reporting lines: the least a catalog processor can do to turn the
 * `paycor.com/manager-ref` annotation the emitted Users carry into the same `reportsTo` and
 * `managerOf` relations the Paycor module's processor emits (no parsing beyond the ref,
 * no checks). With it the trivial provider's catalog ends in the same state as the
 * module's, so time-to-final compares like with like; without it (`trivial-bare`) the
 * difference is what the relations cost the catalog at all.
 */
export const baselineRelationsModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'bench-baseline-relations',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor({
          getProcessorName: () => 'BenchBaselineRelationsProcessor',
          async postProcessEntity(entity, _location, emit) {
            const manager =
              entity.metadata.annotations?.['paycor.com/manager-ref'];
            if (entity.kind === 'User' && manager) {
              const self = getCompoundEntityRef(entity);
              const target = parseEntityRef(manager);
              emit(
                processingResult.relation({
                  source: self,
                  type: 'reportsTo',
                  target,
                }),
              );
              emit(
                processingResult.relation({
                  source: target,
                  type: 'managerOf',
                  target: self,
                }),
              );
            }
            return entity;
          },
        });
      },
    });
  },
});

/**
 * Planning work the Paycor module reported (its `onWork` option), per kind, counted in
 * this process: the admin-edit measurement reads it before and after each edit.
 */
export const paycorWork: Record<string, number> = {};
export function recordPaycorWork(_providerId: string, kind: string) {
  paycorWork[kind] = (paycorWork[kind] ?? 0) + 1;
}

/**
 * Read-only view of the catalog's `refresh_state` table (this module shares the catalog's
 * database), to see which rows a provider wrote: `GET /api/catalog/bench-probe/refresh-state`
 * → `{ rows: [[entity_ref, unprocessed_hash, last_discovery_at, next_update_at], …] }`;
 * one row: `GET …/refresh-state/entity?ref=group:default/x` → `{ entity }` (its
 * unprocessed entity, or null when the catalog holds no such row). The Paycor module's
 * planning work: `GET /api/catalog/bench-probe/paycor-work`; its people history rows:
 * `GET /api/catalog/bench-probe/paycor-history`.
 */
export const probeModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'bench-probe',
  register(reg) {
    reg.registerInit({
      deps: {
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
      },
      async init({ database, httpRouter }) {
        const router = Router();
        router.get('/bench-probe/refresh-state', async (_req, res) => {
          const knex = await database.getClient();
          const rows = await knex('refresh_state').select(
            'entity_ref',
            'unprocessed_hash',
            'last_discovery_at',
            'next_update_at',
          );
          res.json({
            rows: rows.map(r => [
              r.entity_ref,
              r.unprocessed_hash,
              String(r.last_discovery_at),
              String(r.next_update_at),
            ]),
          });
        });
        router.get('/bench-probe/refresh-state/entity', async (req, res) => {
          const knex = await database.getClient();
          const row = await knex('refresh_state')
            .where({ entity_ref: String(req.query.ref ?? '') })
            .first('unprocessed_entity');
          const raw = row?.unprocessed_entity;
          res.json({
            entity: raw
              ? typeof raw === 'string'
                ? JSON.parse(raw)
                : raw
              : null,
          });
        });
        router.get('/bench-probe/refresh-state/users', async (req, res) => {
          const knex = await database.getClient();
          const rows = await knex('refresh_state')
            .where('entity_ref', 'like', 'user:%')
            .orderBy('entity_ref')
            .limit(Number(req.query.limit ?? 10))
            .select('entity_ref', 'unprocessed_entity');
          res.json({
            items: rows.map(r => {
              const raw = r.unprocessed_entity;
              const entity = typeof raw === 'string' ? JSON.parse(raw) : raw;
              return {
                entityRef: r.entity_ref,
                employeeId:
                  entity?.metadata?.annotations?.['paycor.com/employee-id'],
              };
            }),
          });
        });
        router.get('/bench-probe/paycor-work', (_req, res) => {
          res.json(paycorWork);
        });
        // The Paycor module's people history, as stored (its cost is measured).
        router.get('/bench-probe/paycor-history', async (_req, res) => {
          const knex = await database.getClient();
          const rows = await knex('paycor_person_history').select(
            'provider_id',
            'employee_id',
            'run_id',
            'trigger',
            'at',
            'change',
            'entity_ref',
            'details',
          );
          res.json({ rows });
        });
        httpRouter.use(router);
      },
    });
  },
});
