import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import eventsPlugin from '@backstage/plugin-events-backend';
import {
  DefaultEventsService,
  EventParams,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import { eventsModulePaycor } from './eventsModule';
import { paycorIngressPresenceServiceRef } from './ingressPresence';
import { REFUSALS_PER_WINDOW } from './RefusalReporter';
import { PAYCOR_REFUSED_TOPIC, PAYCOR_TOPIC } from './topics';

const connection = (extra: JsonObject): JsonObject => ({
  baseUrl: 'http://127.0.0.1:9',
  legalEntityId: 501123,
  clientId: 'id',
  clientSecret: 'secret',
  subscriptionKey: 'key',
  refreshToken: 'token',
  ...extra,
});

/**
 * A module (of the catalog, unless said) that reads the ingress presence as
 * the Paycor catalog module does: from the root lifecycle's startup, after
 * every plugin.
 */
function presenceProbe(
  seen: { atRootStartup?: boolean },
  pluginId = 'catalog',
) {
  return createBackendModule({
    pluginId,
    moduleId: 'presence-probe',
    register(reg) {
      reg.registerInit({
        deps: {
          presence: paycorIngressPresenceServiceRef,
          rootLifecycle: coreServices.rootLifecycle,
        },
        async init({ presence, rootLifecycle }) {
          rootLifecycle.addStartupHook(() => {
            seen.atRootStartup = presence.isRegistered;
          });
        },
      });
    },
  });
}

/**
 * The events plugin's HTTP ingress with the Paycor events module, and a
 * subscriber of another plugin on one shared events service.
 */
async function start(
  paycor: JsonObject,
  options: { withEventsPlugin?: boolean } = {},
) {
  const received: EventParams[] = [];
  /** what a catalog module sees of the ingress once every plugin started */
  const presence: { atRootStartup?: boolean } = {};
  const shared = DefaultEventsService.create({
    logger: mockServices.logger.mock(),
    useEventBus: 'never',
  });
  const backend = await startTestBackend({
    features: [
      ...(options.withEventsPlugin === false ? [] : [eventsPlugin]),
      eventsModulePaycor,
      createBackendModule({
        pluginId: 'catalog',
        moduleId: 'listener',
        register(reg) {
          reg.registerInit({
            deps: { events: eventsServiceRef },
            async init({ events }) {
              await events.subscribe({
                id: 'test',
                topics: [PAYCOR_TOPIC, PAYCOR_REFUSED_TOPIC],
                onEvent: async params => {
                  received.push(params);
                },
              });
            },
          });
        },
      }),
      presenceProbe(presence),
      createServiceFactory({
        service: eventsServiceRef,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) => shared.forPlugin(plugin.getId()),
      }),
      mockServices.rootConfig.factory({
        data: { catalog: { providers: { paycor } } },
      }),
    ],
  });
  return { backend, received, presence };
}

const event = {
  eventType: 'Employee.Modified',
  eventId: '0f6c0000-0000-4000-8000-000000000001',
  legalEntityId: 501123,
  itemId: '7f3a12c4-be21-0000-0000-0000c4d20300',
};

describe('eventsModulePaycor', () => {
  it('publishes a delivery with a connection secret and refuses others', async () => {
    const { backend, received, presence } = await start({
      acme: connection({ events: { enabled: true, secret: 'Bearer one' } }),
      globex: connection({
        legalEntityId: 7,
        events: {
          enabled: true,
          secret: 'two',
          secretHeader: 'X-Paycor-Secret',
        },
      }),
      off: connection({ legalEntityId: 8 }),
    });
    try {
      // the catalog side learns that the ingress is served
      expect(presence.atRootStartup).toBe(true);
      const post = (body: object = event) =>
        request(backend.server).post('/api/events/http/paycor').send(body);
      const globexEvent = { ...event, legalEntityId: 7 };
      expect((await post().set('Authorization', 'Bearer one')).status).toBe(
        202,
      );
      expect(
        (await post(globexEvent).set('x-paycor-secret', 'two')).status,
      ).toBe(202);
      expect((await post()).status).toBe(401);
      expect((await post().set('Authorization', 'Bearer two')).status).toBe(
        403,
      );
      expect((await post().set('x-paycor-secret', 'Bearer one')).status).toBe(
        403,
      );
      // one connection's secret does not vouch for another's legal entity
      expect((await post().set('x-paycor-secret', 'two')).status).toBe(403);
      expect(
        (await post(globexEvent).set('Authorization', 'Bearer one')).status,
      ).toBe(403);
      // a legal entity no connection receives events for feeds nobody: it
      // is passed on, for the catalog module to ignore and count
      expect(
        (
          await post({ ...event, legalEntityId: 8 }).set(
            'Authorization',
            'Bearer one',
          )
        ).status,
      ).toBe(202);
      // a valid secret on a body that is no Paycor event: nothing processed
      expect(
        (await post({ hello: 'world' }).set('Authorization', 'Bearer one'))
          .status,
      ).toBe(400);
      // delivered to subscribers asynchronously: wait for the three (bounded)
      const paycorEvents = () => received.filter(e => e.topic === PAYCOR_TOPIC);
      for (let i = 0; i < 500 && paycorEvents().length < 3; i++) {
        await new Promise(r => setTimeout(r, 10));
      }
      expect(
        paycorEvents().map(e => (e.eventPayload as any).legalEntityId),
      ).toEqual([501123, 7, 8]);
      expect(
        received.find(e => e.topic === PAYCOR_TOPIC)?.eventPayload,
      ).toEqual(event);
      // the secret is not passed on (the event bus would store it)
      const published = received.filter(e => e.topic === PAYCOR_TOPIC);
      expect(published[0].metadata).toBeDefined();
      expect(JSON.stringify(published.map(e => e.metadata))).not.toMatch(
        /Bearer one|"two"/,
      );
      const refused = received.filter(e => e.topic === PAYCOR_REFUSED_TOPIC);
      expect(refused.map(e => (e.eventPayload as any).reason)).toEqual([
        'missing',
        'wrong',
        'wrong',
        'other-connection',
        'other-connection',
        'unreadable',
      ]);
      expect(JSON.stringify(refused)).not.toMatch(/Bearer one|"two"/);
      expect((refused[0].eventPayload as any).legalEntityId).toBe(501123);
      // the body is not passed on with a refusal
      expect(JSON.stringify(refused)).not.toContain(event.itemId);
    } finally {
      await backend.stop();
    }
  });

  it('passes a flood of refusals on summed, losing none of the count', async () => {
    const { backend, received } = await start({
      acme: connection({ events: { enabled: true, secret: 'Bearer one' } }),
    });
    const flood = REFUSALS_PER_WINDOW + 40;
    const refusedEvents = () =>
      received.filter(e => e.topic === PAYCOR_REFUSED_TOPIC);
    try {
      for (let i = 0; i < flood; i++) {
        const res = await request(backend.server)
          .post('/api/events/http/paycor')
          .set('Authorization', 'Bearer guess')
          .send(event);
        expect(res.status).toBe(403);
      }
      for (
        let i = 0;
        i < 500 && refusedEvents().length < REFUSALS_PER_WINDOW;
        i++
      ) {
        await new Promise(r => setTimeout(r, 10));
      }
      // one by one up to the allowance; the rest wait for the window to close
      expect(refusedEvents()).toHaveLength(REFUSALS_PER_WINDOW);
    } finally {
      await backend.stop(); // stopping passes on what was summed
    }
    const payloads = refusedEvents().map(e => e.eventPayload as any);
    expect(payloads).toHaveLength(REFUSALS_PER_WINDOW + 1);
    expect(payloads[REFUSALS_PER_WINDOW]).toMatchObject({
      reason: 'wrong',
      legalEntityId: 501123,
      count: 40,
    });
    expect(payloads.reduce((sum, p) => sum + (p.count ?? 1), 0)).toBe(flood);
  });

  it('serves no ingress when no connection has events enabled', async () => {
    const { backend, presence } = await start({ acme: connection({}) });
    try {
      expect(presence.atRootStartup).toBe(false);
      const res = await request(backend.server)
        .post('/api/events/http/paycor')
        .set('Authorization', 'anything')
        .send(event);
      expect(res.status).toBe(404);
    } finally {
      await backend.stop();
    }
  });

  it('lets a backend without the events plugin start (Backstage skips the module)', async () => {
    // createBackend, not startTestBackend: the test backend adds a stand-in
    // for every plugin a module names, a real backend does not.
    let probed = false;
    const backend = createBackend();
    backend.add(
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl: 'http://127.0.0.1',
            listen: { host: '127.0.0.1', port: 0 },
            database: { client: 'better-sqlite3', connection: ':memory:' },
          },
          catalog: {
            providers: {
              paycor: {
                acme: connection({ events: { enabled: true, secret: 's' } }),
              },
            },
          },
        },
      }),
    );
    backend.add(mockServices.rootLogger.factory());
    backend.add(eventsModulePaycor);
    const presence: { atRootStartup?: boolean } = {};
    backend.add(presenceProbe(presence, 'probe'));
    backend.add(
      createBackendPlugin({
        pluginId: 'probe',
        register(reg) {
          reg.registerInit({
            deps: {},
            async init() {
              probed = true;
            },
          });
        },
      }),
    );
    await backend.start();
    try {
      expect(probed).toBe(true);
      // without the events plugin the catalog side knows nothing arrives
      expect(presence.atRootStartup).toBe(false);
    } finally {
      await backend.stop();
    }
  });
});
