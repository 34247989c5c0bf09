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

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@paycor-backstage/plugin-catalog-backend-module-paycor'));
backend.start();
