import type {
  Department,
  Employee,
  LegalEntity,
  Person,
  SandboxOrgFixture,
  WorkLocation,
} from '../paycor/types';
import type { RawOrgFixture } from './schemas';
import { employeeUrl, tenantUrl } from './urls';

/**
 * Brings validated fixture objects into the exact wire shape: every documented key
 * present (missing → `null`), in Paycor's key order, unknown keys appended untouched.
 * A hand-written fixture with only a few fields therefore serves complete objects, and
 * `getOrg()` of a loaded fixture loads back to the identical org.
 */

type Template = {
  readonly [key: string]: Template | readonly [Template] | null;
};

const REFERENCE: Template = { id: null, url: null };

const EMPLOYEE: Template = {
  id: null,
  employeeNumber: null,
  alternateEmployeeNumber: null,
  badgeNumber: null,
  firstName: null,
  middleName: null,
  lastName: null,
  email: { type: null, emailAddress: null },
  employmentDateData: {
    hireDate: null,
    adjustedHireDate: null,
    terminationDate: null,
    terminationReason: null,
    reHireDate: null,
    seniorityDate: null,
  },
  positionData: {
    jobTitle: null,
    jobCode: null,
    effectiveStartDate: null,
    effectiveEndDate: null,
    payGroupId: null,
    manager: { id: null, employeeNumber: null, employee: REFERENCE },
  },
  statusData: {
    isFullTime: null,
    status: null,
    flsa: null,
    type: null,
    eligibleForRehire: null,
    leaveStartDate: null,
    leaveReason: null,
  },
  workLocation: {
    id: null,
    name: null,
    streetLine1: null,
    type: null,
    city: null,
    county: null,
    state: null,
    zipCode: null,
    country: null,
  },
  earnings: REFERENCE,
  deductions: REFERENCE,
  taxes: REFERENCE,
  directDeposits: REFERENCE,
  payRates: REFERENCE,
  legalEntity: REFERENCE,
  person: REFERENCE,
  department: REFERENCE,
};

const DEPARTMENT: Template = {
  id: null,
  code: null,
  description: null,
  parentId: null,
  level: null,
  payrollId: null,
  payrollDescription: null,
  workLocationId: null,
  workLocationName: null,
};

const PHONE: Template = {
  countryCode: null,
  areaCode: null,
  phoneNumber: null,
  type: null,
};

const ADDRESS: Template = {
  streetLine1: null,
  streetLine2: null,
  suite: null,
  city: null,
  state: null,
  country: null,
  county: null,
  zipCode: null,
  type: null,
};

const PERSON: Template = {
  id: null,
  prefix: null,
  firstName: null,
  middleName: null,
  lastName: null,
  suffix: null,
  legalFirstName: null,
  legalLastName: null,
  socialSecurityNumber: null,
  email: { type: null, emailAddress: null },
  demographicData: {
    birthDate: null,
    gender: null,
    ethnicity: null,
    maritalStatus: null,
    maidenName: null,
  },
  benefitData: { isTobaccoUser: null, disability: null },
  emergencyContactData: [
    {
      id: null,
      firstName: null,
      middleName: null,
      lastName: null,
      phones: [PHONE],
      order: null,
      relationship: null,
    },
  ],
  militaryData: {
    veteran: null,
    dischargeDate: null,
    isArmedForcesServiceMedalVeteran: null,
    isDisabledVeteran: null,
    isOtherProtectedVeteran: null,
    isRecentlySeparatedVeteran: null,
    isVietnamEra: null,
    isSpecialDisabled: null,
  },
  socialMediaData: [{ type: null, url: null }],
  employeeAssignments: [{ employees: REFERENCE }],
  addresses: [ADDRESS],
  phones: [PHONE],
  tenants: REFERENCE,
};

const WORK_LOCATION: Template = {
  id: null,
  name: null,
  addresses: [ADDRESS],
  phones: [PHONE],
  locationNumber: null,
  storeId: null,
  isFmlaEligible: null,
};

const LEGAL_ENTITY: Template = {
  id: null,
  name: null,
  federalId: null,
  type: null,
  isLost: null,
  businessNames: [{ type: null, name: null, addresses: [ADDRESS] }],
  tenant: REFERENCE,
  employees: REFERENCE,
  persons: REFERENCE,
  earnings: REFERENCE,
  deductions: REFERENCE,
  taxes: REFERENCE,
};

function normalizeWith(
  value: object,
  template: Template,
): Record<string, unknown> {
  const input = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(template)) {
    const shape = template[key];
    const field = input[key];
    if (field === undefined || field === null) {
      out[key] = null;
    } else if (Array.isArray(shape)) {
      out[key] = Array.isArray(field)
        ? field.map(item =>
            item !== null && typeof item === 'object'
              ? normalizeWith(item, shape[0] as Template)
              : item,
          )
        : field;
    } else if (shape !== null && typeof field === 'object') {
      out[key] = normalizeWith(field, shape as Template);
    } else {
      out[key] = field;
    }
  }
  for (const key of Object.keys(input)) {
    if (!(key in template)) out[key] = input[key];
  }
  return out;
}

export const normalizeEmployee = (raw: object) =>
  normalizeWith(raw, EMPLOYEE) as unknown as Employee;
export const normalizeDepartment = (raw: object) =>
  normalizeWith(raw, DEPARTMENT) as unknown as Department;
export const normalizePerson = (raw: object) =>
  normalizeWith(raw, PERSON) as unknown as Person;
export const normalizeWorkLocation = (raw: object) =>
  normalizeWith(raw, WORK_LOCATION) as unknown as WorkLocation;

export function normalizeLegalEntity(raw: object): LegalEntity {
  const entity = normalizeWith(raw, LEGAL_ENTITY) as unknown as LegalEntity;
  // `isLost` is the one non-nullable boolean of the object (api.md §4.12).
  return { ...entity, isLost: entity.isLost ?? false };
}

/** Fills `level` where a fixture left it out, walking up `parentId`. */
function withLevels(departments: Department[]): Department[] {
  const byId = new Map(departments.map(d => [d.id.toLowerCase(), d]));
  const levelOf = (department: Department, seen: Set<string>): number => {
    if (typeof department.level === 'number') return department.level;
    const parent = department.parentId
      ? byId.get(department.parentId.toLowerCase())
      : undefined;
    if (!parent || seen.has(parent.id)) return 2;
    seen.add(parent.id);
    return levelOf(parent, seen) + 1;
  };
  return departments.map(d =>
    typeof d.level === 'number'
      ? d
      : { ...d, level: levelOf(d, new Set([d.id])) },
  );
}

/** A minimal person for an employee whose person the fixture did not carry. */
function derivePerson(
  employee: Employee,
  personId: string,
  tenantId: string | null,
): Person {
  return normalizePerson({
    id: personId,
    prefix: 'None',
    firstName: employee.firstName,
    middleName: employee.middleName,
    lastName: employee.lastName,
    suffix: 'None',
    legalFirstName: employee.firstName,
    legalLastName: employee.lastName,
    emergencyContactData: [],
    socialMediaData: [],
    employeeAssignments: [],
    addresses: [],
    phones: [],
    tenants: tenantId ? { id: tenantId, url: tenantUrl(tenantId) } : null,
  });
}

function derivePersons(
  employees: Employee[],
  legalEntity: LegalEntity,
): Person[] {
  const tenantId = legalEntity.tenant?.id ?? null;
  const persons = new Map<string, Person>();
  for (const employee of employees) {
    const personId = employee.person?.id;
    if (!personId) continue;
    const person =
      persons.get(personId) ?? derivePerson(employee, personId, tenantId);
    persons.set(personId, {
      ...person,
      employeeAssignments: [
        ...(person.employeeAssignments ?? []),
        { employees: { id: employee.id, url: employeeUrl(employee.id) } },
      ],
    });
  }
  return [...persons.values()];
}

function deriveWorkLocations(employees: Employee[]): WorkLocation[] {
  const locations = new Map<string, WorkLocation>();
  for (const { workLocation } of employees) {
    if (!workLocation?.id || locations.has(workLocation.id)) continue;
    locations.set(
      workLocation.id,
      normalizeWorkLocation({
        id: workLocation.id,
        name: workLocation.name,
        addresses: [
          {
            streetLine1: workLocation.streetLine1,
            city: workLocation.city,
            state: workLocation.state,
            country: workLocation.country,
            county: workLocation.county,
            zipCode: workLocation.zipCode,
            type: workLocation.type,
          },
        ],
        phones: [],
      }),
    );
  }
  return [...locations.values()];
}

/**
 * Normalizes a validated fixture and derives what it left out (persons, work locations,
 * department levels), so the store always holds a complete org.
 */
export function completeFixture(
  raw: RawOrgFixture,
): Required<SandboxOrgFixture> {
  const legalEntity = normalizeLegalEntity(raw.legalEntity);
  const employees = raw.employees.map(normalizeEmployee);
  return {
    legalEntity,
    departments: withLevels(raw.departments.map(normalizeDepartment)),
    employees,
    persons: raw.persons
      ? raw.persons.map(normalizePerson)
      : derivePersons(employees, legalEntity),
    workLocations: raw.workLocations
      ? raw.workLocations.map(normalizeWorkLocation)
      : deriveWorkLocations(employees),
  };
}
