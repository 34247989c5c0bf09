/*
 * Security against a real backend process (Backstage's own auth and
 * permission services, static external-access tokens): every mutating route
 * refuses an unauthenticated caller (401), an invalid token (401) and a token
 * restricted to reading (403), and a refused call changes nothing. The same
 * for the module's actions (the actions registry's invoke route). The secret
 * scan covers the backend's audit events and exported metrics too.
 */
import { ACTIONS, actionPath } from '../lib/actions';
import { BackendProcess, stopAllBackends } from '../lib/backendProcess';
import { databasesUnderTest } from '../lib/database';
import { writeFragment } from '../lib/results';
import { fillPath, routeName, ROUTES } from '../lib/routes';
import { Scenario } from '../lib/scenario';

const kind = databasesUnderTest()[0];

afterAll(() => stopAllBackends());

describe(`security against a real backend process (${kind})`, () => {
  let scenario: Scenario;
  let backend: BackendProcess;
  const tally = {
    unauthenticated: { attempted: 0, refused: 0 },
    invalidToken: { attempted: 0, refused: 0 },
    readerOnMutating: { attempted: 0, refused: 0 },
    readerOnReads: { attempted: 0, allowed: 0 },
    mutatingUnauthenticated: { attempted: 0, refused: 0 },
    mutatingUnpermitted: { attempted: 0, refused: 0 },
    actionsUnauthenticated: { attempted: 0, refused: 0 },
    actionsInvalidToken: { attempted: 0, refused: 0 },
    actionsUnpermitted: { attempted: 0, refused: 0 },
    actionsReaderOnReads: { attempted: 0, allowed: 0 },
  };
  const scanned = { auditEventLines: 0, metricExportLines: 0 };
  const failures: string[] = [];

  beforeAll(async () => {
    scenario = await new Scenario({
      name: 'security',
      kind,
      sandbox: { employees: 80, seed: 6 },
    }).init();
    // metrics to stdout every second: the secret scan reads them
    backend = scenario.backend('a', undefined, { exportMetricsEveryMs: 1000 });
    await backend.start();
    expect((await backend.syncNow()).run.status).toBe('succeeded');
  });

  afterAll(async () => {
    writeFragment(`security-process-${kind}`, {
      ...tally,
      scanned,
      failures,
    });
    await scenario?.teardown();
  });

  const call = (
    route: (typeof ROUTES)[number],
    token: 'reader' | null | string,
  ) =>
    backend.api(
      route.method.toUpperCase(),
      `/api/catalog/paycor${fillPath(route)}`,
      {
        token,
        body: route.validBody,
      },
    );

  it('refuses unauthenticated, invalid-token and read-only callers on every mutating route', async () => {
    const before = {
      runs: (await backend.runs(100)).length,
      groups: (
        await backend.api('GET', '/api/catalog/paycor/providers/acme/groups')
      ).body.items.length,
      exclusions: (
        await backend.api(
          'GET',
          '/api/catalog/paycor/providers/acme/exclusions',
        )
      ).body.items.length,
      tokens: await scenario.storedTokens(),
    };
    for (const route of ROUTES) {
      const anonymous = await call(route, null);
      tally.unauthenticated.attempted += 1;
      if (anonymous.status === 401) tally.unauthenticated.refused += 1;
      else
        failures.push(
          `${routeName(route)} unauthenticated → ${anonymous.status}`,
        );
      if (route.mutating) {
        tally.mutatingUnauthenticated.attempted += 1;
        if (anonymous.status === 401)
          tally.mutatingUnauthenticated.refused += 1;
      }

      const garbage = await call(route, 'definitely-not-a-valid-token');
      tally.invalidToken.attempted += 1;
      if (garbage.status === 401) tally.invalidToken.refused += 1;
      else
        failures.push(`${routeName(route)} invalid token → ${garbage.status}`);

      const reader = await call(route, 'reader');
      if (route.permission === 'catalog.paycor.sync.read') {
        tally.readerOnReads.attempted += 1;
        if (reader.status === 200) tally.readerOnReads.allowed += 1;
        else
          failures.push(
            `${routeName(route)} reader → ${reader.status} (should be allowed)`,
          );
      } else {
        tally.readerOnMutating.attempted += 1;
        if (reader.status === 403) tally.readerOnMutating.refused += 1;
        else failures.push(`${routeName(route)} reader → ${reader.status}`);
        if (route.mutating) {
          tally.mutatingUnpermitted.attempted += 1;
          if (reader.status === 403) tally.mutatingUnpermitted.refused += 1;
        }
      }
    }
    // nothing happened: no run, no group, no exclusion, the token was not spent
    const after = {
      runs: (await backend.runs(100)).length,
      groups: (
        await backend.api('GET', '/api/catalog/paycor/providers/acme/groups')
      ).body.items.length,
      exclusions: (
        await backend.api(
          'GET',
          '/api/catalog/paycor/providers/acme/exclusions',
        )
      ).body.items.length,
      tokens: await scenario.storedTokens(),
    };
    expect(after).toEqual(before);
    expect(failures).toEqual([]);
  });

  it('refuses unauthenticated, invalid-token and read-only callers on every changing action', async () => {
    const listed = await backend.api(
      'GET',
      '/api/catalog/.backstage/actions/v1/actions',
      { token: 'reader' },
    );
    expect(listed.status).toBe(200);
    expect(
      listed.body.actions
        .map((a: any) => a.name)
        .filter((n: string) => n.startsWith('paycor-'))
        .sort(),
    ).toEqual(ACTIONS.map(a => a.name).sort());

    const state = async () => ({
      runs: (await backend.runs(100)).length,
      overrides: (
        await backend.api(
          'GET',
          '/api/catalog/paycor/providers/acme/departments',
        )
      ).body.items.filter((d: any) => d.override).length,
      tokens: await scenario.storedTokens(),
    });
    const before = await state();
    for (const action of ACTIONS) {
      const invoke = (token: 'reader' | null | string) =>
        backend.api('POST', actionPath(action.name), {
          token,
          body: action.input,
        });
      const anonymous = await invoke(null);
      tally.actionsUnauthenticated.attempted += 1;
      if (anonymous.status === 401) tally.actionsUnauthenticated.refused += 1;
      else
        failures.push(`${action.name} unauthenticated → ${anonymous.status}`);

      const garbage = await invoke('definitely-not-a-valid-token');
      tally.actionsInvalidToken.attempted += 1;
      if (garbage.status === 401) tally.actionsInvalidToken.refused += 1;
      else failures.push(`${action.name} invalid token → ${garbage.status}`);

      const reader = await invoke('reader');
      if (action.permission === 'catalog.paycor.sync.read') {
        tally.actionsReaderOnReads.attempted += 1;
        if (reader.status === 200) tally.actionsReaderOnReads.allowed += 1;
        else
          failures.push(
            `${action.name} reader → ${reader.status} (should be allowed)`,
          );
      } else {
        tally.actionsUnpermitted.attempted += 1;
        if (reader.status === 403) tally.actionsUnpermitted.refused += 1;
        else failures.push(`${action.name} reader → ${reader.status}`);
      }
    }
    expect(await state()).toEqual(before);
    expect(failures).toEqual([]);
    expect(tally.actionsUnpermitted.attempted).toBe(5);
  });

  it('no secret in any log line or response of this backend, audit events and metrics included', async () => {
    // an audited call that spends Paycor's budget, then a metrics export
    const preview = await backend.api(
      'POST',
      actionPath('paycor-preview-sync'),
      {
        body: { limit: 5 },
      },
    );
    expect(preview.status).toBe(200);
    await new Promise(r => setTimeout(r, 2500));
    await backend.stop();
    scanned.auditEventLines = backend.logLines.filter(
      l => l.includes('"isAuditEvent":true') && l.includes('paycor-'),
    ).length;
    scanned.metricExportLines = backend.logLines.filter(
      l => l.startsWith('metrics-export ') && l.includes('catalog.paycor.'),
    ).length;
    // the scan below reads them: there must be some
    expect(scanned.auditEventLines).toBeGreaterThanOrEqual(2);
    expect(scanned.metricExportLines).toBeGreaterThan(0);
    expect(scenario.scanSecrets().leaks).toEqual([]);
  });
});
