import { ResponseError } from '@backstage/errors';
import {
  AdminGroup,
  AdminGroupRequest,
  Approval,
  ApprovalDecisionRequest,
  Conflict,
  DepartmentList,
  DepartmentView,
  Exclusion,
  ExclusionRequest,
  OrgChartSearchResult,
  OrgChartView,
  Page,
  PersonDetail,
  PersonList,
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
import {
  ItemList,
  ListConflictsOptions,
  ListPeopleOptions,
  PageOptions,
  PaycorSyncApi,
} from '../api';
import { arrangeDepartments, subtreeRefs } from './arrangeDepartments';
import { MockOrgChart } from './mockOrgChart';
import {
  makeAdminGroups,
  makeApprovals,
  makeConflicts,
  makeCounts,
  makeDepartments,
  makeExclusions,
  makePreview,
  makeProviders,
  makeRun,
  makeRuns,
  makeVerifyResult,
  minutesAgo,
} from './fixtures';
import { makePeople, makeUpcoming, summaryOf } from './peopleFixtures';

async function httpError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: name,
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/**
 * An in-memory Paycor sync backend for the dev harness and page-level tests:
 * two connections, runs, conflicts, a department tree with a re-homed
 * department and an override problem, and a pending approval. Mutations work
 * (re-home, undo, admin groups, approvals, exclusions) and "Sync now" finishes
 * a run after `runDurationMs`.
 */
export class MockPaycorSyncApi implements PaycorSyncApi {
  private readonly latencyMs: number;
  private readonly runDurationMs: number;
  private readonly user: string;
  private readonly handWrittenGroups: string[];
  private providers: ProviderStatus[];
  private runs: Record<string, SyncRun[]>;
  private conflicts: Conflict[];
  private departments: Record<string, DepartmentList>;
  private adminGroups: Record<string, AdminGroup[]>;
  private approvals: Record<string, Approval[]>;
  private exclusions: Record<string, Exclusion[]>;
  private readonly people = makePeople();
  private nextId = 1000;
  private readonly orgChart: MockOrgChart;

  constructor(
    options: {
      latencyMs?: number;
      runDurationMs?: number;
      user?: string;
      /** Groups that exist in the catalog besides the departments */
      handWrittenGroups?: string[];
      /** people in the org chart (default 300) */
      orgChartSize?: number;
    } = {},
  ) {
    this.latencyMs = options.latencyMs ?? 0;
    this.orgChart = new MockOrgChart(options.orgChartSize ?? 300);
    this.runDurationMs = options.runDurationMs ?? 4000;
    this.user = options.user ?? 'user:default/guest';
    this.handWrittenGroups = options.handWrittenGroups ?? [
      'group:default/acme-corp',
      'group:default/product-engineering',
      'group:default/go-to-market',
    ];
    this.providers = makeProviders();
    this.runs = {
      acme: makeRuns('acme'),
      'acme-canada': [
        this.providers[1].lastRun!,
        ...makeRuns('acme-canada').slice(1),
      ],
    };
    this.conflicts = makeConflicts();
    this.departments = {
      acme: makeDepartments(),
      'acme-canada': {
        snapshotAt: minutesAgo(60 * 26),
        items: [
          {
            id: 'ca-ops',
            code: 'OPS',
            name: 'Operations Canada',
            level: 2,
            paycorParentRef: 'group:default/acme-canada',
            effectiveParentRef: 'group:default/acme-canada',
            entityRef: 'group:default/operations-canada',
            memberCount: 58,
            state: 'synced',
          },
        ],
      },
    };
    this.adminGroups = { acme: makeAdminGroups(), 'acme-canada': [] };
    this.approvals = { acme: makeApprovals(), 'acme-canada': [] };
    this.exclusions = { acme: makeExclusions(), 'acme-canada': [] };
  }

  private async delay() {
    if (this.latencyMs > 0) {
      await new Promise(resolve => setTimeout(resolve, this.latencyMs));
    }
  }

  private async provider(id: string): Promise<ProviderStatus> {
    const provider = this.providers.find(p => p.id === id);
    if (!provider) {
      throw await httpError(404, 'NotFoundError', `No Paycor provider "${id}"`);
    }
    return provider;
  }

  private async department(providerId: string, departmentId: string) {
    await this.provider(providerId);
    const department = this.departments[providerId]?.items.find(
      d => d.id === departmentId,
    );
    if (!department) {
      throw await httpError(
        404,
        'NotFoundError',
        `No department "${departmentId}" in provider "${providerId}"`,
      );
    }
    return department;
  }

  private knownGroups(providerId: string): Set<string> {
    return new Set(
      [
        ...this.handWrittenGroups,
        ...(this.adminGroups[providerId] ?? []).map(g => g.entityRef),
        ...(this.departments[providerId]?.items ?? []).flatMap(d =>
          d.entityRef ? [d.entityRef] : [],
        ),
      ].map(r => r.toLocaleLowerCase('en-US')),
    );
  }

  async listProviders(): Promise<ProviderList> {
    await this.delay();
    return clone({ items: this.providers });
  }

  async getProvider(providerId: string): Promise<ProviderStatus> {
    await this.delay();
    return clone(await this.provider(providerId));
  }

  async requestSync(providerId: string): Promise<SyncRequestResult> {
    await this.delay();
    const provider = await this.provider(providerId);
    if (provider.running) {
      throw await httpError(
        409,
        'ConflictError',
        `A sync of ${providerId} is already running`,
      );
    }
    const requestedAt = new Date().toISOString();
    setTimeout(() => {
      provider.running = true;
      const failing = provider.health === 'failing';
      const previousError = provider.lastRun?.error;
      const run = makeRun({
        id: `run-${this.nextId++}`,
        providerId,
        trigger: 'manual',
        status: 'running',
        startedAt: new Date().toISOString(),
        finishedAt: undefined,
        durationMs: undefined,
      });
      provider.lastRun = run;
      this.runs[providerId] = [run, ...(this.runs[providerId] ?? [])];
      setTimeout(() => {
        const finishedAt = new Date().toISOString();
        Object.assign(run, {
          status: failing ? 'failed' : 'succeeded',
          finishedAt,
          durationMs: Date.parse(finishedAt) - Date.parse(run.startedAt),
          counts: makeCounts({ added: 1, updated: 4, removed: 0 }),
          error: failing ? previousError : undefined,
        });
        provider.running = false;
        if (!failing) {
          provider.lastSuccessAt = finishedAt;
          provider.nextRunAt = new Date(
            Date.now() + 60 * 60 * 1000,
          ).toISOString();
        }
      }, this.runDurationMs);
    }, Math.min(1000, this.runDurationMs / 4));
    return { providerId, requestedAt };
  }

  async verifyConnection(providerId: string): Promise<VerifyResult> {
    await this.delay();
    const provider = await this.provider(providerId);
    return makeVerifyResult(provider.health !== 'failing');
  }

  async getPreview(
    providerId: string,
    options: { limit?: number } = {},
  ): Promise<PreviewResult> {
    await this.delay();
    await this.provider(providerId);
    return { ...makePreview(), limit: options.limit ?? 200 };
  }

  async listRuns(
    providerId: string,
    options: PageOptions = {},
  ): Promise<Page<SyncRun>> {
    await this.delay();
    await this.provider(providerId);
    const limit = options.limit ?? 50;
    const offset = options.offset ?? 0;
    const all = this.runs[providerId] ?? [];
    return clone({
      items: all.slice(offset, offset + limit),
      totalCount: all.length,
      limit,
      offset,
    });
  }

  async listConflicts(
    providerId: string,
    options: ListConflictsOptions = {},
  ): Promise<Page<Conflict>> {
    await this.delay();
    await this.provider(providerId);
    const status = options.status ?? 'open';
    const q = options.q?.toLocaleLowerCase('en-US');
    const matching = this.conflicts.filter(
      c =>
        c.providerId === providerId &&
        (status === 'all' || c.status === status) &&
        (!options.types?.length || options.types.includes(c.type)) &&
        (!q ||
          [c.message, c.subject.id, c.subject.label, c.entityRef]
            .join(' ')
            .toLocaleLowerCase('en-US')
            .includes(q)),
    );
    const limit = options.limit ?? 50;
    const offset = options.offset ?? 0;
    return clone({
      items: matching.slice(offset, offset + limit),
      totalCount: matching.length,
      limit,
      offset,
    });
  }

  async listDepartments(providerId: string): Promise<DepartmentList> {
    await this.delay();
    await this.provider(providerId);
    return clone(this.departmentList(providerId));
  }

  /** The Departments list as the server answers it. */
  private departmentList(providerId: string): DepartmentList {
    return arrangeDepartments(this.departments[providerId] ?? { items: [] });
  }

  /** One department as the server answers it after a change. */
  private departmentView(providerId: string, departmentId: string) {
    return clone(
      this.departmentList(providerId).items.find(d => d.id === departmentId)!,
    );
  }

  async setDepartmentParent(
    providerId: string,
    departmentId: string,
    request: SetParentRequest,
  ): Promise<DepartmentView> {
    await this.delay();
    const department = await this.department(providerId, departmentId);
    const parent = request.parent.trim();
    const target = parent.toLocaleLowerCase('en-US');
    if (!this.knownGroups(providerId).has(target)) {
      throw await httpError(
        400,
        'InputError',
        `body.parent: ${parent} is not a Group in the catalog`,
      );
    }
    if (
      subtreeRefs(this.departmentList(providerId), departmentId).has(target)
    ) {
      throw await httpError(
        409,
        'ConflictError',
        `Re-homing ${department.name} under ${parent} would make it its own ancestor`,
      );
    }
    department.override = {
      parent,
      note: request.note,
      setBy: this.user,
      setAt: new Date().toISOString(),
      source: 'api',
    };
    department.effectiveParentRef = parent;
    delete department.overrideProblem;
    return this.departmentView(providerId, departmentId);
  }

  async clearDepartmentParent(
    providerId: string,
    departmentId: string,
  ): Promise<DepartmentView> {
    await this.delay();
    const department = await this.department(providerId, departmentId);
    delete department.override;
    delete department.overrideProblem;
    department.effectiveParentRef = department.paycorParentRef;
    return this.departmentView(providerId, departmentId);
  }

  async listAdminGroups(providerId: string): Promise<ItemList<AdminGroup>> {
    await this.delay();
    await this.provider(providerId);
    return clone({ items: this.adminGroups[providerId] ?? [] });
  }

  async createAdminGroup(
    providerId: string,
    request: AdminGroupRequest,
  ): Promise<AdminGroup> {
    await this.delay();
    await this.provider(providerId);
    const entityRef = `group:default/${request.name}`;
    if (this.knownGroups(providerId).has(entityRef)) {
      throw await httpError(
        409,
        'ConflictError',
        `${entityRef} already exists`,
      );
    }
    const group: AdminGroup = {
      name: request.name,
      title: request.title,
      description: request.description,
      parent: request.parent,
      type: request.type ?? 'division',
      entityRef,
      createdBy: this.user,
      createdAt: new Date().toISOString(),
    };
    this.adminGroups[providerId] = [
      ...(this.adminGroups[providerId] ?? []),
      group,
    ];
    return clone(group);
  }

  async deleteAdminGroup(providerId: string, name: string): Promise<void> {
    await this.delay();
    await this.provider(providerId);
    this.adminGroups[providerId] = (this.adminGroups[providerId] ?? []).filter(
      g => g.name !== name,
    );
  }

  async listApprovals(
    providerId: string,
    options: { status?: 'pending' | 'all' } = {},
  ): Promise<ItemList<Approval>> {
    await this.delay();
    await this.provider(providerId);
    const items = (this.approvals[providerId] ?? []).filter(
      a => options.status !== 'pending' || a.status === 'pending',
    );
    return clone({ items });
  }

  async decideApproval(
    providerId: string,
    runId: string,
    request: ApprovalDecisionRequest,
  ): Promise<Approval> {
    await this.delay();
    const provider = await this.provider(providerId);
    const approval = (this.approvals[providerId] ?? []).find(
      a => a.runId === runId,
    );
    if (!approval) {
      throw await httpError(404, 'NotFoundError', `No held run "${runId}"`);
    }
    if (approval.status !== 'pending') {
      throw await httpError(
        409,
        'ConflictError',
        `Run ${runId} was already ${approval.status}`,
      );
    }
    Object.assign(approval, {
      status: request.decision === 'approve' ? 'approved' : 'rejected',
      decidedBy: this.user,
      decidedAt: new Date().toISOString(),
      note: request.note,
    });
    delete provider.pendingApproval;
    provider.health = 'healthy';
    provider.healthReason = `The held removals were ${approval.status}.`;
    return clone(approval);
  }

  async listExclusions(providerId: string): Promise<ItemList<Exclusion>> {
    await this.delay();
    await this.provider(providerId);
    return clone({ items: this.exclusions[providerId] ?? [] });
  }

  async addExclusion(
    providerId: string,
    request: ExclusionRequest,
  ): Promise<Exclusion> {
    await this.delay();
    await this.provider(providerId);
    const existing = this.exclusions[providerId] ?? [];
    if (
      existing.some(x => x.kind === request.kind && x.value === request.value)
    ) {
      throw await httpError(
        409,
        'ConflictError',
        `${request.value} is already excluded`,
      );
    }
    const exclusion: Exclusion = {
      id: `x-${this.nextId++}`,
      kind: request.kind,
      value: request.value.trim(),
      note: request.note,
      createdBy: this.user,
      createdAt: new Date().toISOString(),
    };
    this.exclusions[providerId] = [...existing, exclusion];
    return clone(exclusion);
  }

  async removeExclusion(
    providerId: string,
    exclusionId: string,
  ): Promise<void> {
    await this.delay();
    await this.provider(providerId);
    this.exclusions[providerId] = (this.exclusions[providerId] ?? []).filter(
      x => x.id !== exclusionId,
    );
  }

  async listPeople(
    providerId: string,
    options: ListPeopleOptions = {},
  ): Promise<PersonList> {
    await this.delay();
    await this.provider(providerId);
    const q = options.q?.trim().toLowerCase();
    const matching = this.people
      .map(summaryOf)
      .filter(
        p => !options.outcomes?.length || options.outcomes.includes(p.outcome),
      )
      .filter(
        p =>
          !q ||
          [p.displayName, p.email, p.employeeNumber, p.employeeId].some(v =>
            v?.toLowerCase().includes(q),
          ),
      );
    const limit = options.limit ?? 50;
    const offset = options.offset ?? 0;
    return {
      items: matching.slice(offset, offset + limit),
      totalCount: matching.length,
      limit,
      offset,
      snapshotAt: minutesAgo(11),
    };
  }

  async getPerson(
    providerId: string,
    employeeId: string,
  ): Promise<PersonDetail> {
    await this.delay();
    await this.provider(providerId);
    const found = this.people.find(p => p.employeeId === employeeId);
    if (!found) {
      throw await httpError(
        404,
        'NotFoundError',
        `No employee "${employeeId}" in the last read from Paycor`,
      );
    }
    return clone(found);
  }

  async syncPerson(
    providerId: string,
    employeeId: string,
  ): Promise<PersonSyncResult> {
    await this.delay();
    const person = await this.getPerson(providerId, employeeId);
    return {
      run: makeRun({
        id: `run-person-${employeeId}`,
        trigger: 'person',
        apiCalls: 1,
        mutation: 'none',
        counts: makeCounts({ added: 0, updated: 0, removed: 0 }),
      }),
      person,
      message:
        'Re-read from Paycor and applied alone (1 Paycor call): nothing changed in the catalog.',
    };
  }

  async getUpcoming(
    providerId: string,
    options: { days?: number } = {},
  ): Promise<UpcomingChanges> {
    await this.delay();
    await this.provider(providerId);
    return makeUpcoming({ days: options.days ?? 30 });
  }

  async getOrgChart(
    providerId: string,
    options: { person?: string; limit?: number; offset?: number } = {},
  ): Promise<OrgChartView> {
    await this.delay();
    await this.provider(providerId);
    try {
      return this.orgChart.view(options);
    } catch (error) {
      throw await httpError(404, 'NotFoundError', (error as Error).message);
    }
  }

  async searchOrgChart(
    providerId: string,
    q: string,
    options: { limit?: number } = {},
  ): Promise<OrgChartSearchResult> {
    await this.delay();
    await this.provider(providerId);
    return this.orgChart.search(q, options.limit);
  }
}
