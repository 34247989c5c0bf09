import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { PAYCOR_ANNOTATIONS } from '@paycor-backstage/plugin-paycor-common';
import { makeProvider } from '../../__testUtils__/fixtures';
import {
  createCatalogApi,
  createMockApi,
  renderWithPaycor,
} from '../../__testUtils__/testHelpers';
import { EntityPaycorCard } from './EntityPaycorCard';

const A = PAYCOR_ANNOTATIONS;

const maria: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name: 'maria.okafor',
    namespace: 'default',
    annotations: {
      [A.providerId]: 'acme',
      [A.legalEntityId]: '100200',
      [A.employeeId]: 'e-2001',
      [A.employeeNumber]: '1042',
      [A.departmentId]: 'd-plat',
      [A.jobTitle]: 'Staff Engineer',
      [A.workLocation]: 'Cincinnati HQ',
      [A.employmentType]: 'Regular',
      [A.employmentStatus]: 'Active',
      [A.managerEmployeeId]: 'e-1001',
    },
  },
  spec: {
    profile: {
      displayName: 'Maria Okafor',
      email: 'maria.okafor@acme.example',
    },
    memberOf: ['platform-team'],
  },
  relations: [{ type: 'memberOf', targetRef: 'group:default/platform-team' }],
};

const platform: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'platform-team',
    namespace: 'default',
    title: 'Platform',
    annotations: {
      [A.providerId]: 'acme',
      [A.departmentId]: 'd-plat',
      [A.departmentCode]: 'PLAT',
      [A.parentSource]: 'override',
      [A.paycorParent]: 'group:default/engineering',
    },
  },
  spec: { type: 'department', children: [] },
};

const boss: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name: 'sam.lee',
    namespace: 'default',
    annotations: { [A.providerId]: 'acme', [A.employeeId]: 'e-1001' },
  },
  spec: { profile: { displayName: 'Sam Lee' } },
};

async function renderCard(
  entity: Entity,
  options: { catalog?: Entity[]; providerError?: Error } = {},
) {
  const api = createMockApi({
    getProvider: async () => {
      if (options.providerError) throw options.providerError;
      return makeProvider();
    },
  });
  const catalogApi = createCatalogApi(
    options.catalog ?? [platform, boss, maria],
  );
  await renderWithPaycor(
    <EntityProvider entity={entity}>
      <EntityPaycorCard />
    </EntityProvider>,
    { api, catalogApi },
  );
  return { api, catalogApi };
}

function fact(label: string) {
  const details = screen.getByLabelText('Paycor details');
  const term = within(details).getByText(label, { selector: 'dt' });
  return term.nextElementSibling as HTMLElement;
}

describe('EntityPaycorCard', () => {
  it('shows what Paycor says about a User', async () => {
    const { api, catalogApi } = await renderCard(maria);
    expect(screen.getByRole('heading', { name: 'Paycor' })).toBeInTheDocument();

    expect(
      await screen.findByRole('link', { name: /sam\.lee|Sam Lee/ }),
    ).toHaveAttribute('href', '/catalog/default/user/sam.lee');
    expect(fact('Employee id')).toHaveTextContent('e-2001');
    expect(fact('Employee number')).toHaveTextContent('1042');
    expect(fact('Job title')).toHaveTextContent('Staff Engineer');
    expect(fact('Work location')).toHaveTextContent('Cincinnati HQ');
    expect(fact('Employment type')).toHaveTextContent('Regular');
    expect(fact('Employment status')).toHaveTextContent('Active');
    expect(within(fact('Department')).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/group/platform-team',
    );
    expect(
      await within(fact('Last synced')).findByText('11 minutes ago'),
    ).toBeInTheDocument();
    expect(api.getProvider).toHaveBeenCalledWith('acme');
    expect(catalogApi.getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: {
          kind: 'user',
          'metadata.annotations.paycor.com/employee-id': 'e-1001',
        },
      }),
    );

    const managed = screen.getByRole('list', {
      name: 'Fields managed by Paycor',
    });
    expect(within(managed).getByText('spec.profile.email')).toBeInTheDocument();
    expect(within(managed).getAllByTitle('locked')).toHaveLength(6);
    expect(
      screen.getByText(/Everything else is Backstage's to edit/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the Paycor sync page' }),
    ).toHaveAttribute('href', '/paycor?provider=acme');
    // the person's trace in the People tab
    expect(
      screen.getByRole('link', { name: 'Why is this person here?' }),
    ).toHaveAttribute('href', '/paycor?provider=acme&tab=people&person=e-2001');
  });

  it('shows the manager id when no User has it, and falls back to memberOf', async () => {
    const { catalogApi } = await renderCard(maria, { catalog: [] });
    expect(
      await screen.findByText('e-1001 (not in the catalog)'),
    ).toBeInTheDocument();
    expect(within(fact('Department')).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/group/platform-team',
    );
    expect(catalogApi.getEntities).toHaveBeenCalledTimes(2);
  });

  it('shows department ids and the parent source of a Group', async () => {
    await renderCard(platform);
    expect(fact('Department id')).toHaveTextContent('d-plat');
    expect(fact('Department code')).toHaveTextContent('PLAT');
    expect(fact('Parent from')).toHaveTextContent('Re-homed by an admin');
    expect(within(fact('Paycor parent')).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/group/engineering',
    );
    expect(fact('Connection')).toHaveTextContent('acme');
    const managed = screen.getByRole('list', {
      name: 'Fields managed by Paycor',
    });
    expect(within(managed).getByText('spec.parent')).toBeInTheDocument();
    // a Group has no trace of its own
    expect(
      screen.queryByRole('link', { name: 'Why is this person here?' }),
    ).not.toBeInTheDocument();
    expect(screen.getByText(/links, picture, description/)).toBeInTheDocument();
    expect(await screen.findByText('11 minutes ago')).toBeInTheDocument();
  });

  it('says when the sync status cannot be read', async () => {
    await renderCard(platform, { providerError: new Error('not allowed') });
    expect(
      await screen.findByText('Unknown (not allowed)'),
    ).toBeInTheDocument();
  });

  it('explains the missing annotation on entities Paycor does not manage', async () => {
    await renderCard({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'product-engineering' },
      spec: { type: 'division', children: [] },
    });
    expect(
      screen.getAllByText(/paycor\.com\/provider-id/)[0],
    ).toBeInTheDocument();
  });
});
