/**
 * Paycor's event notification as the module reads it (api.md §7).
 *
 * Documented: the `Event` object's fields (eventType, eventId, tenantId,
 * legalEntityId, itemId, extendedProperties, changedFields — a placeholder,
 * always null — and resource) and two event types, `Employee.Modified` and
 * `LegalEntity.Modified`. Guesses, said where they are made: the JSON is
 * camelCase like the rest of Paycor's wire (PascalCase is accepted too), ids
 * may come as numbers or strings, and no other event type is known.
 */
export interface PaycorEventNotice {
  eventId: string;
  eventType: string;
  legalEntityId?: number;
  /** the changed resource's id: the employee's GUID for Employee.Modified */
  itemId?: string;
}

/** Why a delivery cannot be used at all. */
export class PaycorEventFormatError extends Error {
  name = 'PaycorEventFormatError';
}

export const EMPLOYEE_MODIFIED = 'Employee.Modified';

/**
 * Reads the fields the module uses from a delivered payload. Throws
 * PaycorEventFormatError naming the field when there is no event id or type
 * (nothing can be deduplicated or routed without them).
 */
export function readPaycorEvent(payload: unknown): PaycorEventNotice {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new PaycorEventFormatError('the event payload is not a JSON object');
  }
  const body = payload as Record<string, unknown>;
  const field = (name: string) =>
    body[name] ?? body[name[0].toUpperCase() + name.slice(1)];
  const eventId = text(field('eventId'));
  if (!eventId) {
    throw new PaycorEventFormatError('eventId: missing or not a string');
  }
  const eventType = text(field('eventType'));
  if (!eventType) {
    throw new PaycorEventFormatError('eventType: missing or not a string');
  }
  const legalEntity = text(field('legalEntityId'));
  const legalEntityId =
    legalEntity && /^\d+$/.test(legalEntity) ? Number(legalEntity) : undefined;
  const itemId = text(field('itemId'));
  return {
    eventId,
    eventType,
    ...(legalEntityId !== undefined ? { legalEntityId } : {}),
    ...(itemId ? { itemId } : {}),
  };
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= 255 ? trimmed : undefined;
}
