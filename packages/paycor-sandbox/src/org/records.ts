import type {
  EmploymentStatus,
  EmploymentType,
  FlsaType,
} from '../paycor/enums';
import type {
  Department,
  EmailData,
  Employee,
  EmployeeWorkLocationData,
  ResourceReference,
} from '../paycor/types';
import {
  departmentUrl,
  employeeResourceUrl,
  employeeUrl,
  legalEntityUrl,
  personUrl,
} from './urls';

/**
 * Builds wire-shaped employee records from plain decisions. Used by the generator and by
 * the control API's `addEmployee`, so both produce identical shapes.
 */

export interface EmploymentDraft {
  status: EmploymentStatus;
  hireDate: string;
  adjustedHireDate: string;
  seniorityDate: string;
  terminationDate: string | null;
  terminationReason: string | null;
  reHireDate: string | null;
  eligibleForRehire: string | null;
  leaveStartDate: string | null;
  leaveReason: string | null;
}

export interface PositionDraft {
  jobTitle: string;
  jobCode: string;
  flsa: FlsaType;
  type: EmploymentType;
  isFullTime: boolean;
  payGroupId: string | null;
}

export interface EmployeeDraft {
  id: string;
  personId: string;
  employeeNumber: string;
  alternateEmployeeNumber: string | null;
  firstName: string;
  middleName: string | null;
  lastName: string;
  workEmail: EmailData | null;
  departmentId: string | null;
  workLocation: EmployeeWorkLocationData | null;
  manager: Pick<Employee, 'id' | 'employeeNumber'> | null;
  position: PositionDraft;
  employment: EmploymentDraft;
}

/** References that are identical for every employee of a legal entity are shared. */
export function legalEntityReference(legalEntityId: number): ResourceReference {
  return { id: String(legalEntityId), url: legalEntityUrl(legalEntityId) };
}

export function departmentReference(
  legalEntityId: number,
  department: Pick<Department, 'id'> | string,
): ResourceReference {
  const id = typeof department === 'string' ? department : department.id;
  return { id, url: departmentUrl(legalEntityId, id) };
}

export function managerReference(
  manager: Pick<Employee, 'id' | 'employeeNumber'>,
): NonNullable<NonNullable<Employee['positionData']>['manager']> {
  return {
    id: manager.id,
    employeeNumber: manager.employeeNumber,
    employee: { id: manager.id, url: employeeUrl(manager.id) },
  };
}

export function buildEmployeeRecord(
  draft: EmployeeDraft,
  legalEntityId: number,
  sharedLegalEntityReference = legalEntityReference(legalEntityId),
): Employee {
  const { id, employment, position } = draft;
  const isSeparated =
    employment.terminationDate !== null && employment.reHireDate === null;
  return {
    id,
    employeeNumber: draft.employeeNumber,
    alternateEmployeeNumber: draft.alternateEmployeeNumber,
    // api.md §4.2: "currently unavailable" on Paycor's side.
    badgeNumber: null,
    firstName: draft.firstName,
    middleName: draft.middleName,
    lastName: draft.lastName,
    email: draft.workEmail,
    employmentDateData: {
      hireDate: employment.hireDate,
      adjustedHireDate: employment.adjustedHireDate,
      terminationDate: employment.terminationDate,
      terminationReason: employment.terminationReason,
      reHireDate: employment.reHireDate,
      seniorityDate: employment.seniorityDate,
    },
    positionData: {
      jobTitle: position.jobTitle,
      jobCode: position.jobCode,
      // S2: "always null at this time".
      effectiveStartDate: null,
      // api.md §4.4: not populated for active employees.
      effectiveEndDate: isSeparated ? employment.terminationDate : null,
      payGroupId: position.payGroupId,
      // Guess: the top of the hierarchy has `manager: null` rather than an empty object.
      manager: draft.manager ? managerReference(draft.manager) : null,
    },
    statusData: {
      isFullTime: position.isFullTime,
      status: employment.status,
      flsa: position.flsa,
      type: position.type,
      eligibleForRehire: employment.eligibleForRehire,
      leaveStartDate: employment.leaveStartDate,
      leaveReason: employment.leaveReason,
    },
    workLocation: draft.workLocation,
    earnings: { id, url: employeeResourceUrl(id, 'earnings') },
    deductions: { id, url: employeeResourceUrl(id, 'deductions') },
    taxes: { id, url: employeeResourceUrl(id, 'taxes') },
    directDeposits: { id, url: employeeResourceUrl(id, 'directDeposits') },
    payRates: { id, url: employeeResourceUrl(id, 'payRates') },
    legalEntity: sharedLegalEntityReference,
    person: { id: draft.personId, url: personUrl(id) },
    department: draft.departmentId
      ? departmentReference(legalEntityId, draft.departmentId)
      : null,
  };
}
