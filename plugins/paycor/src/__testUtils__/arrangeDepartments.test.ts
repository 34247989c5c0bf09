import { DepartmentView } from '@paycor-backstage/plugin-paycor-common';
import { MockPaycorSyncApi } from './MockPaycorSyncApi';
import { arrangeDepartments, subtreeRefs } from './arrangeDepartments';
import { makeDepartments } from './fixtures';

const ORG = 'group:default/acme';
const PLATFORM = 'group:default/platform';

function department(
  id: string,
  name: string,
  extra: Partial<DepartmentView> = {},
): DepartmentView {
  return {
    id,
    name,
    memberCount: 1,
    state: 'synced',
    entityRef: `group:default/${name.toLowerCase()}`,
    effectiveParentRef: ORG,
    paycorParentRef: ORG,
    ...extra,
  };
}

/** The tree as indented names, top departments with their outside Group. */
function drawn(list: ReturnType<typeof arrangeDepartments>) {
  return list.treeOrder!.map(id => {
    const d = list.items.find(i => i.id === id)!;
    return `${'  '.repeat(d.depth!)}${d.name}${
      d.depth === 0 ? ` [${d.effectiveParentRef ?? 'no Group'}]` : ''
    }`;
  });
}

describe('the mock backend’s Departments list', () => {
  it('answers what the server answers for the server’s own example', () => {
    // the input and expectation of departmentsView.test.ts in the backend
    // module: Engineering ─ Web; Sales; Backend (re-homed under Platform) ─
    // APIs; Archive (no Group) ─ Old
    const list = arrangeDepartments({
      items: [
        department('d-web', 'Web', {
          paycorParentId: 'd-eng',
          effectiveParentRef: 'group:default/engineering',
        }),
        department('d-sales', 'Sales'),
        department('d-old', 'Old', {
          state: 'empty',
          paycorParentId: 'd-archive',
          entityRef: undefined,
          effectiveParentRef: undefined,
        }),
        department('d-eng', 'Engineering'),
        department('d-backend', 'Backend', {
          paycorParentId: 'd-eng',
          paycorParentRef: 'group:default/engineering',
          effectiveParentRef: PLATFORM,
        }),
        department('d-archive', 'Archive', {
          state: 'filtered',
          entityRef: undefined,
          effectiveParentRef: undefined,
        }),
        department('d-apis', 'APIs', {
          paycorParentId: 'd-backend',
          effectiveParentRef: 'group:default/backend',
        }),
      ],
    });
    expect(list.items.map(d => d.name)).toEqual([
      'APIs',
      'Archive',
      'Backend',
      'Engineering',
      'Old',
      'Sales',
      'Web',
    ]);
    expect(drawn(list)).toEqual([
      `Engineering [${ORG}]`,
      '  Web',
      `Sales [${ORG}]`,
      `Backend [${PLATFORM}]`,
      '  APIs',
      'Archive [no Group]',
      '  Old',
    ]);
    expect(
      Object.fromEntries(list.items.map(d => [d.id, d.treeParentId])),
    ).toEqual({
      'd-apis': 'd-backend',
      'd-archive': undefined,
      'd-backend': undefined,
      'd-eng': undefined,
      'd-old': 'd-archive',
      'd-sales': undefined,
      'd-web': 'd-eng',
    });
    expect([...subtreeRefs(list, 'd-backend')].sort()).toEqual([
      'group:default/apis',
      'group:default/backend',
    ]);
  });

  it('agrees with the fixture the component tests use', () => {
    const fixture = makeDepartments();
    const stripped = {
      ...fixture,
      items: [...fixture.items]
        .reverse()
        .map(({ depth: _d, treeParentId: _p, ...item }) => item),
      treeOrder: undefined,
    };
    expect(arrangeDepartments(stripped)).toEqual(fixture);
  });

  it('re-arranges the tree after a re-home and refuses a cycle', async () => {
    const api = new MockPaycorSyncApi();
    // Marketing under Engineering: Engineering's subtree grows
    const moved = await api.setDepartmentParent('acme', 'd-mkt', {
      parent: 'group:default/engineering',
    });
    expect(moved).toMatchObject({ depth: 1, treeParentId: 'd-eng' });
    const list = await api.listDepartments('acme');
    expect(drawn(list)).toEqual([
      'Engineering [group:default/product-engineering]',
      '  Marketing',
      '  Platform',
      'Sales [group:default/acme-corp]',
      'Finance [no Group]',
    ]);
    await expect(
      api.setDepartmentParent('acme', 'd-eng', {
        parent: 'group:default/marketing',
      }),
    ).rejects.toMatchObject({
      statusCode: 409,
      body: {
        error: {
          message:
            'Re-homing Engineering under group:default/marketing would make it its own ancestor',
        },
      },
    });
  });
});
