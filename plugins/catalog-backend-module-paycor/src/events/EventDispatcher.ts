import { LoggerService } from '@backstage/backend-plugin-api';
import type { PaycorAudit } from '../audit/PaycorAudit';
import { EventParams } from '@backstage/plugin-events-node';
import { EventStore, NO_PROVIDER } from './EventStore';
import { LiveUpdates } from './LiveUpdates';
import { PaycorEventFormatError, readPaycorEvent } from './paycorEvent';
import { RefusedDelivery } from './topics';

/** A connection that applies events, by the legal entity it syncs. */
export interface LiveConnection {
  providerId: string;
  legalEntityId: number;
  live: LiveUpdates;
}

/**
 * Routes what the events topic delivers to the connections that sync its
 * legal entity. The ingress has checked the secret already. Events for a
 * legal entity no connection syncs with live updates, and payloads that
 * are not a Paycor event, are ignored and counted.
 */
export class EventDispatcher {
  constructor(
    private readonly deps: {
      connections: readonly LiveConnection[];
      store: EventStore;
      logger: LoggerService;
      /** audits refused deliveries (`paycor-event-refused`) */
      audit?: PaycorAudit;
    },
  ) {}

  async onEvent(params: EventParams): Promise<void> {
    const { store, logger } = this.deps;
    let notice;
    try {
      notice = readPaycorEvent(params.eventPayload);
    } catch (error) {
      if (!(error instanceof PaycorEventFormatError)) throw error;
      logger.warn(`Ignored a Paycor event notification: ${error.message}`);
      await store.count(NO_PROVIDER, 'ignored');
      return;
    }
    const targets = this.deps.connections.filter(
      c => c.legalEntityId === notice.legalEntityId,
    );
    if (targets.length === 0) {
      logger.info(
        `Ignored Paycor event ${notice.eventId} (${
          notice.eventType
        }): no connection with live updates syncs legal entity ${
          notice.legalEntityId ?? '(none named)'
        }`,
      );
      await store.count(NO_PROVIDER, 'ignored');
      return;
    }
    for (const target of targets) {
      await target.live.receive(notice);
    }
  }

  /**
   * Counts and audits a delivery the ingress refused, against the legal
   * entity it named. The audit event says why in words; the ingress never
   * passes the secret on.
   */
  async onRefused(params: EventParams): Promise<void> {
    const refused = params.eventPayload as Partial<RefusedDelivery>;
    const targets = this.deps.connections.filter(
      c => c.legalEntityId === refused?.legalEntityId,
    );
    const ids =
      targets.length > 0 ? targets.map(t => t.providerId) : [NO_PROVIDER];
    // a flood arrives summed (RefusalReporter); anything else counts once
    const count =
      Number.isSafeInteger(refused?.count) && refused!.count! > 0
        ? refused!.count!
        : 1;
    for (const id of ids) {
      await this.deps.store.count(id, 'refused', count);
      await this.deps.audit
        ?.eventRefused({
          providerId: id,
          reason: refusalReason(refused?.reason),
          meta: {
            ...(typeof refused?.legalEntityId === 'number'
              ? { legalEntityId: refused.legalEntityId }
              : {}),
            ...(typeof refused?.at === 'string' ? { at: refused.at } : {}),
            ...(count > 1 ? { count } : {}),
          },
        })
        .catch(error =>
          this.deps.logger.warn(
            `Could not audit a refused Paycor delivery: ${error}`,
          ),
        );
    }
  }
}

function refusalReason(reason: unknown): string {
  switch (reason) {
    case 'missing':
      return 'the delivery carried no notification secret';
    case 'wrong':
      return 'the notification secret did not match';
    case 'other-connection':
      return "the notification secret belongs to no connection that receives events for the delivery's legal entity";
    case 'unreadable':
      return 'the delivery is not a Paycor event notification';
    default:
      return 'the delivery was refused';
  }
}
