import { z } from 'zod';
import { guidSchema } from '../org/schemas';
import { EVENT_TYPES } from './types';

/** Header names a subscriber may ask the secret in (RFC 7230 token characters). */
const headerName = z
  .string()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/, 'must be an HTTP header name');

export const subscriptionSchema = z.strictObject({
  url: z.string().min(1).max(2048),
  secret: z.string().min(1).max(4096),
  secretHeader: headerName.optional(),
  eventTypes: z.array(z.enum(EVENT_TYPES)).min(1).optional(),
  retryDelaysMs: z
    .array(z.number().int().min(0).max(3_600_000))
    .max(10)
    .optional(),
  timeoutMs: z.number().int().min(1).max(120_000).optional(),
});

export const deliveryFaultSchema = z.strictObject({
  type: z.enum(['fail', 'drop', 'duplicate', 'delay']),
  count: z.number().int().min(1).max(10_000).optional(),
  delayMs: z.number().int().min(0).max(600_000).optional(),
});

/**
 * Paycor's `Command` for `POST /v1/events/mockevent` (OpenAPI 2024), camelCase on the
 * wire like every other body (guess 1). itemId is required for Employee.Modified and
 * legalEntityId for LegalEntity.Modified, as the operation's description says.
 */
export const mockEventCommandSchema = z
  .object({
    applicationId: guidSchema,
    notificationURL: z.string().min(1),
    notificationSecret: z.string().min(1),
    eventType: z.string().min(1),
    tenantId: z.number().int().min(1).max(2_147_483_647),
    itemId: guidSchema.nullable().optional(),
    legalEntityId: z.number().int().min(1).max(2_147_483_647).nullable().optional(),
  })
  .superRefine((command, ctx) => {
    if (command.eventType === 'Employee.Modified' && !command.itemId) {
      ctx.addIssue({
        code: 'custom',
        path: ['itemId'],
        message: 'is required when eventType is Employee.Modified',
      });
    }
    if (command.eventType === 'LegalEntity.Modified' && !command.legalEntityId) {
      ctx.addIssue({
        code: 'custom',
        path: ['legalEntityId'],
        message: 'is required when eventType is LegalEntity.Modified',
      });
    }
  });
