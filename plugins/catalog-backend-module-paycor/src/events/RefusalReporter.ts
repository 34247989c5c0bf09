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
 * entity and go on as one refusal with a `count` when the window closes (or
 * the backend stops). Every refusal is in some count; only a crash loses the
 * sums of the window still open.
 */
export class RefusalReporter {
  private windowStart: number | undefined;
  private passed = 0;
  private readonly held = new Map<string, RefusedDelivery>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * `publish` must not reject (log instead). `knownLegalEntityIds`: the
   * legal entities summed apart; past the allowance, any other id a sender
   * writes in a body is summed as none, so made-up ids cannot split a flood
   * into as many sums.
   */
  constructor(
    private readonly publish: (refused: RefusedDelivery) => Promise<void>,
    private readonly options: {
      knownLegalEntityIds?: readonly number[];
      perWindow?: number;
      windowMs?: number;
      now?: () => number;
    } = {},
  ) {}

  async report(refusal: Refusal): Promise<void> {
    const now = this.now();
    const windowMs = this.options.windowMs ?? REFUSAL_WINDOW_MS;
    if (this.windowStart === undefined || now - this.windowStart >= windowMs) {
      // The new window starts before anything is published, so concurrent
      // deliveries see one window; the last window's sums are published
      // without holding up this delivery's answer.
      this.windowStart = now;
      this.passed = 0;
      void this.flush();
    }
    if (this.passed < (this.options.perWindow ?? REFUSALS_PER_WINDOW)) {
      this.passed += 1;
      await this.publish(refusal);
      return;
    }
    const sum = this.withKnownLegalEntity(refusal);
    const key = `${sum.reason}\n${sum.legalEntityId ?? ''}`;
    const summed = this.held.get(key);
    if (summed) {
      summed.count = (summed.count ?? 1) + 1;
      summed.at = sum.at;
    } else {
      this.held.set(key, { ...sum, count: 1 });
    }
    if (!this.timer) {
      const closesIn = this.windowStart! + windowMs - now;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
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

  private withKnownLegalEntity(refusal: Refusal): Refusal {
    const id = refusal.legalEntityId;
    if (id === undefined) return refusal;
    if (this.options.knownLegalEntityIds?.includes(id)) return refusal;
    const { legalEntityId: _unknown, ...rest } = refusal;
    return rest;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
