import { ConflictType } from '@paycor-backstage/plugin-paycor-common';
import {
  PaycorDepartmentRecord,
  PaycorEmployeeRecord,
  PaycorSnapshot,
  SkipReason,
} from '../types';
import { seededRandom } from './builders';

const FIRST = [
  'Maria',
  'John',
  'Aiko',
  'Łukasz',
  'José',
  'Zoë',
  'Ahmed',
  'Priya',
  'Olu',
  'Sven',
  'Chen',
  'Fatima',
  'Liam',
  'Noor',
  'Ivan',
  'Ana',
];
const LAST = [
  'Okafor',
  'Smith',
  'Tanaka',
  'Nowak',
  'García',
  'Brontë',
  'Hassan',
  'Patel',
  'Adeyemi',
  'Støre',
  'Wang',
  'Khan',
  "O'Neil",
  'Müller',
  'Petrov',
  'Silva',
  'Kim',
  'Lee',
];
const TEAMS = Array.from(
  { length: 500 },
  (_, i) =>
    `Team ${['Alpha', 'Beta', 'Gamma', 'Delta', 'Ω'][i % 5]} ${Math.floor(
      i / 5,
    )}`,
);

export interface GeneratedOrg {
  snapshot: PaycorSnapshot;
  expected: {
    users: number;
    groups: number;
    skippedByReason: Partial<Record<SkipReason, number>>;
    conflicts: Partial<Record<ConflictType, number>>;
  };
}

/**
 * A synthetic legal entity with a seeded PRNG, so every run sees the same
 * org. The first `departments` employees seed one active person per
 * department (every department is then synced); the rest cycle through
 * outcome buckets whose effect on the result is known in advance.
 */
export function generateOrg(options: {
  employees: number;
  departments: number;
  seed: number;
}): GeneratedOrg {
  const random = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]) =>
    list[Math.floor(random() * list.length)];
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

  const departments: PaycorDepartmentRecord[] = [];
  const depth: number[] = [];
  for (let i = 0; i < options.departments; i++) {
    const parent =
      i > 0 && random() < 0.85 ? Math.floor(random() * i) : undefined;
    depth.push(parent === undefined ? 0 : depth[parent] + 1);
    departments.push({
      id: `d${hex(i, 7)}-0000-0000-0000-000000000000`,
      code: String(100 + i),
      description: TEAMS[i % TEAMS.length],
      level: depth[i] + 2,
      payrollId: 'payroll-0000',
      parentId: parent === undefined ? 'payroll-0000' : departments[parent].id,
    });
  }

  const skipped: Partial<Record<SkipReason, number>> = {};
  const conflicts: Partial<Record<ConflictType, number>> = {
    // TEAMS repeats every 500 departments; all but the first of each name collide.
    'name-collision': Math.max(0, options.departments - TEAMS.length),
  };
  const bump = <K extends string>(map: Partial<Record<K, number>>, key: K) => {
    map[key] = (map[key] ?? 0) + 1;
  };

  const employees: PaycorEmployeeRecord[] = [];
  let users = 0;
  for (let i = 0; i < options.employees; i++) {
    const firstName = pick(FIRST);
    const lastName = pick(LAST);
    const e: PaycorEmployeeRecord = {
      id: `e${hex(i, 7)}-be21-0000-0000-0000c4d20300`,
      employeeNumber: String(10000 + i),
      firstName,
      lastName,
      email: `${firstName}.${lastName}.${i}@example.com`,
      departmentId:
        i < options.departments ? departments[i].id : pick(departments).id,
      jobTitle: pick(['Engineer', 'Manager', 'Analyst', 'Designer']),
      workLocation: { id: 'loc-1', name: 'Cincinnati HQ' },
      status: 'Active',
      employmentType: 'Regular',
      hireDate: '2019-03-18T00:00:00Z',
      mapped: { 'positionData.jobCode': `P${i % 5}` },
    };
    const bucket = i < options.departments ? -1 : i % 20;
    let synced = true;
    switch (bucket) {
      case 0:
        e.terminationDate = '2020-06-30T00:00:00Z';
        bump(skipped, 'terminated');
        synced = false;
        break;
      case 1:
        e.hireDate = '2030-01-01T00:00:00Z';
        bump(skipped, 'not-yet-hired');
        synced = false;
        break;
      case 2:
        e.status = 'LeaveWithPay';
        break;
      case 3:
        e.status = 'ThirdPartyPayable';
        bump(skipped, 'status');
        synced = false;
        break;
      case 4:
        e.status = 'Terminated';
        e.terminationDate = '2099-01-01T00:00:00Z';
        break;
      case 5:
        // same address as the previous (bucket 4, synced, lower id) employee
        e.email = employees[i - 1].email!.toUpperCase();
        bump(skipped, 'duplicate-email');
        bump(conflicts, 'duplicate-email');
        synced = false;
        break;
      case 6:
        e.email = undefined;
        bump(conflicts, 'missing-email');
        e.firstName = `${firstName}${i}`;
        break;
      case 8: {
        // same local part as the previous employee, other domain: a name collision
        const local = employees[i - 1].email!.split('@')[0];
        e.email = `${local}@example.org`;
        bump(conflicts, 'name-collision');
        break;
      }
      case 9:
        e.departmentId = 'ffffffff-dead-0000-0000-000000000000';
        bump(conflicts, 'unknown-department');
        break;
      default:
        break;
    }
    if (synced) users++;
    employees.push(e);
  }

  return {
    snapshot: {
      fetchedAt: '2024-06-15T11:55:00.000Z',
      legalEntity: {
        id: 501123,
        name: 'Acme Corp',
        timeZone: 'America/New_York',
      },
      departments,
      employees,
      invalid: [],
    },
    expected: {
      users,
      groups: options.departments + 1,
      skippedByReason: skipped,
      conflicts,
    },
  };
}
