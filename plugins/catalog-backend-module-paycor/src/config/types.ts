import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';

/** Paycor employment statuses (api.md §4.5). */
export const EMPLOYMENT_STATUSES = [
  'Active',
  'Deceased',
  'LongTermDisability',
  'ShortTermDisability',
  'Fmla',
  'LaidOff',
  'LeaveWithPay',
  'LeaveWithoutPay',
  'ThirdPartyPayable',
  'Resigned',
  'Retired',
  'Terminated',
  'WorkersCompensation',
] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

/** Statuses that mean "on leave" (api.md §4.5, inferred grouping). */
export const LEAVE_STATUSES: readonly EmploymentStatus[] = [
  'LeaveWithPay',
  'LeaveWithoutPay',
  'Fmla',
  'ShortTermDisability',
  'LongTermDisability',
  'WorkersCompensation',
];

/** Statuses that mean the person has left (api.md §4.5). */
export const SEPARATED_STATUSES: readonly EmploymentStatus[] = [
  'Terminated',
  'Resigned',
  'Retired',
  'Deceased',
  'LaidOff',
];

/** Paycor employment types (api.md §4.5). */
export const EMPLOYMENT_TYPES = [
  'Casual',
  'IndependentContractor',
  'Regular',
  'Seasonal',
  'Temporary',
  'Variable',
] as const;

/**
 * How a User's entity name is derived.
 * - `email-local-part`: `maria.okafor@x.com` → `maria.okafor` (matches Backstage's
 *   `emailLocalPartMatchingUserEntityName` sign-in resolver); the default.
 * - `email`: the whole address, `maria.okafor_x.com`.
 * - `employee-number`: `employee-1042`; never changes when a person's email or name does.
 * - `employee-id`: the Paycor employee GUID; never changes.
 * - `first-last`: `maria.okafor` from the name fields.
 * Employees without what the strategy needs fall back to `first-last`, then
 * `employee-number`, then `employee-id`.
 */
export type UserNamingStrategy =
  | 'email-local-part'
  | 'email'
  | 'employee-number'
  | 'employee-id'
  | 'first-last';

/**
 * How a department Group's entity name is derived.
 * - `name`: kebab-case of the department description (`customer-support`); default.
 * - `code`: `dept-110` from the department code; survives renames.
 * - `id`: the department GUID.
 */
export type GroupNamingStrategy = 'name' | 'code' | 'id';

export interface PaycorFilters {
  /** Employment statuses that become Users. Default: Active plus the leave statuses (see `onLeave`). */
  statuses?: EmploymentStatus[];
  /** Department ids or codes; an employee matches when their department or an ancestor matches. */
  departments?: { include?: string[]; exclude?: string[] };
  /** Work location names or ids. */
  locations?: { include?: string[]; exclude?: string[] };
  /** Employment types (statusData.type). */
  employmentTypes?: string[];
  /** Only employees whose work email is in one of these domains. */
  emailDomains?: string[];
  excludeEmployeeIds?: string[];
  excludeEmails?: string[];
}

export interface PaycorProviderConfig {
  id: string;
  environment: 'production' | 'sandbox' | 'custom';
  /** API host without trailing slash, e.g. https://apis.paycor.com */
  baseUrl: string;
  legalEntityId: number;
  clientId: string;
  clientSecret: string;
  subscriptionKey: string;
  /** Seed refresh token; the rotated one lives in the database. */
  refreshToken: string;
  enabled: boolean;
  schedule: SchedulerServiceTaskScheduleDefinition;
  namespace: string;
  organization: {
    /** Org Group name; default derived from the legal entity name. */
    name?: string;
    /** Org Group display name; default the legal entity name. */
    title?: string;
    /** Use this existing Group as the root instead of emitting an org Group. */
    ref?: string;
  };
  userNaming: UserNamingStrategy;
  groupNaming: { strategy: GroupNamingStrategy; prefix: string };
  filters: PaycorFilters;
  /** Employees on leave: still colleagues (`include`, default) or hidden (`exclude`). */
  onLeave: 'include' | 'exclude';
  /** Future hires appear this many days before their hire date (default 0). */
  preStartDays: number;
  /** Departments with no synced Users in their subtree: `skip` (default) or `include`. */
  emptyDepartments: 'skip' | 'include';
  /** IANA time zone for effective dates; default the legal entity's, else UTC. */
  timeZone?: string;
  /** Extra Paycor fields copied onto Users: target key → source path in the Paycor employee (e.g. `positionData.jobCode`). */
  fieldMapping: {
    annotations: Record<string, string>;
    labels: Record<string, string>;
  };
  /** Department parent overrides from config (GitOps): department id or code → Group ref. */
  departmentParents: Record<string, string>;
  removalGuard: {
    /** A run that would remove more than this share of Users (0–100) is held. Default 10. */
    maxRemovalPercent: number;
  };
  notifications: {
    /** Entity refs (users or groups) notified when the connection fails, recovers or a run is held. */
    recipients: string[];
  };
  request: {
    timeoutMs: number;
    maxRetries: number;
    /** Client-side budget, below Paycor's 1000 calls/min per subscription key. */
    maxCallsPerMinute: number;
  };
}
