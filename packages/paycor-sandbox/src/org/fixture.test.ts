import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxInputError } from '../errors';
import { loadOrgFixtureFile, parseOrgFixture } from './fixture';
import { generateOrg } from './generate';

const EMPLOYEE_ID = '7f3a12c4-be21-0000-0000-0000c4d20300';
const PERSON_ID = 'a41f6c3b-be21-0000-0000-0000c4d20300';
const TOP = 'cb4a1b67-000c-0000-0000-000066000000';
const CHILD = 'cb4a1b67-000c-0000-0000-000066000001';

const minimal = {
  legalEntity: {
    id: 501123,
    name: 'ACME Inc.',
    tenant: { id: '10138', url: '/v1/tenants/10138' },
  },
  departments: [
    { id: TOP, code: '100', description: 'Support', parentId: null },
    { id: CHILD, code: '110', description: 'Tier 1', parentId: TOP },
  ],
  employees: [
    {
      id: EMPLOYEE_ID,
      employeeNumber: '1042',
      firstName: 'Maria',
      lastName: 'Okafor',
      email: { type: 'Work', emailAddress: 'maria.okafor@example.com' },
      workLocation: {
        id: '5245ae3d-e570-0000-0000-000066000000',
        name: 'Cincinnati HQ',
        city: 'Cincinnati',
        type: 'Physical',
      },
      person: { id: PERSON_ID, url: `/v1/employees/${EMPLOYEE_ID}/person` },
      department: {
        id: CHILD,
        url: `/v1/legalentities/501123/departments/${CHILD}`,
      },
      workerCategory: 'kept-verbatim',
    },
  ],
};

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('org fixtures', () => {
  it('completes a minimal fixture: every key present, levels, persons and work locations derived', () => {
    const fixture = parseOrgFixture(minimal);
    const [employee] = fixture.employees;
    expect(Object.keys(employee).slice(0, 8)).toEqual([
      'id',
      'employeeNumber',
      'alternateEmployeeNumber',
      'badgeNumber',
      'firstName',
      'middleName',
      'lastName',
      'email',
    ]);
    expect(employee.statusData).toBeNull();
    expect(employee.workLocation).toMatchObject({
      streetLine1: null,
      county: null,
      name: 'Cincinnati HQ',
    });
    expect(
      (employee as unknown as Record<string, unknown>).workerCategory,
    ).toBe('kept-verbatim');
    expect(fixture.legalEntity.isLost).toBe(false);
    expect(fixture.departments.map(d => d.level)).toEqual([2, 3]);
    expect(fixture.persons).toEqual([
      expect.objectContaining({
        id: PERSON_ID,
        firstName: 'Maria',
        email: null,
        employeeAssignments: [
          {
            employees: { id: EMPLOYEE_ID, url: `/v1/employees/${EMPLOYEE_ID}` },
          },
        ],
        tenants: { id: '10138', url: '/v1/tenants/10138' },
      }),
    ]);
    expect(fixture.workLocations).toEqual([
      expect.objectContaining({
        id: '5245ae3d-e570-0000-0000-000066000000',
        name: 'Cincinnati HQ',
      }),
    ]);
  });

  it('round-trips: a completed fixture parses to itself', () => {
    const generated = generateOrg({
      seed: 5,
      employees: 150,
      now: new Date('2025-01-01'),
    });
    expect(parseOrgFixture(JSON.parse(JSON.stringify(generated)))).toEqual(
      generated,
    );
    const completed = parseOrgFixture(minimal);
    expect(parseOrgFixture(JSON.parse(JSON.stringify(completed)))).toEqual(
      completed,
    );
  });

  it('names the offending field', () => {
    const bad = structuredClone(minimal) as any;
    bad.employees[0].statusData = { status: 'OnLeave' };
    const error = thrownBy(() => parseOrgFixture(bad));
    expect(error).toBeInstanceOf(SandboxInputError);
    expect((error as SandboxInputError).field).toBe(
      'employees.0.statusData.status',
    );
    const badId = structuredClone(minimal) as any;
    badId.departments[1].id = 'nope';
    expect(() => parseOrgFixture(badId)).toThrow(/departments\.1\.id/);
    const duplicate = structuredClone(minimal) as any;
    duplicate.departments[1].id = TOP;
    expect(() => parseOrgFixture(duplicate)).toThrow(
      /departments\.1\.id: duplicate/,
    );
    expect(() =>
      parseOrgFixture({
        legalEntity: { id: 1 },
        departments: [],
        employees: [],
        extra: 1,
      }),
    ).toThrow(/extra/);
  });

  it('loads a fixture file, and reports an unreadable one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paycor-fixture-'));
    const file = join(dir, 'org.json');
    writeFileSync(file, JSON.stringify(minimal));
    expect((await loadOrgFixtureFile(file)).employees[0].id).toBe(EMPLOYEE_ID);
    await expect(loadOrgFixtureFile(join(dir, 'missing.json'))).rejects.toThrow(
      /fixture: cannot read JSON/,
    );
  });
});
