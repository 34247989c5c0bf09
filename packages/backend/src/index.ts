import { createBackend } from '@backstage/backend-defaults';

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

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./modules/permissionPolicy'));

backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.start();
