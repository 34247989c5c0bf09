/** The events topic of Paycor's notifications: POST /api/events/http/paycor. */
export const PAYCOR_TOPIC = 'paycor';

/**
 * Deliveries the ingress refused, told to the catalog module (which keeps
 * the counts) without their body. No HTTP ingress serves this topic.
 */
export const PAYCOR_REFUSED_TOPIC = 'paycor.refused';

export interface RefusedDelivery {
  /**
   * no secret; a wrong one; the secret of a connection that does not sync
   * the delivery's legal entity; a valid secret on a body that is no Paycor
   * event
   */
  reason: 'missing' | 'wrong' | 'other-connection' | 'unreadable';
  /** the legal entity the body names, when it names one */
  legalEntityId?: number;
  /** when the last of them arrived */
  at: string;
  /** refusals this stands for (summed in a flood); 1 when absent */
  count?: number;
}
