/*
 * Property-based tests over what Paycor sends: case-insensitive keys
 * (CanonicalKeys), the record schemas (toEmployeeRecord / toDepartmentRecord),
 * the envelope, legal-entity and token schemas, and the whole client read
 * (PaycorClient + readSnapshot over a fake Paycor). Random, missing, extra and
 * wrong-typed fields; unicode; huge strings. Nothing may throw anything but
 * the module's typed Paycor errors; invalid records carry field paths.
 */
import fc from 'fast-check';
import knexFactory, { Knex } from 'knex';
import { PaycorClient } from '../../plugins/catalog-backend-module-paycor/src/client/PaycorClient';
import { PaycorHttp } from '../../plugins/catalog-backend-module-paycor/src/client/PaycorHttp';
import {
  activatedLegalEntitiesSchema,
  legalEntitySchema,
  pagedEnvelopeSchema,
  paycorKeys,
  tokenResponseSchema,
} from '../../plugins/catalog-backend-module-paycor/src/client/paycorSchemas';
import { createRateBudget } from '../../plugins/catalog-backend-module-paycor/src/client/rateBudget';
import {
  toDepartmentRecord,
  toEmployeeRecord,
} from '../../plugins/catalog-backend-module-paycor/src/client/toRecords';
import { TokenManager } from '../../plugins/catalog-backend-module-paycor/src/client/TokenManager';
import {
  applyMigrations,
  createStores,
} from '../../plugins/catalog-backend-module-paycor/src/store';
import { readSnapshot } from '../../plugins/catalog-backend-module-paycor/src/engine/readSnapshot';
import {
  fuzzRuns,
  hugeString,
  recase,
  unicodeString,
  weirdValue,
} from '../lib/arbitraries';
import { assertProperty } from '../lib/fuzz';
import { checkKnownBug } from '../lib/knownBugs';
import { writeFragment } from '../lib/results';

const counts: Record<string, number> = {};
const findings: Record<string, unknown> = {};
afterAll(() => writeFragment('fuzz-payloads', { cases: counts, findings }));

async function run<T>(
  target: string,
  arb: fc.Arbitrary<T>,
  property: (value: T) => void | Promise<void>,
  numRuns: number,
) {
  counts[target] = 0;
  const wrapped = async (value: T) => {
    counts[target] += 1;
    await property(value);
  };
  await assertProperty(fc.asyncProperty(arb, wrapped), numRuns);
}

const MISSING = Symbol('missing');

/**
 * A field: usually a good value, sometimes missing, sometimes a value of the
 * wrong type (recorded as "poisoned" when the schema must reject it).
 */
function field(
  good: fc.Arbitrary<unknown>,
  bad: fc.Arbitrary<unknown>,
): fc.Arbitrary<{ value: unknown; poisoned: boolean }> {
  return fc.oneof(
    { weight: 6, arbitrary: good.map(value => ({ value, poisoned: false })) },
    {
      weight: 1,
      arbitrary: fc.constant({ value: MISSING as unknown, poisoned: false }),
    },
    {
      weight: 1,
      arbitrary: fc.constant({ value: null as unknown, poisoned: false }),
    },
    { weight: 1, arbitrary: bad.map(value => ({ value, poisoned: true })) },
  );
}

const notText = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.constant({ x: 1 }),
);
const notTextOrNumber = fc.oneof(
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.constant({ x: 1 }),
);
const notObject = fc.oneof(
  unicodeString.filter(s => s.length > 0),
  fc.integer(),
  fc.boolean(),
  fc.constant([1]),
);
const text = fc.oneof(
  { weight: 4, arbitrary: unicodeString },
  { weight: 1, arbitrary: hugeString },
);
const date = fc.oneof(
  fc.constantFrom(
    '2019-03-18T00:00:00Z',
    '2019-03-18T00:00:00',
    '2030-01-01',
    '2019-02-31T00:00:00Z',
    '1900-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '',
  ),
  fc
    .date({
      min: new Date('1950-01-01'),
      max: new Date('2060-01-01'),
      noInvalidDate: true,
    })
    .map(d => d.toISOString()),
);
const notDate = fc.oneof(
  fc.integer(),
  fc.constantFrom('18/03/2019', 'soon', '2019-13-45', 'NaN-NaN-NaN'),
);
const guid = fc.oneof(
  fc.uuid(),
  unicodeString.filter(s => s.trim().length > 0),
  fc.constantFrom('  e1  ', 'x'.repeat(300)),
);

/** Builds an object from fields, dropping MISSING ones and recasing keys. */
function objectOf(
  shape: Record<
    string,
    fc.Arbitrary<{
      value: unknown;
      poisoned: boolean;
      poisonedPaths?: string[];
    }>
  >,
): fc.Arbitrary<{ value: Record<string, unknown>; poisonedPaths: string[] }> {
  const keys = Object.keys(shape);
  return fc
    .tuple(
      fc.tuple(...keys.map(k => shape[k])),
      fc.array(fc.nat(3), { minLength: keys.length, maxLength: keys.length }),
      fc.dictionary(
        fc
          .string({ minLength: 1, maxLength: 8 })
          .filter(k => !keys.includes(k) && k.toLowerCase() !== '__proto__'),
        weirdValue,
        { maxKeys: 2 },
      ),
    )
    .map(([values, casing, extra]) => {
      const value: Record<string, unknown> = { ...extra };
      const poisonedPaths: string[] = [];
      keys.forEach((k, i) => {
        const f = values[i];
        if (f.value === MISSING) return;
        value[recase(k, casing[i])] = f.value;
        if (f.poisoned) poisonedPaths.push(k);
        for (const p of f.poisonedPaths ?? []) poisonedPaths.push(`${k}.${p}`);
      });
      return { value, poisonedPaths };
    });
}

function nested(
  shape: Record<string, fc.Arbitrary<{ value: unknown; poisoned: boolean }>>,
): fc.Arbitrary<{
  value: unknown;
  poisoned: boolean;
  poisonedPaths?: string[];
}> {
  return fc.oneof(
    {
      weight: 6,
      arbitrary: objectOf(shape).map(o => ({
        value: o.value as unknown,
        poisoned: false,
        poisonedPaths: o.poisonedPaths,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constant({ value: MISSING as unknown, poisoned: false }),
    },
    {
      weight: 1,
      arbitrary: fc.constant({ value: null as unknown, poisoned: false }),
    },
    {
      weight: 1,
      arbitrary: notObject.map(value => ({ value, poisoned: true })),
    },
  );
}

const textOrNumber = fc.oneof(text, fc.integer());

export const rawEmployee = objectOf({
  id: field(
    guid,
    fc.oneof(fc.integer(), fc.constant(''), fc.constant('   '), fc.boolean()),
  ),
  employeeNumber: field(textOrNumber, notTextOrNumber),
  firstName: field(text, notText),
  middleName: field(text, notText),
  lastName: field(text, notText),
  email: nested({
    type: field(fc.constantFrom('Work', 'Home'), notText),
    emailAddress: field(
      fc.oneof(fc.emailAddress(), fc.constantFrom('', '  ')),
      fc.oneof(
        fc.constantFrom('not-an-email', 'a@b', '@example.com'),
        fc.integer(),
      ),
    ),
  }),
  department: nested({
    id: field(fc.oneof(guid, fc.integer()), notTextOrNumber),
    url: field(text, notText),
  }),
  positionData: nested({
    jobTitle: field(text, notText),
    jobCode: field(text, notText),
    manager: nested({
      id: field(guid, notText),
      employeeNumber: field(textOrNumber, notTextOrNumber),
    }),
  }),
  statusData: nested({
    status: field(
      fc.constantFrom(
        'Active',
        'Terminated',
        'LeaveWithPay',
        'Fmla',
        'Retired',
        'Weird',
      ),
      notText,
    ),
    type: field(fc.constantFrom('Regular', 'Temporary', 'Intern'), notText),
    isFullTime: field(
      fc.boolean(),
      fc.oneof(fc.constantFrom('yes', 'true'), fc.integer()),
    ),
  }),
  employmentDateData: nested({
    hireDate: field(date, notDate),
    reHireDate: field(date, notDate),
    terminationDate: field(date, notDate),
  }),
  workLocation: nested({
    id: field(guid, notText),
    name: field(text, notText),
  }),
});

export const rawDepartment = objectOf({
  id: field(guid, fc.oneof(fc.integer(), fc.constant(''), fc.boolean())),
  code: field(textOrNumber, notTextOrNumber),
  description: field(text, notText),
  parentId: field(fc.oneof(guid, fc.constant(null)), notText),
  level: field(
    fc.integer({ min: -5, max: 50 }),
    fc.oneof(fc.double({ noInteger: true, noNaN: true }), fc.constant('2')),
  ),
  payrollId: field(guid, notText),
});

function checkParsed(
  parsed:
    | { record: { id: string } }
    | { invalid: { issues: Array<{ path: string; message: string }> } },
  poisonedPaths: string[],
) {
  if ('record' in parsed) {
    expect(typeof parsed.record.id).toBe('string');
    expect(parsed.record.id).toBe(parsed.record.id.trim());
    expect(parsed.record.id.length).toBeGreaterThan(0);
    // a record with a poisoned field must not have been accepted
    expect(poisonedPaths).toEqual([]);
    for (const [key, value] of Object.entries(parsed.record)) {
      if (typeof value === 'string')
        expect({
          key,
          trimmed: value === value.trim() && value !== '',
        }).toEqual({ key, trimmed: true });
    }
  } else {
    const { issues } = parsed.invalid;
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(typeof issue.path).toBe('string');
      expect(issue.path.length).toBeGreaterThan(0);
      expect(typeof issue.message).toBe('string');
      expect(issue.message.length).toBeGreaterThan(0);
    }
    // every poisoned field is named by an issue (zod reports them all)
    for (const p of poisonedPaths) {
      expect({
        field: p,
        named: issues.some(i => i.path === p || i.path.startsWith(`${p}.`)),
      }).toEqual({ field: p, named: true });
    }
  }
}

describe('fuzz: Paycor payload parsing', () => {
  it('CanonicalKeys never throws, is idempotent and canonicalises every known key', async () => {
    const known = [
      'firstName',
      'lastName',
      'employmentDateData',
      'hireDate',
      'statusData',
      'hasMoreResults',
      'records',
      'id',
    ];
    const keyArb = fc.oneof(
      fc.constantFrom(...known).chain(k => fc.nat(3).map(m => recase(k, m))),
      fc.string({ maxLength: 8 }),
      fc.constantFrom(
        '__proto__',
        'constructor',
        'prototype',
        'toString',
        'hasOwnProperty',
      ),
    );
    const { tree } = fc.letrec<{ tree: unknown }>(tie => ({
      tree: fc.oneof(
        { depthSize: 'small' },
        weirdValue,
        fc.array(tie('tree'), { maxLength: 4 }),
        fc.dictionary(keyArb, tie('tree'), { maxKeys: 5 }),
      ),
    }));
    // JSON.parse makes "__proto__" an own property, as a Paycor body would
    const parsedJson = tree.map(t => {
      try {
        return JSON.parse(JSON.stringify(t) ?? 'null');
      } catch {
        return t;
      }
    });
    await run(
      'CanonicalKeys.apply',
      parsedJson,
      value => {
        const once = paycorKeys.apply(value);
        expect(paycorKeys.apply(once)).toEqual(once);
        const visit = (v: unknown) => {
          if (Array.isArray(v)) v.forEach(visit);
          else if (v && typeof v === 'object') {
            expect([Object.prototype, null]).toContain(
              Object.getPrototypeOf(v),
            );
            for (const k of Object.keys(v)) {
              const canonical = known.find(
                c => c.toLowerCase() === k.toLowerCase(),
              );
              if (canonical) expect(k).toBe(canonical);
              visit((v as any)[k]);
            }
          }
        };
        visit(once);
        expect(({} as any).polluted).toBeUndefined();
      },
      fuzzRuns(1000),
    );
  });

  it('toEmployeeRecord: never throws; invalid records name the field', async () => {
    await run(
      'toEmployeeRecord',
      fc.tuple(rawEmployee, fc.boolean()),
      ([raw, mapped]) => {
        const normalised = paycorKeys
          .extend(['jobCode', 'flsa'])
          .apply(raw.value);
        const parsed = toEmployeeRecord(
          normalised,
          mapped ? ['positionData.jobCode', 'statusData.flsa', 'x.y.z'] : [],
        );
        checkParsed(parsed as any, raw.poisonedPaths);
      },
      fuzzRuns(1000),
    );
  });

  it('toDepartmentRecord: never throws; invalid records name the field', async () => {
    await run(
      'toDepartmentRecord',
      rawDepartment,
      raw => {
        checkParsed(
          toDepartmentRecord(paycorKeys.apply(raw.value)) as any,
          raw.poisonedPaths,
        );
      },
      fuzzRuns(600),
    );
  });

  it('envelope, legal entity, token and activation schemas never throw', async () => {
    const envelope = fc.oneof(
      weirdValue,
      fc.record(
        {
          hasMoreResults: fc.oneof(
            fc.boolean(),
            fc.constantFrom('True', 'False', 'yes', 1, null),
          ),
          continuationToken: fc.oneof(
            unicodeString,
            fc.constant(null),
            fc.integer(),
          ),
          additionalResultsUrl: fc.oneof(unicodeString, fc.constant(null)),
          records: fc.oneof(fc.array(weirdValue, { maxLength: 5 }), weirdValue),
        },
        { requiredKeys: [] },
      ),
    );
    await run(
      'pagedEnvelopeSchema/legalEntitySchema/tokenResponseSchema',
      envelope,
      value => {
        for (const schema of [
          pagedEnvelopeSchema,
          legalEntitySchema,
          tokenResponseSchema,
          activatedLegalEntitiesSchema,
        ]) {
          const result = (schema as any).safeParse(value);
          if (!result.success) {
            for (const issue of result.error.issues)
              expect(typeof issue.message).toBe('string');
          }
        }
      },
      fuzzRuns(600),
    );
  });
});

describe('fuzz: the whole client read over a misbehaving Paycor', () => {
  let knex: Knex;
  beforeAll(async () => {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    await applyMigrations(knex);
  });
  afterAll(() => knex.destroy());

  const TYPED = [
    'PaycorApiError',
    'PaycorPayloadError',
    'PaycorListingError',
    'PaycorAuthError',
    'PaycorTimeoutError',
    'PaycorNetworkError',
  ];

  /** One Paycor answer: a status and a body (JSON value, or raw text). */
  type Answer = { status: number; json?: unknown; text?: string };
  const answer = (records: fc.Arbitrary<unknown[]>): fc.Arbitrary<Answer> =>
    fc.oneof<fc.MaybeWeightedArbitrary<Answer>[]>(
      {
        weight: 6,
        arbitrary: records.map(r => ({
          status: 200,
          json: {
            hasMoreResults: false,
            continuationToken: null,
            records: r,
          } as any,
        })),
      },
      { weight: 1, arbitrary: weirdValue.map(v => ({ status: 200, json: v })) },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(
            '{"records": [',
            '<html>oops</html>',
            '',
            'null',
            '{"hasMoreResults":"True"}',
          )
          .map(t => ({ status: 200, text: t })),
      },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(400, 401, 403, 404)
          .map(s => ({ status: s, json: { title: 'Nope', detail: 'fuzz' } })),
      },
    );

  const paycor = fc.record({
    legalEntity: fc.oneof(
      {
        weight: 5,
        arbitrary: fc.constant({
          status: 200,
          json: { id: 501123, name: 'Acme' } as any,
        }),
      },
      { weight: 1, arbitrary: answer(fc.constant([])) },
    ),
    departments: fc.array(
      answer(
        fc.array(
          rawDepartment.map(d => d.value),
          { maxLength: 6 },
        ),
      ),
      { minLength: 1, maxLength: 3 },
    ),
    employees: fc.array(
      answer(
        fc.array(
          rawEmployee.map(e => e.value),
          { maxLength: 8 },
        ),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  });

  it('readSnapshot resolves with valid records or rejects with a typed Paycor error', async () => {
    let n = 0;
    const outcomes: Record<string, number> = {};
    await run(
      'PaycorClient+readSnapshot',
      paycor,
      async world => {
        n += 1;
        const fakeFetch = (async (input: string | URL, init?: RequestInit) => {
          const url = new URL(String(input));
          const respond = (a: {
            status: number;
            json?: unknown;
            text?: string;
          }) =>
            new Response(
              a.text ?? (a.json === undefined ? '' : JSON.stringify(a.json)),
              {
                status: a.status,
                headers: { 'content-type': 'application/json' },
              },
            );
          if (
            url.pathname === '/sts/v1/common/token' &&
            init?.method === 'POST'
          ) {
            return respond({
              status: 200,
              json: {
                access_token: 'fuzz-access',
                expires_in: 1800,
                refresh_token: `fuzz-refresh-${n}`,
              },
            });
          }
          const list = url.pathname.endsWith('/employees')
            ? world.employees
            : url.pathname.endsWith('/departments')
            ? world.departments
            : undefined;
          if (!list) return respond(world.legalEntity);
          const page = Number(
            url.searchParams.get('continuationToken')?.slice(1) ?? 0,
          );
          const a = list[page] ?? list[list.length - 1];
          if (
            page < list.length - 1 &&
            a.status === 200 &&
            a.json &&
            typeof a.json === 'object' &&
            !Array.isArray(a.json)
          ) {
            return respond({
              status: 200,
              json: {
                ...(a.json as object),
                hasMoreResults: true,
                continuationToken: `p${page + 1}`,
              },
            });
          }
          return respond(a);
        }) as typeof fetch;
        const stores = createStores(knex, () => new Date());
        const logger = {
          info() {},
          warn() {},
          error() {},
          debug() {},
          child() {
            return logger;
          },
        } as any;
        // PaycorHttp takes a `fetch` (older) or a `transport` (newer): give both
        const fakeTransport = async (url: string, init: RequestInit) => {
          const res = await fakeFetch(url, init);
          const text = await res.text();
          return {
            status: res.status,
            text,
            header: (h: string) => res.headers.get(h) ?? undefined,
          };
        };
        const http = new PaycorHttp({
          baseUrl: 'http://paycor.invalid',
          subscriptionKey: `key-${n}`,
          timeoutMs: 1000,
          maxRetries: 0,
          budget: createRateBudget(100_000, 60_000),
          logger,
          fetch: fakeFetch,
          transport: fakeTransport,
        } as ConstructorParameters<typeof PaycorHttp>[0]);
        const tokens = new TokenManager({
          providerId: `fuzz-${n}`,
          clientId: 'c',
          clientSecret: 's',
          subscriptionKey: `key-${n}`,
          seedRefreshToken: 'seed',
          http,
          tokens: stores.tokens,
          locks: stores.locks,
          clock: () => new Date(),
          logger,
        });
        const client = new PaycorClient({
          legalEntityId: 501123,
          http,
          tokens,
          keys: paycorKeys,
        });
        try {
          const { snapshot } = await readSnapshot(client, {
            mappedPaths: ['positionData.jobCode'],
            now: () => new Date(),
          });
          outcomes.resolved = (outcomes.resolved ?? 0) + 1;
          for (const e of snapshot.employees)
            expect(e.id.trim().length).toBeGreaterThan(0);
          for (const d of snapshot.departments)
            expect(d.id.trim().length).toBeGreaterThan(0);
          for (const i of snapshot.invalid)
            expect(i.issues.length).toBeGreaterThan(0);
        } catch (error) {
          const e = error as Error;
          outcomes[e.name] = (outcomes[e.name] ?? 0) + 1;
          expect({
            name: e.name,
            typed: TYPED.includes(e.name),
            message: e.message,
          }).toEqual({
            name: e.name,
            typed: true,
            message: expect.stringMatching(/\S/),
          });
          expect(e.message).not.toMatch(/\[object Object\]/);
        }
      },
      fuzzRuns(300),
    );
    findings.clientOutcomes = outcomes;
  });

  it('a deeply nested record fails the read cleanly', async () => {
    // Paycor's records are at most 4 levels deep; a broken or hostile answer
    // could nest much deeper. JSON.parse copes; does the key mapping?
    const outcomes: Record<number, string> = {};
    for (const depth of [100, 1_000, 10_000, 100_000]) {
      const deep = `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
      const body = `{"hasMoreResults":false,"records":[{"id":"e1","firstName":${deep}}]}`;
      try {
        const parsed = paycorKeys.apply(JSON.parse(body));
        const result = toEmployeeRecord((parsed as any).records[0], []);
        outcomes[depth] =
          'record' in result
            ? 'valid'
            : `invalid record: ${result.invalid.issues[0]?.path}`;
      } catch (error) {
        outcomes[depth] = `${(error as Error).name}: ${
          (error as Error).message
        }`;
      }
    }
    findings.deeplyNestedRecord = outcomes;
    counts['deeply nested record'] = 4;
    await checkKnownBug(
      'deep-nesting-stack-overflow',
      'A Paycor record nested ~10 000+ levels deep makes CanonicalKeys.apply overflow the stack: the run fails (nothing applied) with "RangeError: Maximum call stack size exceeded" instead of a PaycorPayloadError naming the endpoint',
      () => {
        for (const outcome of Object.values(outcomes))
          expect(outcome).not.toMatch(/RangeError/);
      },
      outcomes,
    );
  });
});
