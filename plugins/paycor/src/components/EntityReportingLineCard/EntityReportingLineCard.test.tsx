import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { PAYCOR_ANNOTATIONS } from '@paycor-backstage/plugin-paycor-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createMockApi,
  renderWithPaycor,
} from '../../__testUtils__/testHelpers';
import { EntityReportingLineCard } from './EntityReportingLineCard';

const A = PAYCOR_ANNOTATIONS;

/** A synced User as the catalog serves it, with its relations stitched. */
function user(
  name: string,
  options: {
    manager?: string;
    title?: string;
    reports?: string[];
    annotations?: Record<string, string>;
  } = {},
): Entity {
  const display = name
    .split('.')
    .map(p => p[0].toUpperCase() + p.slice(1))
    .join(' ');
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name,
      namespace: 'default',
      description: options.title,
      annotations: {
        [A.providerId]: 'acme',
        [A.employeeId]: `id-${name}`,
        ...(options.title ? { [A.jobTitle]: options.title } : {}),
        ...(options.manager
          ? { [A.managerRef]: `user:default/${options.manager}` }
          : {}),
        ...options.annotations,
      },
    },
    spec: { profile: { displayName: display }, memberOf: [] },
    relations: [
      ...(options.manager
        ? [{ type: 'reportsTo', targetRef: `user:default/${options.manager}` }]
        : []),
      ...(options.reports ?? []).map(r => ({
        type: 'managerOf',
        targetRef: `user:default/${r}`,
      })),
    ],
  };
}

// ceo ← vp ← lead ← 25 engineers
const engineers = Array.from({ length: 25 }, (_, i) =>
  user(`eng.${String(i).padStart(2, '0')}`, {
    manager: 'lead.one',
    title: 'Engineer',
  }),
);
const ceo = user('ceo.one', { title: 'Chief Executive Officer' });
const vp = user('vp.one', { manager: 'ceo.one', title: 'VP Engineering' });
const lead = user('lead.one', {
  manager: 'vp.one',
  title: 'Team Lead',
  reports: engineers.map(e => e.metadata.name),
});

async function renderCard(entity: Entity, entities: Entity[]) {
  const catalogApi = catalogApiMock({ entities });
  const getEntitiesByRefs = jest.spyOn(catalogApi, 'getEntitiesByRefs');
  const queryEntities = jest.spyOn(catalogApi, 'queryEntities');
  await renderWithPaycor(
    <EntityProvider entity={entity}>
      <EntityReportingLineCard />
    </EntityProvider>,
    { api: createMockApi(), catalogApi },
  );
  return { getEntitiesByRefs, queryEntities };
}

describe('EntityReportingLineCard', () => {
  it('says reporting lines are off instead of calling the person the top of the line', async () => {
    const person = user('ann.lee', {
      annotations: { [A.reportingLines]: 'off', [A.managerEmployeeId]: 'm-7' },
    });
    const { queryEntities, getEntitiesByRefs } = await renderCard(person, [
      person,
    ]);
    expect(screen.getByRole('note')).toHaveTextContent(
      'Reporting lines are turned off for this Paycor connection (reportingLines.enabled: false), so the catalog holds no managers or direct reports. Paycor names employee m-7 as their manager.',
    );
    expect(
      screen.queryByText('Nobody: the top of the reporting line.'),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByText('Nobody reports to them.'),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'See them in the org chart' }),
    ).not.toBeInTheDocument();
    expect(queryEntities).not.toHaveBeenCalled();
    expect(getEntitiesByRefs).not.toHaveBeenCalled();
  });

  it('shows the managers up to the top, each a link, and the person last', async () => {
    await renderCard(lead, [ceo, vp, lead, ...engineers]);
    const managers = await screen.findByRole('list', {
      name: 'Managers, from the top',
    });
    const items = within(managers).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      'Ceo OneChief Executive Officer',
      'Vp OneVP Engineering',
      'Lead One',
    ]);
    expect(
      within(items[0]).getByRole('link', { name: 'Ceo One' }),
    ).toHaveAttribute('href', '/catalog/default/user/ceo.one');
    expect(items[2]).toHaveAttribute('aria-current', 'true');
  });

  it('lists the direct reports a page at a time with one catalog query per page', async () => {
    const { queryEntities, getEntitiesByRefs } = await renderCard(lead, [
      ceo,
      vp,
      lead,
      ...engineers,
    ]);
    expect(
      await screen.findByRole('heading', { name: 'Direct reports (25)' }),
    ).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Direct reports' });
    expect(within(list).getAllByRole('link')).toHaveLength(10);
    expect(within(list).getAllByRole('link')[0]).toHaveTextContent('Eng 00');

    await userEvent.click(
      screen.getByRole('button', { name: 'Show 10 more of 15' }),
    );
    await waitFor(() =>
      expect(within(list).getAllByRole('link')).toHaveLength(20),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Show 5 more of 5' }),
    );
    await waitFor(() =>
      expect(within(list).getAllByRole('link')).toHaveLength(25),
    );
    expect(screen.queryByRole('button', { name: /more of/ })).toBeNull();
    // the reports by their relation, never one by one: 3 pages; the line
    // above by one request per manager
    expect(queryEntities).toHaveBeenCalledTimes(3);
    expect(queryEntities.mock.calls[0][0]).toMatchObject({
      filter: { kind: 'user', 'relations.reportsTo': 'user:default/lead.one' },
    });
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(2);
  });

  it('handles 500 direct reports without fetching them one by one', async () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      user(`member.${i}`, { manager: 'ceo.one' }),
    );
    const { queryEntities, getEntitiesByRefs } = await renderCard(ceo, [
      ceo,
      ...many,
    ]);
    expect(
      await screen.findByRole('heading', { name: 'Direct reports (500)' }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Direct reports' })).getAllByRole(
        'listitem',
      ),
    ).toHaveLength(10);
    expect(queryEntities).toHaveBeenCalledTimes(1);
    expect(getEntitiesByRefs).not.toHaveBeenCalled();
    expect(
      screen.getByText('Nobody: the top of the reporting line.'),
    ).toBeInTheDocument();
  });

  it('says why the line ends early, and says so for someone without reports', async () => {
    const orphan = user('orphan.one', {
      annotations: {
        [A.managerEmployeeId]: 'id-gone',
        [A.reportingLineEnd]: 'manager-terminated',
        [A.reportingLineNote]:
          'Paycor names employee #1007 as manager, who left the company; the reporting line ends here.',
      },
    });
    await renderCard(orphan, [orphan]);
    const note = await screen.findByRole('note');
    expect(note).toHaveTextContent(
      'The reporting line ends here: the manager left the company.',
    );
    expect(note).toHaveTextContent('employee #1007');
    expect(
      await screen.findByText('Nobody reports to them.'),
    ).toBeInTheDocument();
  });

  it('shows the line up to a manager the catalog does not hold yet', async () => {
    const newcomer = user('new.one', { manager: 'not.yet' });
    await renderCard(newcomer, [newcomer]);
    expect(
      await screen.findByText(/user:default\/not\.yet is not in the catalog/),
    ).toBeInTheDocument();
  });

  it('links to the person in the org chart', async () => {
    await renderCard(vp, [ceo, vp, lead]);
    expect(
      await screen.findByRole('link', { name: 'See them in the org chart' }),
    ).toHaveAttribute(
      'href',
      '/paycor?provider=acme&tab=org-chart&person=id-vp.one',
    );
  });
});
