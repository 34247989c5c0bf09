/*
 * Property-based tests over every admin route's input (params, query, body)
 * against a running test backend (startPaycorTestBackend: real catalog,
 * module, scheduler and database; mocked auth), on PostgreSQL and SQLite:
 * never a 500, and every 400 names the field. Then the permission checks:
 * every route refuses unauthenticated callers (401) and callers without its
 * permission (403), and a refused call changes nothing.
 */
import fc from 'fast-check';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  NO_DIRTY_DATA,
  PaycorSandbox,
  startPaycorSandbox,
} from '@paycor-backstage/paycor-sandbox';
import request from 'supertest';
import {
  PaycorTestApi,
  startPaycorTestBackend,
} from '../../plugins/catalog-backend-module-paycor/src/__testUtils__/paycorTestBackend';
import {
  encodePath,
  fuzzRuns,
  hugeString,
  unicodeString,
  weirdValue,
} from '../lib/arbitraries';
import { databasesUnderTest, DbKind } from '../lib/database';
import { assertProperty } from '../lib/fuzz';
import { checkKnownBug } from '../lib/knownBugs';
import { writeFragment } from '../lib/results';
import {
  fillPath,
  MANAGE,
  NAMES_THE_FIELD,
  Permission,
  READ,
  Route,
  routeName,
  ROUTES,
  RUN,
} from '../lib/routes';

const kinds = databasesUnderTest();

interface Problem {
  route: string;
  status: number;
  message: string;
  input: string;
}

const cut = (s: string, n = 300) =>
  s.length > n ? `${s.slice(0, n)}…(${s.length})` : s;

describe.each(kinds)('fuzz: every admin route (%s)', (kind: DbKind) => {
  let sandbox: PaycorSandbox;
  let backend: PaycorTestApi;
  let departmentIds: string[] = [];
  let groupRefsKnown: string[] = [];
  let currentParents: Record<string, string> = {};
  const cases: Record<string, number> = {};
  const statuses: Record<string, Record<number, number>> = {};
  const serverErrors: Problem[] = [];
  const unnamed400s: Problem[] = [];
  const sample400s: Record<string, string[]> = {};

  beforeAll(async () => {
    process.env.PAYCOR_TEST_DATABASE = kind;
    sandbox = await startPaycorSandbox({
      employees: 60,
      seed: 4,
      dirtyData: NO_DIRTY_DATA,
      rateLimit: false,
    });
    backend = await startPaycorTestBackend({ sandbox });
    const first = await backend.syncNow();
    if (first.status !== 'succeeded')
      throw new Error(`first sync ${first.status}`);
    const departments = (
      await backend.api('get', '/providers/acme/departments')
    ).body.items;
    departmentIds = departments.map((d: any) => d.id);
    groupRefsKnown = departments.map((d: any) => d.entityRef).filter(Boolean);
    currentParents = Object.fromEntries(
      departments.map((d: any) => [d.id, d.effectiveParentRef]),
    );
  });

  afterAll(async () => {
    writeFragment(`fuzz-routes-${kind}`, {
      cases,
      statuses,
      serverErrors,
      unnamed400s,
      sample400s,
    });
    await backend?.stop();
    await sandbox?.stop();
  });

  const param = (valid: () => string[]) =>
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .constant(null)
          .map(() => valid())
          .chain(v => (v.length ? fc.constantFrom(...v) : fc.constant('x'))),
      },
      { weight: 3, arbitrary: unicodeString },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '%',
          '%E0%A4%A',
          '..',
          'a/b',
          '\u0000',
          'x'.repeat(300),
          'acme',
          ' ',
          '%00',
        ),
      },
    );

  const queryValue = fc.oneof(
    fc.integer({ min: -5, max: 2_000_000 }).map(String),
    fc.constantFrom(
      '0',
      '1',
      '50',
      '500',
      '501',
      '1e3',
      '-0',
      'NaN',
      'Infinity',
      '0x10',
      ' 7 ',
      '',
      'open',
      'all',
      'resolved',
      'pending',
      'invalid-record,removals-held',
      'invalid-record,nope',
    ),
    unicodeString,
    // long, but under Node's 16 KB header limit once percent-encoded
    hugeString.map(s => s.slice(0, 400)),
  );

  /** A query string: the route's keys and random ones, repeated keys, qs brackets. */
  const queryArb = (route: Route) =>
    fc
      .array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom(
              ...(route.query ?? ['limit']),
              'extra',
              '__proto__',
              'constructor',
            ),
            fc.string({ maxLength: 6 }),
          ),
          fc.constantFrom('', '[]', '[a]', '[0]'),
          queryValue,
        ),
        { maxLength: 4 },
      )
      .map(pairs =>
        pairs
          .map(([k, suffix, v]) => `${encodePath(k)}${suffix}=${encodePath(v)}`)
          .join('&'),
      );

  const bodyFor = (
    route: Route,
  ): fc.Arbitrary<{ json?: unknown; raw?: string; type?: string }> => {
    const mostly = <T>(good: fc.Arbitrary<T>) =>
      fc.oneof(
        { weight: 4, arbitrary: good as fc.Arbitrary<unknown> },
        { weight: 1, arbitrary: weirdValue },
      );
    const text = unicodeString.filter(
      t => t.trim().length > 0 && t.length <= 100,
    );
    const groupRefs = () => [
      ...groupRefsKnown,
      'group:default/nope',
      'user:default/someone',
      'product-engineering',
      'group:',
      ':/',
    ];
    const shaped: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
      setParent: fc.record(
        {
          parent: mostly(
            fc.constant(null).chain(() => fc.constantFrom(...groupRefs())),
          ),
          note: mostly(fc.oneof(text, fc.constant('x'.repeat(501)))),
        },
        { requiredKeys: ['parent'] },
      ),
      adminGroup: fc.record(
        {
          name: mostly(
            fc.oneof(
              fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,5})?$/),
              fc.constantFrom('x'.repeat(64), 'Bad Name', 'double--dash'),
            ),
          ),
          title: mostly(text),
          description: mostly(text),
          parent: mostly(
            fc.constant(null).chain(() => fc.constantFrom(...groupRefs())),
          ),
          type: mostly(fc.constantFrom('division', 'Division', 'x'.repeat(40))),
        },
        { requiredKeys: ['name', 'title'] },
      ),
      decision: fc.record(
        {
          decision: mostly(fc.constantFrom('approve', 'reject', 'maybe')),
          note: mostly(text),
        },
        { requiredKeys: ['decision'] },
      ),
      exclusion: fc.record(
        {
          kind: mostly(fc.constantFrom('email', 'employee-id', 'name')),
          value: mostly(
            fc.oneof(
              fc.emailAddress(),
              text,
              fc.constant('x'.repeat(321)),
              fc.constantFrom(
                'nul\u0000byte@example.com',
                'id-with-\u0000-nul',
              ),
            ),
          ),
          note: mostly(text),
        },
        { requiredKeys: ['kind', 'value'] },
      ),
    };
    return fc.oneof(
      {
        weight: 8,
        arbitrary: (route.body ? shaped[route.body] : fc.constant({})).map(
          json => ({ json }),
        ),
      },
      // an unknown key next to valid ones
      {
        weight: 1,
        arbitrary: (route.body ? shaped[route.body] : fc.constant({})).map(
          json => ({ json: { ...json, extra: 1 } }),
        ),
      },
      {
        weight: 2,
        arbitrary: fc.jsonValue({ maxDepth: 3 }).map(json => ({ json })),
      },
      {
        weight: 1,
        arbitrary: fc
          .oneof(
            fc.constantFrom(
              '{',
              '{"parent":',
              'null',
              '"str"',
              '[]',
              '{"__proto__":{"polluted":1}}',
              '{"constructor":{"prototype":{"polluted":1}}}',
            ),
            fc.constant(`{"note":"${'x'.repeat(120_000)}"}`),
          )
          .map(raw => ({ raw, type: 'application/json' })),
      },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom('text/plain', 'application/x-www-form-urlencoded')
          .map(type => ({ raw: 'parent=group:default/x', type })),
      },
    );
  };

  for (const route of ROUTES) {
    it(`${routeName(route)}: no 500, every 400 names the field`, async () => {
      const name = routeName(route);
      cases[name] = 0;
      statuses[name] = {};
      const params: Record<string, fc.Arbitrary<string>> = {
        providerId: fc.oneof(
          {
            weight: route.callsPaycor || route.path.endsWith('/sync') ? 1 : 4,
            arbitrary: fc.constant('acme'),
          },
          { weight: 1, arbitrary: unicodeString },
        ),
        departmentId: param(() => departmentIds),
        name: param(() => ['platform', 'security-check']),
        runId: param(() => []),
        exclusionId: param(() => []),
      };
      const names = [...route.path.matchAll(/:(\w+)/g)].map(m => m[1]);
      const arb = fc.record({
        params: fc.record(Object.fromEntries(names.map(n => [n, params[n]]))),
        query: queryArb(route),
        body:
          route.method === 'get' || route.method === 'delete'
            ? fc.constant({} as { json?: unknown; raw?: string; type?: string })
            : bodyFor(route),
      });
      const runs =
        route.callsPaycor || route.path.endsWith('/sync')
          ? fuzzRuns(40)
          : fuzzRuns(80);
      await assertProperty(
        fc.asyncProperty(arb, async input => {
          cases[name] += 1;
          const path = fillPath(
            route,
            Object.fromEntries(
              Object.entries(input.params as Record<string, string>).map(
                ([k, v]) => [k, encodePath(v)],
              ),
            ),
          );
          let req = backend.api(
            route.method,
            `${path}${input.query ? `?${input.query}` : ''}`,
          );
          if (input.body.raw !== undefined)
            req = req
              .set('Content-Type', input.body.type ?? 'application/json')
              .send(input.body.raw);
          else if (
            input.body.json !== undefined &&
            route.method !== 'get' &&
            route.method !== 'delete'
          ) {
            req = req
              .set('Content-Type', 'application/json')
              .send(JSON.stringify(input.body.json) ?? 'null');
          }
          const res = await req;
          statuses[name][res.status] = (statuses[name][res.status] ?? 0) + 1;
          const message: string = res.body?.error?.message ?? res.text ?? '';
          const described = () =>
            cut(
              `${path}?${input.query} ${JSON.stringify(input.body).slice(
                0,
                300,
              )}`,
              500,
            );
          const paycorFailure =
            route.callsPaycor && [502, 504].includes(res.status);
          if (res.status >= 500 && !paycorFailure) {
            serverErrors.push({
              route: name,
              status: res.status,
              message: cut(message),
              input: described(),
            });
          }
          if (res.status === 400 && (sample400s[name] ??= []).length < 4)
            sample400s[name].push(cut(message, 160));
          if (res.status === 400 && !NAMES_THE_FIELD.test(message)) {
            unnamed400s.push({
              route: name,
              status: 400,
              message: cut(message),
              input: described(),
            });
          }
          expect(({} as any).polluted).toBeUndefined();
        }),
        runs,
      );
    });
  }

  it('a NUL character in a text field is refused with a 400 naming the field', async () => {
    const department = departmentIds[0];
    // its current parent: never a cycle
    const parent = currentParents[department];
    const attempts: Array<[string, 'get' | 'post' | 'put', string, unknown?]> =
      [
        [
          'exclusion value',
          'post',
          '/providers/acme/exclusions',
          { kind: 'employee-id', value: 'id-with-\u0000-nul' },
        ],
        [
          'exclusion note',
          'post',
          '/providers/acme/exclusions',
          { kind: 'email', value: 'nul.note@example.com', note: 'a\u0000b' },
        ],
        [
          'admin group title',
          'post',
          '/providers/acme/groups',
          { name: 'nul-title', title: 'T\u0000' },
        ],
        [
          'admin group description',
          'post',
          '/providers/acme/groups',
          { name: 'nul-description', title: 'T', description: 'd\u0000' },
        ],
        [
          're-home note',
          'put',
          `/providers/acme/departments/${encodeURIComponent(
            department,
          )}/parent`,
          { parent, note: 'n\u0000' },
        ],
        ['conflict search', 'get', '/providers/acme/conflicts?q=a%00b'],
      ];
    const outcomes: Record<string, string> = {};
    for (const [label, method, path, body] of attempts) {
      let req = backend.api(method, path);
      if (body) req = req.send(body as object);
      const res = await req;
      outcomes[label] = `${res.status} ${cut(
        res.body?.error?.message ?? '',
        120,
      )}`;
      cases['NUL in text fields'] = (cases['NUL in text fields'] ?? 0) + 1;
    }
    await checkKnownBug(
      `nul-character-${kind}`,
      `A NUL character (\\u0000) in a free-text field is accepted by validation; on ${kind} storing it ${
        kind === 'postgres'
          ? 'fails with a 500 (PostgreSQL text cannot hold NUL)'
          : 'works'
      }`,
      () => {
        for (const outcome of Object.values(outcomes))
          expect(outcome).not.toMatch(/^5/);
      },
      outcomes,
    );
  });

  it('no route answered 500; every 400 named the field', async () => {
    const total = Object.values(cases).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(100);
    const nul = serverErrors.filter(p =>
      /\\u0000|0x00|%00|invalid byte sequence|null character/i.test(
        `${p.message} ${p.input}`,
      ),
    );
    await checkKnownBug(
      `route-500-${kind}`,
      `Admin routes answer 500 on some inputs (${kind})`,
      () => expect(serverErrors).toEqual([]),
      {
        count: serverErrors.length,
        nulRelated: nul.length,
        examples: serverErrors.slice(0, 5),
      },
    );
    await checkKnownBug(
      `route-400-unnamed-${kind}`,
      `Some 400s do not name the field (${kind})`,
      () => expect(unnamed400s).toEqual([]),
      { count: unnamed400s.length, examples: unnamed400s.slice(0, 5) },
    );
  });
});

describe('security: every route refuses unauthenticated and unpermitted callers (in-process backend, user principals)', () => {
  let sandbox: PaycorSandbox;
  const denied: Partial<Record<Permission, PaycorTestApi>> = {};
  let open: PaycorTestApi;
  const tally = {
    unauthenticated: { attempted: 0, refused: 0 },
    invalidToken: { attempted: 0, refused: 0 },
    unpermitted: { attempted: 0, refused: 0 },
    permittedNotRefused: { attempted: 0, passed: 0 },
    mutatingUnauthenticated: { attempted: 0, refused: 0 },
    mutatingUnpermitted: { attempted: 0, refused: 0 },
  };
  const failures: string[] = [];

  beforeAll(async () => {
    process.env.PAYCOR_TEST_DATABASE = kinds.includes('sqlite')
      ? 'sqlite'
      : kinds[0];
    sandbox = await startPaycorSandbox({
      employees: 40,
      seed: 8,
      dirtyData: NO_DIRTY_DATA,
      rateLimit: false,
    });
    open = await startPaycorTestBackend({ sandbox });
    for (const p of [READ, RUN, MANAGE]) {
      denied[p] = await startPaycorTestBackend({
        sandbox,
        denyPermissions: [p],
      });
    }
  });

  afterAll(async () => {
    writeFragment('security-inprocess', { ...tally, failures });
    await Promise.allSettled([
      open?.stop(),
      ...Object.values(denied).map(b => b!.stop()),
    ]);
    await sandbox?.stop();
  });

  const send = (
    api: PaycorTestApi,
    route: Route,
    auth: 'user' | 'none' | 'garbage',
  ) => {
    let req = request(api.server)[route.method](
      `/api/catalog/paycor${fillPath(route)}`,
    );
    if (auth === 'user')
      req = req.set(
        'Authorization',
        mockCredentials.user.header('user:default/admin'),
      );
    if (auth === 'garbage')
      req = req.set('Authorization', 'Bearer not-a-token');
    return route.validBody ? req.send(route.validBody as object) : req;
  };

  it('401 without credentials or with an invalid token, on every route', async () => {
    for (const route of ROUTES) {
      for (const [auth, bucket] of [
        ['none', tally.unauthenticated],
        ['garbage', tally.invalidToken],
      ] as const) {
        const res = await send(open, route, auth);
        bucket.attempted += 1;
        if (route.mutating && auth === 'none')
          tally.mutatingUnauthenticated.attempted += 1;
        if (res.status === 401) {
          bucket.refused += 1;
          if (route.mutating && auth === 'none')
            tally.mutatingUnauthenticated.refused += 1;
        } else failures.push(`${routeName(route)} (${auth}) → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('403 on every route without its permission; no other permission is required', async () => {
    for (const route of ROUTES) {
      for (const p of [READ, RUN, MANAGE]) {
        const res = await send(denied[p]!, route, 'user');
        if (p === route.permission) {
          tally.unpermitted.attempted += 1;
          if (route.mutating) tally.mutatingUnpermitted.attempted += 1;
          if (
            res.status === 403 &&
            res.body?.error?.name === 'NotAllowedError'
          ) {
            tally.unpermitted.refused += 1;
            if (route.mutating) tally.mutatingUnpermitted.refused += 1;
          } else
            failures.push(`${routeName(route)} without ${p} → ${res.status}`);
        } else {
          tally.permittedNotRefused.attempted += 1;
          if (res.status !== 401 && res.status !== 403)
            tally.permittedNotRefused.passed += 1;
          else
            failures.push(
              `${routeName(route)} with only ${p} denied → ${res.status}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('a refused call changes nothing', async () => {
    // the backends where manage or run was denied can still read
    for (const p of [RUN, MANAGE]) {
      const api = denied[p]!;
      const [groups, exclusions, runs] = await Promise.all([
        api.api('get', '/providers/acme/groups'),
        api.api('get', '/providers/acme/exclusions'),
        api.api('get', '/providers/acme/runs'),
      ]);
      if (p === MANAGE) {
        expect(groups.body.items).toEqual([]);
        expect(exclusions.body.items).toEqual([]);
      }
      if (p === RUN) expect(runs.body.totalCount).toBe(0);
    }
  });
});
