import { makeEmployee } from './__testUtils__/builders';
import { expectValidEntity } from './__testUtils__/validation';
import { EntityContext } from './entityCommon';
import { compileFieldMapping } from './fieldMapping';
import { locationBuilder } from './refs';
import { buildUserEntity } from './userEntities';

const ctx: EntityContext = {
  namespace: 'default',
  providerId: 'acme',
  legalEntityId: '501123',
  locations: locationBuilder('acme', '501123'),
};

describe('buildUserEntity', () => {
  it('says so when reporting lines are off, and only then', () => {
    const build = (reportingLinesOff?: boolean) =>
      buildUserEntity({
        employee: makeEmployee({ id: 'e1', managerId: 'm1' }),
        name: 'ann',
        memberOf: 'group:default/eng',
        ctx: { ...ctx, reportingLinesOff },
        fieldMapping: compileFieldMapping({ annotations: {}, labels: {} }),
      }).metadata.annotations!;
    expect(build(true)['paycor.com/reporting-lines']).toBe('off');
    // the manager's Paycor id is still shown; no ref, no line end
    expect(build(true)['paycor.com/manager-employee-id']).toBe('m1');
    expect(build(true)['paycor.com/manager-ref']).toBeUndefined();
    expect(build(false)).not.toHaveProperty('paycor.com/reporting-lines');
    expect(build(undefined)).not.toHaveProperty('paycor.com/reporting-lines');
  });

  it('builds a valid User with trimmed fields', async () => {
    const entity = buildUserEntity({
      employee: makeEmployee({
        id: 'e1',
        employeeNumber: ' 7 ',
        firstName: ' Ann ',
        lastName: 'Lee',
        email: ' ann@x.com ',
        jobTitle: ' Engineer ',
        workLocation: { id: 'L1', name: ' ' },
        mapped: { flsa: 'Salary Exempt' },
      }),
      name: 'ann',
      memberOf: 'group:default/eng',
      ctx,
      fieldMapping: compileFieldMapping({
        annotations: {},
        labels: { 'example.com/flsa': 'flsa' },
      }),
    });
    await expectValidEntity(entity);
    expect(entity.metadata.description).toBe('Engineer');
    expect(entity.metadata.annotations).toMatchObject({
      'paycor.com/employee-number': '7',
      'paycor.com/job-title': 'Engineer',
    });
    expect(entity.metadata.annotations).not.toHaveProperty(
      'paycor.com/work-location',
    );
    expect(entity.metadata.labels).toEqual({
      'example.com/flsa': 'Salary-Exempt',
    });
    expect(entity.spec).toEqual({
      profile: { displayName: 'Ann Lee', email: 'ann@x.com' },
      memberOf: ['group:default/eng'],
    });
  });

  it('keeps the raw status string', () => {
    const entity = buildUserEntity({
      employee: makeEmployee({ status: 'LeaveWithPay' }),
      name: 'x',
      memberOf: 'group:default/eng',
      ctx,
      fieldMapping: compileFieldMapping(undefined),
    });
    expect(entity.metadata.annotations?.['paycor.com/employment-status']).toBe(
      'LeaveWithPay',
    );
  });

  it('drops NUL characters from every text taken from Paycor (PostgreSQL cannot hold them)', async () => {
    const entity = buildUserEntity({
      employee: makeEmployee({
        id: 'e\u00001',
        employeeNumber: '7\u0000',
        firstName: 'Ann\u0000',
        lastName: '\u0000Lee',
        email: 'ann\u0000@x.com',
        jobTitle: 'Engi\u0000neer',
        departmentId: 'D\u00001',
        managerId: 'm\u00001',
        status: 'Active\u0000',
        employmentType: 'Regular\u0000',
        workLocation: { id: 'L1', name: 'HQ\u0000' },
        mapped: { flsa: 'Salary\u0000Exempt', code: '\u0000' },
      }),
      name: 'ann',
      memberOf: 'group:default/eng',
      ctx,
      fieldMapping: compileFieldMapping({
        annotations: {
          'example.com/flsa': 'flsa',
          'example.com/code': 'code',
        },
        labels: { 'example.com/flsa': 'flsa' },
      }),
    });
    await expectValidEntity(entity);
    // JSON.stringify writes a NUL as the escape \u0000
    expect(JSON.stringify(entity)).not.toContain('\\u0000');
    expect(entity.metadata.description).toBe('Engineer');
    expect(entity.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location':
        'paycor:acme/legalentities/501123/employees/e1',
      'paycor.com/employee-id': 'e1',
      'paycor.com/employee-number': '7',
      'paycor.com/department-id': 'D1',
      'paycor.com/manager-employee-id': 'm1',
      'paycor.com/work-location': 'HQ',
      'example.com/flsa': 'SalaryExempt',
    });
    // a mapped value that was nothing but NUL is left out, like a blank one
    expect(entity.metadata.annotations).not.toHaveProperty('example.com/code');
    expect(entity.spec.profile).toEqual({
      displayName: 'Ann Lee',
      email: 'ann@x.com',
    });
  });

  it('falls back to the id for the display name when the name is nothing but NUL', () => {
    const entity = buildUserEntity({
      employee: makeEmployee({
        id: 'e9',
        firstName: '\u0000',
        lastName: '\u0000',
        employeeNumber: undefined,
      }),
      name: 'e9',
      memberOf: 'group:default/eng',
      ctx,
      fieldMapping: compileFieldMapping(undefined),
    });
    expect(entity.spec.profile?.displayName).toBe('e9');
  });
});
