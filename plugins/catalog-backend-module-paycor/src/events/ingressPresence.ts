import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';

/**
 * Whether this backend serves Paycor's notification ingress. The ingress is
 * a module of the events plugin and the live updates a module of the
 * catalog: a platform team can enable `events` on a connection and forget
 * the events module, and nothing would ever arrive. The two modules share
 * this root service (one per backend) so the catalog side can say so.
 */
export class PaycorIngressPresence {
  private registered = false;

  /** The events module registered the ingress. */
  markRegistered(): void {
    this.registered = true;
  }

  get isRegistered(): boolean {
    return this.registered;
  }
}

export const paycorIngressPresenceServiceRef =
  createServiceRef<PaycorIngressPresence>({
    id: 'paycor.events.ingress-presence',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {},
        factory: () => new PaycorIngressPresence(),
      }),
  });

/** What the status says when events are on but nothing can arrive. */
export const INGRESS_MISSING =
  "events.enabled is on, but this backend instance does not serve Paycor's notification ingress (install eventsModulePaycor with @backstage/plugin-events-backend; module README, Live updates) and no event has arrived this week. Unless another instance of your backend serves it, changes arrive with the scheduled sync.";
