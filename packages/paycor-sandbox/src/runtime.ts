import type { TokenService } from './auth/TokenService';
import type { SubscriptionKeys } from './auth/SubscriptionKeys';
import type { FaultInjector } from './faults/FaultInjector';
import type { EventHub } from './events/EventHub';
import type { CallLog } from './http/CallLog';
import type { ContinuationTokens } from './http/paging';
import type { PendingTimers } from './http/PendingTimers';
import type { RecordRenderer } from './http/RecordRenderer';
import type { OrgStore } from './org/OrgStore';
import type { DirtyDataShares } from './org/dirtyData';
import type { RateLimiter } from './rateLimit';

/** Generator settings of the current org, reused by `reset()` for what it is not given. */
export interface OrgSource {
  seed: number;
  employees: number;
  dirtyData?: Partial<DirtyDataShares>;
  legalEntityId?: number;
  tenantId?: number;
}

/**
 * Everything a running sandbox shares between its Paycor routes, its control API and
 * the in-process control object. `store` is replaced wholesale by `reset()`.
 */
export interface SandboxRuntime {
  store: OrgStore;
  orgSource: OrgSource;
  readonly tokens: TokenService;
  readonly subscriptionKeys: SubscriptionKeys;
  readonly rateLimiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly callLog: CallLog;
  readonly continuations: ContinuationTokens;
  readonly renderer: RecordRenderer;
  readonly timers: PendingTimers;
  /** Event subscriptions and deliveries (api.md §7). */
  readonly events: EventHub;
  latencyMs: number;
  readonly now: () => Date;
  /** e.g. http://127.0.0.1:7010 — known once the server listens. */
  baseUrl: string;
}
