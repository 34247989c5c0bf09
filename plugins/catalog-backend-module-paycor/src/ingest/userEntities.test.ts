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
});
