import { RefusedDelivery } from './topics';

/** Refusals passed on one by one per window; the rest are summed. */
export const REFUSALS_PER_WINDOW = 30;
export const REFUSAL_WINDOW_MS = 60_000;

type Refusal = Omit<RefusedDelivery, 'count'>;

/**
 * Passes the ingress's refusals on to the catalog module (which counts and
 * audits each), without letting a flood of bad requests to a public URL turn
 * into as many database writes and audit lines: per window, the first
 * refusals go on one by one, later ones are summed by reason and legal
 * entity and go on as one refusal with a `count` when the window closes.
 * Nothing is dropped: every refusal is in some count.
 */
export class RefusalReporter {
  private windowStart: number | undefined;
  private passed = 0;
  private readonly held = new Map<string, RefusedDelivery>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly publish: (refused: RefusedDelivery) => Promise<void>,
    private readonly options: {
      perWindow?: number;
      windowMs?: number;
      now?: () => number;
    } = {},
  ) {}

  async report(refusal: Refusal): Promise<void> {
    const now = this.now();
    const windowMs = this.options.windowMs ?? REFUSAL_WINDOW_MS;
    if (this.windowStart === undefined || now - this.windowStart >= windowMs) {
      // the new window starts before anything is awaited: concurrent
      // deliveries see one window, not one each
      this.windowStart = now;
      this.passed = 0;
      await this.flush();
    }
    if (this.passed < (this.options.perWindow ?? REFUSALS_PER_WINDOW)) {
      this.passed += 1;
      await this.publish(refusal);
      return;
    }
    const key = `${refusal.reason}\n${refusal.legalEntityId ?? ''}`;
    const summed = this.held.get(key);
    if (summed) {
      summed.count = (summed.count ?? 1) + 1;
      summed.at = refusal.at;
    } else {
      this.held.set(key, { ...refusal, count: 1 });
    }
    if (!this.timer) {
      const closesIn = this.windowStart! + windowMs - now;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flush().catch(() => {});
      }, closesIn);
      this.timer.unref?.();
    }
  }

  /** Passes on what was summed (the window closed, or the backend stops). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const summed = [...this.held.values()];
    this.held.clear();
    for (const refused of summed) await this.publish(refused);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
