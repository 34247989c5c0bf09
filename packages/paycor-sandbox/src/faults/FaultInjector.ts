import { randomUUID } from 'node:crypto';
import { LIST_ENDPOINTS, type EndpointName } from '../paycor/endpoints';

/** @public */
export const FAULT_TYPES = [
  '429',
  '500',
  '503',
  'timeout',
  'truncated-json',
  'malformed-records',
  'interrupted-listing',
  'revoked-refresh-token',
] as const;

/** @public */
export type SandboxFaultType = (typeof FAULT_TYPES)[number];

/** @public */
export interface SandboxFault {
  type: SandboxFaultType;
  /** How many matching calls fail. Default 1 when `durationMs` is not given either. */
  count?: number;
  /** How long (sandbox clock) the fault stays armed. */
  durationMs?: number;
  /** Only calls to this endpoint (a stable endpoint name) are affected. */
  endpoint?: EndpointName;
  /** Let this many matching calls pass first (e.g. 2 = the third page fails). */
  afterCalls?: number;
}

/** @public */
export interface ActiveFault extends Readonly<SandboxFault> {
  readonly id: string;
  /** Calls still to fail; undefined = unlimited within the duration. */
  readonly remaining: number | undefined;
  /** Matching calls still to let pass. */
  readonly passesLeft: number;
  /** Epoch ms (sandbox clock) when the fault disarms; undefined = never. */
  readonly expiresAt: number | undefined;
}

interface MutableFault {
  id: string;
  spec: SandboxFault;
  remaining: number | undefined;
  passesLeft: number;
  expiresAt: number | undefined;
}

/** Which endpoints a fault type can hit at all. */
export function faultAppliesTo(
  type: SandboxFaultType,
  endpoint: EndpointName,
): boolean {
  switch (type) {
    case 'malformed-records':
    case 'interrupted-listing':
      return LIST_ENDPOINTS.includes(endpoint);
    case 'revoked-refresh-token':
      return endpoint === 'token';
    default:
      return true;
  }
}

/**
 * Armed faults, consumed by the calls that reach them. A call reaches the fault stage
 * once it has passed the gateway (subscription key, rate limit), authentication and
 * request validation — so a fault always replaces an otherwise successful answer, and
 * `afterCalls` counts only such calls. Faults are checked in injection order; the first
 * that applies wins, and a call a fault lets pass (afterCalls) may still hit a later one.
 */
export class FaultInjector {
  private faults: MutableFault[] = [];

  constructor(private readonly now: () => Date) {}

  inject(spec: SandboxFault): ActiveFault {
    const fault: MutableFault = {
      id: randomUUID(),
      spec: { ...spec },
      remaining: spec.count ?? (spec.durationMs === undefined ? 1 : undefined),
      passesLeft: spec.afterCalls ?? 0,
      expiresAt:
        spec.durationMs === undefined
          ? undefined
          : this.now().getTime() + spec.durationMs,
    };
    this.faults.push(fault);
    return this.view(fault);
  }

  clear(): void {
    this.faults = [];
  }

  list(): ActiveFault[] {
    this.dropExpired();
    return this.faults.map(fault => this.view(fault));
  }

  /** The fault this call must suffer, if any (and consumes it). */
  take(endpoint: EndpointName): ActiveFault | undefined {
    if (this.faults.length === 0) return undefined;
    this.dropExpired();
    for (const fault of this.faults) {
      const { spec } = fault;
      if (spec.endpoint !== undefined && spec.endpoint !== endpoint) continue;
      if (!faultAppliesTo(spec.type, endpoint)) continue;
      if (fault.passesLeft > 0) {
        fault.passesLeft--;
        continue;
      }
      if (fault.remaining !== undefined) {
        fault.remaining--;
        if (fault.remaining <= 0)
          this.faults = this.faults.filter(f => f !== fault);
      }
      return this.view(fault);
    }
    return undefined;
  }

  private dropExpired() {
    const nowMs = this.now().getTime();
    this.faults = this.faults.filter(
      f => f.expiresAt === undefined || f.expiresAt > nowMs,
    );
  }

  private view(fault: MutableFault): ActiveFault {
    return {
      ...fault.spec,
      id: fault.id,
      remaining: fault.remaining,
      passesLeft: fault.passesLeft,
      expiresAt: fault.expiresAt,
    };
  }
}
