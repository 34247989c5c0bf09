import {
  EntityPaycorCard,
  PaycorSyncPage,
  PaycorSyncStatusCard,
  paycorPlugin,
} from './plugin';
import { paycorSyncApiRef } from './api';
import { rootRouteRef } from './routes';

describe('paycorPlugin', () => {
  it('has the id, route and API factory', () => {
    expect(paycorPlugin.getId()).toBe('paycor');
    expect(paycorPlugin.routes.root).toBe(rootRouteRef);
    const apis = [...paycorPlugin.getApis()];
    expect(apis.map(a => a.api.id)).toEqual([paycorSyncApiRef.id]);
    expect(Object.keys(apis[0].deps).sort()).toEqual([
      'discoveryApi',
      'fetchApi',
    ]);
  });

  it('provides the extensions', () => {
    expect(PaycorSyncPage).toBeDefined();
    expect(PaycorSyncStatusCard).toBeDefined();
    expect(EntityPaycorCard).toBeDefined();
  });
});
