import { makeDepartment } from './__testUtils__/builders';
import { expectValidEntity } from './__testUtils__/validation';
import { EntityContext } from './entityCommon';
import {
  buildAdminGroup,
  buildDepartmentGroup,
  buildOrganizationGroup,
} from './groupEntities';
import { locationBuilder } from './refs';

const ctx: EntityContext = {
  namespace: 'default',
  providerId: 'acme',
  legalEntityId: '501123',
  locations: locationBuilder('acme', '501123'),
};

describe('group entities', () => {
  it('builds the organization Group without a parent', async () => {
    const entity = buildOrganizationGroup({
      name: 'acme',
      title: 'Acme',
      children: ['group:default/a'],
      ctx,
    });
    await expectValidEntity(entity);
    expect(entity.spec).toEqual({
      type: 'organization',
      profile: { displayName: 'Acme' },
      children: ['group:default/a'],
    });
  });

  it('builds a re-homed department Group with its Paycor parent for reference', async () => {
    const entity = buildDepartmentGroup({
      department: makeDepartment({ id: 'D1', code: ' ', description: 'Ops' }),
      name: 'ops',
      parent: 'group:default/platform',
      parentSource: 'override',
      paycorParent: 'group:default/acme',
      children: [],
      ctx,
    });
    await expectValidEntity(entity);
    expect(entity.metadata.annotations).toMatchObject({
      'paycor.com/department-id': 'D1',
      'paycor.com/parent-source': 'override',
      'paycor.com/paycor-parent': 'group:default/acme',
    });
    expect(entity.metadata.annotations).not.toHaveProperty(
      'paycor.com/department-code',
    );
  });

  it('builds an admin Group, omitting a blank description', async () => {
    const entity = buildAdminGroup({
      definition: {
        name: 'guild',
        title: 'Guild',
        description: ' ',
        type: 'team',
      },
      name: 'guild',
      parent: 'group:default/acme',
      children: [],
      ctx,
    });
    await expectValidEntity(entity);
    expect(entity.metadata).not.toHaveProperty('description');
    expect(entity.metadata.annotations?.['paycor.com/admin-group']).toBe(
      'true',
    );
  });

  describe('NUL characters (PostgreSQL cannot hold them)', () => {
    it('drops them from a department Group built from Paycor data', async () => {
      const entity = buildDepartmentGroup({
        department: makeDepartment({
          id: 'D\u00001',
          code: '1\u000010',
          description: 'Customer\u0000 Support',
        }),
        name: 'customer-support',
        parent: 'group:default/acme',
        parentSource: 'paycor',
        children: [],
        ctx,
      });
      await expectValidEntity(entity);
      expect(JSON.stringify(entity)).not.toContain('\\u0000');
      expect(entity.metadata.title).toBe('Customer Support');
      expect(entity.spec.profile).toEqual({ displayName: 'Customer Support' });
      expect(entity.metadata.annotations).toMatchObject({
        'backstage.io/managed-by-location':
          'paycor:acme/legalentities/501123/departments/D1',
        'paycor.com/department-id': 'D1',
        'paycor.com/department-code': '110',
      });
    });

    it('drops them from the organization title (the legal entity name)', async () => {
      const entity = buildOrganizationGroup({
        name: 'acme',
        title: 'Acme\u0000 Corp',
        children: [],
        ctx,
      });
      await expectValidEntity(entity);
      expect(entity.metadata.title).toBe('Acme Corp');
      expect(entity.spec.profile).toEqual({ displayName: 'Acme Corp' });
    });

    it('uses the name when a title is nothing but NUL, and omits such a description', async () => {
      const entity = buildAdminGroup({
        definition: {
          name: 'guild',
          title: '\u0000',
          description: '\u0000\u0000',
          type: 'team',
        },
        name: 'guild',
        parent: 'group:default/acme',
        children: [],
        ctx,
      });
      await expectValidEntity(entity);
      expect(entity.metadata.title).toBe('guild');
      expect(entity.metadata).not.toHaveProperty('description');
    });
  });
});
