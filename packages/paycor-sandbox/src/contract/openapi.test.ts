import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import {
  startTestSandbox,
  type TestSandbox,
} from '../__testUtils__/sandboxClient';
import { startEventReceiver } from '../__testUtils__/eventReceiver';
import { API_ROUTES } from '../http/routes';
import type { EndpointName } from '../paycor/endpoints';

/**
 * Contract test against Paycor's own OpenAPI document (api.md source S1): every path,
 * method, query parameter and response property the sandbox serves must exist there.
 * The document spells properties in PascalCase, the wire in camelCase (api.md Q1), so
 * property names compare case-insensitively. Paths compare exactly: they are
 * case-sensitive on Paycor's side.
 */

const DOCUMENT = 'shared/paycor/openapi-2024.yaml';

function findDocument(): string | undefined {
  const override = process.env.PAYCOR_OPENAPI;
  if (override) return existsSync(override) ? override : undefined;
  for (let dir = resolve(__dirname); ; dir = dirname(dir)) {
    const candidate = join(dir, DOCUMENT);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Properties the sandbox serves that the 2024 document predates. Each is documented by
 * Paycor's newer export (api.md S2) and listed in the README's guesses; the test also
 * fails once the document gains one, so this list can only shrink.
 */
const NEWER_THAN_2024_DOCUMENT: Partial<Record<EndpointName, string[]>> = {
  employees: [
    'records[].statusData.leaveStartDate',
    'records[].statusData.leaveReason',
  ],
  employee: ['statusData.leaveStartDate', 'statusData.leaveReason'],
};

type Schema = {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  items?: Schema;
  type?: string;
};

type Operation = {
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
};

const documentPath = findDocument();

if (!documentPath) {
  // eslint-disable-next-line no-console
  console.warn(
    `OpenAPI contract tests SKIPPED: ${DOCUMENT} not found above ${__dirname} (set PAYCOR_OPENAPI to point at it)`,
  );
  describe(`OpenAPI contract — SKIPPED: ${DOCUMENT} not found`, () => {
    // Skipped, not failed, on purpose: the document is Paycor's and lives outside
    // this repository (issue 3: reference only, never copied in), so a checkout
    // without ../shared/paycor cannot run this contract; the skip shows in the
    // report rather than passing silently. PAYCOR_OPENAPI points at a copy.
    // eslint-disable-next-line jest/no-disabled-tests, jest/expect-expect
    it.skip('needs Paycor’s OpenAPI document', () => {});
  });
} else {
  describe(`OpenAPI contract (${documentPath})`, () => {
    const document = parse(readFileSync(documentPath, 'utf8')) as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, Schema> };
    };
    const schemas = document.components.schemas;

    const resolveRef = (schema: Schema): Schema => {
      let current = schema;
      while (current.$ref) current = schemas[current.$ref.split('/').pop()!];
      return current;
    };
    /** Properties of a schema with $refs and compositions resolved, keyed by lower-case name. */
    const propertiesOf = (schema: Schema): Map<string, Schema> => {
      const resolved = resolveRef(schema);
      const out = new Map<string, Schema>();
      for (const part of [
        ...(resolved.allOf ?? []),
        ...(resolved.oneOf ?? []),
        ...(resolved.anyOf ?? []),
      ]) {
        for (const [name, value] of propertiesOf(part)) out.set(name, value);
      }
      for (const [name, value] of Object.entries(resolved.properties ?? {}))
        out.set(name.toLowerCase(), value);
      return out;
    };

    /** Every property path in `value` that `schema` does not declare. */
    const undeclared = (
      value: unknown,
      schema: Schema,
      path: string,
      found: Set<string>,
    ) => {
      if (value === null || typeof value !== 'object') return;
      const resolved = resolveRef(schema);
      if (Array.isArray(value)) {
        const items = resolved.items;
        if (!items) found.add(`${path} (array not declared)`);
        else value.forEach(item => undeclared(item, items, `${path}[]`, found));
        return;
      }
      const declared = propertiesOf(resolved);
      // A declared free-form object (e.g. PaycorError.source): any keys go.
      if (declared.size === 0 && resolved.type === 'object') return;
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        const childSchema = declared.get(key.toLowerCase());
        if (!childSchema) found.add(childPath);
        else undeclared(child, childSchema, childPath, found);
      }
    };

    const operationOf = (path: string, method: string) =>
      document.paths[path]?.[method];
    const responseSchema = (operation: Operation, status: string) =>
      operation.responses[status]?.content?.['application/json']?.schema;

    let t: TestSandbox;
    beforeAll(async () => {
      t = await startTestSandbox({ employees: 300, seed: 3, rateLimit: false });
    });
    afterAll(() => t.stop());

    const documented = API_ROUTES.filter(route => route.openApiPath);
    /** Routes whose 200 answers are compared with sample GET requests. */
    const documentedReads = documented.filter(route => route.method === 'get');

    it('declares the sandbox’s own routes consistently (express path ↔ OpenAPI path)', () => {
      for (const route of documented) {
        expect(route.path.replace(/:(\w+)/g, '{$1}')).toBe(route.openApiPath);
      }
      expect(
        API_ROUTES.filter(route => !route.openApiPath).map(route => route.name),
      ).toEqual(['token']);
    });

    it.each(documented.map(route => [route.name, route] as const))(
      '%s: path, method and parameters exist',
      (_name, route) => {
        const operation = operationOf(route.openApiPath!, route.method);
        expect(operation).toBeDefined();
        const declared = (where: string) =>
          new Set(
            (operation!.parameters ?? [])
              .filter(p => p.in === where)
              .map(p => p.name.toLowerCase()),
          );
        const query = declared('query');
        for (const parameter of route.queryParameters)
          expect([parameter, query.has(parameter.toLowerCase())]).toEqual([
            parameter,
            true,
          ]);
        const pathParameters = declared('path');
        for (const [, parameter] of route.path.matchAll(/:(\w+)/g)) {
          expect([
            parameter,
            pathParameters.has(parameter.toLowerCase()),
          ]).toEqual([parameter, true]);
        }
      },
    );

    /** Requests that exercise every property each endpoint can return. */
    const samples = (): Record<
      Exclude<EndpointName, 'token' | 'mockEvent'>,
      string[]
    > => {
      const org = t.control.getOrg();
      const le = t.legalEntityId;
      const employee = org.employees.find(
        e => e.positionData?.manager && e.statusData?.leaveReason === null,
      )!;
      return {
        legalEntity: [`/v1/legalentities/${le}?include=All`],
        activatedLegalEntities: [
          '/v1/legalentities/ActivatedLegalEntityTenantList',
        ],
        employees: [
          `/v1/legalentities/${le}/employees?include=All`,
          `/v1/legalentities/${le}/employees?include=All&emailType=Home`,
          `/v1/legalentities/${le}/employees?statusFilter=LeaveWithPay&include=All`,
        ],
        employee: [
          `/v1/employees/${employee.id}?include=All`,
          `/v1/employees/${employee.id}?emailType=Home`,
        ],
        employeePerson: [`/v1/employees/${employee.id}/person?include=All`],
        persons: [`/v1/legalEntities/${le}/persons?include=All`],
        departments: [`/v1/legalentities/${le}/departments`],
        department: [
          `/v1/legalentities/${le}/departments/${org.departments[1].id}`,
        ],
        workLocations: [`/v1/legalentities/${le}/worklocations`],
        workLocation: [
          `/v1/legalentities/${le}/worklocations/${org.workLocations[0].id}`,
        ],
      };
    };

    it('covers every documented route with sample requests', () => {
      expect(Object.keys(samples()).sort()).toEqual(
        documentedReads.map(route => route.name).sort(),
      );
      expect(
        documented.filter(route => route.method !== 'get').map(r => r.name),
      ).toEqual(['mockEvent']);
    });

    it.each(documentedReads.map(route => [route.name, route] as const))(
      '%s: every property of the 200 response is in the response schema',
      async (name, route) => {
        const schema = responseSchema(
          operationOf(route.openApiPath!, route.method)!,
          '200',
        )!;
        expect(schema).toBeDefined();
        const found = new Set<string>();
        for (const sample of samples()[
          name as Exclude<EndpointName, 'token' | 'mockEvent'>
        ]) {
          // Lists are followed to the end, so rare shapes (e.g. a LinkedIn profile) show up.
          for (let path: string | null = sample; path; ) {
            const response: { body: Record<string, unknown> } = await t
              .get(path)
              .expect(200);
            undeclared(response.body, schema, '', found);
            path =
              (response.body.additionalResultsUrl as
                | string
                | null
                | undefined) ?? null;
          }
        }
        const allowed = NEWER_THAN_2024_DOCUMENT[name] ?? [];
        expect([...found].filter(path => !allowed.includes(path))).toEqual([]);
        // The allow-list must stay honest: each entry is really served and really undocumented.
        for (const path of allowed) expect(found).toContain(path);
      },
    );

    it('mockEvent: the Command it takes and the Event it answers are the documented ones', async () => {
      const operation = operationOf('/v1/events/mockevent', 'post')!;
      const receiver = await startEventReceiver();
      try {
        const command = {
          applicationId: '0f8fad5b-d9cb-469f-a165-70867728950e',
          notificationURL: receiver.url,
          notificationSecret: 'Bearer contract-test',
          eventType: 'Employee.Modified',
          tenantId: 2080,
          itemId: t.control.getOrg().employees[0].id,
        };
        const commandSchema = (operation as any).requestBody.content[
          'application/json'
        ].schema as Schema;
        const undeclaredInCommand = new Set<string>();
        undeclared(command, commandSchema, '', undeclaredInCommand);
        expect([...undeclaredInCommand]).toEqual([]);

        const response = await t.post('/v1/events/mockevent', command);
        expect(response.status).toBe(201);
        const found = new Set<string>();
        undeclared(response.body, responseSchema(operation, '201')!, '', found);
        expect([...found]).toEqual([]);
      } finally {
        await t.control.flushEvents(5000);
        await receiver.stop();
      }
    });

    it('error bodies match PaycorError', async () => {
      const found = new Set<string>();
      const notFound = await t
        .get('/v1/employees/00000000-0000-0000-0000-000000000000')
        .expect(404);
      const invalid = await t
        .get(`/v1/legalentities/${t.legalEntityId}/employees?include=Nope`)
        .expect(400);
      for (const body of [notFound.body, invalid.body])
        undeclared(
          body,
          { $ref: '#/components/schemas/PaycorError' },
          '',
          found,
        );
      expect([...found]).toEqual([]);
      const employeeOperation = operationOf(
        '/v1/employees/{employeeId}',
        'get',
      )!;
      expect(resolveRef(responseSchema(employeeOperation, '404')!)).toBe(
        schemas.PaycorError,
      );
    });
  });
}
