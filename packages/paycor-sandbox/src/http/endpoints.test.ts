import {
  startTestSandbox,
  type TestSandbox,
} from '../__testUtils__/sandboxClient';
import type { Department, Employee } from '../paycor/types';

describe('Paycor endpoints', () => {
  let t: TestSandbox;
  let le: number;

  beforeAll(async () => {
    t = await startTestSandbox({ employees: 300, seed: 7 });
    le = t.legalEntityId;
  });
  afterAll(() => t.stop());

  describe('GET /v1/legalentities/{id}/employees', () => {
    it('serves 200 records per page in the paged envelope, sections null unless included', async () => {
      const { body, headers } = await t
        .get(`/v1/legalentities/${le}/employees`)
        .expect(200);
      expect(headers['content-type']).toBe('application/json; charset=utf-8');
      expect(Object.keys(body)).toEqual([
        'hasMoreResults',
        'continuationToken',
        'additionalResultsUrl',
        'records',
      ]);
      expect(body.hasMoreResults).toBe(true);
      expect(body.records).toHaveLength(200);
      const employee: Employee = body.records[0];
      expect(employee.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-0000-0000-0000[0-9a-f]{8}$/,
      );
      expect(typeof employee.employeeNumber).toBe('string');
      expect(employee.employmentDateData).toBeNull();
      expect(employee.positionData).toBeNull();
      expect(employee.statusData).toBeNull();
      expect(employee.workLocation).toBeNull();
      expect(employee.legalEntity).toEqual({
        id: String(le),
        url: `/v1/legalentities/${le}`,
      });
      expect(employee.department?.url).toBe(
        `/v1/legalentities/${le}/departments/${employee.department?.id}`,
      );
      expect(employee.earnings?.url).toBe(
        `/v1/employees/${employee.id}/earnings`,
      );
    });

    it('accepts include repeated, as All and case-insensitively', async () => {
      const repeated = await t
        .get(
          `/v1/legalentities/${le}/employees?include=Position&include=status`,
        )
        .expect(200);
      const first: Employee = repeated.body.records[0];
      expect(first.positionData).not.toBeNull();
      expect(first.statusData?.status).toBeDefined();
      expect(first.employmentDateData).toBeNull();
      expect(first.workLocation).toBeNull();

      const all = await t
        .get(`/v1/legalentities/${le}/employees?include=ALL`)
        .expect(200);
      const full: Employee = all.body.records[0];
      expect(full.employmentDateData?.hireDate).toMatch(
        /^\d{4}-\d{2}-\d{2}T00:00:00Z$/,
      );
      expect(full.workLocation?.type).toBe('Physical');
      expect(full.statusData?.status).toBeDefined();
    });

    it('rejects an include value it does not know, comma lists included, naming the parameter', async () => {
      const { body } = await t
        .get(`/v1/legalentities/${le}/employees?include=Position,Status`)
        .expect(400);
      expect(body).toEqual({
        correlationId: expect.any(String),
        title: 'Validation Error',
        detail: expect.any(String),
        source: { include: "The value 'Position,Status' is not valid." },
      });
    });

    it('returns the work e-mail by default and the person’s home e-mail for emailType=Home', async () => {
      const org = t.control.getOrg();
      const withBoth = org.employees.find(e => {
        const person = org.persons.find(p => p.id === e.person?.id);
        return e.email?.emailAddress && person?.email?.emailAddress;
      })!;
      const person = org.persons.find(p => p.id === withBoth.person?.id)!;
      const work = await t.get(`/v1/employees/${withBoth.id}`).expect(200);
      expect(work.body.email).toEqual({
        type: 'Work',
        emailAddress: withBoth.email!.emailAddress,
      });
      const home = await t
        .get(`/v1/employees/${withBoth.id}?emailType=home`)
        .expect(200);
      expect(home.body.email).toEqual({
        type: 'Home',
        emailAddress: person.email!.emailAddress,
      });
    });

    it('filters by statusFilter, departmentCode, employeeNumber, lastName and workLocationName', async () => {
      const org = t.control.getOrg();
      const terminated = org.employees.filter(
        e => e.statusData?.status === 'Terminated',
      );
      const byStatus = await t
        .get(
          `/v1/legalentities/${le}/employees?statusFilter=Terminated&include=Status`,
        )
        .expect(200);
      expect(byStatus.body.records.map((e: Employee) => e.id).sort()).toEqual(
        terminated.map(e => e.id).sort(),
      );

      const department = org.departments.find(d =>
        org.employees.some(e => e.department?.id === d.id),
      )!;
      const members = org.employees.filter(
        e => e.department?.id === department.id,
      );
      const byCode = await t
        .get(
          `/v1/legalentities/${le}/employees?departmentCode=${department.code}`,
        )
        .expect(200);
      expect(byCode.body.records.map((e: Employee) => e.id).sort()).toEqual(
        members.map(e => e.id).sort(),
      );

      const someone = org.employees[5];
      const byNumber = await t
        .get(
          `/v1/legalentities/${le}/employees?employeeNumber=${someone.employeeNumber}`,
        )
        .expect(200);
      expect(byNumber.body.records.map((e: Employee) => e.id)).toEqual([
        someone.id,
      ]);

      const byName = await t
        .get(
          `/v1/legalentities/${le}/employees?lastName=${encodeURIComponent(
            someone.lastName!.toUpperCase(),
          )}`,
        )
        .expect(200);
      expect(byName.body.records.map((e: Employee) => e.id)).toContain(
        someone.id,
      );

      const location = someone.workLocation!.name!;
      const byLocation = await t
        .get(
          `/v1/legalentities/${le}/employees?workLocationName=${encodeURIComponent(
            location,
          )}&include=WorkLocation`,
        )
        .expect(200);
      expect(
        byLocation.body.records.every(
          (e: Employee) => e.workLocation?.name === location,
        ),
      ).toBe(true);

      await t
        .get(`/v1/legalentities/${le}/employees?statusFilter=OnLeave`)
        .expect(400);
      await t
        .get(`/v1/legalentities/${le}/employees?departmentCode=abc`)
        .expect(400);
    });

    it('answers 404 for another legal entity and 400 for a non-integer id', async () => {
      const notFound = await t
        .get(`/v1/legalentities/${le + 1}/employees`)
        .expect(404);
      expect(notFound.body.title).toBe('Not Found');
      await t.get(`/v1/legalentities/abc/employees`).expect(400);
    });
  });

  it('is case-sensitive about paths, like Paycor: wrong casing is a 404', async () => {
    const wrong = await t.get(`/v1/legalEntities/${le}/employees`).expect(404);
    expect(wrong.body).toEqual({
      statusCode: 404,
      message: 'Resource not found',
    });
    await t.get(`/v1/legalentities/${le}/persons`).expect(404);
    await t.get(`/v1/LegalEntities/${le}/persons`).expect(404);
  });

  describe('single employee and person', () => {
    it('GET /v1/employees/{id} with includes, and 404/400 for unknown or malformed ids', async () => {
      const someone = t.control
        .getOrg()
        .employees.find(e => e.positionData?.manager)!;
      const { body } = await t
        .get(`/v1/employees/${someone.id.toUpperCase()}?include=Position`)
        .expect(200);
      expect(body.id).toBe(someone.id);
      expect(body.positionData.manager).toEqual({
        id: someone.positionData!.manager!.id,
        employeeNumber: someone.positionData!.manager!.employeeNumber,
        employee: {
          id: someone.positionData!.manager!.id,
          url: `/v1/employees/${someone.positionData!.manager!.id}`,
        },
      });
      await t
        .get('/v1/employees/00000000-0000-0000-0000-000000000000')
        .expect(404);
      await t.get('/v1/employees/not-a-guid').expect(400);
    });

    it('GET /v1/employees/{id}/person returns home e-mail only with include=Email', async () => {
      const org = t.control.getOrg();
      const person = org.persons.find(p => p.email?.emailAddress)!;
      const employeeId = person.employeeAssignments![0].employees!.id!;
      const plain = await t
        .get(`/v1/employees/${employeeId}/person`)
        .expect(200);
      expect(plain.body.id).toBe(person.id);
      expect(plain.body.email).toBeNull();
      expect(plain.body.emergencyContactData).toBeNull();
      const full = await t
        .get(`/v1/employees/${employeeId}/person?include=All`)
        .expect(200);
      expect(full.body.email).toEqual({
        type: 'Home',
        emailAddress: person.email!.emailAddress,
      });
      expect(full.body.emergencyContactData.length).toBeGreaterThan(0);
      expect(full.body.socialSecurityNumber).toMatch(/^9\d{8}$/);
    });
  });

  it('GET /v1/legalEntities/{id}/persons pages by 100 and rejects EmergencyContact in bulk', async () => {
    const first = await t
      .get(`/v1/legalEntities/${le}/persons?include=Email&include=Phones`)
      .expect(200);
    expect(first.body.records).toHaveLength(100);
    expect(first.body.records[0].phones).toEqual(expect.any(Array));
    expect(first.body.records[0].addresses).toBeNull();
    expect(first.body.additionalResultsUrl).toBe(
      `/v1/legalEntities/${le}/persons?include=Email&include=Phones&continuationToken=${first.body.continuationToken}`,
    );
    await t
      .get(`/v1/legalEntities/${le}/persons?include=EmergencyContact`)
      .expect(400);
  });

  describe('departments', () => {
    it('lists a tree via parentId with level ≥ 2 and serves each by id', async () => {
      const { body } = await t
        .get(`/v1/legalentities/${le}/departments`)
        .expect(200);
      const departments: Department[] = body.records;
      expect(body.hasMoreResults).toBe(false);
      expect(body.continuationToken).toBeNull();
      expect(body.additionalResultsUrl).toBeNull();
      const byId = new Map(departments.map(d => [d.id, d]));
      const expectedLevel = (d: Department) =>
        d.parentId === null ? 2 : byId.get(d.parentId)!.level + 1;
      expect(departments.map(d => d.level)).toEqual(
        departments.map(expectedLevel),
      );
      expect(Math.min(...departments.map(d => d.level))).toBe(2);
      const one = await t
        .get(`/v1/legalentities/${le}/departments/${departments[0].id}`)
        .expect(200);
      expect(one.body).toEqual(departments[0]);
      await t
        .get(
          `/v1/legalentities/${le}/departments/00000000-0000-0000-0000-000000000000`,
        )
        .expect(404);
    });
  });

  it('lists work locations and serves each by id', async () => {
    const { body } = await t
      .get(`/v1/legalentities/${le}/worklocations`)
      .expect(200);
    expect(body.records.length).toBeGreaterThanOrEqual(2);
    expect(body.records[0].addresses[0]).toMatchObject({
      type: 'Physical',
      country: 'USA',
    });
    const one = await t
      .get(`/v1/legalentities/${le}/worklocations/${body.records[0].id}`)
      .expect(200);
    expect(one.body).toEqual(body.records[0]);
  });

  it('serves the legal entity, with business names only when included', async () => {
    const plain = await t.get(`/v1/legalentities/${le}`).expect(200);
    expect(plain.body).toMatchObject({
      id: le,
      isLost: false,
      businessNames: null,
    });
    const full = await t
      .get(`/v1/legalentities/${le}?include=BusinessNames`)
      .expect(200);
    expect(full.body.businessNames[0].addresses[0]).toMatchObject({
      type: 'Primary',
      state: expect.any(String),
    });
  });

  it('lists the activated legal entity and tenant', async () => {
    const { body } = await t
      .get('/v1/legalentities/ActivatedLegalEntityTenantList')
      .expect(200);
    expect(body).toEqual({
      userLegalEntities: [
        { legalEntityId: le, tenantId: t.sandbox.credentials.tenantId },
      ],
    });
  });

  it('logs calls by stable endpoint name and status, never /_sandbox', async () => {
    t.control.resetCallLog();
    await t.get(`/v1/legalentities/${le}/departments`).expect(200);
    await t.get(`/v1/legalentities/${le}/nothing`).expect(404);
    await t.get(`/v1/employees/not-a-guid`).expect(400);
    await t.get('/_sandbox/calls').expect(200);
    expect(t.control.getCallLog()).toEqual({
      total: 3,
      byEndpoint: { departments: 1, notFound: 1, employee: 1 },
      byStatus: { '200': 1, '404': 1, '400': 1 },
    });
  });
});
