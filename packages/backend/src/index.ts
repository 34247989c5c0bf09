import { createBackend } from '@backstage/backend-defaults';
import { eventsModulePaycor } from '@paycor-backstage/plugin-catalog-backend-module-paycor';

const backend = createBackend();

// Serves the built frontend in production builds (`yarn build`); during
// `yarn start` the app runs on its own dev server at :3000.
backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// Paycor → catalog Users and Groups (config: catalog.providers.paycor)
backend.add(import('@paycor-backstage/plugin-catalog-backend-module-paycor'));

// Live updates: Paycor's event notifications arrive at
// /api/events/http/paycor (events.enabled per connection)
backend.add(import('@backstage/plugin-events-backend'));
backend.add(eventsModulePaycor);
// The catalog's actions (the Paycor module's `catalog:paycor-…` among them)
// for AI assistants over MCP: POST /api/mcp-actions/v1 (config:
// backend.actions.pluginSources)
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./modules/permissionPolicy'));

backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.start();
