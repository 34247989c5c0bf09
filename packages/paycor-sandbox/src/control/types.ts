import type { z } from 'zod';
import type { ActiveFault, SandboxFault } from '../faults/FaultInjector';
import type { CallLogSnapshot } from '../http/CallLog';
import type { DirtyDataShares } from '../org/dirtyData';
import type { EmployeePatch } from '../org/schemas';
import type { DataAccessScope } from '../paycor/scopes';
import type { Department, Employee, SandboxOrgFixture } from '../paycor/types';
import type { RateLimitSettings } from '../rateLimit';
import type {
  DeliveryFault,
  DeliveryLog,
  EventSubscription,
  NewSubscription,
  PaycorEvent,
} from '../events/types';
import type {
  addEmployeeSchema,
  bulkTerminateSchema,
  emitEventSchema,
  terminateSchema,
} from './schemas';

/** @public */
export interface ResetOptions {
  seed?: number;
  employees?: number;
  /** An org in the fixture format, or the path of a JSON file holding one. */
  fixture?: SandboxOrgFixture | string;
  dirtyData?: Partial<DirtyDataShares>;
}

/** @public */
export interface OrgSummary {
  legalEntityId: number;
  tenantId: number | null;
  employees: number;
  departments: number;
  persons: number;
  workLocations: number;
  /** The IANA zone of the legal entity's primary address (UTC when unknown). */
  timeZone: string;
  /** The company's calendar day now in that zone, `YYYY-MM-DD`: what "today" means for its dates. */
  today: string;
}

/**
 * Deep-partial employee in the wire shape; `id` optional (a GUID is minted).
 *
 * @public
 */
export type NewEmployee = z.input<typeof addEmployeeSchema>;
/** @public */
export type EmployeeUpdate = EmployeePatch;
/** @public */
export type TerminateOptions = z.input<typeof terminateSchema>;
/** @public */
export type BulkTerminateOptions = z.input<typeof bulkTerminateSchema>;
/** @public */
export type EmitEvent = z.input<typeof emitEventSchema>;

/** @public */
export interface NewDepartment {
  description: string;
  /** Digits only, ≤ 14; default: the next free number. */
  code?: string;
  /** null/absent = a top-level (level 2) department. */
  parentId?: string | null;
}

/** @public */
export interface DepartmentUpdate {
  description?: string;
  code?: string;
  /** Moves the department (null = to the top level); levels below are recomputed. */
  parentId?: string | null;
}

/** @public */
export interface DeletedDepartment {
  id: string;
  /** Children moved up to the deleted department's parent. */
  reparentedChildren: string[];
  /** Employees that still reference the deleted department (now "unknown department"). */
  orphanedEmployees: number;
}

/**
 * Everything a client needs to call the API as a fresh connection.
 *
 * @public
 */
export interface MintedTokens {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  subscriptionKey: string;
  refreshToken: string;
  legalEntityId: number;
  tenantId: number | null;
}

/**
 * CPU and memory of the sandbox's process, for benchmarks that run it out of process.
 *
 * @public
 */
export interface ProcessUsage {
  cpuUserMs: number;
  cpuSystemMs: number;
  rssBytes: number;
  heapUsedBytes: number;
}

/** @public */
export interface SandboxSettings {
  latencyMs: number;
  rateLimit: RateLimitSettings | false;
  scopes: DataAccessScope[];
}

/**
 * The sandbox's test-control surface. Every method has an HTTP twin under `/_sandbox`
 * with identical semantics and validation (bad input → SandboxInputError / HTTP 400
 * naming the field; unknown ids → SandboxNotFoundError / HTTP 404).
 *
 * @public
 */
export interface SandboxControl {
  /**
   * Replaces the org (regenerates, or loads a fixture) and clears transient state:
   * continuation tokens, faults, the call log and rate-limit windows. Tokens, latency,
   * scopes and the rate-limit setting survive. Without arguments it rebuilds the
   * current org from its source (same seed/size, or the same fixture).
   */
  reset(options?: ResetOptions): Promise<OrgSummary>;
  /** A deep copy of the current org in the fixture format. */
  getOrg(): Required<SandboxOrgFixture>;
  addEmployee(employee?: NewEmployee): Employee;
  updateEmployee(id: string, patch: EmployeeUpdate): Employee;
  terminateEmployee(id: string, options?: TerminateOptions): Employee;
  /** Terminates the listed employees, or a deterministic share of the Active ones; returns their ids. */
  terminateEmployees(options: BulkTerminateOptions): string[];
  /** Sets (or with null removes) the work e-mail. */
  changeEmail(id: string, email: string | null): Employee;
  addDepartment(department: NewDepartment): Department;
  updateDepartment(id: string, update: DepartmentUpdate): Department;
  deleteDepartment(id: string): DeletedDepartment;
  injectFault(fault: SandboxFault): ActiveFault;
  listFaults(): ActiveFault[];
  clearFaults(): void;
  setLatency(ms: number): void;
  getCallLog(): CallLogSnapshot;
  resetCallLog(): void;
  /** A fresh refresh token (and optionally a fresh subscription key with its own quota). */
  mintTokens(options?: { newSubscriptionKey?: boolean }): MintedTokens;
  /** Data Access granted to access tokens minted from now on (refreshes included); names as in DATA_ACCESS_SCOPES. */
  setScopes(scopes: readonly string[]): void;
  /** A number keeps the window; `{limit, windowMs}` sets both; false turns limiting off. */
  setRateLimit(limit: number | false | RateLimitSettings): void;
  /**
   * Subscribes a URL to event notifications. From then on every change the control API
   * makes raises `Employee.Modified` (employees) or `LegalEntity.Modified` (departments,
   * reset) for it, delivered with the subscription's secret and retry policy.
   */
  subscribe(subscription: NewSubscription): EventSubscription;
  unsubscribe(id: string): void;
  listSubscriptions(): EventSubscription[];
  /** Raises an event without a change (duplicates, bursts, events about anyone). */
  emitEvent(event: EmitEvent): PaycorEvent[];
  /** Arms a fault on the next deliveries: fail (then retried), drop, duplicate or delay. */
  injectDeliveryFault(fault: DeliveryFault): DeliveryFault;
  clearDeliveryFaults(): void;
  /** Every delivery (bounded) with its attempts and state. */
  getDeliveries(): DeliveryLog;
  clearDeliveries(): void;
  /** Resolves true once no delivery is pending (retries included), false after the timeout. */
  flushEvents(timeoutMs?: number): Promise<boolean>;
  getSettings(): SandboxSettings;
  /** Counts of the current org. */
  getSummary(): OrgSummary;
  /** CPU time and memory of the process hosting the sandbox. */
  getProcessUsage(): ProcessUsage;
}
