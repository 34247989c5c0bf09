import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
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
} from './PaycorSyncApi';

type Query = Record<string, string | number | undefined>;

/**
 * Default {@link PaycorSyncApi}: talks to the catalog backend's `/paycor`
 * routes through the app's discovery and fetch APIs (so the user's Backstage
 * token is attached).
 *
 * @public
 */
export class PaycorSyncClient implements PaycorSyncApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  listProviders(): Promise<ProviderList> {
    return this.request('GET', ['providers']);
  }

  getProvider(providerId: string): Promise<ProviderStatus> {
    return this.request('GET', ['providers', providerId]);
  }

  requestSync(providerId: string): Promise<SyncRequestResult> {
    return this.request('POST', ['providers', providerId, 'sync']);
  }

  verifyConnection(providerId: string): Promise<VerifyResult> {
    return this.request('POST', ['providers', providerId, 'verify']);
  }

  getPreview(
    providerId: string,
    options: { limit?: number } = {},
  ): Promise<PreviewResult> {
    return this.request('GET', ['providers', providerId, 'preview'], {
      query: { limit: options.limit },
    });
  }

  listRuns(
    providerId: string,
    options: PageOptions = {},
  ): Promise<Page<SyncRun>> {
    return this.request('GET', ['providers', providerId, 'runs'], {
      query: { limit: options.limit, offset: options.offset },
    });
  }

  listConflicts(
    providerId: string,
    options: ListConflictsOptions = {},
  ): Promise<Page<Conflict>> {
    const q = options.q?.trim();
    return this.request('GET', ['providers', providerId, 'conflicts'], {
      query: {
        type: options.types?.length ? options.types.join(',') : undefined,
        status: options.status,
        q: q ? q : undefined,
        limit: options.limit,
        offset: options.offset,
      },
    });
  }

  listDepartments(providerId: string): Promise<DepartmentList> {
    return this.request('GET', ['providers', providerId, 'departments']);
  }

  setDepartmentParent(
    providerId: string,
    departmentId: string,
    request: SetParentRequest,
  ): Promise<DepartmentView> {
    return this.request(
      'PUT',
      ['providers', providerId, 'departments', departmentId, 'parent'],
      { body: request },
    );
  }

  clearDepartmentParent(
    providerId: string,
    departmentId: string,
  ): Promise<DepartmentView> {
    return this.request('DELETE', [
      'providers',
      providerId,
      'departments',
      departmentId,
      'parent',
    ]);
  }

  listAdminGroups(providerId: string): Promise<ItemList<AdminGroup>> {
    return this.request('GET', ['providers', providerId, 'groups']);
  }

  createAdminGroup(
    providerId: string,
    request: AdminGroupRequest,
  ): Promise<AdminGroup> {
    return this.request('POST', ['providers', providerId, 'groups'], {
      body: request,
    });
  }

  async deleteAdminGroup(providerId: string, name: string): Promise<void> {
    await this.request('DELETE', ['providers', providerId, 'groups', name]);
  }

  listApprovals(
    providerId: string,
    options: { status?: 'pending' | 'all' } = {},
  ): Promise<ItemList<Approval>> {
    return this.request('GET', ['providers', providerId, 'approvals'], {
      query: { status: options.status },
    });
  }

  decideApproval(
    providerId: string,
    runId: string,
    request: ApprovalDecisionRequest,
  ): Promise<Approval> {
    return this.request('POST', ['providers', providerId, 'approvals', runId], {
      body: request,
    });
  }

  listExclusions(providerId: string): Promise<ItemList<Exclusion>> {
    return this.request('GET', ['providers', providerId, 'exclusions']);
  }

  addExclusion(
    providerId: string,
    request: ExclusionRequest,
  ): Promise<Exclusion> {
    return this.request('POST', ['providers', providerId, 'exclusions'], {
      body: request,
    });
  }

  async removeExclusion(
    providerId: string,
    exclusionId: string,
  ): Promise<void> {
    await this.request('DELETE', [
      'providers',
      providerId,
      'exclusions',
      exclusionId,
    ]);
  }

  listPeople(
    providerId: string,
    options: ListPeopleOptions = {},
  ): Promise<PersonList> {
    const q = options.q?.trim();
    return this.request('GET', ['providers', providerId, 'people'], {
      query: {
        q: q ? q : undefined,
        outcome: options.outcomes?.length
          ? options.outcomes.join(',')
          : undefined,
        limit: options.limit,
        offset: options.offset,
      },
    });
  }

  getPerson(providerId: string, employeeId: string): Promise<PersonDetail> {
    return this.request('GET', ['providers', providerId, 'people', employeeId]);
  }

  syncPerson(
    providerId: string,
    employeeId: string,
  ): Promise<PersonSyncResult> {
    return this.request('POST', [
      'providers',
      providerId,
      'people',
      employeeId,
      'sync',
    ]);
  }

  getUpcoming(
    providerId: string,
    options: { days?: number; limit?: number } = {},
  ): Promise<UpcomingChanges> {
    return this.request('GET', ['providers', providerId, 'upcoming'], {
      query: { days: options.days, limit: options.limit },
    });
  }

  getOrgChart(
    providerId: string,
    options: { person?: string; limit?: number; offset?: number } = {},
  ): Promise<OrgChartView> {
    return this.request('GET', ['providers', providerId, 'org-chart'], {
      query: {
        person: options.person,
        limit: options.limit,
        offset: options.offset,
      },
    });
  }

  searchOrgChart(
    providerId: string,
    q: string,
    options: { limit?: number } = {},
  ): Promise<OrgChartSearchResult> {
    return this.request(
      'GET',
      ['providers', providerId, 'org-chart', 'search'],
      { query: { q, limit: options.limit } },
    );
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    segments: string[],
    options: { query?: Query; body?: unknown } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('catalog');
    const path = segments.map(s => encodeURIComponent(s)).join('/');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== '') {
        params.set(key, String(value));
      }
    }
    const search = params.toString();
    const url = `${baseUrl}/paycor/${path}${search ? `?${search}` : ''}`;

    const headers: Record<string, string> = { Accept: 'application/json' };
    const init: RequestInit = { method, headers };
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }

    const response = await this.fetchApi.fetch(url, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (response.status === 204) {
      return undefined as T;
    }
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
