/**
 * Paycor's gateway quota (api.md §6.3): N calls per window per APIm subscription key,
 * summed across every API. Fixed windows that open at a key's first call, like Azure
 * APIM's `rate-limit-by-key` policy.
 */

/** @public */
export interface RateLimitSettings {
  limit: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: Readonly<RateLimitSettings> = {
  limit: 1000,
  windowMs: 60_000,
};

export type RateLimitDecision =
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number };

interface Window {
  startedAt: number;
  calls: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private settings: RateLimitSettings | false,
    private readonly now: () => Date,
  ) {}

  get current(): RateLimitSettings | false {
    return this.settings;
  }

  configure(settings: RateLimitSettings | false): void {
    this.settings = settings;
    this.windows.clear();
  }

  reset(): void {
    this.windows.clear();
  }

  /** Counts one call for `key` and says whether it may proceed. */
  hit(key: string): RateLimitDecision {
    if (!this.settings) return { allowed: true };
    const { limit, windowMs } = this.settings;
    const nowMs = this.now().getTime();
    let window = this.windows.get(key);
    if (!window || nowMs - window.startedAt >= windowMs) {
      window = { startedAt: nowMs, calls: 0 };
      this.windows.set(key, window);
    }
    window.calls++;
    if (window.calls <= limit) return { allowed: true };
    const remainingMs = window.startedAt + windowMs - nowMs;
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)),
    };
  }
}
