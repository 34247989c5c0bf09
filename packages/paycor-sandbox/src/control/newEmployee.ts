import { US_CITIES } from '../org/catalog';
import type { DayCalendar } from '../org/dates';
import { companyDomain, WorkEmailRegistry } from '../org/emails';
import type { IdMinter } from '../org/idMinter';
import type { NamePicker, Sex } from '../org/names';
import { normalizeEmployee } from '../org/normalize';
import type { OrgStore } from '../org/OrgStore';
import { generatePerson } from '../org/persons';
import type { SeededRandom } from '../org/random';
import { buildEmployeeRecord, type EmployeeDraft } from '../org/records';
import type {
  Employee,
  EmployeeWorkLocationData,
  Person,
} from '../paycor/types';
import { deepMerge } from './deepMerge';
import { withConsistentReferences } from './references';
import type { NewEmployee } from './types';

export interface NewEmployeeContext {
  store: OrgStore;
  random: SeededRandom;
  ids: IdMinter;
  names: NamePicker;
  calendar: DayCalendar;
}

/** The e-mail domain most work addresses use; else one derived from the company name. */
function workEmailDomain(store: OrgStore): string {
  const counts = new Map<string, number>();
  let scanned = 0;
  for (const employee of store.employees.values()) {
    const domain = employee.email?.emailAddress?.split('@')[1]?.toLowerCase();
    if (domain) counts.set(domain, (counts.get(domain) ?? 0) + 1);
    if (++scanned >= 1000) break;
  }
  const [best] = [...counts].sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
  );
  return best?.[0] ?? companyDomain(store.legalEntity.name ?? 'example');
}

function employeesOf(store: OrgStore, departmentId: string | null): Employee[] {
  if (!departmentId) return [];
  const wanted = departmentId.toLowerCase();
  return [...store.employees.values()].filter(
    e => e.department?.id?.toLowerCase() === wanted,
  );
}

/** Who a newcomer reports to: the department's head (its member managed from outside it), else the CEO. */
function defaultManager(
  store: OrgStore,
  colleagues: Employee[],
): Employee | undefined {
  const inDepartment = new Set(colleagues.map(e => e.id.toLowerCase()));
  const byNumber = (a: Employee, b: Employee) =>
    Number(a.employeeNumber) - Number(b.employeeNumber);
  const head = colleagues
    .filter(e => e.statusData?.status === 'Active')
    .filter(
      e =>
        !e.positionData?.manager?.id ||
        !inDepartment.has(e.positionData.manager.id.toLowerCase()),
    )
    .sort(byNumber)[0];
  if (head) return head;
  return [...store.employees.values()].find(
    e => !e.positionData?.manager && e.statusData?.status === 'Active',
  );
}

function workLocationView(
  store: OrgStore,
  workLocationId: string | null,
): EmployeeWorkLocationData | null {
  const location = workLocationId
    ? store.workLocations.get(workLocationId)
    : undefined;
  if (!location) return null;
  const address =
    location.addresses?.find(a => a.type === 'Physical') ??
    location.addresses?.[0];
  return {
    id: location.id,
    name: location.name,
    streetLine1: address?.streetLine1 ?? null,
    type: address?.type ?? 'Physical',
    city: address?.city ?? null,
    county: address?.county ?? null,
    state: address?.state ?? null,
    zipCode: address?.zipCode ?? null,
    country: address?.country ?? null,
  };
}

/**
 * A newly hired employee with realistic defaults for everything the caller left out:
 * a generated name, the next employee number, a unique first.last work e-mail, a
 * department that has people, its head as manager, a colleague's job and pay group,
 * the department's work location, hired today, Active — plus a new Person.
 */
export function draftNewEmployee(
  context: NewEmployeeContext,
  input: NewEmployee,
): { employee: Employee; person?: Person } {
  const { store, random, ids, names, calendar } = context;
  const generated = names.pick();
  const sex: Sex = generated.sex;
  const firstName = input.firstName ?? generated.firstName;
  const lastName = input.lastName ?? generated.lastName;

  const staffed = new Set(
    [...store.employees.values()].map(e => e.department?.id?.toLowerCase()),
  );
  const staffedDepartments = [...store.departments.values()].filter(d =>
    staffed.has(d.id.toLowerCase()),
  );
  const departmentId =
    input.department?.id ??
    (staffedDepartments.length
      ? random.pick(staffedDepartments).id
      : store.departments.values().next().value?.id) ??
    null;
  const colleagues = employeesOf(store, departmentId);
  const peer =
    colleagues.find(
      e => e.positionData?.manager && e.statusData?.status === 'Active',
    ) ?? colleagues[0];
  const managerId = input.positionData?.manager?.id;
  const manager = managerId
    ? store.employees.get(managerId)
    : defaultManager(store, colleagues);

  const numbers = [...store.employees.values()]
    .map(e => Number(e.employeeNumber))
    .filter(Number.isFinite);
  const employeeNumber =
    input.employeeNumber ??
    String(numbers.length ? Math.max(...numbers) + 1 : 1001);
  const emails = new WorkEmailRegistry(
    workEmailDomain(store),
    [...store.employees.values()].map(e => e.email?.emailAddress),
  );
  const department = departmentId
    ? store.departments.get(departmentId)
    : undefined;
  const today = calendar.day(0);
  const existingPerson = input.person?.id
    ? store.persons.get(input.person.id)
    : undefined;
  const id = input.id ?? ids.next();
  const personId = existingPerson?.id ?? input.person?.id ?? ids.next();

  const draft: EmployeeDraft = {
    id,
    personId,
    employeeNumber,
    alternateEmployeeNumber: null,
    firstName,
    middleName:
      input.middleName === undefined ? generated.middleName : input.middleName,
    lastName,
    workEmail: {
      type: 'Work',
      emailAddress: emails.allocate(firstName, lastName, employeeNumber),
    },
    departmentId,
    workLocation:
      peer?.workLocation ??
      workLocationView(store, department?.workLocationId ?? null),
    manager: manager
      ? { id: manager.id, employeeNumber: manager.employeeNumber }
      : null,
    position: {
      jobTitle: peer?.positionData?.jobTitle ?? 'Associate',
      jobCode: peer?.positionData?.jobCode ?? 'ASC1',
      flsa: peer?.statusData?.flsa ?? 'SalaryExempt',
      type: 'Regular',
      isFullTime: true,
      payGroupId: peer?.positionData?.payGroupId ?? null,
    },
    employment: {
      status: 'Active',
      hireDate: today,
      adjustedHireDate: today,
      seniorityDate: today,
      terminationDate: null,
      terminationReason: null,
      reHireDate: null,
      eligibleForRehire: null,
      leaveStartDate: null,
      leaveReason: null,
    },
  };
  const { id: _ignored, ...patch } = input;
  const merged = deepMerge(
    buildEmployeeRecord(draft, store.legalEntityId),
    patch as Record<string, unknown>,
  );
  const employee = withConsistentReferences(
    store,
    normalizeEmployee(merged),
    input,
  );

  if (existingPerson) return { employee };
  const homeCity =
    US_CITIES.find(c => c.city === employee.workLocation?.city) ??
    random.pick(US_CITIES);
  const person = generatePerson(
    {
      random,
      names,
      ids,
      calendar,
      tenantId: store.tenantId ?? 0,
      streets: ['Main Street', 'Oak Avenue', 'Maple Drive'],
    },
    {
      id: personId,
      employeeId: employee.id,
      name: {
        firstName: employee.firstName ?? firstName,
        middleName: employee.middleName,
        lastName: employee.lastName ?? lastName,
        sex,
        locale: generated.locale,
      },
      hireDate: employee.employmentDateData?.hireDate ?? today,
      homeCity,
    },
  );
  return { employee, person };
}
