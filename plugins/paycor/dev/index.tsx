import { Entity } from '@backstage/catalog-model';
import { Content, Header, Page } from '@backstage/core-components';
import {
  attachComponentData,
  createApiFactory,
} from '@backstage/core-plugin-api';
import { createDevApp } from '@backstage/dev-utils';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import Grid from '@material-ui/core/Grid';
import SyncIcon from '@material-ui/icons/Sync';
import PersonIcon from '@material-ui/icons/Person';
import GroupIcon from '@material-ui/icons/People';
import DashboardIcon from '@material-ui/icons/Dashboard';
import { useParams } from 'react-router-dom';
import {
  EntityPaycorCard,
  PaycorSyncPage,
  PaycorSyncStatusCard,
  paycorPlugin,
  paycorSyncApiRef,
} from '../src';
import { MockPaycorSyncApi } from '../src/__testUtils__/MockPaycorSyncApi';
import { createDevCatalogApi, devEntities } from './devCatalog';

/** Stands in for the catalog's entity page so entity links resolve. */
const EntityPageStub = () => {
  const { kind, namespace, name } = useParams();
  return (
    <Page themeId="home">
      <Header
        title={`${kind}:${namespace}/${name}`}
        subtitle="Entity page stub"
      />
      <Content>The catalog plugin is not part of this dev app.</Content>
    </Page>
  );
};
attachComponentData(EntityPageStub, 'core.mountPoint', entityRouteRef);

const find = (kind: string, name: string) =>
  devEntities.find(e => e.kind === kind && e.metadata.name === name) as Entity;

const EntityCards = (props: { entity: Entity; title: string }) => (
  <Page themeId="home">
    <Header title={props.title} subtitle="EntityPaycorCard" />
    <Content>
      <EntityProvider entity={props.entity}>
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <EntityPaycorCard />
          </Grid>
        </Grid>
      </EntityProvider>
    </Content>
  </Page>
);

createDevApp()
  .registerPlugin(paycorPlugin)
  .registerApi(
    createApiFactory({
      api: paycorSyncApiRef,
      deps: {},
      factory: () => new MockPaycorSyncApi({ latencyMs: 300 }),
    }),
  )
  .registerApi(
    createApiFactory({
      api: catalogApiRef,
      deps: {},
      factory: () => createDevCatalogApi(),
    }),
  )
  .registerApi(
    createApiFactory({
      api: permissionApiRef,
      deps: {},
      // everything allowed; change to 'DENY' to see disabled actions
      factory: () => ({ authorize: async () => ({ result: 'ALLOW' as any }) }),
    }),
  )
  .addPage({
    path: '/paycor',
    title: 'Paycor sync',
    icon: SyncIcon,
    element: <PaycorSyncPage />,
  })
  .addPage({
    path: '/status-card',
    title: 'Status card',
    icon: DashboardIcon,
    element: (
      <Page themeId="home">
        <Header title="Home" subtitle="PaycorSyncStatusCard" />
        <Content>
          <Grid container spacing={3}>
            <Grid item xs={12} md={6}>
              <PaycorSyncStatusCard />
            </Grid>
          </Grid>
        </Content>
      </Page>
    ),
  })
  .addPage({
    path: '/user-card',
    title: 'User card',
    icon: PersonIcon,
    element: (
      <EntityCards entity={find('User', 'maria.okafor')} title="maria.okafor" />
    ),
  })
  .addPage({
    path: '/group-card',
    title: 'Group card',
    icon: GroupIcon,
    element: (
      <EntityCards entity={find('Group', 'engineering')} title="engineering" />
    ),
  })
  .addPage({
    path: '/catalog/:namespace/:kind/:name',
    element: <EntityPageStub />,
  })
  .render();
