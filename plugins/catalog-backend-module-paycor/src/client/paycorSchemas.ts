import { z } from 'zod';
import { CanonicalKeys } from './canonicalKeys';

/**
 * Zod schemas for the parts of Paycor's payloads the sync reads (api.md §4).
 * Unknown fields are ignored; nearly every field is nullable in Paycor's spec,
 * so only what the sync cannot do without is required.
 */

// The per-record schemas avoid .transform/.refine: plain shapes and regexes
// let zod compile its fast path. Conversions happen in toRecords.ts, which
// also checks valid employees without zod (it only explains invalid ones):
// `employeeSchema` stays the definition, and a test holds the two together.
const text = z.string().nullish();
// Employee numbers are strings in the object but int32 in filters; accept both.
const textOrNumber = z.union([z.string(), z.number()]).nullish();

// Paycor sends `2019-03-18T00:00:00Z` and, in some payloads, no `Z` (api.md §4.0).
/** A Paycor date-time as the employee schema accepts it (or blank). */
export const DATE_TIME_PATTERN =
  /^(|\s*\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]).*)$/;
/** A work email as the employee schema accepts it (or blank). */
export const EMAIL_PATTERN = /^(\s*|\s*[^@\s]+@[^@\s]+\.[^@\s]+\s*)$/;
/** An id: anything with a non-blank character. */
export const ID_PATTERN = /\S/;

const dateTime = z
  .string()
  .regex(
    DATE_TIME_PATTERN,
    'must be an ISO date-time like 2019-03-18T00:00:00Z',
  )
  .nullish();

const guid = z.string().regex(ID_PATTERN, 'is required');

const resourceReference = z
  .object({ id: textOrNumber, url: text })
  .nullish();

export const employeeSchema = z.object({
  id: guid,
  employeeNumber: textOrNumber,
  firstName: text,
  middleName: text,
  lastName: text,
  email: z
    .object({
      type: text,
      emailAddress: z
        .string()
        .regex(EMAIL_PATTERN, 'must be an email address')
        .nullish(),
    })
    .nullish(),
  department: resourceReference,
  positionData: z
    .object({
      jobTitle: text,
      jobCode: text,
      manager: z.object({ id: text, employeeNumber: textOrNumber }).nullish(),
    })
    .nullish(),
  statusData: z
    .object({ status: text, type: text, isFullTime: z.boolean().nullish() })
    .nullish(),
  employmentDateData: z
    .object({
      hireDate: dateTime,
      reHireDate: dateTime,
      terminationDate: dateTime,
    })
    .nullish(),
  workLocation: z.object({ id: text, name: text }).nullish(),
});
export type PaycorEmployee = z.output<typeof employeeSchema>;

export const departmentSchema = z.object({
  id: guid,
  code: textOrNumber,
  description: text,
  parentId: text,
  level: z.number().int().nullish(),
  payrollId: text,
});
export type PaycorDepartment = z.output<typeof departmentSchema>;

const address = z.object({ type: text, state: text }).passthrough();

export const legalEntitySchema = z.object({
  id: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
  name: text,
  businessNames: z
    .array(
      z.object({
        type: text,
        name: text,
        addresses: z.array(address).nullish(),
      }),
    )
    .nullish(),
});
export type PaycorLegalEntity = z.output<typeof legalEntitySchema>;

export const activatedLegalEntitiesSchema = z.object({
  userLegalEntities: z
    .array(
      z.object({
        legalEntityId: z.union([z.number(), z.string()]).transform(Number),
        tenantId: z.union([z.number(), z.string()]).transform(Number).nullish(),
      }),
    )
    .nullish(),
});

// S2's example shows `"hasMoreResults": "True"` (api.md §4.1).
const looseBoolean = z
  .union([z.boolean(), z.enum(['True', 'False', 'true', 'false'])])
  .nullish()
  .transform(v => v === true || v === 'True' || v === 'true');

export const pagedEnvelopeSchema = z.object({
  hasMoreResults: looseBoolean,
  continuationToken: text,
  additionalResultsUrl: text,
  records: z.array(z.unknown()).nullish(),
});
export type PagedEnvelope = z.output<typeof pagedEnvelopeSchema>;

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z
    .union([z.number(), z.string().regex(/^\d+$/).transform(Number)])
    .optional(),
  token_type: z.string().optional(),
  refresh_token: z.string().min(1).optional(),
});

/** Every property name above, for case-insensitive key mapping. */
export const paycorKeys = new CanonicalKeys([
  'id', 'url', 'employeeNumber', 'firstName', 'middleName', 'lastName',
  'email', 'type', 'emailAddress', 'department', 'positionData', 'jobTitle',
  'jobCode', 'manager', 'statusData', 'status', 'isFullTime',
  'employmentDateData', 'hireDate', 'reHireDate', 'terminationDate',
  'workLocation', 'name', 'code', 'description', 'parentId', 'level',
  'payrollId', 'businessNames', 'addresses', 'state', 'userLegalEntities',
  'legalEntityId', 'tenantId', 'hasMoreResults', 'continuationToken',
  'additionalResultsUrl', 'records', 'correlationId', 'title', 'detail',
  'source', 'message', 'flsa', 'effectiveStartDate', 'effectiveEndDate',
  'payGroupId', 'adjustedHireDate', 'seniorityDate', 'terminationReason',
  'city', 'county', 'zipCode', 'country', 'streetLine1', 'alternateEmployeeNumber',
  'badgeNumber', 'legalEntity', 'person', 'employee', 'leaveStartDate',
  'leaveReason', 'eligibleForRehire', 'payrollDescription', 'workLocationId',
  'workLocationName',
]);
