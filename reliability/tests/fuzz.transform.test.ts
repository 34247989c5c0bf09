/*
 * Property-based tests of the transform (ingest/transformSnapshot): random
 * snapshots — built from raw Paycor-shaped records through the same parsing
 * the sync uses (CanonicalKeys → toEmployeeRecord / toDepartmentRecord) — with
 * random config, overrides, admin groups and exclusions. It never throws,
 * every entity passes the catalog's validation, the tree is consistent, and
 * the result does not depend on the order Paycor returned the records in.
 */
import { stringifyEntityRef } from '@backstage/catalog-model';
import fc from 'fast-check';
import { paycorKeys } from '../../plugins/catalog-backend-module-paycor/src/client/paycorSchemas';
import {
  toDepartmentRecord,
  toEmployeeRecord,
} from '../../plugins/catalog-backend-module-paycor/src/client/toRecords';
import { transformSnapshot } from '../../plugins/catalog-backend-module-paycor/src/ingest';
import {
  makeConfig,
  makeExternal,
} from '../../plugins/catalog-backend-module-paycor/src/ingest/__testUtils__/builders';
import { transformAndCheck } from '../../plugins/catalog-backend-module-paycor/src/ingest/__testUtils__/validation';
import type {
  PaycorDepartmentRecord,
  PaycorEmployeeRecord,
  PaycorSnapshot,
  PreviousEmission,
  TransformInput,
} from '../../plugins/catalog-backend-module-paycor/src/ingest/types';
import {
  fuzzRuns,
  hugeString,
  recase,
  unicodeString,
} from '../lib/arbitraries';
import { assertProperty } from '../lib/fuzz';
import { writeFragment } from '../lib/results';

const DEPT_IDS = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'];
const EMP_IDS = Array.from({ length: 24 }, (_, i) => `e${i + 1}`);
const MAPPED = [
  'positionData.jobCode',
  'statusData.flsa',
  'positionData.jobTitle',
];

const name = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      'Maria',
      'Okafor',
      'Zoë',
      'Łukasiewicz',
      '王',
      '秀英',
      'Ελένη',
      "O'Brien",
      'Jean-Luc',
      'Nguyễn',
    ),
  },
  { weight: 3, arbitrary: unicodeString },
  { weight: 1, arbitrary: hugeString.map(s => s.slice(0, 5000)) },
);
const email = fc.oneof(
  fc.constantFrom(
    'maria.okafor@example.com',
    'MARIA.OKAFOR@example.com',
    'dup@example.com',
    'a@b.c',
    'zoë@exämple.com',
  ),
  fc.emailAddress(),
  fc.constant(null),
);
const date = fc.oneof(
  fc.constantFrom(
    '2019-03-18T00:00:00Z',
    '2019-03-18T00:00:00',
    '2024-06-15',
    '2024-06-16T00:00:00Z',
    '2019-02-31T00:00:00Z',
    '2024-02-29T23:59:59',
    '1900-01-01T00:00:00Z',
  ),
  fc
    .date({
      min: new Date('2015-01-01'),
      max: new Date('2030-01-01'),
      noInvalidDate: true,
    })
    .map(d => d.toISOString()),
);
const status = fc.oneof(
  { weight: 8, arbitrary: fc.constant('Active') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'Terminated',
      'Resigned',
      'LeaveWithPay',
      'Fmla',
      'Retired',
      'Deceased',
      'SomethingNew',
      '',
    ),
  },
);
const pastDate = fc.oneof(
  { weight: 4, arbitrary: fc.constant('2019-03-18T00:00:00Z') },
  { weight: 1, arbitrary: date },
);

const rawEmployee = fc.record(
  {
    id: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...EMP_IDS) },
      { weight: 1, arbitrary: unicodeString },
    ),
    employeeNumber: fc.oneof(
      fc.integer({ min: 0, max: 99999 }),
      fc.constantFrom('0042', '1e3', ' 7 '),
      unicodeString,
    ),
    firstName: name,
    lastName: name,
    middleName: fc.option(name, { nil: undefined }),
    email: email.map(address =>
      address === null ? null : { type: 'Work', emailAddress: address },
    ),
    department: fc
      .oneof(fc.constantFrom(...DEPT_IDS, 'unknown-dept'), fc.constant(null))
      .map(id => (id ? { id } : null)),
    positionData: fc.record({
      jobTitle: fc.option(name, { nil: null }),
      jobCode: fc.option(unicodeString, { nil: null }),
      manager: fc.option(
        fc.constantFrom(...EMP_IDS, 'ghost').map(id => ({ id })),
        { nil: null },
      ),
    }),
    statusData: fc.record({
      status,
      type: fc.constantFrom('Regular', 'Temporary', 'Intern'),
      flsa: fc.option(unicodeString, { nil: null }),
    }),
    employmentDateData: fc.record({
      hireDate: fc.option(pastDate, { nil: null, freq: 8 }),
      reHireDate: fc.option(date, { nil: null, freq: 2 }),
      terminationDate: fc.option(date, { nil: null, freq: 2 }),
    }),
    workLocation: fc.option(
      fc.record({
        id: fc.constantFrom('w1', 'w2'),
        name: fc.constantFrom('Cincinnati HQ', 'Remote', 'Zürich'),
      }),
      { nil: null },
    ),
  },
  { requiredKeys: ['id'] },
);

const rawDepartment = fc.record({
  id: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...DEPT_IDS) },
    { weight: 1, arbitrary: unicodeString },
  ),
  code: fc.oneof(
    fc.integer({ min: 1, max: 999 }),
    unicodeString,
    fc.constant(null),
  ),
  description: fc.oneof(name, fc.constant(null)),
  parentId: fc.oneof(
    fc.constantFrom(...DEPT_IDS, 'payroll-1', 'missing-parent'),
    fc.constant(null),
  ),
  level: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
  payrollId: fc.constant('payroll-1'),
});

/** Raw records → the snapshot readSnapshot would build (parsing, dedupe by id). */
function toSnapshot(
  employees: unknown[],
  departments: unknown[],
  casing: number,
): PaycorSnapshot {
  const recase_ = (v: any): any =>
    Array.isArray(v)
      ? v.map(recase_)
      : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v).map(([k, x], i) => [
            recase(k, casing + i),
            recase_(x),
          ]),
        )
      : v;
  const keys = paycorKeys.extend(MAPPED.flatMap(p => p.split('.')));
  const emps = new Map<string, PaycorEmployeeRecord>();
  const depts = new Map<string, PaycorDepartmentRecord>();
  const invalid: PaycorSnapshot['invalid'] = [];
  for (const raw of employees) {
    const parsed = toEmployeeRecord(keys.apply(recase_(raw)), MAPPED);
    if ('record' in parsed) emps.set(parsed.record.id, parsed.record);
    else invalid.push(parsed.invalid);
  }
  for (const raw of departments) {
    const parsed = toDepartmentRecord(keys.apply(recase_(raw)));
    if ('record' in parsed) depts.set(parsed.record.id, parsed.record);
    else invalid.push(parsed.invalid);
  }
  return {
    fetchedAt: '2024-06-15T11:55:00.000Z',
    legalEntity: {
      id: 501123,
      name: 'Acme Corp',
      timeZone: 'America/New_York',
    },
    employees: [...emps.values()],
    departments: [...depts.values()],
    invalid,
  };
}

const GROUP_REFS = [
  'group:default/existing-root',
  'group:default/d-external',
  'group:default/nope',
  'group:default/platform',
];

const inputArb = fc.record({
  employees: fc.array(rawEmployee, { minLength: 2, maxLength: 40, size: '+1' }),
  departments: fc.array(rawDepartment, { maxLength: 8 }),
  casing: fc.nat(3),
  config: fc.record({
    userNaming: fc.constantFrom(
      'email-local-part',
      'email',
      'employee-number',
      'employee-id',
      'first-last',
    ),
    groupNaming: fc.record({
      strategy: fc.constantFrom('name', 'code', 'id'),
      prefix: fc.constantFrom('', 'hr-', 'paycor.'),
    }),
    onLeave: fc.constantFrom('include', 'exclude'),
    emptyDepartments: fc.constantFrom('skip', 'include'),
    preStartDays: fc.integer({ min: 0, max: 30 }),
    timeZone: fc.constantFrom(
      undefined,
      'America/New_York',
      'Pacific/Kiritimati',
      'UTC',
    ),
    organization: fc.oneof(
      fc.constant({}),
      fc.record({
        title: fc.constantFrom(
          'Acme Corp',
          'Ünïcödé GmbH',
          '株式会社',
          'x'.repeat(200),
        ),
      }),
      fc.constant({ ref: 'group:default/existing-root' }),
    ),
    fieldMapping: fc.oneof(
      fc.constant({ annotations: {}, labels: {} }),
      fc.constant({
        annotations: { 'acme.com/job-code': 'positionData.jobCode' },
        labels: { flsa: 'statusData.flsa', title: 'positionData.jobTitle' },
      }),
    ),
    departmentParents: fc.dictionary(
      fc.constantFrom('d1', 'd2', 'd3', '101'),
      fc.constantFrom(...GROUP_REFS),
      { maxKeys: 2 },
    ),
    filters: fc.oneof(
      fc.constant({}),
      fc.constant({ departments: { exclude: ['d2'] } }),
      fc.constant({ emailDomains: ['example.com'] }),
      fc.constant({ statuses: ['Active', 'Fmla'] as any }),
      fc.constant({ locations: { include: ['Remote'] } }),
    ),
  }),
  overrides: fc.array(
    fc.record({
      departmentId: fc.constantFrom(...DEPT_IDS),
      parentRef: fc.constantFrom(
        ...GROUP_REFS,
        'group:default/d1',
        'group:default/hr-d2',
      ),
      source: fc.constant('api' as const),
    }),
    { maxLength: 3 },
  ),
  adminGroups: fc.uniqueArray(
    fc.record({
      name: fc.constantFrom('platform', 'division-a', 'd1', 'existing-root'),
      title: fc.constantFrom('Platform', 'Division A', 'Ωmega'),
      parentRef: fc.option(fc.constantFrom(...GROUP_REFS), { nil: undefined }),
      type: fc.constant('division'),
    }),
    { maxLength: 2, selector: g => g.name },
  ),
  exclusions: fc.array(
    fc.oneof(
      fc
        .constantFrom(...EMP_IDS)
        .map(value => ({ kind: 'employee-id' as const, value })),
      fc
        .constantFrom('dup@example.com', 'MARIA.OKAFOR@EXAMPLE.COM')
        .map(value => ({ kind: 'email' as const, value })),
    ),
    { maxLength: 3 },
  ),
  now: fc.oneof(
    { weight: 3, arbitrary: fc.constant(new Date('2024-06-15T12:00:00Z')) },
    {
      weight: 1,
      arbitrary: fc.date({
        min: new Date('2019-01-01'),
        max: new Date('2031-01-01'),
        noInvalidDate: true,
      }),
    },
  ),
});

function previousFrom(
  entities: ReturnType<typeof transformSnapshot>['entities'],
): PreviousEmission {
  const userNames = new Map<string, string>();
  const groupNames = new Map<string, string>();
  for (const e of entities) {
    const a = e.metadata.annotations ?? {};
    if (e.kind === 'User' && a['paycor.com/employee-id'])
      userNames.set(a['paycor.com/employee-id'], e.metadata.name);
    if (e.kind === 'Group' && a['paycor.com/department-id'])
      groupNames.set(a['paycor.com/department-id'], e.metadata.name);
  }
  return { userNames, groupNames };
}

const counts: Record<string, number> = {};
const stats = {
  entities: 0,
  users: 0,
  groups: 0,
  conflicts: 0,
  maxUsers: 0,
  validEmployeeRecords: 0,
  invalidRecords: 0,
  skippedByReason: {} as Record<string, number>,
};
afterAll(() => writeFragment('fuzz-transform', { cases: counts, stats }));

describe('fuzz: the transform', () => {
  it('never throws; every entity is valid; the tree is consistent; record order does not matter', async () => {
    counts.transformSnapshot = 0;
    await assertProperty(
      fc.asyncProperty(inputArb, async value => {
        counts.transformSnapshot += 1;
        const snapshot = toSnapshot(
          value.employees,
          value.departments,
          value.casing,
        );
        const input: TransformInput = {
          snapshot,
          config: makeConfig({
            ...value.config,
            organization: value.config.organization as any,
            filters: value.config.filters as any,
          } as any),
          overrides: value.overrides,
          adminGroups: value.adminGroups,
          exclusions: value.exclusions,
          external: makeExternal({
            'group:default/existing-root': undefined,
            'group:default/d-external': 'group:default/existing-root',
          }),
          now: value.now,
        };
        const first = await transformAndCheck(input);
        stats.entities += first.entities.length;
        stats.users += first.stats.users;
        stats.groups += first.stats.groups;
        stats.conflicts += first.conflicts.length;
        stats.maxUsers = Math.max(stats.maxUsers, first.stats.users);
        stats.validEmployeeRecords += snapshot.employees.length;
        stats.invalidRecords += snapshot.invalid.length;
        for (const [k, v] of Object.entries(first.stats.skippedByReason))
          stats.skippedByReason[k] = (stats.skippedByReason[k] ?? 0) + (v ?? 0);

        // Paycor may return the same records in another order
        const reversed = transformSnapshot({
          ...input,
          snapshot: {
            ...snapshot,
            employees: [...snapshot.employees].reverse(),
            departments: [...snapshot.departments].reverse(),
          },
        });
        expect(reversed.entities.map(e => stringifyEntityRef(e))).toEqual(
          first.entities.map(e => stringifyEntityRef(e)),
        );
        expect(JSON.stringify(reversed.entities)).toBe(
          JSON.stringify(first.entities),
        );

        // the next run, with this run's names as the previous emission, keeps them
        const second = await transformAndCheck({
          ...input,
          previous: previousFrom(first.entities),
        });
        expect(second.entities.map(e => stringifyEntityRef(e))).toEqual(
          first.entities.map(e => stringifyEntityRef(e)),
        );
      }),
      fuzzRuns(400),
    );
  });
});
