import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * Where the Paycor sync page is mounted (`/paycor` in the demo app).
 *
 * @public
 */
export const rootRouteRef = createRouteRef({
  id: 'paycor',
});
