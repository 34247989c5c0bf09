import {
  paycorStatus,
  startBackend,
  StartedBackend,
  syncAndWait,
} from './catalog';
import { expectJson, pollUntil, requestJson } from './lib/net';
import { PROVIDER_ID } from './lib/providerConfig';
import { SandboxProcess } from './lib/sandbox';
import { median, round } from './lib/stats';

/**
 * Admin edits on a real backend holding the org: a Backstage backend (catalog + the Paycor
 * module, in-memory SQLite, bench/catalogBackend.ts) syncs the sandbox once, then — while
 * the catalog is still processing what the sync emitted, as in production right after a
 * sync — re-homes a department, undoes it and excludes a person, `runs` times each. Each
 * edit is timed from the HTTP request until the catalog's `refresh_state` holds the change
 * (the department's Group has its new parent, the person's User row is gone), polled every
 * 20 ms through the bench probe; the HTTP response time is recorded too. The module's own
 * count of planning work (snapshot decodes, transforms of people and of Groups) is read
 * before and after each edit. Then the admin reads (status, Departments, runs, conflicts,
 * groups, exclusions, approvals) are timed, `runs` times each.
 */

export interface EditWork {
  snapshotDecodes: number;
  emissionDecodes: number;
  /** plans that recomputed anything (each recomputes the Groups) */
  transforms: number;
  /** of those, the ones that recomputed every person (dating, filters, names) */
  userTransforms: number;
}

export interface AdminEdit {
  kind: 're-home' | 'undo' | 'add-exclusion';
  run: number;
  subject: string;
  status: number;
  responseMs: number;
  toRefreshStateMs: number;
  work: EditWork;
}

export interface AdminRead {
  route: string;
  ms: number[];
  medianMs: number;
  maxMs: number;
}

export interface AdminEditsResult {
  employees: number;
  users: number;
  syncMs: number;
  /** refresh_state rows the catalog had processed (final) when the edits began */
  catalogFinalUsersAtStart: number;
  edits: AdminEdit[];
  /** median time to refresh_state per kind */
  medianMs: Record<AdminEdit['kind'], number>;
  /** the slowest of the three medians */
  adminEditMs: number;
  /** the most transforms any edit ran */
  adminEditTransforms: number;
  /** the most transforms of people a re-home or undo ran (target 0) */
  rehomeUserTransforms: number;
  /** the most snapshot decodes any edit ran */
  adminEditDecodes: number;
  reads: AdminRead[];
  /** the slowest read's median */
  adminReadMs: number;
}

const WORK_KEYS: Record<keyof EditWork, string> = {
  snapshotDecodes: 'snapshot-decode',
  emissionDecodes: 'emission-decode',
  transforms: 'group-transform',
  userTransforms: 'people-transform',
};

async function work(backend: StartedBackend): Promise<Record<string, number>> {
  return expectJson(`${backend.url}/api/catalog/bench-probe/paycor-work`, {
    token: backend.token,
  });
}

function workBetween(
  before: Record<string, number>,
  after: Record<string, number>,
): EditWork {
  const delta = (kind: string) => (after[kind] ?? 0) - (before[kind] ?? 0);
  return {
    snapshotDecodes: delta(WORK_KEYS.snapshotDecodes),
    emissionDecodes: delta(WORK_KEYS.emissionDecodes),
    transforms: delta(WORK_KEYS.transforms),
    userTransforms: delta(WORK_KEYS.userTransforms),
  };
}

async function refreshStateEntity(backend: StartedBackend, ref: string) {
  const { entity } = await expectJson<{ entity: any }>(
    `${
      backend.url
    }/api/catalog/bench-probe/refresh-state/entity?ref=${encodeURIComponent(
      ref,
    )}`,
    { token: backend.token },
  );
  return entity as { spec?: { parent?: string } } | null;
}

/** One edit: the request, then polling refresh_state until `done`. */
async function timeEdit(
  backend: StartedBackend,
  edit: Omit<AdminEdit, 'status' | 'responseMs' | 'toRefreshStateMs' | 'work'>,
  request: { method: string; path: string; body?: unknown },
  done: () => Promise<boolean>,
): Promise<AdminEdit> {
  const before = await work(backend);
  const started = performance.now();
  const res = await requestJson(
    `${backend.url}/api/catalog/paycor/providers/${PROVIDER_ID}${request.path}`,
    {
      method: request.method,
      body: request.body,
      token: backend.token,
      timeoutMs: 120_000,
    },
  );
  const responseMs = performance.now() - started;
  if (res.status >= 300) {
    throw new Error(
      `${edit.kind} ${edit.subject}: HTTP ${res.status} ${res.text.slice(
        0,
        300,
      )}`,
    );
  }
  await pollUntil(done, ok => ok, {
    timeoutMs: 120_000,
    intervalMs: 20,
    what: `${edit.kind} ${edit.subject} in refresh_state`,
  });
  const toRefreshStateMs = performance.now() - started;
  return {
    ...edit,
    status: res.status,
    responseMs: round(responseMs),
    toRefreshStateMs: round(toRefreshStateMs),
    work: workBetween(before, await work(backend)),
  };
}

const READS = [
  '',
  '/departments',
  '/runs?limit=20',
  '/conflicts?limit=20',
  '/groups',
  '/exclusions',
  '/approvals',
];

async function timeReads(
  backend: StartedBackend,
  runs: number,
): Promise<AdminRead[]> {
  const reads: AdminRead[] = [];
  for (const route of READS) {
    const ms: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      await expectJson(
        `${backend.url}/api/catalog/paycor/providers/${PROVIDER_ID}${route}`,
        { token: backend.token, timeoutMs: 60_000 },
      );
      ms.push(round(performance.now() - started));
    }
    reads.push({
      route: `GET /providers/:id${route.split('?')[0]}`,
      ms,
      medianMs: round(median(ms)),
      maxMs: Math.max(...ms),
    });
  }
  return reads;
}

async function finalUsers(backend: StartedBackend): Promise<number> {
  const body = await expectJson<{ totalItems: number }>(
    `${backend.url}/api/catalog/entities/by-query?filter=kind=user,relations.memberof&limit=1&fields=metadata.name&totalItems=include`,
    { token: backend.token, timeoutMs: 60_000 },
  );
  return body.totalItems;
}

export async function measureAdminEdits(options: {
  size: number;
  sandbox: SandboxProcess;
  runs: number;
  log: (message: string) => void;
}): Promise<AdminEditsResult> {
  const { size, sandbox, runs, log } = options;
  const backend = await startBackend({
    mode: 'paycor',
    name: `admin-edits-${size}`,
    sandbox,
  });
  try {
    const { run } = await syncAndWait(backend);
    if (run.status !== 'succeeded') {
      throw new Error(`admin edits: the sync ${run.status}`);
    }
    const catalogFinalUsersAtStart = await finalUsers(backend);
    log(
      `admin edits at ${size}: synced ${run.counts.users} users in ${run.durationMs} ms; the catalog has processed ${catalogFinalUsersAtStart} of them`,
    );

    const reads = await timeReads(backend, runs);
    const { items } = await expectJson<{ items: any[] }>(
      `${backend.url}/api/catalog/paycor/providers/${PROVIDER_ID}/departments`,
      { token: backend.token },
    );
    const tops = items.filter(
      d => d.state === 'synced' && d.entityRef && !d.paycorParentId,
    );
    const movable = items.filter(
      d => d.state === 'synced' && d.entityRef && d.paycorParentId,
    );
    const users = (
      await expectJson<{
        items: Array<{ entityRef: string; employeeId: string }>;
      }>(
        `${backend.url}/api/catalog/bench-probe/refresh-state/users?limit=${
          runs * 7
        }`,
        { token: backend.token },
      )
    ).items.filter((_, i) => i % 7 === 3);
    if (movable.length < runs || tops.length < 2 || users.length < runs) {
      throw new Error('admin edits: the org is too small to pick subjects');
    }

    const edits: AdminEdit[] = [];
    for (let i = 0; i < runs; i++) {
      const department = movable[Math.floor((i * movable.length) / runs)];
      const target = tops.find(
        t => t.entityRef !== department.effectiveParentRef,
      )!;
      const original = department.effectiveParentRef;
      const parentIs = (ref: string) => async () =>
        (await refreshStateEntity(backend, department.entityRef))?.spec
          ?.parent === ref;

      edits.push(
        await timeEdit(
          backend,
          { kind: 're-home', run: i + 1, subject: department.entityRef },
          {
            method: 'PUT',
            path: `/departments/${encodeURIComponent(department.id)}/parent`,
            body: { parent: target.entityRef, note: 'bench' },
          },
          parentIs(target.entityRef),
        ),
      );
      edits.push(
        await timeEdit(
          backend,
          { kind: 'undo', run: i + 1, subject: department.entityRef },
          {
            method: 'DELETE',
            path: `/departments/${encodeURIComponent(department.id)}/parent`,
          },
          parentIs(original),
        ),
      );
      const user = users[i];
      edits.push(
        await timeEdit(
          backend,
          { kind: 'add-exclusion', run: i + 1, subject: user.entityRef },
          {
            method: 'POST',
            path: '/exclusions',
            body: {
              kind: 'employee-id',
              value: user.employeeId,
              note: 'bench',
            },
          },
          async () =>
            (await refreshStateEntity(backend, user.entityRef)) === null,
        ),
      );
      for (const edit of edits.slice(-3)) {
        log(
          `admin edit ${edit.kind} ${edit.run}/${runs}: ${edit.toRefreshStateMs} ms to refresh_state (response ${edit.responseMs} ms); ` +
            `decodes ${edit.work.snapshotDecodes}, transforms ${edit.work.transforms} (of people ${edit.work.userTransforms})`,
        );
      }
    }
    const status = await paycorStatus(backend);
    if (status.health === 'failing') {
      throw new Error(
        `admin edits: the provider is failing: ${status.healthReason}`,
      );
    }

    const medianOf = (kind: AdminEdit['kind']) =>
      round(
        median(edits.filter(e => e.kind === kind).map(e => e.toRefreshStateMs)),
      );
    const medianMs = {
      're-home': medianOf('re-home'),
      undo: medianOf('undo'),
      'add-exclusion': medianOf('add-exclusion'),
    };
    return {
      employees: size,
      users: run.counts.users,
      syncMs: run.durationMs,
      catalogFinalUsersAtStart,
      edits,
      medianMs,
      adminEditMs: Math.max(...Object.values(medianMs)),
      adminEditTransforms: Math.max(...edits.map(e => e.work.transforms)),
      rehomeUserTransforms: Math.max(
        ...edits
          .filter(e => e.kind !== 'add-exclusion')
          .map(e => e.work.userTransforms),
      ),
      adminEditDecodes: Math.max(...edits.map(e => e.work.snapshotDecodes)),
      reads,
      adminReadMs: Math.max(...reads.map(r => r.medianMs)),
    };
  } finally {
    await backend.stop();
  }
}
