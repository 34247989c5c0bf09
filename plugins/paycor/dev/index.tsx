/**
 * The plugin's dev app: `yarn --cwd plugins/paycor start`. A new frontend
 * system app (no backend needed) with the catalog, the home page and this
 * plugin, against the in-memory `MockPaycorSyncApi` and a small in-memory
 * catalog. It reads the repo's app-config.yaml, so the home page places the
 * status widget as the demo app does.
 */
import '@backstage/cli/asset-types';
// The dev harness is an app's entry point, which is where the BUI styles load
// eslint-disable-next-line @backstage/no-ui-css-imports-in-non-frontend
import '@backstage/ui/css/styles.css';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { SignInPage } from '@backstage/core-components';
import { createApp } from '@backstage/frontend-defaults';
import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import homePlugin from '@backstage/plugin-home/alpha';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import ReactDOM from 'react-dom/client';
import { MockPaycorSyncApi } from '../src/__testUtils__/MockPaycorSyncApi';
import paycorPlugin from '../src/alpha';
import { paycorSyncApiRef } from '../src/api';
import { devEntities } from './devCatalog';

/** Replaces `api:paycor`: two connections, runs, conflicts, approvals… */
const mockPaycorApi = createFrontendModule({
  pluginId: 'paycor',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: paycorSyncApiRef,
          deps: {},
          factory: () => new MockPaycorSyncApi({ latencyMs: 300 }),
        }),
    }),
  ],
});

/** Replaces `api:catalog` with the Users and Groups of the mock's fixtures. */
const devCatalog = createFrontendModule({
  pluginId: 'catalog',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: catalogApiRef,
          deps: {},
          factory: () => new InMemoryCatalogClient({ entities: devEntities }),
        }),
    }),
  ],
});

/** No backend here: everything allowed, and signed in as a guest at once. */
const devAppOverrides = createFrontendModule({
  pluginId: 'app',
  extensions: [
    ApiBlueprint.make({
      name: 'permission',
      params: defineParams =>
        defineParams({
          api: permissionApiRef,
          deps: {},
          // change to 'DENY' to see the disabled actions and their reasons
          factory: () => ({
            authorize: async () => ({ result: 'ALLOW' as any }),
          }),
        }),
    }),
    // the app's default guest sign-in needs the auth backend
    SignInPageBlueprint.make({
      disabled: true,
      params: {
        loader: async () => props =>
          <SignInPage {...props} providers={['guest']} />,
      },
    }),
  ],
});

const app = createApp({
  features: [
    catalogPlugin,
    homePlugin,
    paycorPlugin,
    mockPaycorApi,
    devCatalog,
    devAppOverrides,
  ],
});

ReactDOM.createRoot(document.getElementById('root')!).render(app.createRoot());
