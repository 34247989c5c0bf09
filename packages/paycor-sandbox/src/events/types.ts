/**
 * Paycor's event notifications as the sandbox simulates them (api.md §7).
 *
 * Documented: the `Event` payload (eventType, eventId, tenantId, legalEntityId, itemId,
 * extendedProperties, changedFields — "always null" — and resource) and the two event
 * types `Employee.Modified` and `LegalEntity.Modified`. Everything about delivery
 * (header, retries, ordering) is a guess; see `EventHub`.
 */

/** @public */
export const EVENT_TYPES = ['Employee.Modified', 'LegalEntity.Modified'] as const;
/** @public */
export type PaycorEventType = (typeof EVENT_TYPES)[number];

/**
 * The `Event` object Paycor POSTs to a subscriber, camelCase like the rest of the wire.
 *
 * @public
 */
export interface PaycorEvent {
  eventType: PaycorEventType;
  /** GUID, unique per event; a redelivery (retry or duplicate) keeps it. */
  eventId: string;
  tenantId: number | null;
  legalEntityId: number | null;
  /** The changed resource's id (the employee's GUID for `Employee.Modified`). */
  itemId: string | null;
  extendedProperties: Record<string, string> | null;
  /** Documented as a placeholder that is always null. */
  changedFields: null;
  /** Where to re-read the changed resource. */
  resource: { id: string | null; url: string | null };
}

/** @public */
export interface EventSubscription {
  id: string;
  /** Where events are POSTed. */
  url: string;
  /** Sent verbatim in `secretHeader` (Paycor's example secret reads "Bearer …"). */
  secret: string;
  /** Guess: Paycor puts the secret in `Authorization`; configurable to test other placements. */
  secretHeader: string;
  eventTypes: PaycorEventType[];
  /** Delay before each retry of a failed delivery, in ms; its length is the retry count. */
  retryDelaysMs: number[];
  /** Per-attempt timeout. */
  timeoutMs: number;
  createdAt: string;
}

/** @public */
export interface NewSubscription {
  url: string;
  secret: string;
  secretHeader?: string;
  eventTypes?: PaycorEventType[];
  retryDelaysMs?: number[];
  timeoutMs?: number;
}

/**
 * A fault armed on the sandbox's outgoing deliveries.
 *
 * @public
 */
export interface DeliveryFault {
  /**
   * `fail`: the attempt fails before reaching the subscriber (a network error), so it is
   * retried; `drop`: the event is never sent (lost); `duplicate`: delivered twice with
   * the same eventId; `delay`: held `delayMs` before the first attempt.
   */
  type: 'fail' | 'drop' | 'duplicate' | 'delay';
  /** How many deliveries it hits (default 1). */
  count?: number;
  delayMs?: number;
}

/** @public */
export interface DeliveryAttempt {
  at: string;
  /** The subscriber's HTTP status, when it answered. */
  status?: number;
  error?: string;
}

/** @public */
export type DeliveryState = 'pending' | 'delivered' | 'failed' | 'dropped';

/** @public */
export interface Delivery {
  event: PaycorEvent;
  subscriptionId: string;
  /** `mockevent` deliveries have no subscription; their URL is given per call. */
  url: string;
  state: DeliveryState;
  attempts: DeliveryAttempt[];
  createdAt: string;
}

/** @public */
export interface DeliveryLog {
  /** Newest last; bounded (the oldest are forgotten). */
  deliveries: Delivery[];
  counts: Record<DeliveryState, number>;
}
