import { createApiRef } from '@backstage/core-plugin-api';
import {
  AdminGroup,
  AdminGroupRequest,
  Approval,
  ApprovalDecisionRequest,
  Conflict,
  ConflictType,
  DepartmentList,
  DepartmentView,
  Exclusion,
  ExclusionRequest,
  OrgChartSearchResult,
  OrgChartView,
  Page,
  PersonDetail,
  PersonList,
  PersonOutcome,
  PersonSyncResult,
  PreviewResult,
  ProviderList,
  ProviderStatus,
  SetParentRequest,
  SyncRequestResult,
  SyncRun,
  UpcomingChanges,
  VerifyResult,
} from '@paycor-backstage/plugin-paycor-common';

/**
 * A list response without paging.
 *
 * @public
 */
export interface ItemList<T> {
  items: T[];
}

/**
 * Paging of list requests.
 *
 * @public
 */
export interface PageOptions {
  limit?: number;
  offset?: number;
}

/**
 * Filters of `GET /providers/:id/conflicts`.
 *
 * @public
 */
export interface ListConflictsOptions extends PageOptions {
  /** only these types; all types when empty or missing */
  types?: ConflictType[];
  /** `open` when missing (the server's default) */
  status?: 'open' | 'resolved' | 'all';
  /** free text search on subject, entity ref and message */
  q?: string;
}

/**
 * Filters of `GET /providers/:id/people`.
 *
 * @public
 */
export interface ListPeopleOptions extends PageOptions {
  /** name, email, employee number or id (case-insensitive, part of it) */
  q?: string;
  /** only these outcomes; all when empty or missing */
  outcomes?: PersonOutcome[];
}

/**
 * Client of the Paycor sync admin API served by the catalog backend module
 * under `/api/catalog/paycor`.
 *
 * Every method rejects with a `ResponseError` from `@backstage/errors` when the
 * server answers with an error; its `cause.message` is the server's message.
 *
 * @public
 */
export interface PaycorSyncApi {
  /** Every configured Paycor connection with its status. */
  listProviders(): Promise<ProviderList>;
  /** One connection's status. */
  getProvider(providerId: string): Promise<ProviderStatus>;
  /** Asks for a run now; it starts within seconds on some backend replica. */
  requestSync(providerId: string): Promise<SyncRequestResult>;
  /** Checks the credentials, scopes and legal entity against Paycor. */
  verifyConnection(providerId: string): Promise<VerifyResult>;
  /** Dry run: what a sync would change now. */
  getPreview(
    providerId: string,
    options?: { limit?: number },
  ): Promise<PreviewResult>;
  /** Runs, newest first. */
  listRuns(providerId: string, options?: PageOptions): Promise<Page<SyncRun>>;
  /** Conflicts, filtered. */
  listConflicts(
    providerId: string,
    options?: ListConflictsOptions,
  ): Promise<Page<Conflict>>;
  /** Paycor departments with their effective parents. */
  listDepartments(providerId: string): Promise<DepartmentList>;
  /** Re-homes a department under another Group. */
  setDepartmentParent(
    providerId: string,
    departmentId: string,
    request: SetParentRequest,
  ): Promise<DepartmentView>;
  /** Undoes a re-home: the department goes back to its Paycor parent. */
  clearDepartmentParent(
    providerId: string,
    departmentId: string,
  ): Promise<DepartmentView>;
  /** Groups admins defined in the sync page. */
  listAdminGroups(providerId: string): Promise<ItemList<AdminGroup>>;
  /** Defines a Group the sync emits, e.g. a division to re-home departments under. */
  createAdminGroup(
    providerId: string,
    request: AdminGroupRequest,
  ): Promise<AdminGroup>;
  /** Removes an admin-defined Group. */
  deleteAdminGroup(providerId: string, name: string): Promise<void>;
  /** Runs held by the safety guard (`pending`) or every decision (`all`). */
  listApprovals(
    providerId: string,
    options?: { status?: 'pending' | 'all' },
  ): Promise<ItemList<Approval>>;
  /** Approves or rejects the removals of a held run. */
  decideApproval(
    providerId: string,
    runId: string,
    request: ApprovalDecisionRequest,
  ): Promise<Approval>;
  /** People the sync ignores. */
  listExclusions(providerId: string): Promise<ItemList<Exclusion>>;
  /** Stops syncing one person. */
  addExclusion(
    providerId: string,
    request: ExclusionRequest,
  ): Promise<Exclusion>;
  /** Syncs a previously excluded person again. */
  removeExclusion(providerId: string, exclusionId: string): Promise<void>;
  /** Everyone of the last read from Paycor with their outcome. */
  listPeople(
    providerId: string,
    options?: ListPeopleOptions,
  ): Promise<PersonList>;
  /** Why one person is (not) in the catalog: their trace and history. */
  getPerson(providerId: string, employeeId: string): Promise<PersonDetail>;
  /** Re-reads one person from Paycor and applies them alone. */
  syncPerson(providerId: string, employeeId: string): Promise<PersonSyncResult>;
  /** Hires, rehires and terminations of the next `days` days. */
  getUpcoming(
    providerId: string,
    options?: { days?: number; limit?: number },
  ): Promise<UpcomingChanges>;
  /**
   * The org chart (read permission): one person's managers up to the top
   * and a page of their direct reports; the top of the company when no
   * person is given.
   */
  getOrgChart(
    providerId: string,
    options?: { person?: string; limit?: number; offset?: number },
  ): Promise<OrgChartView>;
  /** People of the org chart matching `q`, each with the path to them. */
  searchOrgChart(
    providerId: string,
    q: string,
    options?: { limit?: number },
  ): Promise<OrgChartSearchResult>;
}

/**
 * The API ref of {@link PaycorSyncApi}.
 *
 * @public
 */
export const paycorSyncApiRef = createApiRef<PaycorSyncApi>({
  id: 'plugin.paycor.sync',
});
