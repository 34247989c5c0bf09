import { DateTime } from 'luxon';
import { z } from 'zod';
import { faultAppliesTo, FAULT_TYPES } from '../faults/FaultInjector';
import { strictSchemas, guidSchema } from '../org/schemas';
import { ENDPOINT_NAMES } from '../paycor/endpoints';
import { SEPARATED_STATUSES } from '../paycor/enums';
import { DATA_ACCESS_SCOPES } from '../paycor/scopes';
import { MAX_GENERATED_EMPLOYEES } from '../org/generate';

/**
 * Inputs of every control operation, shared by the in-process methods and the
 * `/_sandbox` routes so both validate identically (400 naming the field).
 */

const share = z.number().min(0).max(1);

export const dirtyDataSchema = z.strictObject({
  duplicateEmails: share.optional(),
  missingEmails: share.optional(),
  unknownDepartments: share.optional(),
  emptyDepartments: share.optional(),
});

export const resetSchema = z.strictObject({
  seed: z.number().int().optional(),
  employees: z.number().int().min(0).max(MAX_GENERATED_EMPLOYEES).optional(),
  /** An org object (validated as a fixture) or, in-process and from the CLI, a file path. */
  fixture: z
    .union([z.string().min(1), z.record(z.string(), z.unknown())])
    .optional(),
  dirtyData: dirtyDataSchema.optional(),
});

/** @public */
export const addEmployeeSchema = strictSchemas.employeePatch.extend({
  id: guidSchema.optional(),
});

export const updateEmployeeSchema = strictSchemas.employeePatch;

/** A calendar date (`2025-01-31`) or ISO date-time; Paycor stores terminations by day. */
export const paycorDateSchema = z
  .string()
  .refine(value => DateTime.fromISO(value, { zone: 'utc' }).isValid, {
    message: 'must be an ISO date such as 2025-01-31',
  });

/** @public */
export const terminateSchema = z.strictObject({
  date: paycorDateSchema.optional(),
  status: z.enum(SEPARATED_STATUSES).optional(),
  reason: z.string().optional(),
});

/** @public */
export const bulkTerminateSchema = z
  .strictObject({
    ids: z.array(guidSchema).min(1).optional(),
    share: share.optional(),
    seed: z.number().int().optional(),
    date: paycorDateSchema.optional(),
    status: z.enum(SEPARATED_STATUSES).optional(),
  })
  .refine(input => (input.ids === undefined) !== (input.share === undefined), {
    message: 'give exactly one of ids or share',
    path: ['share'],
  });

export const changeEmailSchema = z.strictObject({
  email: z.string().nullable(),
});

/** Paycor's create/update rule (api.md §4.9): digits only, at most 14. */
const departmentCode = z.string().regex(/^\d{1,14}$/, 'must be 1–14 digits');

export const addDepartmentSchema = z.strictObject({
  description: z.string().min(1),
  code: departmentCode.optional(),
  parentId: guidSchema.nullable().optional(),
});

export const updateDepartmentSchema = z.strictObject({
  description: z.string().min(1).optional(),
  code: departmentCode.optional(),
  parentId: guidSchema.nullable().optional(),
});

export const faultSchema = z
  .strictObject({
    type: z.enum(FAULT_TYPES),
    count: z.number().int().min(1).optional(),
    durationMs: z.number().int().min(1).max(86_400_000).optional(),
    endpoint: z.enum(ENDPOINT_NAMES).optional(),
    afterCalls: z.number().int().min(0).optional(),
  })
  .refine(
    fault =>
      fault.endpoint === undefined ||
      faultAppliesTo(fault.type, fault.endpoint),
    {
      message: 'this fault type cannot hit that endpoint',
      path: ['endpoint'],
    },
  );

export const latencySchema = z.strictObject({
  ms: z.number().int().min(0).max(600_000),
});

export const scopesSchema = z.strictObject({
  scopes: z.array(z.enum(DATA_ACCESS_SCOPES)),
});

export const rateLimitSchema = z.strictObject({
  limit: z.union([z.number().int().min(1), z.literal(false)]),
  windowMs: z.number().int().min(1).optional(),
});

export const mintTokensSchema = z.strictObject({
  newSubscriptionKey: z.boolean().optional(),
});

/**
 * An event raised by hand (e.g. a duplicate notification, or one about nobody).
 *
 * @public
 */
export const emitEventSchema = z.strictObject({
  eventType: z.enum(['Employee.Modified', 'LegalEntity.Modified']),
  itemId: guidSchema.optional(),
});
