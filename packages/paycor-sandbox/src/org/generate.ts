import { Faker, base, en, en_US } from '@faker-js/faker';
import { SandboxInputError } from '../errors';
import type { Employee, LegalEntity, Person } from '../paycor/types';
import { applyDirtyEmployees } from './applyDirtyData';
import { DayCalendar, startOfLocalDay } from './dates';
import { zoneOfUsState } from './usZones';
import {
  dirtyCount,
  resolveDirtyData,
  type DirtyDataShares,
} from './dirtyData';
import { companyDomain, WorkEmailRegistry } from './emails';
import { planEmployment } from './employment';
import type { CompleteOrgFixture } from './fixture';
import { departmentCount, planDepartments } from './generateDepartments';
import { planWorkLocations, workLocationCount } from './generateLocations';
import { IdMinter } from './idMinter';
import { NamePicker } from './names';
import { generatePerson } from './persons';
import { planPosition } from './positions';
import { SeededRandom } from './random';
import {
  buildEmployeeRecord,
  legalEntityReference,
  type EmployeeDraft,
} from './records';
import { planSeats } from './staffing';
import { legalEntityUrl, tenantUrl } from './urls';

/** @public */
export interface GenerateOrgOptions {
  seed: number;
  employees: number;
  dirtyData?: Partial<DirtyDataShares>;
  /** Reference day for every generated date; default today (UTC), truncated to the day. */
  now?: Date;
  legalEntityId?: number;
  tenantId?: number;
}

export const DEFAULT_LEGAL_ENTITY_ID = 501123;
export const DEFAULT_TENANT_ID = 10138;
export const MAX_GENERATED_EMPLOYEES = 1_000_000;
const FIRST_EMPLOYEE_NUMBER = 1001;

/** Code-unit order (ISO dates sort chronologically); locale-independent, unlike localeCompare. */
function compareAscii(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function validate(options: GenerateOrgOptions) {
  if (!Number.isSafeInteger(options.seed)) {
    throw SandboxInputError.forField('seed', 'must be an integer');
  }
  if (
    !Number.isInteger(options.employees) ||
    options.employees < 0 ||
    options.employees > MAX_GENERATED_EMPLOYEES
  ) {
    throw SandboxInputError.forField(
      'employees',
      `must be an integer between 0 and ${MAX_GENERATED_EMPLOYEES}`,
    );
  }
}

/**
 * Generates a whole organisation, deterministically: the same seed, size, shares and
 * reference day give a byte-identical result. All randomness flows from `seed` through
 * independent streams per concern, so e.g. changing the dirty-data shares does not
 * reshuffle everyone's names.
 *
 * @public
 */
export function generateOrg(options: GenerateOrgOptions): CompleteOrgFixture {
  validate(options);
  const shares = resolveDirtyData(options.dirtyData);
  const legalEntityId = options.legalEntityId ?? DEFAULT_LEGAL_ENTITY_ID;
  const tenantId = options.tenantId ?? DEFAULT_TENANT_ID;
  const employeeCount = options.employees;

  const root = new SeededRandom(options.seed);
  const streams = {
    locations: root.fork(1),
    departments: root.fork(2),
    staffing: root.fork(3),
    people: root.fork(4),
    names: root.fork(5),
    dirt: root.fork(6),
    ids: root.fork(7),
  };
  const ids = new IdMinter(streams.ids);

  const faker = new Faker({ locale: [en_US, en, base] });
  faker.seed(options.seed);
  const companyName = faker.company.name();
  const streets = Array.from({ length: 400 }, () => faker.location.street());
  const domain = companyDomain(companyName);

  const locations = planWorkLocations({
    random: streams.locations,
    ids,
    count: workLocationCount(employeeCount),
    streets,
  });
  // Dates count from the headquarters' calendar day, as the company's HR would.
  const calendar = new DayCalendar(
    startOfLocalDay(
      options.now ?? new Date(),
      zoneOfUsState(locations[0].city.state),
    ),
  );
  const payroll = { id: ids.next(), description: 'Biweekly Payroll' };
  const payGroups = { salaried: ids.next(), hourly: ids.next() };
  const departments = planDepartments({
    random: streams.departments,
    ids,
    count: departmentCount(employeeCount),
    payroll,
    locations,
  });

  // Empty departments are leaves (never the executive office), so the tree stays intact.
  const leaves = departments
    .map((planned, index) => ({ planned, index }))
    .filter(
      ({ planned, index }) => index > 0 && planned.childIndexes.length === 0,
    )
    .map(({ index }) => index);
  const emptyDepartments = new Set(
    streams.dirt.sample(
      leaves,
      dirtyCount(shares.emptyDepartments, departments.length),
    ),
  );

  const seats = planSeats({
    random: streams.staffing,
    employees: employeeCount,
    departments,
    emptyDepartments,
  });

  const names = new NamePicker(streams.names);
  const longNameCount =
    employeeCount >= 20 ? Math.max(1, Math.round(employeeCount * 0.002)) : 0;
  const longNameSeats = new Set(
    streams.names.sample(
      seats.map((_, i) => i).filter(i => seats[i].role === 'member'),
      longNameCount,
    ),
  );

  const people = streams.people;
  const plans = seats.map((seat, i) => {
    const planned = departments[seat.departmentIndex];
    const inDepartmentLocation = planned.location && people.chance(0.85);
    const location = inDepartmentLocation
      ? planned.location!
      : people.pick(locations);
    return {
      seat,
      name: longNameSeats.has(i) ? names.pickLong() : names.pick(),
      position: planPosition(people, seat.role, planned, payGroups),
      employment: planEmployment(people, calendar, seat.role),
      location,
      alternateEmployeeNumber: people.chance(0.03)
        ? `A${people.int(10000, 9999999)}`
        : null,
      id: ids.next(),
      personId: ids.next(),
    };
  });

  // Employee numbers follow hire order, like a real payroll system's sequence.
  const hireOrder = plans
    .map((plan, seatIndex) => ({
      seatIndex,
      hireDate: plan.employment.hireDate,
    }))
    .sort(
      (a, b) =>
        compareAscii(a.hireDate, b.hireDate) || a.seatIndex - b.seatIndex,
    )
    .map(({ seatIndex }) => seatIndex);
  const employeeNumbers: string[] = [];
  hireOrder.forEach((seatIndex, n) => {
    employeeNumbers[seatIndex] = String(FIRST_EMPLOYEE_NUMBER + n);
  });

  const emails = new WorkEmailRegistry(domain);
  const sharedLegalEntity = legalEntityReference(legalEntityId);
  const personContext = {
    random: people,
    names,
    ids,
    calendar,
    tenantId,
    streets,
  };
  const employees: Employee[] = [];
  const persons: Person[] = [];
  for (const seatIndex of hireOrder) {
    const plan = plans[seatIndex];
    const managerSeat = plan.seat.managerSeat;
    const draft: EmployeeDraft = {
      id: plan.id,
      personId: plan.personId,
      employeeNumber: employeeNumbers[seatIndex],
      alternateEmployeeNumber: plan.alternateEmployeeNumber,
      firstName: plan.name.firstName,
      middleName: plan.name.middleName,
      lastName: plan.name.lastName,
      workEmail: {
        type: 'Work',
        emailAddress: emails.allocate(
          plan.name.firstName,
          plan.name.lastName,
          employeeNumbers[seatIndex],
        ),
      },
      departmentId: departments[plan.seat.departmentIndex].department.id,
      workLocation: plan.location.employeeView,
      manager:
        managerSeat === null
          ? null
          : {
              id: plans[managerSeat].id,
              employeeNumber: employeeNumbers[managerSeat],
            },
      position: plan.position,
      employment: plan.employment,
    };
    employees.push(
      buildEmployeeRecord(draft, legalEntityId, sharedLegalEntity),
    );
    persons.push(
      generatePerson(personContext, {
        id: plan.personId,
        employeeId: plan.id,
        name: plan.name,
        hireDate: plan.employment.hireDate,
        homeCity: people.chance(0.9)
          ? plan.location.city
          : people.pick(locations).city,
      }),
    );
  }

  applyDirtyEmployees({
    random: streams.dirt,
    ids,
    employees,
    shares,
    legalEntityId,
  });

  return {
    legalEntity: buildLegalEntity({
      legalEntityId,
      tenantId,
      companyName,
      federalId: String(streams.locations.int(100000000, 999999999)),
      headquarters: locations[0].location,
    }),
    departments: departments.map(planned => planned.department),
    employees,
    persons,
    workLocations: locations.map(planned => planned.location),
  };
}

function buildLegalEntity(options: {
  legalEntityId: number;
  tenantId: number;
  companyName: string;
  federalId: string;
  headquarters: CompleteOrgFixture['workLocations'][number];
}): LegalEntity {
  const { legalEntityId: id, tenantId, companyName, headquarters } = options;
  const physical =
    headquarters.addresses?.find(a => a.type === 'Physical') ??
    headquarters.addresses?.[0];
  const primaryAddress = {
    streetLine1: physical?.streetLine1 ?? null,
    streetLine2: physical?.streetLine2 ?? null,
    suite: physical?.suite ?? null,
    city: physical?.city ?? null,
    state: physical?.state ?? null,
    country: physical?.country ?? null,
    county: physical?.county ?? null,
    zipCode: physical?.zipCode ?? null,
    type: 'Primary' as const,
  };
  const legalName = /\b(Inc|LLC|Group)\b/.test(companyName)
    ? companyName
    : `${companyName}, Inc.`;
  const self = legalEntityUrl(id);
  return {
    id,
    name: legalName,
    federalId: options.federalId,
    type: 'Corporation',
    isLost: false,
    businessNames: [
      { type: 'Legal', name: legalName, addresses: [primaryAddress] },
      { type: 'DBA', name: companyName, addresses: [primaryAddress] },
    ],
    tenant: { id: String(tenantId), url: tenantUrl(tenantId) },
    employees: { id: String(id), url: `${self}/employees` },
    persons: { id: String(id), url: `/v1/legalEntities/${id}/persons` },
    earnings: { id: String(id), url: `${self}/earnings` },
    deductions: { id: String(id), url: `${self}/deductions` },
    taxes: { id: String(id), url: `${self}/taxes` },
  };
}
