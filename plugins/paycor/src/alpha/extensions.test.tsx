import { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { homePageWidgetDataRef } from '@backstage/plugin-home-react/alpha';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  PAYCOR_ANNOTATIONS,
  isPaycorEntity,
} from '@paycor-backstage/plugin-paycor-common';
import { screen, within } from '@testing-library/react';
import { MockPaycorSyncApi } from '../__testUtils__/MockPaycorSyncApi';
import {
  allowAllPermissionApi,
  createCatalogApi,
} from '../__testUtils__/testHelpers';
import { paycorSyncApiRef } from '../api';
import { rootRouteRef, tabRouteRefs } from '../routes';
import {
  paycorEntityCard,
  paycorEntityFilter,
  paycorSyncStatusWidget,
} from './extensions';

const apis = () =>
  [
    [paycorSyncApiRef, new MockPaycorSyncApi()],
    [permissionApiRef, allowAllPermissionApi],
    [catalogApiRef, createCatalogApi()],
  ] as const;

function entity(
  kind: string,
  name: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec: kind === 'Group' ? { type: 'team', children: [] } : {},
  };
}

const paycorUser = entity('User', 'maria.okafor', {
  [PAYCOR_ANNOTATIONS.providerId]: 'acme',
  [PAYCOR_ANNOTATIONS.employeeId]: 'e-2001',
});
const paycorGroup = entity('Group', 'platform-team', {
  [PAYCOR_ANNOTATIONS.providerId]: 'acme',
  [PAYCOR_ANNOTATIONS.departmentId]: 'd-plat',
});
const handWrittenGroup = entity('Group', 'product-engineering');
const handWrittenUser = entity('User', 'contractor');
// a Component carrying the annotation by mistake still gets no card
const component = entity('Component', 'paycor-module', {
  [PAYCOR_ANNOTATIONS.providerId]: 'acme',
});

describe('entity-card:paycor/details', () => {
  it('matches Users and Groups synced by Paycor, like isPaycorEntity', () => {
    const filter = createExtensionTester(paycorEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    for (const e of [
      paycorUser,
      paycorGroup,
      handWrittenGroup,
      handWrittenUser,
      component,
    ]) {
      expect([e.metadata.name, filter(e)]).toEqual([
        e.metadata.name,
        isPaycorEntity(e),
      ]);
    }
    expect(filter(paycorUser)).toBe(true);
    expect(filter(paycorGroup)).toBe(true);
    expect(filter(handWrittenGroup)).toBe(false);
    expect(filter(component)).toBe(false);
    expect(
      Object.keys(paycorEntityFilter).some(key =>
        key.endsWith(PAYCOR_ANNOTATIONS.providerId),
      ),
    ).toBe(true);
  });

  it('is an info card', () => {
    expect(
      createExtensionTester(paycorEntityCard).get(
        EntityCardBlueprint.dataRefs.type,
      ),
    ).toBe('info');
  });

  async function renderEntityPage(subject: Entity) {
    renderTestApp({
      extensions: [createTestEntityPage({ entity: subject }), paycorEntityCard],
      mountedRoutes: { '/paycor': rootRouteRef },
      apis: apis(),
    });
  }

  it.each([
    ['a Paycor User', paycorUser],
    ['a Paycor Group', paycorGroup],
  ])('shows on %s', async (_name, subject) => {
    await renderEntityPage(subject);
    expect(
      await screen.findByRole('heading', { name: 'Paycor' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Paycor details')).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'Open the Paycor sync page' }),
    ).toHaveAttribute('href', '/paycor?provider=acme');
  });

  it.each([
    ['a Component', component],
    ['a hand-written Group', handWrittenGroup],
  ])('does not show on %s', async (_name, subject) => {
    await renderEntityPage(subject);
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: 'Paycor' }),
    ).not.toBeInTheDocument();
  });
});

describe('home-page-widget:paycor/sync-status', () => {
  const widget = () =>
    createExtensionTester(paycorSyncStatusWidget).get(homePageWidgetDataRef);

  it('is the PaycorSyncStatus widget for the home page', () => {
    expect(widget()).toMatchObject({
      name: 'PaycorSyncStatus',
      title: 'Paycor sync',
    });
  });

  it('renders in a single card with its title once', async () => {
    const { container } = await renderInTestApp(widget().component, {
      apis: apis(),
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/paycor': rootRouteRef,
        '/paycor/conflicts': tabRouteRefs.conflicts,
        '/paycor/approvals': tabRouteRefs.approvals,
      },
    });
    const acme = await screen.findByRole('region', { name: 'Acme Corp' });
    expect(
      screen.getByRole('region', { name: 'Acme Canada Ltd' }),
    ).toBeInTheDocument();

    // the home page's card is the only card: the body brings none
    expect(container.querySelectorAll('.MuiCard-root')).toHaveLength(1);
    expect(screen.getAllByText('Paycor sync')).toHaveLength(1);
    expect(
      container.querySelector('.MuiCard-root .MuiCardHeader-title'),
    ).toHaveTextContent(/^Paycor sync$/);

    expect(
      within(acme).getByRole('button', { name: 'Sync now' }),
    ).toBeEnabled();
    // links go to the sub-pages where the app mounted them
    expect(
      within(acme).getByRole('link', { name: '4 open conflicts' }),
    ).toHaveAttribute('href', '/paycor/conflicts?provider=acme');
    expect(
      within(acme).getByRole('link', { name: 'Review approvals' }),
    ).toHaveAttribute('href', '/paycor/approvals?provider=acme');
    // the card's action
    expect(
      screen.getByRole('link', { name: 'Open the Paycor sync page' }),
    ).toHaveAttribute('href', '/paycor');
  });
});
