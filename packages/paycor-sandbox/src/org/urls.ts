/**
 * URL patterns of the `ResourceReference`s Paycor embeds. The spec's examples are
 * inconsistent (api.md §9.1 notes the person/department patterns are guesses); these
 * follow the illustrative payload in api.md §9.1 and point at routes the sandbox serves
 * wherever such a route exists.
 */

export const employeeUrl = (employeeId: string) =>
  `/v1/employees/${employeeId}`;

export const employeeResourceUrl = (
  employeeId: string,
  resource: 'earnings' | 'deductions' | 'taxes' | 'directDeposits' | 'payRates',
) => `/v1/employees/${employeeId}/${resource}`;

/** api.md §9.1: the person reference points at the employee's person route. */
export const personUrl = (employeeId: string) =>
  `/v1/employees/${employeeId}/person`;

export const legalEntityUrl = (legalEntityId: number | string) =>
  `/v1/legalentities/${legalEntityId}`;

export const departmentUrl = (
  legalEntityId: number | string,
  departmentId: string,
) => `/v1/legalentities/${legalEntityId}/departments/${departmentId}`;

export const tenantUrl = (tenantId: number | string) =>
  `/v1/tenants/${tenantId}`;
