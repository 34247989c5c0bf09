import { randomUUID } from 'node:crypto';
import { mockEventCommandSchema } from '../../events/schemas';
import { EVENT_TYPES, type PaycorEvent } from '../../events/types';
import { SandboxInputError } from '../../errors';
import type { ApiRoute } from '../ApiRoute';
import { stringifyAscii } from '../asciiJson';
import { PaycorHttpError } from '../errors';
import { sendBody } from '../respond';

/**
 * `POST /v1/events/mockevent`: Paycor sends one test notification to the URL in the
 * command and answers 201 with the Event it will deliver (OpenAPI 2024).
 *
 * Guesses: any valid token may call it (no Data Access is printed for it); an event type
 * other than the two documented ones is a 400; the event's resource is the employee
 * (`/v1/employees/{itemId}`) or the legal entity (`/v1/legalentities/{id}`).
 */
export const mockEventRoute: ApiRoute = {
  name: 'mockEvent',
  method: 'post',
  body: 'json',
  path: '/v1/events/mockevent',
  openApiPath: '/v1/events/mockevent',
  queryParameters: [],
  bearer: true,
  prepare(req, runtime) {
    const parsed = mockEventCommandSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const source: Record<string, string> = {};
      for (const issue of parsed.error.issues.slice(0, 10)) {
        source[issue.path.join('.') || 'body'] = issue.message;
      }
      throw new PaycorHttpError(
        400,
        'Validation Error',
        'One or more validation errors occurred.',
        source,
      );
    }
    const command = parsed.data;
    if (!(EVENT_TYPES as readonly string[]).includes(command.eventType)) {
      throw new PaycorHttpError(
        400,
        'Validation Error',
        'One or more validation errors occurred.',
        { eventType: `'${command.eventType}' is not a known event type.` },
      );
    }
    const employee = command.eventType === 'Employee.Modified';
    const event: PaycorEvent = {
      eventType: command.eventType as PaycorEvent['eventType'],
      eventId: randomUUID(),
      tenantId: command.tenantId,
      legalEntityId: command.legalEntityId ?? null,
      itemId: command.itemId ?? null,
      extendedProperties: null,
      changedFields: null,
      resource: employee
        ? { id: command.itemId!, url: `/v1/employees/${command.itemId}` }
        : {
            id: String(command.legalEntityId),
            url: `/v1/legalentities/${command.legalEntityId}`,
          },
    };
    try {
      runtime.events.sendMock(event, {
        url: command.notificationURL,
        secret: command.notificationSecret,
      });
    } catch (error) {
      if (!(error instanceof SandboxInputError)) throw error;
      throw new PaycorHttpError(
        400,
        'Validation Error',
        'One or more validation errors occurred.',
        { notificationURL: error.issues[0].message },
      );
    }
    return ctx => sendBody(ctx, 201, stringifyAscii(event));
  },
};
