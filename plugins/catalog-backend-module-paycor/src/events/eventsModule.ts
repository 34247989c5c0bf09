import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import { readProviderConfigs } from '../config/readProviderConfigs';
import { readPaycorEvent } from './paycorEvent';
import { checkEventSecret, EventSecret } from './secretCheck';
import { PAYCOR_REFUSED_TOPIC, PAYCOR_TOPIC, RefusedDelivery } from './topics';

/**
 * The events-plugin half of live updates: registers Paycor's notification
 * ingress (`POST /api/events/http/paycor`) with a validator that refuses any
 * delivery without a configured connection's secret. Only a module of the
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
      },
      async init({ config, logger, ingress, events }) {
        const secrets: EventSecret[] = readProviderConfigs(config)
          .filter(c => c.events.enabled && c.events.secret)
          .map(c => ({
            header: c.events.secretHeader,
            secret: c.events.secret!,
          }));
        if (secrets.length === 0) {
          logger.info(
            'No Paycor connection has events.enabled; /api/events/http/paycor is not served',
          );
          return;
        }
        ingress.addHttpPostIngress({
          topic: PAYCOR_TOPIC,
          async validator(request, context) {
            const check = checkEventSecret(request.headers, secrets);
            if (check === 'accepted') {
              // The events backend publishes the request's headers as the
              // event's metadata, and its PostgreSQL event bus keeps them for
              // up to a day: drop the secret first. (Relies on it passing the
              // same headers object to the validator and to publish, as 0.6.x
              // does; the module's test fails if that changes.)
              for (const { header } of secrets) delete request.headers[header];
              return;
            }
            context.reject(
              check === 'missing'
                ? {
                    status: 401,
                    payload: { message: 'Missing notification secret' },
                  }
                : {
                    status: 403,
                    payload: { message: 'Wrong notification secret' },
                  },
            );
            const refused: RefusedDelivery = {
              reason: check,
              legalEntityId: legalEntityOf(request.body),
              at: new Date().toISOString(),
            };
            await events
              .publish({ topic: PAYCOR_REFUSED_TOPIC, eventPayload: refused })
              .catch(error =>
                logger.warn(
                  `Could not count a refused Paycor delivery: ${error}`,
                ),
              );
          },
        });
        logger.info(
          `Paycor event notifications are received at /api/events/http/${PAYCOR_TOPIC}`,
        );
      },
    });
  },
});

function legalEntityOf(body: unknown): number | undefined {
  try {
    return readPaycorEvent(body).legalEntityId;
  } catch {
    return undefined;
  }
}
