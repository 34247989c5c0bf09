import path from 'node:path';
import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  ActionsService,
  actionsServiceRef,
  MetricsService,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  PaycorSandbox,
  startPaycorSandbox,
} from '@paycor-backstage/paycor-sandbox';
import request from 'supertest';
import { PAYCOR_ACTION_NAMES } from '../actions/registerPaycorActions';
import { PAYCOR_METRICS } from '../metrics/PaycorMetrics';
import {
  ADMIN,
  PaycorTestApi,
  PROVIDER_ID,
  startPaycorTestBackend,
} from '../__testUtils__/paycorTestBackend';

jest.setTimeout(300_000);

const P = `/providers/${PROVIDER_ID}`;
const repoCatalogInfo = path.resolve(
  __dirname,
  '../../../../catalog-info.yaml',
);
const DIVISION = 'group:default/product-engineering';
/** may read, may not run or manage */
const READER = 'user:default/reader';
/** may not even read: the actions are hidden from them */
const OUTSIDER = 'user:default/outsider';

const ACTIONS = '/api/catalog/.backstage/actions/v1/actions';
const EVENTS_SECRET = 'Bearer audit-metrics-events-secret';

describe('actions, audit events and metrics', () => {
  let sandbox: PaycorSandbox;
  let backend: PaycorTestApi;
  let actions: ActionsService;
  const auditor = mockServices.auditor.mock();
  const exporter = new InMemoryMetricExporter(
    AggregationTemporality.CUMULATIVE,
  );
  const reader = new PeriodicExportingMetricReader({
    exporter,
    exportIntervalMillis: 1e9,
  });
  const meterProvider = new MeterProvider({ readers: [reader] });

  /** POST an action's invoke route as `user` (null: no token at all). */
  const invoke = (name: string, input: object, user: string | null = ADMIN) => {
    const req = request(backend.server)
      .post(`${ACTIONS}/catalog:${name}/invoke`)
      .send(input);
    return user
      ? req.set('Authorization', mockCredentials.user.header(user))
      : req;
  };

  /** Audit events so far: id, meta, and how each ended. */
  async function auditEvents(from = 0) {
    return Promise.all(
      auditor.createEvent.mock.calls.slice(from).map(async ([options], j) => {
        const i = from + j;
        const event = await auditor.createEvent.mock.results[i].value;
        return {
          eventId: options.eventId,
          meta: options.meta ?? {},
          succeeded: event.success.mock.calls.length > 0,
          failed: event.fail.mock.calls.length > 0,
          ends: [...event.success.mock.calls, ...event.fail.mock.calls],
        };
      }),
    );
  }

  async function exported() {
    await reader.forceFlush();
    const all = exporter
      .getMetrics()
      .flatMap(r => r.scopeMetrics.flatMap(s => s.metrics));
    // cumulative: the last export holds the totals
    const byName = new Map<string, (typeof all)[number]>();
    for (const m of all) byName.set(m.descriptor.name, m);
    return byName;
  }

  beforeAll(async () => {
    sandbox = await startPaycorSandbox({
      employees: 150,
      seed: 17,
      // tight enough that reads meet a 429 or two (Retry-After: ≤ 1 s)
      rateLimit: { limit: 5, windowMs: 1000 },
    });
    backend = await startPaycorTestBackend({
      sandbox,
      events: true,
      provider: { events: { enabled: true, secret: EVENTS_SECRET } },
      module: { liveUpdates: { quietMs: 50, maxWaitMs: 500 } },
      locations: [{ type: 'file', target: repoCatalogInfo }],
      denyPermissionsTo: {
        [READER]: ['catalog.paycor.sync.run', 'catalog.paycor.sync.manage'],
        [OUTSIDER]: [
          'catalog.paycor.sync.read',
          'catalog.paycor.sync.run',
          'catalog.paycor.sync.manage',
        ],
      },
      features: [
        auditor.factory,
        createServiceFactory({
          service: metricsServiceRef,
          deps: {},
          // an SDK meter is what the default service wraps
          factory: () =>
            meterProvider.getMeter('test') as unknown as MetricsService,
        }),
        createBackendModule({
          pluginId: 'catalog',
          moduleId: 'paycor-test-actions-client',
          register(reg) {
            reg.registerInit({
              deps: { service: actionsServiceRef },
              async init({ service }) {
                actions = service;
              },
            });
          },
        }),
      ],
    });
    await backend.eventually(
      () => backend.entity(DIVISION),
      e => Boolean(e),
    );
    const first = await backend.syncNow();
    if (first.status !== 'succeeded') throw new Error(first.error?.message);
  });

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
    await meterProvider.shutdown();
  });

  it('lists every action through the actions service, with its schema and attributes', async () => {
    const { actions: listed } = await actions.list({
      credentials: mockCredentials.user(ADMIN),
    });
    const ours = listed.filter(a => a.name.startsWith('paycor-'));
    expect(ours.map(a => a.id).sort()).toEqual(
      PAYCOR_ACTION_NAMES.map(n => `catalog:${n}`).sort(),
    );
    const byName = new Map(ours.map(a => [a.name, a]));
    for (const action of ours) {
      expect(action.schema.input).toMatchObject({ type: 'object' });
      expect(action.schema.output).toMatchObject({ type: 'object' });
      expect(Object.keys((action.schema.input as any).properties)).toContain(
        'connection',
      );
    }
    expect(
      Object.keys(
        (byName.get('paycor-rehome-department')!.schema.input as any)
          .properties,
      ),
    ).toEqual(['connection', 'departmentId', 'parent', 'note']);
    expect(
      (byName.get('paycor-rehome-department')!.schema.input as any).required,
    ).toEqual(['departmentId', 'parent']);
    expect(byName.get('paycor-sync-status')!.attributes).toEqual({
      readOnly: true,
      idempotent: true,
      destructive: false,
    });
    expect(byName.get('paycor-sync-now')!.attributes).toEqual({
      readOnly: false,
      idempotent: false,
      destructive: true,
    });
    expect(byName.get('paycor-undo-rehome')!.attributes.destructive).toBe(true);
  });

  it('hides the actions from a caller without the read permission, and refuses unauthenticated calls', async () => {
    const hidden = await request(backend.server)
      .get(ACTIONS)
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    expect(hidden.status).toBe(200);
    expect(
      hidden.body.actions.filter((a: any) => a.name.startsWith('paycor-')),
    ).toEqual([]);
    expect((await invoke('paycor-sync-status', {}, OUTSIDER)).status).toBe(404);
    expect((await invoke('paycor-sync-status', {}, null)).status).toBe(401);
    expect((await invoke('paycor-sync-now', {}, null)).status).toBe(401);
  });

  it('answers status and why a person is or is not in the catalog', async () => {
    const status = await actions.invoke({
      id: 'catalog:paycor-sync-status',
      input: {},
      credentials: mockCredentials.user(READER),
    });
    expect(status.output).toMatchObject({
      connection: PROVIDER_ID,
      health: expect.any(String),
      lastRun: { status: 'succeeded', trigger: 'manual' },
    });

    const people = await backend.api('get', `${P}/people?limit=200`);
    const synced = people.body.items.find(
      (p: any) => p.outcome === 'synced' && p.email,
    );
    const left = people.body.items.find((p: any) => p.outcome !== 'synced');
    const found = await invoke(
      'paycor-explain-person',
      { query: synced.email },
      READER,
    );
    expect(found.status).toBe(200);
    expect(found.body.output.person).toMatchObject({
      employeeId: synced.employeeId,
      outcome: 'synced',
      inCatalog: true,
    });
    expect(found.body.output.person.steps.length).toBeGreaterThan(3);

    const notSynced = await invoke(
      'paycor-explain-person',
      { employeeId: left.employeeId },
      READER,
    );
    expect(notSynced.status).toBe(200);
    expect(notSynced.body.output.person.outcome).toBe(left.outcome);
    expect(
      notSynced.body.output.person.steps.some((s: any) => s.outcome !== 'pass'),
    ).toBe(true);

    const neither = await invoke('paycor-explain-person', {}, READER);
    expect(neither.status).toBe(400);
    expect(neither.body.error.message).toMatch(/employeeId or query/);
    const unknown = await invoke(
      'paycor-sync-status',
      { connection: 'nope' },
      READER,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/^connection: .*"nope".*acme/);

    const conflicts = await invoke(
      'paycor-list-conflicts',
      { limit: 5 },
      READER,
    );
    expect(conflicts.status).toBe(200);
    expect(conflicts.body.output.totalCount).toBeGreaterThan(0);
    expect(conflicts.body.output.items[0]).toMatchObject({
      type: expect.any(String),
      resolution: expect.any(String),
    });
  });

  it('refuses the changing and spending actions without their permission, auditing nothing', async () => {
    const before = auditor.createEvent.mock.calls.length;
    for (const [name, input] of [
      ['paycor-sync-now', {}],
      ['paycor-preview-sync', {}],
      ['paycor-sync-person', { employeeId: 'x' }],
      ['paycor-rehome-department', { departmentId: 'x', parent: DIVISION }],
      ['paycor-undo-rehome', { departmentId: 'x' }],
    ] as const) {
      const res = await invoke(name, input, READER);
      expect({ name, status: res.status }).toEqual({ name, status: 403 });
      expect(res.body.error.message).toMatch(
        /Missing permission catalog\.paycor\.sync\./,
      );
    }
    expect(auditor.createEvent.mock.calls.length).toBe(before);
  });

  it('re-homes a department through an action: the Group moves in the catalog, and back on undo; both audited', async () => {
    const { body } = await backend.api('get', `${P}/departments`);
    const department = body.items.find(
      (d: any) => d.state === 'synced' && d.paycorParentId,
    );
    const parentOf = async () =>
      ((await backend.entity(department.entityRef))?.spec as any)?.parent;

    const moved = await invoke('paycor-rehome-department', {
      departmentId: department.id,
      parent: DIVISION,
      note: 'asked by an assistant',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.output).toMatchObject({
      id: department.id,
      effectiveParentRef: DIVISION,
      override: { parent: DIVISION, setBy: ADMIN },
    });
    await backend.eventually(parentOf, p => p === DIVISION, 30_000);

    const bad = await invoke('paycor-rehome-department', {
      departmentId: department.id,
      parent: 'component:default/x',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^input\.parent: /);

    const undone = await invoke('paycor-undo-rehome', {
      departmentId: department.id,
    });
    expect(undone.status).toBe(200);
    expect(undone.body.output.effectiveParentRef).toBe(
      department.paycorParentRef,
    );
    await backend.eventually(
      parentOf,
      p => p === department.paycorParentRef,
      30_000,
    );

    const events = (await auditEvents()).filter(e =>
      ['paycor-rehome', 'paycor-rehome-undo'].includes(e.eventId),
    );
    expect(events).toEqual([
      expect.objectContaining({
        eventId: 'paycor-rehome',
        meta: {
          providerId: PROVIDER_ID,
          actor: ADMIN,
          via: 'action',
          departmentId: department.id,
          parent: DIVISION,
        },
        succeeded: true,
      }),
      expect.objectContaining({
        eventId: 'paycor-rehome-undo',
        meta: expect.objectContaining({ actor: ADMIN, via: 'action' }),
        succeeded: true,
      }),
    ]);
  });

  it('audits every spending action', async () => {
    const from = auditor.createEvent.mock.calls.length;
    const people = await backend.api(
      'get',
      `${P}/people?outcome=synced&limit=1`,
    );
    const employeeId = people.body.items[0].employeeId;
    expect((await invoke('paycor-preview-sync', { limit: 5 })).status).toBe(
      200,
    );
    const person = await invoke('paycor-sync-person', { employeeId });
    expect(person.status).toBe(200);
    expect(person.body.output.run.trigger).toBe('person');
    const now = await invoke('paycor-sync-now', {});
    expect(now.status).toBe(200);
    await backend.eventually(
      () => backend.status(),
      s => !s.running && s.lastRun?.trigger === 'manual',
      60_000,
    );
    const events = (await auditEvents(from)).filter(e =>
      e.eventId.startsWith('paycor-'),
    );
    expect(events.map(e => [e.eventId, e.meta.via, e.succeeded])).toEqual([
      ['paycor-preview', 'action', true],
      ['paycor-person-sync', 'action', true],
      ['paycor-sync-request', 'action', true],
    ]);
  });

  it('audits every admin route that changes the org or spends Paycor calls, with its outcome', async () => {
    const from = auditor.createEvent.mock.calls.length;
    const { body } = await backend.api('get', `${P}/departments`);
    const department = body.items.find((d: any) => d.state === 'synced');
    const people = await backend.api(
      'get',
      `${P}/people?outcome=synced&limit=1`,
    );
    const employeeId = people.body.items[0].employeeId;

    const calls: Array<
      [string, 'get' | 'post' | 'put' | 'delete', string, object?]
    > = [
      ['paycor-verify', 'post', `${P}/verify`],
      ['paycor-preview', 'get', `${P}/preview?limit=5`],
      ['paycor-person-sync', 'post', `${P}/people/${employeeId}/sync`],
      [
        'paycor-rehome',
        'put',
        `${P}/departments/${department.id}/parent`,
        { parent: DIVISION },
      ],
      [
        'paycor-rehome-undo',
        'delete',
        `${P}/departments/${department.id}/parent`,
      ],
      [
        'paycor-admin-group-create',
        'post',
        `${P}/groups`,
        { name: 'audit-guild', title: 'Audit guild', type: 'team' },
      ],
      ['paycor-admin-group-delete', 'delete', `${P}/groups/audit-guild`],
      [
        'paycor-exclusion-add',
        'post',
        `${P}/exclusions`,
        { kind: 'email', value: 'nobody@example.com' },
      ],
      // a refused change is audited as failed
      [
        'paycor-approval-decide',
        'post',
        `${P}/approvals/no-such-run`,
        { decision: 'approve' },
      ],
      ['paycor-sync-request', 'post', `${P}/sync`],
    ];
    const statuses: Record<string, number> = {};
    for (const [eventId, method, route, send] of calls) {
      const res = await backend.api(method, route).send(send ?? {});
      statuses[eventId] = res.status;
      if (eventId === 'paycor-exclusion-add') {
        const removed = await backend.api(
          'delete',
          `${P}/exclusions/${res.body.id}`,
        );
        statuses['paycor-exclusion-remove'] = removed.status;
      }
    }
    expect(statuses).toEqual({
      'paycor-verify': 200,
      'paycor-preview': 200,
      'paycor-person-sync': 200,
      'paycor-rehome': 200,
      'paycor-rehome-undo': 200,
      'paycor-admin-group-create': 201,
      'paycor-admin-group-delete': 204,
      'paycor-exclusion-add': 201,
      'paycor-exclusion-remove': 204,
      'paycor-approval-decide': 404,
      'paycor-sync-request': 202,
    });
    const events = (await auditEvents(from)).filter(e =>
      e.eventId.startsWith('paycor-'),
    );
    expect(events.map(e => [e.eventId, e.succeeded, e.failed])).toEqual([
      ['paycor-verify', true, false],
      ['paycor-preview', true, false],
      ['paycor-person-sync', true, false],
      ['paycor-rehome', true, false],
      ['paycor-rehome-undo', true, false],
      ['paycor-admin-group-create', true, false],
      ['paycor-admin-group-delete', true, false],
      ['paycor-exclusion-add', true, false],
      ['paycor-exclusion-remove', true, false],
      ['paycor-approval-decide', false, true],
      ['paycor-sync-request', true, false],
    ]);
    for (const event of events) {
      expect(event.meta).toMatchObject({
        providerId: PROVIDER_ID,
        actor: ADMIN,
        via: 'api',
      });
    }
    // the auditor reads who and from where off the HTTP request
    for (const [options] of auditor.createEvent.mock.calls
      .slice(from)
      .filter(([o]) => o.eventId.startsWith('paycor-'))) {
      expect(options.request).toBeDefined();
    }
    await backend.eventually(
      () => backend.status(),
      s => !s.running,
      60_000,
    );
  });

  it('audits a refused event delivery, and records how long an applied one waited', async () => {
    const from = auditor.createEvent.mock.calls.length;
    const ingress = '/api/events/http/paycor';
    const employee = sandbox.control
      .getOrg()
      .employees.find(e => e.statusData?.status === 'Active')!;
    const delivery = {
      eventId: 'audit-metrics-event-1',
      eventType: 'Employee.Modified',
      legalEntityId: sandbox.credentials.legalEntityId,
      itemId: employee.id,
    };
    const refused = await request(backend.server)
      .post(ingress)
      .set('Authorization', 'Bearer not-the-secret')
      .send(delivery);
    expect(refused.status).toBe(403);
    const audited = await backend.eventually(
      async () =>
        (
          await auditEvents(from)
        ).find(e => e.eventId === 'paycor-event-refused'),
      e => e !== undefined,
    );
    expect(audited).toMatchObject({
      failed: true,
      meta: {
        providerId: PROVIDER_ID,
        legalEntityId: sandbox.credentials.legalEntityId,
      },
    });
    expect(JSON.stringify(audited)).not.toContain('not-the-secret');

    const accepted = await request(backend.server)
      .post(ingress)
      .set('Authorization', EVENTS_SECRET)
      .send(delivery);
    expect(accepted.status).toBe(202);
    await backend.eventually(
      async () => (await backend.status()).liveUpdates?.today.applied ?? 0,
      applied => applied >= 1,
    );
    const lag = (await exported()).get(PAYCOR_METRICS.eventLag);
    const point = (lag?.dataPoints as any[])?.find(
      p => p.attributes.type === 'Employee.Modified',
    );
    expect(point?.attributes.provider).toBe(PROVIDER_ID);
    expect(point?.value.count).toBe(1);
    expect(point?.value.min).toBeGreaterThanOrEqual(0);
  });

  it('exports the sync metrics', async () => {
    const metrics = await exported();
    for (const name of Object.values(PAYCOR_METRICS)) {
      if (name === PAYCOR_METRICS.syncHeld) continue;
      expect({ name, present: metrics.has(name) }).toEqual({
        name,
        present: true,
      });
    }
    const points = (name: string) => metrics.get(name)!.dataPoints as any[];
    const status = await backend.status();

    expect(metrics.get(PAYCOR_METRICS.syncDuration)!.descriptor.unit).toBe('s');
    const durations = points(PAYCOR_METRICS.syncDuration);
    expect(
      durations.find(
        p =>
          p.attributes.provider === PROVIDER_ID &&
          p.attributes.trigger === 'manual' &&
          p.attributes.outcome === 'succeeded',
      )?.value.count,
    ).toBeGreaterThanOrEqual(2);
    expect(durations.some(p => p.attributes.trigger === 'person')).toBe(true);

    const entities = points(PAYCOR_METRICS.entities);
    expect(
      Object.fromEntries(entities.map(p => [p.attributes.kind, p.value])),
    ).toEqual({
      user: status.entityCounts.users,
      group: status.entityCounts.groups,
    });

    const added = points(PAYCOR_METRICS.syncChanges).find(
      p => p.attributes.change === 'added' && p.attributes.trigger === 'manual',
    );
    expect(added.value.sum).toBeGreaterThanOrEqual(status.entityCounts.users);

    const calls = points(PAYCOR_METRICS.apiCalls);
    const successes = calls.find(p => p.attributes.outcome === 'success');
    expect(successes.value).toBeGreaterThan(3);
    const throttled = calls.find(p => p.attributes.outcome === 'throttled');
    expect(throttled?.value).toBeGreaterThanOrEqual(1);
    expect(points(PAYCOR_METRICS.apiThrottled)).toEqual([
      expect.objectContaining({
        attributes: { provider: PROVIDER_ID },
        value: throttled.value,
      }),
    ]);

    const conflicts = points(PAYCOR_METRICS.conflicts);
    expect(conflicts.reduce((sum, p) => sum + p.value, 0)).toBe(
      status.openConflicts,
    );
    expect(new Set(conflicts.map(p => p.attributes.type)).size).toBe(
      conflicts.length,
    );
  });

  it('puts no secret into audit events or metrics', async () => {
    const { clientSecret, subscriptionKey, refreshToken } = sandbox.credentials;
    const audit = JSON.stringify(
      await Promise.all(
        auditor.createEvent.mock.calls.map(async ([options], i) => {
          const event = await auditor.createEvent.mock.results[i].value;
          const ends = [
            ...event.success.mock.calls,
            ...event.fail.mock.calls,
          ].map(([end]: any[]) => ({
            meta: end?.meta,
            error: end?.error?.message,
          }));
          return { eventId: options.eventId, meta: options.meta, ends };
        }),
      ),
    );
    const metrics = JSON.stringify(exporter.getMetrics());
    for (const secret of [
      clientSecret,
      subscriptionKey,
      refreshToken,
      EVENTS_SECRET,
    ]) {
      expect(secret.length).toBeGreaterThan(8);
      expect(audit.includes(secret)).toBe(false);
      expect(metrics.includes(secret)).toBe(false);
    }
    expect(audit).not.toMatch(/bearer|access_token|refresh_token/i);
    expect(metrics).not.toMatch(/bearer|access_token|refresh_token/i);
  });
});
