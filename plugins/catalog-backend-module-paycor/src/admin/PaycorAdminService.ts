import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  AdminGroup,
  Approval,
  Conflict,
  DepartmentList,
  DepartmentView,
  Exclusion,
  LiveUpdatesStatus,
  OrgChartSearchResult,
  OrgChartView,
  Page,
  PersonDetail,
  PersonList,
  PersonOutcome,
  PersonSyncResult,
  PreviewResult,
  ProviderStatus,
  SyncRequestResult,
  SyncRun,
  UpcomingChanges,
  VerifyResult,
} from '@paycor-backstage/plugin-paycor-common';
import { PaycorClient } from '../client/PaycorClient';
import { TokenManager } from '../client/TokenManager';
import { decideApproval } from '../engine/approvals';
import { EngineContext } from '../engine/context';
import {
  checkOverride,
  currentDepartments,
  groupExists,
} from '../engine/departments';
import { describeFrequency, nextRunFromLast } from '../engine/health';
import { PeopleDirectory } from '../engine/peopleDirectory';
import { previewSync } from '../engine/preview';
import { STALE_RUN_MS, SyncEngine } from '../engine/SyncEngine';
import { EventStore } from '../events/EventStore';
import { INGRESS_MISSING } from '../events/ingressPresence';
import { StoredAdminGroup } from '../store/AdminGroupStore';
import { ConflictQuery } from '../store/ConflictStore';
import { LockTimeoutError } from '../store/LockStore';
import { departmentsView } from './departmentsView';
import { currentOrgChart } from './orgChart';
import { isStaleTicket, SyncTask, syncTaskId } from './syncTask';
import { verifyConnection } from './verifyConnection';

export interface RehomeRequest {
  /** the new parent Group's ref */
  parent: string;
  note?: string;
}

export interface AdminGroupRequest {
  name: string;
  title: string;
  description?: string;
  parent?: string;
  type: string;
}

export interface ExclusionRequest {
  kind: Exclusion['kind'];
  value: string;
  note?: string;
}

/**
 * Every admin operation on one configured provider, one method each: what
 * the admin API (and later other callers, such as actions) calls. Business
 * rules live here (which re-homes are refused and why, an admin group with
 * re-homed departments under it cannot go, a change is re-applied at once or
 * as soon as a running sync lets go of the writer lease); the stores stay
 * private to it and the engine. Errors are Backstage's, so any caller maps
 * them to HTTP statuses the same way: InputError 400, NotFoundError 404,
 * ConflictError 409.
 */
export class PaycorAdminService {
  private readonly directory: PeopleDirectory;

  constructor(
    private readonly deps: {
      ctx: EngineContext;
      engine: SyncEngine;
      task: SyncTask;
      client: PaycorClient;
      tokens: TokenManager;
      /** live updates' events; without it they show as off */
      events?: EventStore;
      /** whether the backend serves Paycor's notification ingress; none: not known */
      ingressRegistered?: () => boolean;
    },
  ) {
    this.directory = new PeopleDirectory(deps.ctx);
    // a sync about to read a new org: the People index of the old one goes too
    deps.ctx.sources.onForget(() => this.directory.forget());
  }

  get id(): string {
    return this.deps.ctx.config.id;
  }

  private get ctx() {
    return this.deps.ctx;
  }

  private get stores() {
    return this.deps.ctx.stores;
  }

  // --- Reading -----------------------------------------------------------------

  async status(): Promise<ProviderStatus> {
    const { stores } = this;
    const { config, catalog } = this.ctx;
    const [state, lastRun, openConflicts, pending, task, liveRun, liveUpdates] =
      await Promise.all([
        stores.state.get(this.id),
        stores.runs.latest(this.id),
        stores.conflicts.countOpen(this.id),
        stores.approvals.pending(this.id),
        catalog.taskSchedule(syncTaskId(this.id)),
        stores.runs.isRunning(this.id, STALE_RUN_MS),
        this.liveUpdates(),
      ]);
    const health = state.health ?? 'never-run';
    return {
      id: this.id,
      enabled: config.enabled,
      health,
      healthReason:
        state.healthReason ??
        (config.enabled ? 'No sync has run yet.' : 'Disabled in config.'),
      legalEntity: { id: config.legalEntityId, name: state.legalEntityName },
      environment: config.environment,
      baseUrl: config.baseUrl,
      schedule: describeFrequency(config.schedule),
      running: liveRun || (task?.running === true && !isStaleTicket(task)),
      lastRun,
      lastSuccessAt: state.lastSuccessAt,
      nextRunAt: config.enabled
        ? task?.nextRunAt ??
          nextRunFromLast(config.schedule, lastRun?.startedAt)
        : undefined,
      entityCounts: { users: state.userCount, groups: state.groupCount },
      openConflicts,
      pendingApproval: pending
        ? {
            runId: pending.runId,
            removals: pending.removalCount,
            createdAt: pending.createdAt,
          }
        : undefined,
      liveUpdates,
    };
  }

  /** Whether live updates are on, and today's events. */
  private async liveUpdates(): Promise<LiveUpdatesStatus> {
    const { config } = this.ctx;
    const enabled = config.enabled && config.events.enabled;
    const { events } = this.deps;
    const counts = events
      ? await events.today(this.id)
      : { own: {}, unattributed: {}, lastReceivedAt: undefined };
    const own = (k: keyof typeof counts.own) => counts.own[k] ?? 0;
    const all = (k: keyof typeof counts.own) =>
      own(k) + (counts.unattributed[k] ?? 0);
    const on = Boolean(enabled && events);
    // Events that arrive prove an ingress somewhere (in a split deployment
    // another instance may serve the events plugin).
    const unreachable =
      on && this.deps.ingressRegistered?.() === false && !counts.lastReceivedAt;
    return {
      enabled: on,
      ...(unreachable ? { problem: INGRESS_MISSING } : {}),
      ...(counts.lastReceivedAt ? { lastEventAt: counts.lastReceivedAt } : {}),
      today: {
        received: own('received'),
        applied: own('applied'),
        fullSync: own('full-sync'),
        duplicates: own('duplicate'),
        failed: own('failed'),
        ignored: all('ignored'),
        refused: all('refused'),
      },
    };
  }

  runs(limit: number, offset: number): Promise<Page<SyncRun>> {
    return this.stores.runs.list(this.id, limit, offset);
  }

  conflicts(query: ConflictQuery): Promise<Page<Conflict>> {
    return this.stores.conflicts.list(this.id, query);
  }

  /** The department tree as the last snapshot and current settings make it. */
  async departments(): Promise<DepartmentList> {
    const current = await currentDepartments(this.ctx);
    if (!current) return { items: [] };
    return departmentsView({
      placements: current.placements,
      overrides: current.settings.stored.overrides,
      snapshotAt: current.fetchedAt,
    });
  }

  async adminGroups(): Promise<AdminGroup[]> {
    const groups = await this.stores.adminGroups.list(this.id);
    return groups.map(g => this.toAdminGroup(g));
  }

  exclusions(): Promise<Exclusion[]> {
    return this.stores.exclusions.list(this.id);
  }

  approvals(status: 'pending' | 'all'): Promise<Approval[]> {
    return this.stores.approvals.list(this.id, status);
  }

  /**
   * One person of the org chart (or its top): their managers up to the top
   * of the company and one page of their direct reports, with team sizes.
   * From the stored snapshot with today's settings; 404 for someone who is
   * not synced, 409 before the first sync.
   */
  async orgChart(query: {
    person?: string;
    limit: number;
    offset: number;
  }): Promise<OrgChartView> {
    const { snapshotAt, index } = await this.orgChartIndex();
    return { snapshotAt, ...index.view(query.person, query) };
  }

  /** Synced people matching `q`, each with the managers above them. */
  async searchOrgChart(
    q: string,
    limit: number,
  ): Promise<OrgChartSearchResult> {
    const { index } = await this.orgChartIndex();
    return index.search(q, limit);
  }

  private async orgChartIndex() {
    const { config } = this.ctx;
    if (!config.reportingLines.enabled) {
      throw new NotFoundError(
        `Reporting lines are turned off for Paycor connection ${this.id} (reportingLines.enabled: false)`,
      );
    }
    const current = await currentOrgChart(this.ctx);
    if (!current) {
      throw new ConflictError(
        'No sync has completed yet, so the org chart is not known; it appears after the first sync',
      );
    }
    return current;
  }

  // --- People ----------------------------------------------------------------

  /** Everyone of the last read with their outcome; searched and filtered. */
  people(query: {
    q?: string;
    outcomes?: readonly PersonOutcome[];
    limit: number;
    offset: number;
  }): Promise<PersonList> {
    return this.directory.list(query);
  }

  /** Why a person is (not) in the catalog: their trace and history. */
  person(employeeId: string): Promise<PersonDetail> {
    return this.directory.detail(employeeId);
  }

  /** The dated changes (hires, rehires, terminations) of the next days. */
  upcoming(days: number, limit: number): Promise<UpcomingChanges> {
    return this.directory.upcoming(days, limit);
  }

  /**
   * Re-reads one employee from Paycor and applies them alone (a run with
   * trigger `person`); returns the run and the person's fresh trace. Where
   * Paycor cannot serve one employee, a full sync is requested instead and
   * the result says why. 404 when Paycor has no such employee and the last
   * read did not list them; 409 before the first sync, or while another
   * writer holds the lease for a minute.
   */
  async syncPerson(employeeId: string): Promise<PersonSyncResult> {
    const outcome = await this.deps.engine.syncPerson(employeeId);
    if (outcome.kind === 'no-snapshot') {
      const requested = await this.requestSyncIfIdle();
      throw new ConflictError(
        `No sync of Paycor provider "${
          this.id
        }" has completed yet, so there is nothing to apply one person to${
          requested ? '; a full sync was requested' : '; a sync is running'
        }`,
      );
    }
    if (outcome.kind === 'unavailable') {
      const requested = await this.requestSyncIfIdle();
      return {
        run: outcome.run,
        message: `${outcome.reason}. ${
          requested
            ? 'A full sync was requested instead; it includes this person.'
            : 'A full sync is already running; it includes this person.'
        }`,
        ...(requested ? { fullSyncRequestedAt: requested.requestedAt } : {}),
      };
    }
    const person = await this.directory
      .detail(employeeId)
      .catch(error =>
        error instanceof NotFoundError ? undefined : Promise.reject(error),
      );
    return {
      run: outcome.run,
      ...(person ? { person } : {}),
      message: describePersonSync(outcome.run, person, outcome.gone),
    };
  }

  // --- Calling Paycor --------------------------------------------------------

  requestSync(): Promise<SyncRequestResult> {
    return this.deps.task.requestSync();
  }

  /** "Sync now", or undefined when a sync is already running. */
  private async requestSyncIfIdle(): Promise<SyncRequestResult | undefined> {
    try {
      return await this.requestSync();
    } catch (error) {
      if (error instanceof ConflictError) return undefined;
      throw error;
    }
  }

  verify(): Promise<VerifyResult> {
    const { client, tokens } = this.deps;
    return verifyConnection(
      this.ctx.config.legalEntityId,
      client,
      tokens,
      this.ctx.clock,
    );
  }

  /** What a sync would change now (reads Paycor, applies nothing). */
  preview(limit: number): Promise<PreviewResult> {
    return previewSync(this.ctx, this.deps.client, limit);
  }

  // --- Changing how the org is built ------------------------------------------

  /**
   * Re-homes a department under any Group: refused when there is no snapshot
   * yet (409), the department is unknown (404), the target does not exist
   * (400) or lies below the department (409). Applied at once.
   */
  async rehome(
    departmentId: string,
    request: RehomeRequest,
    actor: string,
  ): Promise<DepartmentView> {
    const check = await checkOverride(this.ctx, departmentId, request.parent);
    switch (check) {
      case 'no-snapshot':
        throw new ConflictError(
          'No sync has completed yet, so departments are not known; re-home after the first sync',
        );
      case 'unknown-department':
        throw new NotFoundError(
          `Paycor has no department "${departmentId}" in legal entity ${this.ctx.config.legalEntityId}`,
        );
      case 'target-missing':
        throw new InputError(
          `body.parent: ${request.parent} does not exist in the catalog and is not a Group of this provider; create it first (e.g. as an admin group)`,
        );
      case 'cycle':
        throw new ConflictError(
          `Re-homing this department under ${request.parent} would make it its own ancestor`,
        );
      default:
    }
    await this.stores.overrides.set(this.id, {
      departmentId,
      parentRef: request.parent,
      note: request.note,
      setBy: actor,
    });
    await this.applyChange();
    return this.department(departmentId);
  }

  /** Takes a department back to its Paycor parent. */
  async undoRehome(departmentId: string): Promise<DepartmentView> {
    if (!(await this.stores.overrides.remove(this.id, departmentId))) {
      throw new NotFoundError(
        `Department "${departmentId}" has no re-home set in the sync page${
          departmentId in this.ctx.config.departmentParents
            ? ' (its parent comes from app-config departmentParents)'
            : ''
        }`,
      );
    }
    await this.applyChange();
    return this.department(departmentId);
  }

  async createAdminGroup(
    request: AdminGroupRequest,
    actor: string,
  ): Promise<AdminGroup> {
    const ref = this.groupRef(request.name);
    if (await groupExists(this.ctx, ref)) {
      throw new ConflictError(`${ref} already exists in the catalog`);
    }
    if (request.parent && !(await groupExists(this.ctx, request.parent))) {
      throw new InputError(
        `body.parent: ${request.parent} does not exist in the catalog`,
      );
    }
    const group = await this.stores.adminGroups.create(this.id, {
      name: request.name,
      title: request.title,
      description: request.description,
      parentRef: request.parent,
      type: request.type,
      createdBy: actor,
    });
    await this.applyChange();
    return this.toAdminGroup(group);
  }

  /** Refused while re-homed departments still point at the Group. */
  async deleteAdminGroup(name: string): Promise<void> {
    const ref = this.groupRef(name);
    const dependents = (await this.stores.overrides.list(this.id)).filter(
      o => o.parentRef === ref,
    );
    if (dependents.length > 0) {
      throw new ConflictError(
        `${dependents.length} re-homed department(s) still point at ${ref}; undo those re-homes first`,
      );
    }
    if (!(await this.stores.adminGroups.remove(this.id, name))) {
      throw new NotFoundError(`No admin group "${name}"`);
    }
    await this.applyChange();
  }

  async addExclusion(
    request: ExclusionRequest,
    actor: string,
  ): Promise<Exclusion> {
    const exclusion = await this.stores.exclusions.add(this.id, {
      kind: request.kind,
      value: request.value,
      note: request.note,
      createdBy: actor,
    });
    await this.applyChange();
    return exclusion;
  }

  async removeExclusion(exclusionId: string): Promise<void> {
    if (!(await this.stores.exclusions.remove(this.id, exclusionId))) {
      throw new NotFoundError(`No exclusion "${exclusionId}"`);
    }
    await this.applyChange();
  }

  /** Approves (applies) or rejects (keeps) the removals a held run wanted. */
  decideApproval(
    runId: string,
    decision: 'approve' | 'reject',
    actor: string,
    note?: string,
  ): Promise<Approval> {
    return decideApproval(this.ctx, runId, decision, actor, note);
  }

  // ---------------------------------------------------------------------------

  /**
   * Re-applies the stored snapshot after a settings change. A sync holding
   * the writer lease for longer than the re-apply waits picks the change up
   * itself when it plans; the re-apply is retried in the background anyway,
   * in case that sync fails.
   */
  private async applyChange() {
    const { engine } = this.deps;
    const { logger } = this.ctx;
    try {
      await engine.reapply();
    } catch (error) {
      if (!(error instanceof LockTimeoutError)) throw error;
      logger.warn(
        `Paycor provider ${this.id}: a sync holds the writer lock; the change applies when it finishes`,
      );
      engine
        .reapply()
        .catch(e =>
          logger.error(`Paycor provider ${this.id}: re-apply failed: ${e}`),
        );
    }
  }

  private async department(id: string): Promise<DepartmentView> {
    const { items } = await this.departments();
    const view = items.find(d => d.id === id);
    if (!view) throw new NotFoundError(`No department "${id}"`);
    return view;
  }

  private groupRef(name: string): string {
    return stringifyEntityRef({
      kind: 'group',
      namespace: this.ctx.config.namespace,
      name,
    });
  }

  private toAdminGroup(group: StoredAdminGroup): AdminGroup {
    return {
      name: group.name,
      title: group.title,
      description: group.description,
      parent: group.parentRef,
      type: group.type,
      entityRef: this.groupRef(group.name),
      createdBy: group.createdBy,
      createdAt: group.createdAt,
    };
  }
}

/** What a person sync did, in a sentence. */
function describePersonSync(
  run: SyncRun,
  person: PersonDetail | undefined,
  gone: string | undefined,
): string {
  const { added, updated, removed, held } = run.counts;
  const calls = `${run.apiCalls} Paycor call${run.apiCalls === 1 ? '' : 's'}`;
  if (gone) {
    let fate = '';
    if (removed > 0) fate = ' and their User was removed';
    else if (held > 0) fate = '; removing their User is held for approval';
    return `${gone}: they were taken out of the stored snapshot${fate} (${calls}).`;
  }
  const changes = [
    added > 0 ? `${added} added` : '',
    updated > 0 ? `${updated} updated` : '',
    removed > 0 ? `${removed} removed` : '',
    held > 0 ? `${held} removals held` : '',
  ].filter(Boolean);
  return `Re-read from Paycor and applied alone (${calls}): ${
    changes.length > 0 ? changes.join(', ') : 'nothing changed in the catalog'
  }${person ? `; outcome: ${person.outcome}` : ''}.`;
}
