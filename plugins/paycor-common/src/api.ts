import { ConflictSubjectKind, ConflictType } from './conflicts';

/**
 * Shapes of the HTTP API served by the catalog module under
 * `/api/catalog/paycor`. Timestamps are ISO 8601 strings in UTC.
 */

/** @public */
export type ProviderHealth =
  | 'healthy'
  | 'degraded'
  | 'failing'
  | 'awaiting-approval'
  | 'never-run';

/** Why a run started. @public */
export type SyncTrigger =
  /** the schedule */
  | 'schedule'
  /** "Sync now" */
  | 'manual'
  /** an admin changed re-homing, admin groups or exclusions; applied from the stored snapshot without calling Paycor */
  | 'reapply'
  /** an admin approved held removals */
  | 'approval'
  /** one person re-read from Paycor and applied alone ("Sync now" on a person) */
  | 'person'
  /** a Paycor event notification: the person it names re-read and applied alone */
  | 'event'
  /** a full sync a Paycor event notification asked for (a legal entity change, or one person could not be applied alone) */
  | 'event-sync';

/** @public */
export type SyncRunStatus =
  | 'running'
  | 'succeeded'
  /** applied adds and updates, held removals for approval */
  | 'held'
  | 'failed'
  /** the process stopped mid-run (crash, deploy); nothing was applied */
  | 'abandoned';

/** @public */
export interface SyncRunCounts {
  /** employee records read from Paycor */
  fetchedEmployees: number;
  /** department records read from Paycor */
  fetchedDepartments: number;
  /** Users emitted */
  users: number;
  /** Groups emitted */
  groups: number;
  /** entities added to the catalog by this run */
  added: number;
  /** entities changed by this run */
  updated: number;
  /** entities removed by this run */
  removed: number;
  /** employees not synced (filters, exclusions, dates, invalid, duplicates) */
  skipped: number;
  /** removals held back by the safety guard */
  held: number;
  /**
   * Full syncs while live updates are on: people whose User this run changed,
   * i.e. what event notifications had not brought (missed, failed or not sent)
   */
  correctedAfterEvents?: number;
  /** Full syncs while live updates are on: events not yet applied that this run's read covered */
  eventsReconciled?: number;
}

/** @public */
export interface SyncRun {
  id: string;
  providerId: string;
  trigger: SyncTrigger;
  status: SyncRunStatus;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  counts: SyncRunCounts;
  /** Paycor API calls made, token refresh included */
  apiCalls: number;
  /** how the result was handed to the catalog */
  mutation?: 'full' | 'delta' | 'none';
  /** why the employees that were not synced were skipped, by reason */
  skippedByReason?: Record<string, number>;
  error?: { name: string; message: string };
}

/** @public */
export interface ProviderStatus {
  id: string;
  enabled: boolean;
  health: ProviderHealth;
  /** one sentence explaining the health */
  healthReason: string;
  legalEntity: { id: number; name?: string };
  environment: 'production' | 'sandbox' | 'custom';
  /** API host (no credentials) */
  baseUrl: string;
  schedule: {
    /** e.g. "PT1H" or a cron expression */
    frequency: string;
    timeout: string;
  };
  running: boolean;
  lastRun?: SyncRun;
  lastSuccessAt?: string;
  nextRunAt?: string;
  entityCounts: { users: number; groups: number };
  openConflicts: number;
  pendingApproval?: { runId: string; removals: number; createdAt: string };
  /** live updates from Paycor's event notifications */
  liveUpdates?: LiveUpdatesStatus;
}

/**
 * Live updates of one connection: whether Paycor's event notifications are
 * applied as they arrive, and what arrived today.
 *
 * @public
 */
export interface LiveUpdatesStatus {
  /** events.enabled in config (and the connection is enabled) */
  enabled: boolean;
  /**
   * Why nothing can arrive although live updates are on (the backend does
   * not serve Paycor's notification ingress), with what to do
   */
  problem?: string;
  /** when the last accepted event for this connection arrived */
  lastEventAt?: string;
  /** counts of the current UTC day */
  today: {
    /** accepted deliveries (a redelivery of the same event id not included) */
    received: number;
    /** applied by a one-person sync */
    applied: number;
    /** handed to a full sync (a legal entity change, or one person could not be read alone) */
    fullSync: number;
    /** redeliveries of an event already received (applied once) */
    duplicates: number;
    /** given up after retries; the next full sync reconciles them */
    failed: number;
    /** for a legal entity no connection syncs with live updates, or unreadable */
    ignored: number;
    /** refused: missing or wrong notification secret */
    refused: number;
  };
}

/** @public */
export interface ProviderList {
  items: ProviderStatus[];
}

/** @public */
export interface Conflict {
  id: string;
  providerId: string;
  type: ConflictType;
  subject: { kind: ConflictSubjectKind; id: string; label?: string };
  /** the catalog entity concerned, when there is one */
  entityRef?: string;
  /** what happened */
  message: string;
  /** what to do about it */
  resolution: string;
  status: 'open' | 'resolved';
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt?: string;
  /** number of runs that saw it */
  occurrences: number;
}

/** @public */
export interface Page<T> {
  items: T[];
  totalCount: number;
  limit: number;
  offset: number;
}

/** @public */
export interface ParentOverride {
  /** entity ref of the new parent Group */
  parent: string;
  note?: string;
  setBy: string;
  setAt: string;
  /** `api` when set in the sync page or API, `config` when set in app-config */
  source: 'api' | 'config';
}

/** @public */
export interface DepartmentView {
  id: string;
  code?: string;
  name: string;
  level?: number;
  /** Paycor's parent department id, if any */
  paycorParentId?: string;
  /** the Group Paycor's hierarchy alone would put it under */
  paycorParentRef?: string;
  override?: ParentOverride;
  /** the parent the catalog actually gets */
  effectiveParentRef?: string;
  /** the department's Group, when it is emitted */
  entityRef?: string;
  /** synced Users directly in the department */
  memberCount: number;
  /** `synced`, or why no Group is emitted */
  state: 'synced' | 'empty' | 'filtered';
  /** set when an override could not be applied */
  overrideProblem?: 'target-missing' | 'cycle';
  /**
   * Depth in the tree the Departments tab shows (see
   * `DepartmentList.treeOrder`): 0 for a department directly under a Group
   * outside the department tree (the organization, an admin or hand-written
   * Group) or, when it has no Group, without a Paycor parent.
   */
  depth?: number;
  /**
   * The department this one is nested under in that tree: the department
   * whose Group is its effective parent, or (for one without a Group of its
   * own) its Paycor parent.
   */
  treeParentId?: string;
}

/** @public */
export interface DepartmentList {
  /** when the snapshot these come from was read from Paycor */
  snapshotAt?: string;
  /** sorted by name, then id */
  items: DepartmentView[];
  /**
   * Every item's id in the order to show the tree: sections of departments
   * that hang under the same outside Group (the largest first, departments
   * without a Group last), each department followed by its subtree, siblings
   * by name. With `depth`, enough to draw the tree without building it.
   */
  treeOrder?: string[];
}

/** A Group defined by an admin in the sync page, emitted by the provider. @public */
export interface AdminGroup {
  name: string;
  title: string;
  description?: string;
  /** parent Group; defaults to the organization Group */
  parent?: string;
  type: string;
  entityRef: string;
  createdBy: string;
  createdAt: string;
}

/** @public */
export interface Exclusion {
  id: string;
  kind: 'employee-id' | 'email';
  value: string;
  note?: string;
  createdBy: string;
  createdAt: string;
}

/**
 * A catalog entity (Component, System, API, Resource, Domain, …) that a
 * removal would leave without an existing owner. @public
 */
export interface OwnedEntity {
  /** its full ref, e.g. `component:default/expense-reports` */
  entityRef: string;
  /** its kind as the catalog holds it, e.g. `Component` */
  kind: string;
  /** `metadata.title`, when it has one */
  title?: string;
}

/** An owned entity a run would orphan, with who owns it now. @public */
export interface OrphanedEntity extends OwnedEntity {
  /** the User or Group the run would remove that owns it */
  owner: string;
  /** a Group to own it instead: the owner's department Group (or its nearest remaining parent) */
  suggestedOwner?: string;
}

/** @public */
export interface HeldRemoval {
  entityRef: string;
  kind: 'User' | 'Group';
  displayName?: string;
  employeeId?: string;
  departmentId?: string;
  /**
   * What this User or Group owns in the catalog that the removal would leave
   * without an existing owner (the ownership check of the removal guard).
   */
  orphans?: OwnedEntity[];
  /** a Group to own `orphans` instead: their department Group (or its nearest remaining parent) */
  suggestedOwner?: string;
}

/** @public */
export interface Approval {
  runId: string;
  providerId: string;
  status: 'pending' | 'approved' | 'rejected' | 'superseded';
  createdAt: string;
  /** Users in the catalog from this provider when the run was held */
  userCount: number;
  removalCount: number;
  /** the configured share of Users a run may remove without approval */
  thresholdPercent: number;
  reason: string;
  removals: HeldRemoval[];
  decidedBy?: string;
  decidedAt?: string;
  note?: string;
}

/** @public */
export interface VerifyStep {
  name: string;
  ok: boolean;
  detail?: string;
}

/** @public */
export interface VerifyResult {
  ok: boolean;
  checkedAt: string;
  legalEntity?: { id: number; name?: string };
  steps: VerifyStep[];
  /** Paycor Data Access scopes the token lacks, with what each is needed for */
  missingScopes: { scope: string; neededFor: string }[];
}

/** @public */
export interface EntitySummary {
  entityRef: string;
  kind: 'User' | 'Group';
  displayName?: string;
}

/** @public */
export interface EntityChange extends EntitySummary {
  /** dotted paths of the fields that change */
  fields: string[];
}

/** @public */
export interface PreviewResult {
  generatedAt: string;
  counts: SyncRunCounts;
  added: EntitySummary[];
  updated: EntityChange[];
  removed: EntitySummary[];
  /** true when the safety guard would hold the removals */
  wouldHold: boolean;
  /** why the guard would hold them (the share of Users, or what they own) */
  holdReason?: string;
  /**
   * Catalog entities the removals would leave without an existing owner
   * (empty when the ownership check is off), cut at `limit`.
   */
  orphaned?: OrphanedEntity[];
  conflicts: Array<
    Pick<Conflict, 'type' | 'subject' | 'entityRef' | 'message'>
  >;
  /** lists are cut at this many items each */
  limit: number;
}

/** @public */
export interface SyncRequestResult {
  providerId: string;
  /** the run will start within seconds on whichever replica picks it up */
  requestedAt: string;
}

/** Body of every error response (Backstage's error format). @public */
export interface ApiErrorBody {
  error: { name: string; message: string };
  request?: { method: string; url: string };
  response: { statusCode: number };
}
