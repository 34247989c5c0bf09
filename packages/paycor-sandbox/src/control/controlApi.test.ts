import request from 'supertest';
import {
  startTestSandbox,
  type TestSandbox,
} from '../__testUtils__/sandboxClient';
import type { Employee } from '../paycor/types';

describe('control API', () => {
  let t: TestSandbox;
  const control = () => request(t.sandbox.url);
  const le = () => t.legalEntityId;

  beforeAll(async () => {
    t = await startTestSandbox({ employees: 120, seed: 5, rateLimit: false });
  });
  beforeEach(() => t.control.reset());
  afterAll(() => t.stop());

  describe('validation: 400 naming the field', () => {
    it.each([
      ['post', '/_sandbox/reset', { employees: -3 }, 'employees'],
      [
        'post',
        '/_sandbox/reset',
        { dirtyData: { missingEmails: 3 } },
        'dirtyData.missingEmails',
      ],
      [
        'post',
        '/_sandbox/reset',
        {
          fixture: { legalEntity: { id: 'x' }, departments: [], employees: [] },
        },
        'fixture.legalEntity.id',
      ],
      ['post', '/_sandbox/reset', { fixture: '/etc/passwd' }, 'fixture'],
      ['post', '/_sandbox/employees', { firstname: 'typo' }, 'firstname'],
      [
        'post',
        '/_sandbox/employees',
        { statusData: { status: 'OnLeave' } },
        'statusData.status',
      ],
      ['post', '/_sandbox/employees/terminate', { share: 2 }, 'share'],
      ['post', '/_sandbox/employees/terminate', {}, 'share'],
      ['post', '/_sandbox/departments', { code: '12' }, 'description'],
      [
        'post',
        '/_sandbox/departments',
        { description: 'X', code: '12a' },
        'code',
      ],
      ['post', '/_sandbox/faults', { type: 'timeout', count: 0 }, 'count'],
      ['put', '/_sandbox/latency', { ms: -1 }, 'ms'],
      ['put', '/_sandbox/scopes', { scopes: ['View Everything'] }, 'scopes.0'],
      ['put', '/_sandbox/rate-limit', { limit: 'lots' }, 'limit'],
      [
        'post',
        '/_sandbox/tokens',
        { newSubscriptionKey: 'yes' },
        'newSubscriptionKey',
      ],
    ] as const)('%s %s %j → %s', async (method, path, body, field) => {
      const response = await control()[method](path).send(body).expect(400);
      expect(response.body).toMatchObject({ error: 'invalid_input', field });
    });

    it('validates patches and e-mail changes of an existing employee', async () => {
      const [someone] = t.control.getOrg().employees;
      const patch = await control()
        .patch(`/_sandbox/employees/${someone.id}`)
        .send({ positionData: { jobTitel: 'x' } })
        .expect(400);
      expect(patch.body.field).toBe('positionData.jobTitel');
      const email = await control()
        .put(`/_sandbox/employees/${someone.id}/email`)
        .send({})
        .expect(400);
      expect(email.body.field).toBe('email');
      const date = await control()
        .post(`/_sandbox/employees/${someone.id}/terminate`)
        .send({ date: 'someday' })
        .expect(400);
      expect(date.body.field).toBe('date');
    });

    it('answers 404 for unknown ids and unknown control routes, 400 for bad JSON', async () => {
      await control()
        .patch('/_sandbox/employees/00000000-0000-0000-0000-000000000000')
        .send({})
        .expect(404);
      await control()
        .delete('/_sandbox/departments/00000000-0000-0000-0000-000000000000')
        .expect(404);
      await control().get('/_sandbox/nope').expect(404);
      const bad = await control()
        .post('/_sandbox/faults')
        .set('Content-Type', 'application/json')
        .send('{"type":')
        .expect(400);
      expect(bad.body.field).toBe('(body)');
    });
  });

  describe('employees', () => {
    it('adds an employee with realistic defaults, visible through the API', async () => {
      const { body: added } = await control()
        .post('/_sandbox/employees')
        .send({ firstName: 'Zoë', lastName: 'Ångström' })
        .expect(201);
      expect(added).toMatchObject({
        firstName: 'Zoë',
        lastName: 'Ångström',
        email: {
          type: 'Work',
          emailAddress: expect.stringMatching(/^zoe\.angstrom\d*@/),
        },
        statusData: { status: 'Active' },
        legalEntity: { id: String(le()) },
      });
      expect(added.positionData.manager.id).toBeTruthy();
      expect(added.department.url).toBe(
        `/v1/legalentities/${le()}/departments/${added.department.id}`,
      );
      const served = await t
        .get(`/v1/employees/${added.id}?include=All`)
        .expect(200);
      expect(served.body).toEqual(added);
      const person = await t
        .get(`/v1/employees/${added.id}/person`)
        .expect(200);
      expect(person.body.firstName).toBe('Zoë');
      expect(t.control.getSummary().employees).toBe(121);
    });

    it('updates deeply, keeping references consistent (manager number, person name)', async () => {
      const org = t.control.getOrg();
      const manager = org.employees.find(e =>
        org.employees.some(s => s.positionData?.manager?.id === e.id),
      )!;
      const report = org.employees.find(
        s => s.positionData?.manager?.id === manager.id,
      )!;
      const updated = t.control.updateEmployee(manager.id, {
        employeeNumber: '99999',
        firstName: 'Renamed',
        positionData: { jobTitle: 'Chief Renaming Officer' },
      });
      expect(updated.positionData).toMatchObject({
        jobTitle: 'Chief Renaming Officer',
        jobCode: manager.positionData!.jobCode,
      });
      const { body } = await t
        .get(`/v1/employees/${report.id}?include=Position`)
        .expect(200);
      expect(body.positionData.manager.employeeNumber).toBe('99999');
      const person = await t
        .get(`/v1/employees/${manager.id}/person`)
        .expect(200);
      expect(person.body.firstName).toBe('Renamed');

      const department = org.departments[1];
      const moved = t.control.updateEmployee(report.id, {
        department: { id: department.id },
      });
      expect(moved.department).toEqual({
        id: department.id,
        url: `/v1/legalentities/${le()}/departments/${department.id}`,
      });
    });

    it('terminates one employee (default Terminated today) or a deterministic share', async () => {
      const active = t.control
        .getOrg()
        .employees.filter(e => e.statusData?.status === 'Active');
      const { body } = await control()
        .post(`/_sandbox/employees/${active[0].id}/terminate`)
        .send({})
        .expect(200);
      expect(body.statusData.status).toBe('Terminated');
      expect(body.employmentDateData.terminationDate).toMatch(/T00:00:00Z$/);
      const resigned = t.control.terminateEmployee(active[1].id, {
        status: 'Resigned',
        date: '2024-02-29',
      });
      expect(resigned.employmentDateData?.terminationDate).toBe(
        '2024-02-29T00:00:00Z',
      );

      const first = await control()
        .post('/_sandbox/employees/terminate')
        .send({ share: 0.3, seed: 1 })
        .expect(200);
      const remaining = active.length - 2;
      expect(first.body.ids).toHaveLength(Math.round(0.3 * remaining));
      await t.control.reset();
      t.control.terminateEmployee(active[0].id);
      t.control.terminateEmployee(active[1].id, { status: 'Resigned' });
      expect(t.control.terminateEmployees({ share: 0.3, seed: 1 })).toEqual(
        first.body.ids,
      );
      const listed = await t
        .get(`/v1/legalentities/${le()}/employees?statusFilter=Terminated`)
        .expect(200);
      expect(listed.body.records.map((e: Employee) => e.id)).toEqual(
        expect.arrayContaining(first.body.ids),
      );
    });

    it('changes and removes a work e-mail', async () => {
      const [someone] = t.control.getOrg().employees;
      await control()
        .put(`/_sandbox/employees/${someone.id}/email`)
        .send({ email: 'new.address@example.com' })
        .expect(200);
      expect(
        (await t.get(`/v1/employees/${someone.id}`).expect(200)).body.email,
      ).toEqual({
        type: 'Work',
        emailAddress: 'new.address@example.com',
      });
      t.control.changeEmail(someone.id, null);
      expect(
        (await t.get(`/v1/employees/${someone.id}`).expect(200)).body.email,
      ).toBeNull();
    });
  });

  describe('departments', () => {
    it('adds, renames, moves (re-levelling the subtree) and deletes departments', async () => {
      const top = (
        await control()
          .post('/_sandbox/departments')
          .send({ description: 'Skunkworks' })
          .expect(201)
      ).body;
      expect(top).toMatchObject({
        description: 'Skunkworks',
        parentId: null,
        level: 2,
        code: expect.stringMatching(/^\d+$/),
      });
      const child = t.control.addDepartment({
        description: 'Lab',
        parentId: top.id,
        code: '777',
      });
      expect(child.level).toBe(3);
      const grandchild = t.control.addDepartment({
        description: 'Bench',
        parentId: child.id,
      });
      expect(grandchild.level).toBe(4);
      await control()
        .post('/_sandbox/departments')
        .send({ description: 'Dup', code: '777' })
        .expect(400);

      const deep = t.control
        .getOrg()
        .departments.find(d => d.level === 3 && d.id !== child.id)!;
      const moved = (
        await control()
          .patch(`/_sandbox/departments/${top.id}`)
          .send({ parentId: deep.id, description: 'Skunk Works' })
          .expect(200)
      ).body;
      expect(moved).toMatchObject({ level: 4, description: 'Skunk Works' });
      const served = await t
        .get(`/v1/legalentities/${le()}/departments/${grandchild.id}`)
        .expect(200);
      expect(served.body.level).toBe(6);
      const cycle = await control()
        .patch(`/_sandbox/departments/${top.id}`)
        .send({ parentId: grandchild.id })
        .expect(400);
      expect(cycle.body.field).toBe('parentId');

      const removed = t.control.deleteDepartment(child.id);
      expect(removed.reparentedChildren).toEqual([grandchild.id]);
      expect(
        t.control.getOrg().departments.find(d => d.id === grandchild.id),
      ).toMatchObject({ parentId: top.id, level: 5 });

      const withStaff = t.control.getOrg().employees[3].department!.id!;
      const deleted = (
        await control().delete(`/_sandbox/departments/${withStaff}`).expect(200)
      ).body;
      expect(deleted.orphanedEmployees).toBeGreaterThan(0);
      await t
        .get(`/v1/legalentities/${le()}/departments/${withStaff}`)
        .expect(404);
    });
  });

  describe('org, reset and fixtures', () => {
    it('GET /_sandbox/org equals getOrg(), and loading it back serves identical API output', async () => {
      const org = (await control().get('/_sandbox/org').expect(200)).body;
      expect(org).toEqual(t.control.getOrg());
      const paths = [
        `/v1/legalentities/${le()}/employees?include=All`,
        `/v1/legalentities/${le()}/employees?emailType=Home`,
        `/v1/legalEntities/${le()}/persons?include=All`,
        `/v1/legalentities/${le()}/departments`,
        `/v1/legalentities/${le()}/worklocations`,
        `/v1/legalentities/${le()}?include=All`,
      ];
      const strip = (text: string) =>
        text.replace(
          /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/g,
          '<token>',
        );
      const before = await Promise.all(
        paths.map(async p => strip((await t.get(p).expect(200)).text)),
      );
      const summary = (
        await control()
          .post('/_sandbox/reset')
          .send({ fixture: org })
          .expect(200)
      ).body;
      expect(summary).toMatchObject({ employees: 120, legalEntityId: le() });
      const after = await Promise.all(
        paths.map(async p => strip((await t.get(p).expect(200)).text)),
      );
      expect(after).toEqual(before);
      // A bare reset restores the loaded fixture, not the generator.
      t.control.addEmployee();
      await t.control.reset();
      expect(t.control.getSummary().employees).toBe(120);
      await t.control.reset({ seed: 5, employees: 120 });
    });

    it('regenerates with a new seed and size, and clears faults and the call log', async () => {
      t.control.injectFault({ type: '500' });
      await t.get(`/v1/legalentities/${le()}`);
      const before = t.control.getOrg().employees[0].id;
      const summary = await t.control.reset({ seed: 6, employees: 40 });
      expect(summary.employees).toBe(40);
      expect(t.control.getOrg().employees[0].id).not.toBe(before);
      expect(t.control.listFaults()).toEqual([]);
      expect(t.control.getCallLog().total).toBe(0);
      await t.control.reset({ seed: 5, employees: 120 });
    });

    it('mints tokens that work without disturbing other refresh tokens', async () => {
      const minted = (
        await control().post('/_sandbox/tokens').send({}).expect(201)
      ).body;
      expect(minted).toEqual({
        baseUrl: t.sandbox.url,
        clientId: t.sandbox.credentials.clientId,
        clientSecret: t.sandbox.credentials.clientSecret,
        subscriptionKey: t.subscriptionKey,
        refreshToken: expect.stringMatching(/^[0-9A-F]{64}$/),
        legalEntityId: le(),
        tenantId: t.sandbox.credentials.tenantId,
      });
      await t.refresh(minted.refreshToken).expect(200);
      await t.refresh(t.sandbox.credentials.refreshToken).expect(200);
    });

    it('sets latency, rate limit and scopes, reported by GET /_sandbox', async () => {
      await control().put('/_sandbox/latency').send({ ms: 30 }).expect(200);
      const started = Date.now();
      await t.get(`/v1/legalentities/${le()}`).expect(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(25);
      t.control.setLatency(0);
      await control()
        .put('/_sandbox/rate-limit')
        .send({ limit: 7, windowMs: 1000 })
        .expect(200);
      const info = (await control().get('/_sandbox').expect(200)).body;
      expect(info.settings).toMatchObject({
        latencyMs: 0,
        rateLimit: { limit: 7, windowMs: 1000 },
      });
      t.control.setRateLimit(false);
    });
  });
});
