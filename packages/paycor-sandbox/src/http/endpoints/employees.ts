import { EMAIL_TYPES, EMPLOYMENT_STATUSES } from '../../paycor/enums';
import {
  LEGAL_ENTITY_EMPLOYEE_INCLUDES,
  SINGLE_EMPLOYEE_INCLUDES,
} from '../../paycor/scopes';
import type { Employee } from '../../paycor/types';
import type { OrgStore } from '../../org/OrgStore';
import {
  requireIncludeScopes,
  requireLegalEntity,
  type ApiRoute,
} from '../ApiRoute';
import { notFound } from '../errors';
import { EMPLOYEE_PAGE_SIZE, readPage } from '../paging';
import {
  guidRouteParameter,
  int32RouteParameter,
  parseEnumParameter,
  parseGuidParameter,
  parseIncludes,
  parseIntegerParameter,
  queryValue,
} from '../query';
import { sendBody, sendPage } from '../respond';

interface EmployeeFilters {
  status?: string;
  employeeNumber?: bigint;
  lastName?: string;
  departmentCode?: bigint;
  workLocationName?: string;
}

/**
 * The list filters. Guesses (api.md Q9): `lastName` and `workLocationName` match the
 * whole value case-insensitively (SQL Server's default collation); `departmentCode`
 * matches employees of the department(s) with that code only, not of its sub-departments;
 * `employeeNumber` compares numerically.
 */
function employeeFilter(
  store: OrgStore,
  filters: EmployeeFilters,
): ((e: Employee) => boolean) | undefined {
  const checks: ((e: Employee) => boolean)[] = [];
  if (filters.status) checks.push(e => e.statusData?.status === filters.status);
  if (filters.employeeNumber !== undefined) {
    const wanted = filters.employeeNumber;
    checks.push(
      e =>
        /^\d+$/.test(e.employeeNumber ?? '') &&
        BigInt(e.employeeNumber!) === wanted,
    );
  }
  if (filters.lastName !== undefined) {
    const wanted = filters.lastName.toLowerCase();
    checks.push(e => e.lastName?.toLowerCase() === wanted);
  }
  if (filters.departmentCode !== undefined) {
    const departmentIds = store.departmentIdsWithCode(filters.departmentCode);
    checks.push(e => departmentIds.has(e.department?.id?.toLowerCase() ?? ''));
  }
  if (filters.workLocationName !== undefined) {
    const wanted = filters.workLocationName.toLowerCase();
    checks.push(e => e.workLocation?.name?.toLowerCase() === wanted);
  }
  if (checks.length === 0) return undefined;
  return e => checks.every(check => check(e));
}

export const employeesRoute: ApiRoute = {
  name: 'employees',
  method: 'get',
  path: '/v1/legalentities/:legalEntityId/employees',
  openApiPath: '/v1/legalentities/{legalEntityId}/employees',
  queryParameters: [
    'include',
    'emailType',
    'statusFilter',
    'employeeNumber',
    'lastName',
    'departmentCode',
    'workLocationName',
    'continuationToken',
  ],
  bearer: true,
  scope: 'View Legal Entity Employees',
  prepare(req, runtime, grant) {
    const legalEntityId = int32RouteParameter(
      req.params.legalEntityId,
      'legalEntityId',
    );
    const includes = parseIncludes(req, LEGAL_ENTITY_EMPLOYEE_INCLUDES);
    const emailType =
      parseEnumParameter(req, 'emailType', EMAIL_TYPES) ?? 'Work';
    const filters: EmployeeFilters = {
      status: parseEnumParameter(req, 'statusFilter', EMPLOYMENT_STATUSES),
      employeeNumber: parseIntegerParameter(req, 'employeeNumber', 32),
      lastName: queryValue(req, 'lastName'),
      departmentCode: parseIntegerParameter(req, 'departmentCode', 64),
      workLocationName: queryValue(req, 'workLocationName'),
    };
    const continuationToken = parseGuidParameter(req, 'continuationToken');
    requireIncludeScopes(grant, includes, LEGAL_ENTITY_EMPLOYEE_INCLUDES);
    const { store, continuations, renderer } = runtime;
    requireLegalEntity(store, legalEntityId);

    const listKey = `employees:${legalEntityId}:${JSON.stringify([
      filters.status,
      filters.employeeNumber?.toString(),
      filters.lastName?.toLowerCase(),
      filters.departmentCode?.toString(),
      filters.workLocationName?.toLowerCase(),
    ])}`;
    const afterKey = continuationToken
      ? continuations.resolve(continuationToken, listKey)
      : undefined;

    const shape = renderer.employeeShape(includes, emailType);
    return ctx => {
      const page = readPage(store.employees, {
        afterKey,
        pageSize: EMPLOYEE_PAGE_SIZE,
        filter: employeeFilter(store, filters),
      });
      sendPage(ctx, {
        records: page.records.map(stored =>
          renderer.employee(
            stored,
            shape,
            shape.homeEmail ? store.personOf(stored.record) : undefined,
          ),
        ),
        hasMore: page.hasMore,
        issueToken: () => continuations.issue(listKey, page.lastKey!),
      });
    };
  },
};

/**
 * `GET /v1/employees/{id}` as in the 2024 document. The newer document (S2) lists only
 * the PUT; whether the v1 GET still answers is api.md Q2 — the sandbox serves it.
 */
export const employeeRoute: ApiRoute = {
  name: 'employee',
  method: 'get',
  path: '/v1/employees/:employeeId',
  openApiPath: '/v1/employees/{employeeId}',
  queryParameters: ['include', 'emailType'],
  bearer: true,
  scope: 'View Employee Information',
  prepare(req, runtime, grant) {
    const employeeId = guidRouteParameter(req.params.employeeId, 'employeeId');
    const includes = parseIncludes(req, SINGLE_EMPLOYEE_INCLUDES);
    const emailType =
      parseEnumParameter(req, 'emailType', EMAIL_TYPES) ?? 'Work';
    requireIncludeScopes(grant, includes, SINGLE_EMPLOYEE_INCLUDES);
    const { store, renderer } = runtime;
    const employee = store.employees.entry(employeeId);
    if (!employee) throw notFound('Employee was not found.');
    return ctx => {
      // Re-read: the employee may have changed while a fault held this call.
      const current = store.employees.entry(employeeId) ?? employee;
      const shape = renderer.employeeShape(includes, emailType);
      const person = shape.homeEmail
        ? store.personOf(current.record)
        : undefined;
      sendBody(ctx, 200, renderer.employee(current, shape, person));
    };
  },
};
