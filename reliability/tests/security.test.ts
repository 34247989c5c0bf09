/*
 * Security against a real backend process (Backstage's own auth and
 * permission services, static external-access tokens): every mutating route
 * refuses an unauthenticated caller (401), an invalid token (401) and a token
 * restricted to reading (403), and a refused call changes nothing.
 */
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
  };
  const failures: string[] = [];

  beforeAll(async () => {
    scenario = await new Scenario({
      name: 'security',
      kind,
      sandbox: { employees: 80, seed: 6 },
    }).init();
    backend = scenario.backend('a');
    await backend.start();
    expect((await backend.syncNow()).run.status).toBe('succeeded');
  });

  afterAll(async () => {
    writeFragment(`security-process-${kind}`, { ...tally, failures });
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

  it('no secret in any log line or response of this backend', async () => {
    await backend.stop();
    expect(scenario.scanSecrets().leaks).toEqual([]);
  });
});
