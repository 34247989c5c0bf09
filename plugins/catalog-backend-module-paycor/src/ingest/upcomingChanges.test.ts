import {
  DEFAULT_NOW,
  makeConfig,
  makeEmployee,
} from './__testUtils__/builders';
import { buildDepartmentTree } from './departmentTree';
import { PreparedEmployees } from './employees';
import { selectPeople } from './people';
import { upcomingChanges } from './upcomingChanges';
import { ExclusionRule, PaycorEmployeeRecord } from './types';
import { PaycorProviderConfig } from '../config/types';

// 2024-06-15T12:00Z: still the 15th in New York
const NOW = DEFAULT_NOW;

function upcoming(
  employees: PaycorEmployeeRecord[],
  options: {
    config?: Partial<PaycorProviderConfig>;
    exclusions?: ExclusionRule[];
    days?: number;
    now?: Date;
  } = {},
) {
  const config = makeConfig({
    timeZone: 'America/New_York',
    ...options.config,
  });
  const prepared = PreparedEmployees.of(employees, config.userNaming);
  const tree = buildDepartmentTree([]);
  const input = {
    employees: prepared,
    tree,
    legalEntity: { id: 501123 },
    config,
    exclusions: options.exclusions ?? [],
    now: options.now ?? NOW,
  };
  const people = selectPeople({
    ...input,
    invalid: [],
    previousUserNames: new Map(),
    rootRef: 'group:default/acme',
  });
  return upcomingChanges({ ...input, people, days: options.days ?? 30 });
}

describe('upcomingChanges', () => {
  it('lists hires, rehires and terminations of the next days, with what each does', () => {
    const hire = makeEmployee({
      firstName: 'Hana',
      hireDate: '2024-06-20T00:00:00Z',
    });
    const rehire = makeEmployee({
      firstName: 'Rei',
      hireDate: '2015-01-05T00:00:00Z',
      terminationDate: '2020-01-31T00:00:00Z',
      reHireDate: '2024-07-01T00:00:00Z',
    });
    const leaver = makeEmployee({
      firstName: 'Leo',
      terminationDate: '2024-06-30T00:00:00Z',
    });
    const later = makeEmployee({
      firstName: 'Lat',
      hireDate: '2024-09-01T00:00:00Z',
    });
    const today = makeEmployee({
      firstName: 'Tod',
      hireDate: '2024-06-15T00:00:00Z',
    });
    const result = upcoming([hire, rehire, leaver, later, today]);
    expect(result.from).toBe('2024-06-15');
    expect(result.timeZone).toBe('America/New_York');
    expect(result.items).toEqual([
      {
        employeeId: hire.id,
        displayName: `Hana ${hire.lastName}`,
        change: 'hire',
        date: '2024-06-20',
        effect: 'appears',
        detail: 'A User appears on 2024-06-20.',
      },
      {
        employeeId: leaver.id,
        displayName: `Leo ${leaver.lastName}`,
        change: 'termination',
        date: '2024-06-30',
        effect: 'goes',
        detail: 'Their User is removed at 00:00 on 2024-06-30.',
        entityRef: expect.stringMatching(/^user:default\/leo\./),
      },
      {
        employeeId: rehire.id,
        displayName: `Rei ${rehire.lastName}`,
        change: 'rehire',
        date: '2024-07-01',
        effect: 'appears',
        detail: 'A User appears on 2024-07-01.',
      },
    ]);
  });

  it('counts days in the legal entity zone and moves hires by preStartDays', () => {
    const hire = makeEmployee({ hireDate: '2024-06-25T00:00:00Z' });
    // 02:00 UTC on the 16th is still the 15th in New York
    const result = upcoming([hire], {
      config: { preStartDays: 3 },
      days: 7,
      now: new Date('2024-06-16T02:00:00Z'),
    });
    expect(result.from).toBe('2024-06-15');
    expect(result.items).toEqual([
      expect.objectContaining({
        date: '2024-06-22',
        effect: 'appears',
        detail: 'A User appears on 2024-06-22 (hire date 2024-06-25).',
      }),
    ]);
    expect(
      upcoming([hire], { config: { preStartDays: 3 }, days: 6 }).items,
    ).toEqual([]);
  });

  it('says when a dated change does nothing in the catalog', () => {
    const excluded = makeEmployee({ hireDate: '2024-06-20T00:00:00Z' });
    const filtered = makeEmployee({
      hireDate: '2024-06-21T00:00:00Z',
      employmentType: 'Temporary',
    });
    const onLeave = makeEmployee({
      hireDate: '2024-06-22T00:00:00Z',
      status: 'Fmla',
    });
    const goneBefore = makeEmployee({
      terminationDate: '2024-06-25T00:00:00Z',
      status: 'LeaveWithPay',
    });
    const result = upcoming([excluded, filtered, onLeave, goneBefore], {
      config: { onLeave: 'exclude', filters: { employmentTypes: ['Regular'] } },
      exclusions: [{ kind: 'employee-id', value: excluded.id }],
    });
    expect(result.items.map(i => [i.employeeId, i.effect, i.detail])).toEqual([
      [
        excluded.id,
        'none',
        'Starts on 2024-06-20, but they are excluded: no User.',
      ],
      [
        filtered.id,
        'none',
        'Starts on 2024-06-21, but a filter leaves them out: no User.',
      ],
      [
        onLeave.id,
        'none',
        'Starts on 2024-06-22, but is not synced that day: on leave, and people on leave are not synced.',
      ],
      [
        goneBefore.id,
        'none',
        'Terminated on 2024-06-25; they have no User now, so nothing changes in the catalog.',
      ],
    ]);
  });
});
