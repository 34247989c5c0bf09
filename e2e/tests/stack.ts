/**
 * Direct access to the running stack for the browser tests: the Paycor
 * sandbox's control API (to change "Paycor") and the backend's API with the
 * demo's static token (to wait for syncs). The UI itself is only driven
 * through the browser.
 */
import type {
  Approval,
  DepartmentList,
  OrgChartView,
  ProviderStatus,
  SyncRun,
} from '@paycor-backstage/plugin-paycor-common';

export const SANDBOX = process.env.E2E_SANDBOX_URL ?? 'http://127.0.0.1:7010';
export const BACKEND = process.env.E2E_BACKEND_URL ?? 'http://127.0.0.1:7007';
const TOKEN =
  process.env.BACKEND_STATIC_TOKEN ?? 'local-dev-static-token-change-me';
export const PROVIDER = 'demo';

async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
  if (!res.ok) {
    throw new Error(
      `${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`,
    );
  }
  return res.status === 204 ? (undefined as T) : ((await res.json()) as T);
}

export const sandbox = {
  org: () => call<any>(`${SANDBOX}/_sandbox/org`),
  changeEmail: (id: string, email: string) =>
    call(`${SANDBOX}/_sandbox/employees/${id}/email`, {
      method: 'PUT',
      body: JSON.stringify({ email }),
    }),
  renameDepartment: (id: string, description: string) =>
    call(`${SANDBOX}/_sandbox/departments/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ description }),
    }),
  updateEmployee: (id: string, patch: Record<string, unknown>) =>
    call(`${SANDBOX}/_sandbox/employees/${id}`, {
      method: 'PATCH',
      body: JSON.stringify(patch),
    }),
  addEmployee: (employee: Record<string, unknown>) =>
    call<{ id: string; firstName: string; lastName: string }>(
      `${SANDBOX}/_sandbox/employees`,
      { method: 'POST', body: JSON.stringify(employee) },
    ),
  calls: () =>
    call<{ total: number; byEndpoint: Record<string, number> }>(
      `${SANDBOX}/_sandbox/calls`,
    ),
  resetCalls: () => call(`${SANDBOX}/_sandbox/calls`, { method: 'DELETE' }),
  terminateShare: (share: number) =>
    call<{ ids: string[] }>(`${SANDBOX}/_sandbox/employees/terminate`, {
      method: 'POST',
      body: JSON.stringify({
        share,
        date: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
      }),
    }),
};

const paycor = (path: string, init?: RequestInit) =>
  call<any>(`${BACKEND}/api/catalog/paycor/providers/${PROVIDER}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${TOKEN}` },
  });

export const backend = {
  status: () => paycor('') as Promise<ProviderStatus>,
  runs: async (limit = 5) =>
    ((await paycor(`/runs?limit=${limit}`)) as { items: SyncRun[] }).items,
  departments: () => paycor('/departments') as Promise<DepartmentList>,
  /** The org chart from the top, or from one person (their chain and reports). */
  orgChart: (person?: string) =>
    paycor(
      `/org-chart?limit=50${
        person ? `&person=${encodeURIComponent(person)}` : ''
      }`,
    ) as Promise<OrgChartView>,
  pendingApprovals: async () =>
    ((await paycor('/approvals?status=pending')) as { items: Approval[] })
      .items,
  /** Starts a sync and waits until a newer Paycor read has finished. */
  async sync(timeoutMs = 120_000) {
    const before = (await backend.status()).lastRun?.startedAt ?? '';
    await paycor('/sync', { method: 'POST' });
    return backend.waitForRunAfter(before, timeoutMs);
  },
  async waitForRunAfter(startedAfter: string, timeoutMs = 120_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { lastRun } = await backend.status();
      if (
        lastRun &&
        lastRun.startedAt > startedAfter &&
        lastRun.status !== 'running' &&
        (lastRun.trigger === 'manual' || lastRun.trigger === 'schedule')
      ) {
        return lastRun;
      }
      await new Promise(r => setTimeout(r, 500));
    }
    throw new Error(`no sync finished within ${timeoutMs} ms`);
  },
  /** Waits for the first sync after start-up. */
  async firstSync(timeoutMs = 120_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const status = await backend.status().catch(() => undefined);
      if (status?.lastSuccessAt) return status;
      await new Promise(r => setTimeout(r, 500));
    }
    throw new Error('the first sync did not finish');
  },
  /**
   * Waits until the catalog serves an entity (on a fresh stack the catalog
   * may still be processing the repo's own catalog-info.yaml).
   */
  async waitForEntity(kind: string, name: string, timeoutMs = 120_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const res = await fetch(
        `${BACKEND}/api/catalog/entities/by-name/${kind}/default/${name}`,
        { headers: { Authorization: `Bearer ${TOKEN}` } },
      );
      if (res.ok) return;
      await new Promise(r => setTimeout(r, 500));
    }
    throw new Error(
      `${kind}:default/${name} not in the catalog after ${timeoutMs} ms`,
    );
  },
  /** Users this provider synced, as the catalog serves them. */
  async catalogUsers(limit = 20) {
    const res = await call<{ items: any[] }>(
      `${BACKEND}/api/catalog/entities/by-query?filter=kind=user,metadata.annotations.paycor.com/provider-id=${PROVIDER}&limit=${limit}`,
      { headers: { Authorization: `Bearer ${TOKEN}` } },
    );
    return res.items;
  },
  async catalogUserCount() {
    const res = await call<{ totalItems: number }>(
      `${BACKEND}/api/catalog/entities/by-query?filter=kind=user,metadata.annotations.paycor.com/provider-id=${PROVIDER}&limit=1`,
      { headers: { Authorization: `Bearer ${TOKEN}` } },
    );
    return res.totalItems;
  },
};
