import { randomUUID } from 'node:crypto';
import { SandboxInputError, SandboxNotFoundError } from '../errors';
import type {
  Delivery,
  DeliveryFault,
  DeliveryLog,
  DeliveryState,
  EventSubscription,
  NewSubscription,
  PaycorEvent,
  PaycorEventType,
} from './types';
import { EVENT_TYPES } from './types';

/** Oldest deliveries are forgotten past this, so a long-running sandbox stays small. */
const LOG_LIMIT = 2000;

/**
 * Guesses (api.md §7 documents the payload, not the delivery): one POST of the JSON
 * `Event` per subscriber, the secret verbatim in one header, any 2xx is success, other
 * answers and network errors are retried after 1 s, 5 s and 30 s, then given up.
 */
export const DEFAULT_RETRY_DELAYS_MS = [1000, 5000, 30_000];
export const DEFAULT_DELIVERY_TIMEOUT_MS = 5000;

export interface EventHubOptions {
  now: () => Date;
  /** Deliver to hosts other than loopback (off: a sandbox never posts off the machine). */
  allowExternalTargets?: boolean;
  /** For tests: replaces global fetch. */
  fetch?: typeof fetch;
}

interface ArmedFault extends DeliveryFault {
  remaining: number;
}

/**
 * The sandbox's side of Paycor's event notifications: subscriptions, the events the
 * control API's changes raise, and their delivery with retries and injectable faults.
 * Every timer is tracked so `stop()` leaves nothing behind.
 */
export class EventHub {
  private readonly subscriptions = new Map<string, EventSubscription>();
  private readonly faults: ArmedFault[] = [];
  private readonly deliveries: Delivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly aborts = new Set<AbortController>();
  private stopped = false;

  constructor(private readonly options: EventHubOptions) {}

  subscribe(input: NewSubscription): EventSubscription {
    const url = this.checkTarget(input.url, 'url');
    const subscription: EventSubscription = {
      id: randomUUID(),
      url,
      secret: input.secret,
      secretHeader: input.secretHeader ?? 'Authorization',
      eventTypes: input.eventTypes ?? [...EVENT_TYPES],
      retryDelaysMs: input.retryDelaysMs ?? [...DEFAULT_RETRY_DELAYS_MS],
      timeoutMs: input.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS,
      createdAt: this.options.now().toISOString(),
    };
    this.subscriptions.set(subscription.id, subscription);
    return { ...subscription };
  }

  unsubscribe(id: string): void {
    if (!this.subscriptions.delete(id)) {
      throw new SandboxNotFoundError('subscription', id);
    }
  }

  listSubscriptions(): EventSubscription[] {
    return [...this.subscriptions.values()].map(s => ({ ...s }));
  }

  armFault(fault: DeliveryFault): DeliveryFault {
    this.faults.push({ ...fault, remaining: fault.count ?? 1 });
    return { ...fault, count: fault.count ?? 1 };
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Raises an event for every subscription that wants its type. */
  publish(
    eventType: PaycorEventType,
    item: Omit<PaycorEvent, 'eventType' | 'eventId' | 'changedFields'>,
  ): PaycorEvent[] {
    const events: PaycorEvent[] = [];
    for (const subscription of this.subscriptions.values()) {
      if (!subscription.eventTypes.includes(eventType)) continue;
      const event: PaycorEvent = {
        eventType,
        eventId: randomUUID(),
        ...item,
        changedFields: null,
      };
      events.push(event);
      this.deliver(event, subscription);
    }
    return events;
  }

  /**
   * `POST /v1/events/mockevent`: one test event to a URL given in the call, with the
   * default retry policy.
   */
  sendMock(
    event: PaycorEvent,
    target: { url: string; secret: string },
  ): PaycorEvent {
    const url = this.checkTarget(target.url, 'notificationURL');
    this.deliver(event, {
      id: 'mockevent',
      url,
      secret: target.secret,
      secretHeader: 'Authorization',
      eventTypes: [event.eventType],
      retryDelaysMs: [...DEFAULT_RETRY_DELAYS_MS],
      timeoutMs: DEFAULT_DELIVERY_TIMEOUT_MS,
      createdAt: this.options.now().toISOString(),
    });
    return event;
  }

  getLog(): DeliveryLog {
    const counts: Record<DeliveryState, number> = {
      pending: 0,
      delivered: 0,
      failed: 0,
      dropped: 0,
    };
    for (const delivery of this.deliveries) counts[delivery.state] += 1;
    return { deliveries: structuredClone(this.deliveries), counts };
  }

  clearLog(): void {
    this.deliveries.length = 0;
  }

  /** Resolves once no delivery is pending (retries included), or after `timeoutMs`. */
  async flush(timeoutMs = 60_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight.size > 0) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...this.inFlight]),
        new Promise(resolve => {
          timer = setTimeout(resolve, remaining);
        }),
      ]);
      clearTimeout(timer);
    }
    return true;
  }

  /** Cancels pending retries and in-flight requests; nothing is delivered afterwards. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const abort of this.aborts) abort.abort();
  }

  private deliver(event: PaycorEvent, subscription: EventSubscription) {
    const delivery: Delivery = {
      event,
      subscriptionId: subscription.id,
      url: subscription.url,
      state: 'pending',
      attempts: [],
      createdAt: this.options.now().toISOString(),
    };
    this.deliveries.push(delivery);
    if (this.deliveries.length > LOG_LIMIT) this.deliveries.shift();

    const fault = this.takeFault();
    if (fault?.type === 'drop') {
      delivery.state = 'dropped';
      return;
    }
    const run = this.run(delivery, subscription, fault);
    this.inFlight.add(run);
    run.finally(() => this.inFlight.delete(run));
    if (fault?.type === 'duplicate') {
      const copy: Delivery = { ...delivery, attempts: [] };
      this.deliveries.push(copy);
      const again = this.run(copy, subscription, undefined);
      this.inFlight.add(again);
      again.finally(() => this.inFlight.delete(again));
    }
  }

  private async run(
    delivery: Delivery,
    subscription: EventSubscription,
    fault: ArmedFault | undefined,
  ): Promise<void> {
    if (fault?.type === 'delay') await this.sleep(fault.delayMs ?? 1000);
    const delays = [0, ...subscription.retryDelaysMs];
    for (const [attempt, delay] of delays.entries()) {
      if (delay > 0) await this.sleep(delay);
      if (this.stopped) {
        delivery.state = 'failed';
        return;
      }
      const at = this.options.now().toISOString();
      if (attempt === 0 && fault?.type === 'fail') {
        delivery.attempts.push({ at, error: 'injected delivery failure' });
        continue;
      }
      const outcome = await this.post(delivery, subscription);
      delivery.attempts.push({ at, ...outcome });
      if (outcome.status !== undefined && outcome.status < 300) {
        delivery.state = 'delivered';
        return;
      }
    }
    delivery.state = 'failed';
  }

  private async post(
    delivery: Delivery,
    subscription: EventSubscription,
  ): Promise<{ status?: number; error?: string }> {
    const abort = new AbortController();
    this.aborts.add(abort);
    const timer = setTimeout(() => abort.abort(), subscription.timeoutMs);
    try {
      const response = await (this.options.fetch ?? fetch)(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [subscription.secretHeader]: subscription.secret,
        },
        body: JSON.stringify(delivery.event),
        signal: abort.signal,
      });
      // drain, so the connection is reused and nothing is left open
      await response.arrayBuffer().catch(() => undefined);
      return { status: response.status };
    } catch (error) {
      return {
        error: abort.signal.aborted
          ? `no answer within ${subscription.timeoutMs} ms`
          : (error as Error).message,
      };
    } finally {
      clearTimeout(timer);
      this.aborts.delete(abort);
    }
  }

  private takeFault(): ArmedFault | undefined {
    const fault = this.faults[0];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.shift();
    return fault;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise(resolve => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private checkTarget(raw: string, field: string): string {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw SandboxInputError.forField(field, 'must be an absolute URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw SandboxInputError.forField(field, 'must be an http(s) URL');
    }
    const loopback = ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(
      url.hostname,
    );
    if (!loopback && !this.options.allowExternalTargets) {
      throw SandboxInputError.forField(
        field,
        `the sandbox only delivers to loopback hosts (got ${url.hostname}); start it with allowExternalEventTargets to change that`,
      );
    }
    return url.toString();
  }
}
