import { Entity } from '@backstage/catalog-model';
import { AlertApiForwarder } from '@backstage/core-app-api';
import { AlertDisplay } from '@backstage/core-components';
import { alertApiRef } from '@backstage/core-plugin-api';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { ReactElement } from 'react';
import { PaycorSyncApi, paycorSyncApiRef } from '../api';
import { rootRouteRef } from '../routes';

export type MockPaycorApi = jest.Mocked<PaycorSyncApi>;

const METHODS: (keyof PaycorSyncApi)[] = [
  'listProviders',
  'getProvider',
  'requestSync',
  'verifyConnection',
  'getPreview',
  'listRuns',
  'listConflicts',
  'listDepartments',
  'setDepartmentParent',
  'clearDepartmentParent',
  'listAdminGroups',
  'createAdminGroup',
  'deleteAdminGroup',
  'listApprovals',
  'decideApproval',
  'listExclusions',
  'addExclusion',
  'removeExclusion',
  'listPeople',
  'getPerson',
  'syncPerson',
  'getUpcoming',
];

/** Every method a jest.fn that rejects unless given an implementation. */
export function createMockApi(
  overrides: Partial<PaycorSyncApi> = {},
): MockPaycorApi {
  const api: Record<string, jest.Mock> = {};
  for (const method of METHODS) {
    const impl = overrides[method] as ((...args: any[]) => any) | undefined;
    api[method] = jest.fn(
      impl ??
        (async () => {
          throw new Error(`${method} was not expected in this test`);
        }),
    );
  }
  return api as unknown as MockPaycorApi;
}

type CatalogApi = typeof catalogApiRef.T;

function valueAt(entity: Entity, key: string): unknown {
  if (key.startsWith('metadata.annotations.')) {
    return entity.metadata.annotations?.[
      key.slice('metadata.annotations.'.length)
    ];
  }
  return key
    .split('.')
    .reduce<any>(
      (obj, part) => (obj === undefined ? undefined : obj[part]),
      entity,
    );
}

/** An in-memory catalog: `getEntities` with a simple filter object. */
export function createCatalogApi(entities: Entity[] = []) {
  const getEntities = jest.fn(
    async (request?: { filter?: Record<string, string> }) => {
      const filter = request?.filter ?? {};
      const items = entities.filter(entity =>
        Object.entries(filter).every(([key, expected]) => {
          const actual = valueAt(entity, key);
          return (
            typeof actual === 'string' &&
            actual.toLocaleLowerCase('en-US') ===
              String(expected).toLocaleLowerCase('en-US')
          );
        }),
      );
      return { items };
    },
  );
  const getEntityByRef = jest.fn(async (ref: string) =>
    entities.find(
      entity =>
        `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
          entity.metadata.name
        }`.toLocaleLowerCase('en-US') === ref.toLocaleLowerCase('en-US'),
    ),
  );
  return { getEntities, getEntityByRef } as unknown as CatalogApi & {
    getEntities: typeof getEntities;
    getEntityByRef: typeof getEntityByRef;
  };
}

/** Allows everything; permission-specific tests mock `usePermission`. */
export const allowAllPermissionApi: PermissionApi = {
  authorize: async () => ({ result: 'ALLOW' as any }),
};

/**
 * Renders inside a legacy test app with the Paycor API, a catalog, routes and
 * the app's alert display, where success toasts show in a legacy app without
 * a ToastApi.
 */
export async function renderWithPaycor(
  ui: ReactElement,
  options: {
    api: PaycorSyncApi;
    catalogApi?: CatalogApi;
    routeEntries?: string[];
  },
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [paycorSyncApiRef, options.api],
        [catalogApiRef, options.catalogApi ?? createCatalogApi()],
        [permissionApiRef, allowAllPermissionApi],
        // its own: the test app's shared one replays earlier tests' alerts
        [alertApiRef, new AlertApiForwarder()],
      ]}
    >
      <AlertDisplay />
      {ui}
    </TestApiProvider>,
    {
      routeEntries: options.routeEntries,
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/paycor': rootRouteRef,
      },
    },
  );
}
