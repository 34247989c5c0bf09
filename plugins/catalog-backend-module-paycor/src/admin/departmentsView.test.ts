import { DepartmentPlacement } from '../ingest/types';
import { departmentsView } from './departmentsView';

const ORG = 'group:default/acme';
const PLATFORM = 'group:default/platform'; // an admin Group

function placement(
  id: string,
  name: string,
  extra: Partial<DepartmentPlacement> = {},
): DepartmentPlacement {
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

describe('departmentsView', () => {
  // Engineering ─┬─ Backend ── APIs      (Backend re-homed under Platform)
  //              └─ Web
  // Sales
  // Archive (filtered: no Group) ── Old (empty: no Group)
  const placements: DepartmentPlacement[] = [
    placement('d-apis', 'APIs', {
      paycorParentId: 'd-backend',
      effectiveParentRef: 'group:default/backend',
    }),
    placement('d-archive', 'Archive', {
      state: 'filtered',
      entityRef: undefined,
      effectiveParentRef: undefined,
    }),
    placement('d-backend', 'Backend', {
      paycorParentId: 'd-eng',
      paycorParentRef: 'group:default/engineering',
      effectiveParentRef: PLATFORM,
      override: {
        departmentId: 'd-backend',
        parentRef: PLATFORM,
        source: 'api',
      },
    }),
    placement('d-eng', 'Engineering'),
    placement('d-old', 'Old', {
      state: 'empty',
      paycorParentId: 'd-archive',
      entityRef: undefined,
      effectiveParentRef: undefined,
    }),
    placement('d-sales', 'Sales'),
    placement('d-web', 'Web', {
      paycorParentId: 'd-eng',
      effectiveParentRef: 'group:default/engineering',
    }),
  ];

  const view = departmentsView({
    placements,
    overrides: [
      {
        departmentId: 'd-backend',
        parentRef: PLATFORM,
        note: 'platform teams',
        setBy: 'user:default/admin',
        setAt: '2024-06-15T12:00:00.000Z',
      },
    ],
    snapshotAt: '2024-06-15T11:55:00.000Z',
  });

  it('keeps the items sorted by name, with who re-homed what', () => {
    expect(view.items.map(d => d.name)).toEqual([
      'APIs',
      'Archive',
      'Backend',
      'Engineering',
      'Old',
      'Sales',
      'Web',
    ]);
    expect(view.items.find(d => d.id === 'd-backend')!.override).toEqual({
      parent: PLATFORM,
      note: 'platform teams',
      setBy: 'user:default/admin',
      setAt: '2024-06-15T12:00:00.000Z',
      source: 'api',
    });
  });

  it('orders the tree: sections by outside Group (largest first, none last), subtrees depth-first, siblings by name', () => {
    const rows = view.treeOrder!.map(id => {
      const d = view.items.find(i => i.id === id)!;
      return `${'  '.repeat(d.depth!)}${d.name}${
        d.depth === 0 ? ` [${d.effectiveParentRef ?? 'no Group'}]` : ''
      }`;
    });
    expect(rows).toEqual([
      `Engineering [${ORG}]`,
      '  Web',
      `Sales [${ORG}]`,
      `Backend [${PLATFORM}]`,
      '  APIs',
      'Archive [no Group]',
      '  Old',
    ]);
    expect(view.treeOrder).toHaveLength(view.items.length);
  });

  it('says which department each one is nested under', () => {
    const parents = Object.fromEntries(
      view.items.map(d => [d.id, d.treeParentId]),
    );
    expect(parents).toEqual({
      'd-apis': 'd-backend',
      'd-archive': undefined,
      'd-backend': undefined,
      'd-eng': undefined,
      'd-old': 'd-archive',
      'd-sales': undefined,
      'd-web': 'd-eng',
    });
  });
});
