import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import { readProviderConfigs } from '../config/readProviderConfigs';
import { paycorIngressPresenceServiceRef } from './ingressPresence';
import { PaycorEventNotice, readPaycorEvent } from './paycorEvent';
import { checkEventSecret, EventSecret } from './secretCheck';
import { RefusalReporter } from './RefusalReporter';
import { PAYCOR_REFUSED_TOPIC, PAYCOR_TOPIC, RefusedDelivery } from './topics';

/**
 * An authenticated sender whose body is not a Paycor event gets 400 (its
 * payload is wrong, and nothing was processed); a secret of a connection
 * that does not sync the delivery's legal entity is as good as a wrong one.
 */
const REJECTIONS: Record<
  RefusedDelivery['reason'],
  { status: number; payload: { message: string } }
> = {
  missing: { status: 401, payload: { message: 'Missing notification secret' } },
  wrong: { status: 403, payload: { message: 'Wrong notification secret' } },
  'other-connection': {
    status: 403,
    payload: {
      message:
        "The notification secret is not that of a connection receiving events for the delivery's legal entity",
    },
  },
  unreadable: {
    status: 400,
    payload: { message: 'Not a Paycor event notification' },
  },
};

function readableEvent(body: unknown): PaycorEventNotice | undefined {
  try {
    return readPaycorEvent(body);
  } catch {
    return undefined;
  }
}

/**
 * A secret vouches only for its own connection's legal entity: one
 * connection's secret must not feed another's catalog. A delivery with a
 * valid secret for a legal entity no connection receives events for feeds
 * nobody, so it is accepted, then ignored and counted (Paycor may notify a
 * subscription about every legal entity of the client; guess, api.md §7).
 */
function checkDelivery(
  headers: Record<string, string | string[] | undefined>,
  notice: PaycorEventNotice | undefined,
  secrets: ReadonlyArray<EventSecret & { legalEntityId: number }>,
): RefusedDelivery['reason'] | 'accepted' {
  const check = checkEventSecret(headers, secrets);
  if (check !== 'accepted') return check;
  if (!notice) return 'unreadable';
  const own = secrets.filter(s => s.legalEntityId === notice.legalEntityId);
  if (own.length === 0) return 'accepted';
  return checkEventSecret(headers, own) === 'accepted'
    ? 'accepted'
    : 'other-connection';
}

/**
 * The events-plugin half of live updates: registers Paycor's notification
 * ingress (`POST /api/events/http/paycor`) with a validator that refuses any
 * delivery without the secret of a connection that syncs its legal entity
 * with events enabled. Only a module of the
 * `events` plugin may use the events extension point, hence a module of its
 * own; the catalog module subscribes to what it publishes.
 *
 * Install it next to `@backstage/plugin-events-backend`. Without the events
 * plugin, Backstage never starts a module of it (the backend starts as
 * usual; live updates just receive nothing), and the catalog module works
 * alone either way.
 *
 * @public
 */
export const eventsModulePaycor = createBackendModule({
  pluginId: 'events',
  moduleId: 'paycor',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        ingress: eventsExtensionPoint,
        events: eventsServiceRef,
        presence: paycorIngressPresenceServiceRef,
        lifecycle: coreServices.lifecycle,
      },
      async init({ config, logger, ingress, events, presence, lifecycle }) {
        const secrets: Array<EventSecret & { legalEntityId: number }> =
          readProviderConfigs(config)
            .filter(c => c.enabled && c.events.enabled && c.events.secret)
            .map(c => ({
              header: c.events.secretHeader,
              secret: c.events.secret!,
              legalEntityId: c.legalEntityId,
            }));
        if (secrets.length === 0) {
          logger.info(
            'No Paycor connection has events.enabled; /api/events/http/paycor is not served',
          );
          return;
        }
        const refusals = new RefusalReporter(
          refused =>
            events
              .publish({ topic: PAYCOR_REFUSED_TOPIC, eventPayload: refused })
              .catch(error =>
                logger.warn(
                  `Could not count a refused Paycor delivery: ${error}`,
                ),
              ),
          { knownLegalEntityIds: secrets.map(s => s.legalEntityId) },
        );
        lifecycle.addShutdownHook(() => refusals.flush());
        ingress.addHttpPostIngress({
          topic: PAYCOR_TOPIC,
          async validator(request, context) {
            const notice = readableEvent(request.body);
            const check = checkDelivery(request.headers, notice, secrets);
            if (check === 'accepted') {
              // The events backend publishes the request's headers as the
              // event's metadata, and its PostgreSQL event bus keeps them for
              // up to a day: drop the secret first. (Relies on it passing the
              // same headers object to the validator and to publish, as 0.6.x
              // does; the module's test fails if that changes.)
              for (const { header } of secrets) delete request.headers[header];
              return;
            }
            context.reject(REJECTIONS[check]);
            await refusals.report({
              reason: check,
              legalEntityId: notice?.legalEntityId,
              at: new Date().toISOString(),
            });
          },
        });
        presence.markRegistered();
        logger.info(
          `Paycor event notifications are received at /api/events/http/${PAYCOR_TOPIC}`,
        );
      },
    });
  },
});
