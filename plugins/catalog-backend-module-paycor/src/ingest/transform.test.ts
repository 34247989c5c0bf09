import { GroupEntity, UserEntity } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';
import {
  makeDepartment,
  makeEmployee,
  makeExternal,
  makeInput,
  makePrevious,
  shuffled,
} from './__testUtils__/builders';
import { entityByRef, transformAndCheck } from './__testUtils__/validation';
import { transformSnapshot } from './transform';
import { ConflictDraft, TransformResult } from './types';

const sha8 = (s: string) =>
  createHash('sha1').update(s).digest('hex').slice(0, 8);
const ORG = 'group:default/acme-corp';

function user(result: TransformResult, ref: string): UserEntity {
  return entityByRef(result, ref) as UserEntity;
}
function group(result: TransformResult, ref: string): GroupEntity {
  return entityByRef(result, ref) as GroupEntity;
}
function refs(result: TransformResult): string[] {
  return result.entities.map(
    e => `${e.kind.toLowerCase()}:${e.metadata.namespace}/${e.metadata.name}`,
  );
}
function conflictsOf(result: TransformResult, type: ConflictDraft['type']) {
  return result.conflicts.filter(c => c.type === type);
}

const support = makeDepartment({
  id: 'D1',
  code: '110',
  description: 'Customer Support',
});
const tier2 = makeDepartment({
  id: 'D2',
  code: '111',
  description: 'Tier 2',
  parentId: 'D1',
  level: 3,
});
const maria = makeEmployee({
  id: 'e-maria',
  employeeNumber: '1042',
  firstName: 'Maria',
  lastName: 'Okafor',
  email: ' maria.okafor@example.com ',
  departmentId: 'D2',
  jobTitle: 'Support Team Lead',
  workLocation: { id: 'L1', name: 'Cincinnati HQ' },
  managerId: 'e-boss',
  hireDate: '2019-03-18T00:00:00Z',
});

describe('transformSnapshot', () => {
  describe('entity shapes', () => {
    it('emits the organization, department Groups and Users exactly', async () => {
      const result = await transformAndCheck(
        makeInput({ departments: [support, tier2], employees: [maria] }),
      );
      expect(refs(result)).toEqual([
        ORG,
        'group:default/customer-support',
        'group:default/tier-2',
        'user:default/maria.okafor',
      ]);
      // toEqual ignores key order; the caller hashes JSON, so compare that too.
      const expectedUser = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: {
          name: 'maria.okafor',
          namespace: 'default',
          description: 'Support Team Lead',
          annotations: {
            'backstage.io/managed-by-location':
              'paycor:acme/legalentities/501123/employees/e-maria',
            'backstage.io/managed-by-origin-location':
              'paycor:acme/legalentities/501123/employees/e-maria',
            'paycor.com/provider-id': 'acme',
            'paycor.com/legal-entity-id': '501123',
            'paycor.com/employee-id': 'e-maria',
            'paycor.com/employee-number': '1042',
            'paycor.com/department-id': 'D2',
            'paycor.com/job-title': 'Support Team Lead',
            'paycor.com/work-location': 'Cincinnati HQ',
            'paycor.com/manager-employee-id': 'e-boss',
            // Paycor did not list e-boss (an unknown-manager conflict)
            'paycor.com/reporting-line-end': 'manager-unknown',
            'paycor.com/reporting-line-note':
              'Paycor names employee e-boss as manager, but did not list such an employee; the reporting line ends here.',
            'paycor.com/employment-type': 'Regular',
            'paycor.com/employment-status': 'Active',
          },
        },
        spec: {
          profile: {
            displayName: 'Maria Okafor',
            email: 'maria.okafor@example.com',
          },
          memberOf: ['group:default/tier-2'],
        },
      };
      expect(JSON.stringify(user(result, 'user:default/maria.okafor'))).toBe(
        JSON.stringify(expectedUser),
      );
      expect(JSON.stringify(group(result, 'group:default/tier-2'))).toBe(
        JSON.stringify({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: {
            name: 'tier-2',
            namespace: 'default',
            title: 'Tier 2',
            annotations: {
              'backstage.io/managed-by-location':
                'paycor:acme/legalentities/501123/departments/D2',
              'backstage.io/managed-by-origin-location':
                'paycor:acme/legalentities/501123/departments/D2',
              'paycor.com/provider-id': 'acme',
              'paycor.com/legal-entity-id': '501123',
              'paycor.com/department-id': 'D2',
              'paycor.com/department-code': '111',
              'paycor.com/parent-source': 'paycor',
            },
          },
          spec: {
            type: 'department',
            profile: { displayName: 'Tier 2' },
            parent: 'group:default/customer-support',
            children: [],
          },
        }),
      );
      expect(group(result, 'group:default/customer-support').spec).toEqual({
        type: 'department',
        profile: { displayName: 'Customer Support' },
        parent: ORG,
        children: ['group:default/tier-2'],
      });
      expect(
        group(result, 'group:default/customer-support').metadata.annotations?.[
          'paycor.com/parent-source'
        ],
      ).toBe('organization');
      expect(JSON.stringify(group(result, ORG))).toBe(
        JSON.stringify({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: {
            name: 'acme-corp',
            namespace: 'default',
            title: 'Acme Corp',
            annotations: {
              'backstage.io/managed-by-location':
                'paycor:acme/legalentities/501123/organization',
              'backstage.io/managed-by-origin-location':
                'paycor:acme/legalentities/501123/organization',
              'paycor.com/provider-id': 'acme',
              'paycor.com/legal-entity-id': '501123',
            },
          },
          spec: {
            type: 'organization',
            profile: { displayName: 'Acme Corp' },
            children: ['group:default/customer-support'],
          },
        }),
      );
      expect(result.stats).toEqual({
        users: 1,
        groups: 3,
        skipped: 0,
        skippedByReason: {},
      });
      expect(result.conflicts.map(c => [c.type, c.subject.id])).toEqual([
        ['unknown-manager', 'e-boss'],
      ]);
    });

    it('omits optional User fields that are missing or blank', async () => {
      const bare = makeEmployee({
        id: 'e1',
        employeeNumber: ' ',
        firstName: 'Ann',
        lastName: 'Lee',
        email: 'ann@example.com',
        status: undefined,
        employmentType: undefined,
        jobTitle: '  ',
      });
      const result = await transformAndCheck(makeInput({ employees: [bare] }));
      const entity = user(result, 'user:default/ann');
      expect(entity.metadata.description).toBeUndefined();
      expect(Object.keys(entity.metadata.annotations!)).toEqual([
        'backstage.io/managed-by-location',
        'backstage.io/managed-by-origin-location',
        'paycor.com/provider-id',
        'paycor.com/legal-entity-id',
        'paycor.com/employee-id',
      ]);
      expect(entity.metadata.labels).toBeUndefined();
      expect(entity.spec.memberOf).toEqual([ORG]);
    });

    it('falls back to the employee number, then the id, for the display name', async () => {
      const result = await transformAndCheck(
        makeInput({
          employees: [
            makeEmployee({
              id: 'e1',
              firstName: '',
              lastName: ' ',
              employeeNumber: '77',
              email: 'a@x.com',
            }),
            makeEmployee({
              id: 'e2',
              firstName: undefined,
              lastName: undefined,
              employeeNumber: undefined,
              email: 'b@x.com',
            }),
            makeEmployee({
              id: 'e3',
              firstName: ' Cher ',
              lastName: undefined,
              email: 'c@x.com',
            }),
          ],
        }),
      );
      expect(user(result, 'user:default/a').spec.profile?.displayName).toBe(
        '77',
      );
      expect(user(result, 'user:default/b').spec.profile?.displayName).toBe(
        'e2',
      );
      expect(user(result, 'user:default/c').spec.profile?.displayName).toBe(
        'Cher',
      );
    });

    it('uses the configured namespace everywhere', async () => {
      const result = await transformAndCheck(
        makeInput({
          config: { namespace: 'hr' },
          departments: [support],
          employees: [{ ...maria, departmentId: 'D1' }],
        }),
      );
      expect(refs(result)).toEqual([
        'group:hr/acme-corp',
        'group:hr/customer-support',
        'user:hr/maria.okafor',
      ]);
      expect(user(result, 'user:hr/maria.okafor').spec.memberOf).toEqual([
        'group:hr/customer-support',
      ]);
    });
  });

  describe('field mapping', () => {
    it('copies mapped fields into annotations and sanitised labels', async () => {
      const result = await transformAndCheck(
        makeInput({
          config: {
            fieldMapping: {
              annotations: {
                'paycor.com/job-code': 'positionData.jobCode',
                'example.com/cost-center': 'costCenter',
                'example.com/missing': 'nowhere',
                'paycor.com/employee-id': 'positionData.jobCode',
                'not a key!': 'positionData.jobCode',
              },
              labels: {
                'paycor.com/flsa': 'statusData.flsa',
                'example.com/team': 'team',
                'example.com/cjk': 'cjk',
                'example.com/blank': 'blank',
              },
            },
          },
          employees: [
            makeEmployee({
              id: 'e1',
              email: 'a@x.com',
              mapped: {
                'positionData.jobCode': ' SUP2 ',
                costCenter: 'CC 10/20',
                'statusData.flsa': 'Salary Exempt',
                team: '-Ops & Support-',
                cjk: '東京',
                blank: ' ',
              },
            }),
          ],
        }),
      );
      const entity = user(result, 'user:default/a');
      expect(entity.metadata.annotations).toMatchObject({
        'paycor.com/job-code': 'SUP2',
        'example.com/cost-center': 'CC 10/20',
        'paycor.com/employee-id': 'e1',
      });
      expect(entity.metadata.annotations).not.toHaveProperty(
        'example.com/missing',
      );
      expect(entity.metadata.annotations).not.toHaveProperty('not a key!');
      expect(entity.metadata.labels).toEqual({
        'example.com/team': 'Ops-Support',
        'paycor.com/flsa': 'Salary-Exempt',
      });
      expect(Object.keys(entity.metadata.labels!)).toEqual([
        'example.com/team',
        'paycor.com/flsa',
      ]);
    });
  });

  describe('organization', () => {
    it('uses organization.name and title from config', async () => {
      const result = await transformAndCheck(
        makeInput({
          config: { organization: { name: 'acme', title: 'ACME Inc.' } },
          employees: [maria],
        }),
      );
      const org = group(result, 'group:default/acme');
      expect(org.metadata.title).toBe('ACME Inc.');
      expect(org.spec.profile?.displayName).toBe('ACME Inc.');
    });

    it('normalises the legal entity name', async () => {
      const result = await transformAndCheck(
        makeInput({
          snapshot: { legalEntity: { id: 7, name: 'Müller & Söhne GmbH' } },
        }),
      );
      expect(refs(result)).toEqual(['group:default/muller-sohne-gmbh']);
      expect(result.entities[0].metadata.title).toBe('Müller & Söhne GmbH');
      expect(
        result.entities[0].metadata.annotations?.['paycor.com/legal-entity-id'],
      ).toBe('7');
    });

    it('falls back to paycor-<id> and a generic title', async () => {
      for (const name of [undefined, '株式会社']) {
        const result = await transformAndCheck(
          makeInput({
            snapshot: { legalEntity: { id: 42, ...(name ? { name } : {}) } },
          }),
        );
        expect(refs(result)).toEqual(['group:default/paycor-42']);
        expect(result.entities[0].metadata.title).toBe(
          name ?? 'Paycor legal entity 42',
        );
      }
    });

    it('hangs everything under organization.ref without emitting an org Group', async () => {
      const root = 'group:default/company';
      const result = await transformAndCheck(
        makeInput({
          config: { organization: { ref: 'Company' } },
          departments: [
            support,
            makeDepartment({ id: 'D9', code: '9', description: 'Company' }),
          ],
          employees: [
            { ...maria, departmentId: 'D1' },
            makeEmployee({
              id: 'e2',
              email: 'x@example.com',
              departmentId: undefined,
            }),
            makeEmployee({
              id: 'e3',
              email: 'y@example.com',
              departmentId: 'D9',
            }),
          ],
          external: makeExternal({ [root]: undefined }),
        }),
      );
      expect(refs(result).filter(r => r.startsWith('group:'))).toEqual([
        `group:default/company-${sha8('D9')}`,
        'group:default/customer-support',
      ]);
      const dept = group(result, 'group:default/customer-support');
      expect(dept.spec.parent).toBe(root);
      expect(dept.metadata.annotations?.['paycor.com/parent-source']).toBe(
        'organization',
      );
      expect(user(result, 'user:default/x').spec.memberOf).toEqual([root]);
      expect(result.stats.groups).toBe(2);
      expect(conflictsOf(result, 'name-collision')).toEqual([
        expect.objectContaining({
          subject: { kind: 'department', id: 'D9', label: 'Company' },
          entityRef: root,
        }),
      ]);
      expect(conflictsOf(result, 'name-collision')[0].message).toContain(
        'the root Group group:default/company',
      );
    });
  });

  describe('dating and status in the transform', () => {
    it('reads dates in the legal entity zone, config zone first, UTC for a bad zone', async () => {
      const leaving = makeEmployee({
        id: 'e1',
        email: 'a@x.com',
        terminationDate: '2024-06-30T00:00:00Z',
      });
      const now = '2024-06-30T03:30:00Z';
      const ny = transformSnapshot(makeInput({ employees: [leaving], now }));
      expect(ny.stats.users).toBe(1);
      const utc = transformSnapshot(
        makeInput({ employees: [leaving], now, config: { timeZone: 'UTC' } }),
      );
      expect(utc.stats).toMatchObject({
        users: 0,
        skippedByReason: { terminated: 1 },
      });
      const bad = transformSnapshot(
        makeInput({
          employees: [leaving],
          now,
          snapshot: {
            legalEntity: {
              id: 501123,
              name: 'Acme Corp',
              timeZone: 'Nowhere/Else',
            },
          },
        }),
      );
      expect(bad.stats.users).toBe(0);
    });

    it('counts every skip reason', async () => {
      const result = await transformAndCheck(
        makeInput({
          config: {
            onLeave: 'exclude',
            filters: { employmentTypes: ['Regular'] },
          },
          employees: [
            makeEmployee({ id: 'a', hireDate: '2030-01-01' }),
            makeEmployee({ id: 'b', terminationDate: '2020-01-01' }),
            makeEmployee({ id: 'c', status: 'ThirdPartyPayable' }),
            makeEmployee({ id: 'd', status: 'Fmla' }),
            makeEmployee({ id: 'e', employmentType: 'Seasonal' }),
            makeEmployee({ id: 'f' }),
            makeEmployee({ id: 'g', email: 'same@x.com' }),
            makeEmployee({ id: 'h', email: 'same@x.com' }),
            makeEmployee({ id: 'ok' }),
          ],
          exclusions: [{ kind: 'employee-id', value: 'f' }],
          snapshot: {
            invalid: [
              {
                resource: 'employee',
                id: 'broken',
                issues: [{ path: 'id', message: 'bad' }],
              },
              {
                resource: 'department',
                id: 'dx',
                issues: [{ path: 'code', message: 'bad' }],
              },
            ],
          },
        }),
      );
      expect(result.stats).toEqual({
        users: 2,
        groups: 1,
        skipped: 8,
        skippedByReason: {
          'not-yet-hired': 1,
          terminated: 1,
          status: 1,
          'on-leave': 1,
          filtered: 1,
          excluded: 1,
          invalid: 1,
          'duplicate-email': 1,
        },
      });
      expect(Object.keys(result.stats.skippedByReason)).toEqual([
        'not-yet-hired',
        'terminated',
        'status',
        'on-leave',
        'filtered',
        'excluded',
        'invalid',
        'duplicate-email',
      ]);
    });
  });

  describe('exclusions and filters', () => {
    it('excludes by config and admin rules, ids exact and emails case-insensitive', async () => {
      const result = await transformAndCheck(
        makeInput({
          config: {
            filters: { excludeEmployeeIds: ['e1'], excludeEmails: ['B@X.com'] },
          },
          employees: [
            makeEmployee({ id: 'e1', email: 'a@x.com' }),
            makeEmployee({ id: 'e2', email: 'b@x.com' }),
            makeEmployee({ id: 'e3', email: 'C@x.com' }),
            makeEmployee({ id: 'e4', email: 'd@x.com' }),
            makeEmployee({ id: 'e5', email: 'e@x.com' }),
          ],
          exclusions: [
            { kind: 'email', value: 'c@X.COM' },
            { kind: 'employee-id', value: 'e4' },
          ],
        }),
      );
      expect(refs(result)).toEqual([ORG, 'user:default/e']);
      expect(result.stats.skippedByReason).toEqual({ excluded: 4 });
    });

    it('drops departments the department filter rejects, and their people', async () => {
      const sales = makeDepartment({
        id: 'D5',
        code: '500',
        description: 'Sales',
      });
      const result = await transformAndCheck(
        makeInput({
          config: { filters: { departments: { exclude: ['500'] } } },
          departments: [support, tier2, sales],
          employees: [
            maria,
            makeEmployee({ id: 's1', email: 's1@x.com', departmentId: 'D5' }),
          ],
        }),
      );
      expect(refs(result)).not.toContain('group:default/sales');
      expect(result.departments.find(d => d.id === 'D5')).toMatchObject({
        state: 'filtered',
        memberCount: 0,
        paycorParentRef: ORG,
      });
      expect(
        result.departments.find(d => d.id === 'D5')?.entityRef,
      ).toBeUndefined();
      expect(result.stats.skippedByReason).toEqual({ filtered: 1 });
    });

    it('hangs an included department under the root when its ancestor is filtered', async () => {
      const result = await transformAndCheck(
        makeInput({
          config: { filters: { departments: { include: ['D2'] } } },
          departments: [support, tier2],
          employees: [
            maria,
            makeEmployee({ id: 'x', email: 'x@x.com', departmentId: 'D1' }),
          ],
        }),
      );
      expect(refs(result)).toEqual([
        ORG,
        'group:default/tier-2',
        'user:default/maria.okafor',
      ]);
      const placement = result.departments.find(d => d.id === 'D2')!;
      expect(placement).toMatchObject({
        paycorParentId: 'D1',
        paycorParentRef: ORG,
        effectiveParentRef: ORG,
      });
      expect(
        group(result, 'group:default/tier-2').metadata.annotations?.[
          'paycor.com/parent-source'
        ],
      ).toBe('organization');
    });
  });

  describe('departments', () => {
    const empty = makeDepartment({
      id: 'D7',
      code: '700',
      description: 'Empty Team',
    });

    it('skips empty departments by default and lists them as empty', async () => {
      const result = await transformAndCheck(
        makeInput({ departments: [support, tier2, empty], employees: [maria] }),
      );
      expect(refs(result)).not.toContain('group:default/empty-team');
      expect(
        result.departments.map(d => [d.name, d.state, d.memberCount]),
      ).toEqual([
        ['Customer Support', 'synced', 0],
        ['Empty Team', 'empty', 0],
        ['Tier 2', 'synced', 1],
      ]);
      expect(result.emission.groupNames).toEqual(
        new Map([
          ['D1', 'customer-support'],
          ['D2', 'tier-2'],
        ]),
      );
    });

    it('emits empty departments when emptyDepartments is include', async () => {
      const result = await transformAndCheck(
        makeInput({
          config: { emptyDepartments: 'include' },
          departments: [support, tier2, empty],
          employees: [],
        }),
      );
      expect(refs(result)).toEqual([
        ORG,
        'group:default/customer-support',
        'group:default/empty-team',
        'group:default/tier-2',
      ]);
      expect(result.departments.find(d => d.id === 'D7')).toMatchObject({
        state: 'empty',
        entityRef: 'group:default/empty-team',
        effectiveParentRef: ORG,
      });
    });

    it('uses the code, then the id, for the title', async () => {
      const result = await transformAndCheck(
        makeInput({
          config: { emptyDepartments: 'include' },
          departments: [
            makeDepartment({ id: 'DA', code: '42', description: ' ' }),
            makeDepartment({
              id: 'DB',
              code: undefined,
              description: undefined,
            }),
          ],
        }),
      );
      expect(group(result, 'group:default/dept-42').metadata.title).toBe('42');
      expect(group(result, 'group:default/db').metadata.title).toBe('DB');
      expect(
        group(result, 'group:default/db').metadata.annotations,
      ).not.toHaveProperty('paycor.com/department-code');
    });

    it('reports a cycle in Paycor data and breaks it', async () => {
      const a = makeDepartment({
        id: 'A',
        code: '1',
        description: 'Alpha',
        parentId: 'B',
      });
      const b = makeDepartment({
        id: 'B',
        code: '2',
        description: 'Beta',
        parentId: 'A',
      });
      const result = await transformAndCheck(
        makeInput({
          departments: [a, b],
          employees: [
            makeEmployee({ id: 'e1', email: 'e1@x.com', departmentId: 'B' }),
          ],
        }),
      );
      expect(group(result, 'group:default/beta').spec.parent).toBe(
        'group:default/alpha',
      );
      expect(group(result, 'group:default/alpha').spec.parent).toBe(ORG);
      expect(conflictsOf(result, 'invalid-record')).toEqual([
        expect.objectContaining({
          subject: { kind: 'department', id: 'A', label: 'Alpha' },
        }),
      ]);
      expect(conflictsOf(result, 'invalid-record')[0].message).toContain(
        '"Alpha" → "Beta" → "Alpha"',
      );
    });

    it('sorts placements by name then id', async () => {
      const result = await transformAndCheck(
        makeInput({
          config: { emptyDepartments: 'include' },
          departments: [
            makeDepartment({ id: 'Z', description: 'Same' }),
            makeDepartment({ id: 'A', description: 'Same' }),
            makeDepartment({ id: 'M', description: 'Earlier' }),
          ],
        }),
      );
      expect(result.departments.map(d => d.id)).toEqual(['M', 'A', 'Z']);
    });
  });

  describe('people conflicts', () => {
    it('reports synced employees without email and still emits them', async () => {
      const result = await transformAndCheck(
        makeInput({
          employees: [
            makeEmployee({
              id: 'e1',
              firstName: 'No',
              lastName: 'Mail',
              email: '  ',
              employeeNumber: '5',
            }),
            makeEmployee({
              id: 'e2',
              email: undefined,
              terminationDate: '2020-01-01',
            }),
          ],
        }),
      );
      expect(refs(result)).toContain('user:default/no.mail');
      expect(user(result, 'user:default/no.mail').spec.profile).toEqual({
        displayName: 'No Mail',
      });
      expect(conflictsOf(result, 'missing-email')).toEqual([
        {
          type: 'missing-email',
          subject: { kind: 'employee', id: 'e1', label: 'No Mail' },
          entityRef: 'user:default/no.mail',
          message: expect.stringContaining(
            'No Mail (employee #5) has no work email',
          ),
          resolution: expect.stringContaining('Add a work email'),
        },
      ]);
    });

    it('puts people of unknown departments under the root and reports them', async () => {
      const result = await transformAndCheck(
        makeInput({
          departments: [support],
          employees: [
            makeEmployee({ id: 'e1', email: 'a@x.com', departmentId: 'gone' }),
            makeEmployee({
              id: 'e2',
              email: 'b@x.com',
              departmentId: undefined,
            }),
          ],
        }),
      );
      expect(user(result, 'user:default/a').spec.memberOf).toEqual([ORG]);
      expect(user(result, 'user:default/b').spec.memberOf).toEqual([ORG]);
      expect(conflictsOf(result, 'unknown-department')).toEqual([
        expect.objectContaining({
          subject: expect.objectContaining({ id: 'e1' }),
          entityRef: 'user:default/a',
          message: expect.stringContaining('department gone'),
        }),
      ]);
    });

    describe('duplicate emails', () => {
      const first = makeEmployee({
        id: 'e-b',
        firstName: 'Ann',
        lastName: 'First',
        email: 'shared@example.com',
        hireDate: '2018-01-01',
      });
      const second = makeEmployee({
        id: 'e-a',
        firstName: 'Bob',
        lastName: 'Second',
        email: ' SHARED@example.com',
        hireDate: '2021-01-01',
      });

      it('keeps the earliest hire and skips the other with a conflict', async () => {
        const result = await transformAndCheck(
          makeInput({ employees: [first, second] }),
        );
        expect(refs(result)).toEqual([ORG, 'user:default/shared']);
        expect(
          user(result, 'user:default/shared').spec.profile?.displayName,
        ).toBe('Ann First');
        expect(result.stats.skippedByReason).toEqual({ 'duplicate-email': 1 });
        const [conflict] = conflictsOf(result, 'duplicate-email');
        expect(conflict).toMatchObject({
          subject: { kind: 'employee', id: 'e-a', label: 'Bob Second' },
          entityRef: 'user:default/shared',
        });
        expect(conflict.message).toContain('Bob Second');
        expect(conflict.message).toContain('Ann First');
        expect(conflict.message).toContain('SHARED@example.com');
        expect(conflict.resolution).toContain('Exclusions tab');
        expect(conflict.resolution).toContain('Paycor');
      });

      it('keeps the person who already had a User (stickiness)', async () => {
        const result = await transformAndCheck(
          makeInput({
            employees: [first, second],
            previous: makePrevious({ 'e-a': 'shared' }),
          }),
        );
        expect(
          user(result, 'user:default/shared').spec.profile?.displayName,
        ).toBe('Bob Second');
        expect(conflictsOf(result, 'duplicate-email')[0].subject.id).toBe(
          'e-b',
        );
      });

      it('falls back to the lowest id on equal hire dates', async () => {
        const result = await transformAndCheck(
          makeInput({
            employees: [first, { ...second, hireDate: first.hireDate }],
          }),
        );
        expect(
          user(result, 'user:default/shared').spec.profile?.displayName,
        ).toBe('Bob Second');
      });

      it('ignores people who were skipped anyway', async () => {
        const result = await transformAndCheck(
          makeInput({
            employees: [first, { ...second, terminationDate: '2022-01-01' }],
          }),
        );
        expect(conflictsOf(result, 'duplicate-email')).toEqual([]);
      });
    });

    describe('invalid and stale records', () => {
      it('reports invalid records with their field paths', async () => {
        const result = await transformAndCheck(
          makeInput({
            snapshot: {
              invalid: [
                {
                  resource: 'employee',
                  id: 'e9',
                  label: 'Zed Zulu',
                  issues: [
                    { path: 'email.emailAddress', message: 'Invalid email' },
                    {
                      path: 'employmentDateData.hireDate',
                      message: 'Invalid date',
                    },
                  ],
                },
                {
                  resource: 'department',
                  issues: [{ path: 'id', message: 'Required' }],
                },
              ],
            },
          }),
        );
        const conflicts = conflictsOf(result, 'invalid-record');
        expect(conflicts).toHaveLength(2);
        const employee = conflicts.find(c => c.subject.id === 'e9')!;
        expect(employee.subject).toEqual({
          kind: 'employee',
          id: 'e9',
          label: 'Zed Zulu',
        });
        expect(employee.message).toContain('email.emailAddress: Invalid email');
        expect(employee.message).toContain(
          'employmentDateData.hireDate: Invalid date',
        );
        expect(employee.message).toContain('not synced');
        const department = conflicts.find(
          c => c.subject.kind === 'department',
        )!;
        expect(department.subject.id).toMatch(/^unidentified-[0-9a-f]{8}$/);
        expect(result.stats.skippedByReason).toEqual({ invalid: 1 });
      });

      it('keeps a stale employee and says so, merged with the invalid record', async () => {
        const stale = makeEmployee({
          id: 'e9',
          email: 'zed@x.com',
          staleSince: '2024-06-01T10:00:00.000Z',
        });
        const result = await transformAndCheck(
          makeInput({
            employees: [stale],
            snapshot: {
              invalid: [
                {
                  resource: 'employee',
                  id: 'e9',
                  issues: [{ path: 'lastName', message: 'Required' }],
                },
              ],
            },
          }),
        );
        expect(refs(result)).toContain('user:default/zed');
        const conflicts = conflictsOf(result, 'invalid-record');
        expect(conflicts).toHaveLength(1);
        expect(conflicts[0]).toMatchObject({ entityRef: 'user:default/zed' });
        expect(conflicts[0].message).toContain('lastName: Required');
        expect(conflicts[0].message).toContain(
          'last good data from 2024-06-01 10:00 UTC is kept',
        );
        expect(result.stats.skipped).toBe(0);
      });

      it('reports a stale employee without an invalid entry', async () => {
        const stale = makeEmployee({
          id: 'e9',
          email: 'zed@x.com',
          staleSince: '2024-06-01T10:00:00Z',
        });
        const result = await transformAndCheck(
          makeInput({ employees: [stale] }),
        );
        expect(conflictsOf(result, 'invalid-record')).toEqual([
          expect.objectContaining({
            subject: expect.objectContaining({ kind: 'employee', id: 'e9' }),
            entityRef: 'user:default/zed',
            message: expect.stringContaining(
              'last good data from 2024-06-01 10:00 UTC',
            ),
          }),
        ]);
      });
    });
  });

  describe('name collisions', () => {
    it('lets the earliest hire keep a User name; the other gets a hash suffix', async () => {
      const older = makeEmployee({
        id: 'e2',
        firstName: 'John',
        lastName: 'Smith',
        email: 'john.smith@a.com',
        hireDate: '2010-01-01',
      });
      const newer = makeEmployee({
        id: 'e1',
        firstName: 'John',
        lastName: 'Smith',
        email: 'John.Smith@b.com',
        hireDate: '2020-01-01',
      });
      const result = await transformAndCheck(
        makeInput({ employees: [newer, older] }),
      );
      expect(
        user(result, 'user:default/john.smith').metadata.annotations?.[
          'paycor.com/employee-id'
        ],
      ).toBe('e2');
      const loser = `user:default/john.smith-${sha8('e1')}`;
      expect(
        user(result, loser).metadata.annotations?.['paycor.com/employee-id'],
      ).toBe('e1');
      expect(conflictsOf(result, 'name-collision')).toEqual([
        expect.objectContaining({
          subject: expect.objectContaining({ kind: 'employee', id: 'e1' }),
          entityRef: 'user:default/john.smith',
          message: expect.stringContaining(loser),
        }),
      ]);
      expect(result.emission.userNames.get('e1')).toBe(
        `john.smith-${sha8('e1')}`,
      );
    });

    it('falls back to the lowest id on equal hire dates', async () => {
      const a = makeEmployee({
        id: 'e2',
        email: 'sam@a.com',
        hireDate: '2010-01-01',
      });
      const b = makeEmployee({
        id: 'e1',
        email: 'sam@b.com',
        hireDate: '2010-01-01',
      });
      const result = await transformAndCheck(makeInput({ employees: [a, b] }));
      expect(result.emission.userNames.get('e1')).toBe('sam');
    });

    it('never lets a newcomer take an existing name', async () => {
      const veteran = makeEmployee({
        id: 'e1',
        email: 'sam@a.com',
        hireDate: '2010-01-01',
      });
      const holder = makeEmployee({
        id: 'e9',
        email: 'sam@b.com',
        hireDate: '2015-01-01',
      });
      const result = await transformAndCheck(
        makeInput({
          employees: [veteran, holder],
          previous: makePrevious({ e9: 'sam' }),
        }),
      );
      expect(result.emission.userNames.get('e9')).toBe('sam');
      expect(result.emission.userNames.get('e1')).toBe(`sam-${sha8('e1')}`);
    });

    it('orders departments by level, then code, then id', async () => {
      const config = { emptyDepartments: 'include' as const };
      const deep = makeDepartment({
        id: 'A',
        code: '1',
        description: 'Ops',
        level: 4,
      });
      const shallow = makeDepartment({
        id: 'B',
        code: '99',
        description: 'Ops',
        level: 2,
      });
      const r1 = await transformAndCheck(
        makeInput({ config, departments: [deep, shallow] }),
      );
      expect(r1.emission.groupNames.get('B')).toBe('ops');
      expect(r1.emission.groupNames.get('A')).toBe(`ops-${sha8('A')}`);

      const low = makeDepartment({ id: 'Z', code: '9', description: 'Ops' });
      const high = makeDepartment({ id: 'Y', code: '10', description: 'Ops' });
      const r2 = await transformAndCheck(
        makeInput({ config, departments: [high, low] }),
      );
      expect(r2.emission.groupNames.get('Z')).toBe('ops');

      const n1 = makeDepartment({
        id: 'N2',
        code: undefined,
        description: 'Ops',
      });
      const n2 = makeDepartment({
        id: 'N1',
        code: undefined,
        description: 'Ops',
      });
      const r3 = await transformAndCheck(
        makeInput({ config, departments: [n1, n2] }),
      );
      expect(r3.emission.groupNames.get('N1')).toBe('ops');
      const conflict = conflictsOf(r3, 'name-collision')[0];
      expect(conflict).toMatchObject({
        subject: { kind: 'department', id: 'N2', label: 'Ops' },
        entityRef: 'group:default/ops',
      });
      expect(conflict.message).toContain(
        'the department "Ops" (group:default/ops)',
      );
    });

    it('keeps a department name with the department that held it', async () => {
      const config = { emptyDepartments: 'include' as const };
      const result = await transformAndCheck(
        makeInput({
          config,
          departments: [
            makeDepartment({ id: 'A', code: '1', description: 'Ops' }),
            makeDepartment({ id: 'B', code: '2', description: 'Ops' }),
          ],
          previous: makePrevious({}, { B: 'ops' }),
        }),
      );
      expect(result.emission.groupNames.get('B')).toBe('ops');
    });

    it('never gives a department the org or an admin Group name', async () => {
      const result = await transformAndCheck(
        makeInput({
          config: { emptyDepartments: 'include' },
          departments: [
            makeDepartment({ id: 'A', code: '1', description: 'Acme Corp' }),
            makeDepartment({ id: 'B', code: '2', description: 'Platform' }),
          ],
          adminGroups: [{ name: 'platform', title: 'Platform', type: 'team' }],
          previous: makePrevious({}, { A: 'acme-corp', B: 'platform' }),
        }),
      );
      expect(result.emission.groupNames).toEqual(
        new Map([
          ['A', `acme-corp-${sha8('A')}`],
          ['B', `platform-${sha8('B')}`],
        ]),
      );
      const conflicts = conflictsOf(result, 'name-collision');
      expect(conflicts.map(c => [c.subject.id, c.entityRef])).toEqual([
        ['A', ORG],
        ['B', 'group:default/platform'],
      ]);
      expect(conflicts[0].message).toContain('the organization Group');
      expect(conflicts[1].message).toContain('the admin Group "Platform"');
      expect(conflicts[1].resolution).toContain('groupNaming.prefix');
    });
  });

  describe('admin groups', () => {
    const platform = {
      name: 'platform',
      title: 'Platform',
      description: 'Everything infrastructure',
      type: 'business-unit',
    };

    it('emits admin Groups under the root by default', async () => {
      const result = await transformAndCheck(
        makeInput({ adminGroups: [platform] }),
      );
      const entity = group(result, 'group:default/platform');
      expect(JSON.stringify(entity)).toBe(
        JSON.stringify({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: {
            name: 'platform',
            namespace: 'default',
            title: 'Platform',
            description: 'Everything infrastructure',
            annotations: {
              'backstage.io/managed-by-location':
                'paycor:acme/admin-groups/platform',
              'backstage.io/managed-by-origin-location':
                'paycor:acme/admin-groups/platform',
              'paycor.com/provider-id': 'acme',
              'paycor.com/legal-entity-id': '501123',
              'paycor.com/admin-group': 'true',
            },
          },
          spec: {
            type: 'business-unit',
            profile: { displayName: 'Platform' },
            parent: ORG,
            children: [],
          },
        }),
      );
      expect(group(result, ORG).spec.children).toEqual([
        'group:default/platform',
      ]);
      expect(result.stats.groups).toBe(2);
    });

    it('uses a parent that is one of our Groups or an external one', async () => {
      const result = await transformAndCheck(
        makeInput({
          departments: [support],
          employees: [{ ...maria, departmentId: 'D1', managerId: undefined }],
          adminGroups: [
            { ...platform, parentRef: 'group:default/customer-support' },
            {
              name: 'guild',
              title: 'Guild',
              type: 'team',
              parentRef: 'group:default/ext',
            },
          ],
          external: makeExternal({ 'group:default/ext': undefined }),
        }),
      );
      expect(group(result, 'group:default/platform').spec.parent).toBe(
        'group:default/customer-support',
      );
      expect(
        group(result, 'group:default/customer-support').spec.children,
      ).toEqual(['group:default/platform']);
      expect(group(result, 'group:default/guild').spec.parent).toBe(
        'group:default/ext',
      );
      expect(result.conflicts).toEqual([]);
    });

    it('falls back to the root for a missing parent, with a conflict', async () => {
      const result = await transformAndCheck(
        makeInput({
          adminGroups: [{ ...platform, parentRef: 'group:default/ghost' }],
        }),
      );
      expect(group(result, 'group:default/platform').spec.parent).toBe(ORG);
      expect(result.conflicts).toEqual([
        expect.objectContaining({
          type: 'rehome-target-missing',
          subject: {
            kind: 'entity',
            id: 'group:default/platform',
            label: 'Platform',
          },
          entityRef: 'group:default/platform',
          message: expect.stringContaining('group:default/ghost'),
        }),
      ]);
    });

    it('refuses the later of two admin Groups parented to each other', async () => {
      const result = await transformAndCheck(
        makeInput({
          adminGroups: [
            {
              name: 'b',
              title: 'B',
              type: 'team',
              parentRef: 'group:default/a',
            },
            {
              name: 'a',
              title: 'A',
              type: 'team',
              parentRef: 'group:default/b',
            },
          ],
        }),
      );
      expect(group(result, 'group:default/a').spec.parent).toBe(
        'group:default/b',
      );
      expect(group(result, 'group:default/b').spec.parent).toBe(ORG);
      expect(result.conflicts.map(c => [c.type, c.subject.id])).toEqual([
        ['rehome-cycle', 'group:default/b'],
      ]);
    });

    it('does not emit an admin Group that takes the org name, or a duplicate', async () => {
      const result = await transformAndCheck(
        makeInput({
          adminGroups: [
            { name: 'acme-corp', title: 'Clash', type: 'team' },
            { name: 'team', title: 'Team 1', type: 'team' },
            { name: 'Team', title: 'Team 2', type: 'team' },
            { name: '東京', title: 'Tokyo', type: '' },
          ],
        }),
      );
      expect(refs(result)).toEqual([ORG, 'group:default/team']);
      expect(group(result, ORG).metadata.title).toBe('Acme Corp');
      expect(result.conflicts.map(c => [c.type, c.subject.id])).toEqual([
        ['name-collision', 'group:default/acme-corp'],
        ['name-collision', 'group:default/team'],
        ['name-collision', 'group:default/東京'],
      ]);
    });

    it('defaults a blank type and title', async () => {
      const result = await transformAndCheck(
        makeInput({ adminGroups: [{ name: 'ops', title: ' ', type: ' ' }] }),
      );
      expect(group(result, 'group:default/ops').spec.type).toBe('team');
      expect(group(result, 'group:default/ops').metadata.title).toBe('ops');
    });
  });

  describe('re-homing overrides', () => {
    const eng = makeDepartment({
      id: 'E',
      code: '100',
      description: 'Engineering',
    });
    const plat = makeDepartment({
      id: 'P',
      code: '110',
      description: 'Platform Eng',
      parentId: 'E',
      level: 3,
    });
    const sre = makeDepartment({
      id: 'S',
      code: '111',
      description: 'SRE',
      parentId: 'P',
      level: 4,
    });
    const sales = makeDepartment({
      id: 'X',
      code: '200',
      description: 'Sales',
    });
    const people = [
      makeEmployee({ id: 'u1', email: 'u1@x.com', departmentId: 'S' }),
      makeEmployee({ id: 'u2', email: 'u2@x.com', departmentId: 'X' }),
    ];
    const departments = [eng, plat, sre, sales];
    const ENG = 'group:default/engineering';
    const PLAT = 'group:default/platform-eng';
    const SRE = 'group:default/sre';
    const SALES = 'group:default/sales';

    function placement(result: TransformResult, id: string) {
      return result.departments.find(d => d.id === id)!;
    }

    it('moves a department under another of our Groups', async () => {
      const result = await transformAndCheck(
        makeInput({
          departments,
          employees: people,
          overrides: [{ departmentId: 'S', parentRef: SALES, source: 'api' }],
        }),
      );
      const sreGroup = group(result, SRE);
      expect(sreGroup.spec.parent).toBe(SALES);
      expect(sreGroup.metadata.annotations).toMatchObject({
        'paycor.com/parent-source': 'override',
        'paycor.com/paycor-parent': PLAT,
      });
      expect(group(result, SALES).spec.children).toEqual([SRE]);
      expect(group(result, PLAT).spec.children).toEqual([]);
      expect(placement(result, 'S')).toMatchObject({
        paycorParentRef: PLAT,
        effectiveParentRef: SALES,
        override: { departmentId: 'S', parentRef: SALES, source: 'api' },
      });
      expect(placement(result, 'S').overrideProblem).toBeUndefined();
      expect(result.conflicts).toEqual([]);
    });

    it('moves a department under an admin Group or the org', async () => {
      const result = await transformAndCheck(
        makeInput({
          departments,
          employees: people,
          adminGroups: [
            { name: 'tech', title: 'Technology', type: 'division' },
          ],
          overrides: [
            {
              departmentId: 'E',
              parentRef: 'group:default/tech',
              source: 'api',
            },
            { departmentId: 'S', parentRef: ORG, source: 'api' },
          ],
        }),
      );
      expect(group(result, ENG).spec.parent).toBe('group:default/tech');
      expect(group(result, 'group:default/tech').spec.children).toEqual([ENG]);
      expect(group(result, SRE).spec.parent).toBe(ORG);
      expect(
        group(result, SRE).metadata.annotations?.['paycor.com/parent-source'],
      ).toBe('override');
      expect(group(result, ORG).spec.children).toEqual([
        SALES,
        SRE,
        'group:default/tech',
      ]);
    });

    it('moves a department under an external Group, accepting loose ref forms', async () => {
      const result = await transformAndCheck(
        makeInput({
          departments,
          employees: people,
          overrides: [
            { departmentId: 'E', parentRef: 'Default/R-And-D', source: 'api' },
          ],
          external: makeExternal({
            'group:default/r-and-d': 'group:default/company',
          }),
        }),
      );
      expect(group(result, ENG).spec.parent).toBe('group:default/r-and-d');
      expect(
        group(result, ENG).metadata.annotations?.['paycor.com/paycor-parent'],
      ).toBe(ORG);
    });

    it('keeps the Paycor parent when the target is missing', async () => {
      const result = await transformAndCheck(
        makeInput({
          departments,
          employees: people,
          overrides: [
            {
              departmentId: 'S',
              parentRef: 'group:default/ghost',
              source: 'config',
            },
          ],
        }),
      );
      expect(group(result, SRE).spec.parent).toBe(PLAT);
      expect(
        group(result, SRE).metadata.annotations?.['paycor.com/parent-source'],
      ).toBe('paycor');
      expect(group(result, SRE).metadata.annotations).not.toHaveProperty(
        'paycor.com/paycor-parent',
      );
      expect(placement(result, 'S')).toMatchObject({
        overrideProblem: 'target-missing',
        effectiveParentRef: PLAT,
      });
      const [conflict] = result.conflicts;
      expect(conflict).toMatchObject({
        type: 'rehome-target-missing',
        subject: { kind: 'department', id: 'S', label: 'SRE' },
        entityRef: SRE,
      });
      expect(conflict.message).toContain('group:default/ghost');
      expect(conflict.message).toContain(`stays under ${PLAT}`);
      expect(conflict.resolution).toContain('departmentParents');
    });

    it('refuses the department itself as parent', async () => {
      const result = await transformAndCheck(
        makeInput({
          departments,
          employees: people,
          overrides: [{ departmentId: 'E', parentRef: ENG, source: 'api' }],
        }),
      );
      expect(group(result, ENG).spec.parent).toBe(ORG);
      expect(placement(result, 'E').overrideProblem).toBe('cycle');
      expect(result.conflicts[0]).toMatchObject({
        type: 'rehome-cycle',
        subject: { id: 'E' },
      });
      expect(result.conflicts[0].resolution).toContain('Departments tab');
    });

    it('refuses a descendant as parent', async () => {
      const result = await transformAndCheck(
        makeInput({
          departments,
          employees: people,
          overrides: [{ departmentId: 'E', parentRef: SRE, source: 'api' }],
        }),
      );
      expect(group(result, ENG).spec.parent).toBe(ORG);
      expect(result.conflicts).toEqual([
        expect.objectContaining({
          type: 'rehome-cycle',
          message: expect.stringContaining(`${SRE} → ${PLAT} → ${ENG}`),
        }),
      ]);
    });

    it('refuses a cycle through an external Group', async () => {
      const result = await transformAndCheck(
        makeInput({
          departments,
          employees: people,
          overrides: [
            {
              departmentId: 'E',
              parentRef: 'group:default/ext',
              source: 'api',
            },
          ],
          external: makeExternal({ 'group:default/ext': PLAT }),
        }),
      );
      expect(group(result, ENG).spec.parent).toBe(ORG);
      expect(placement(result, 'E').overrideProblem).toBe('cycle');
    });

    it('refuses the later of two mutually cyclic overrides', async () => {
      const result = await transformAndCheck(
        makeInput({
          departments,
          employees: people,
          overrides: [
            { departmentId: 'X', parentRef: ENG, source: 'api' },
            { departmentId: 'E', parentRef: SALES, source: 'api' },
          ],
        }),
      );
      expect(group(result, ENG).spec.parent).toBe(SALES);
      expect(group(result, SALES).spec.parent).toBe(ORG);
      expect(placement(result, 'X').overrideProblem).toBe('cycle');
      expect(placement(result, 'E').overrideProblem).toBeUndefined();
      expect(result.conflicts.map(c => [c.type, c.subject.id])).toEqual([
        ['rehome-cycle', 'X'],
      ]);
    });

    it('prefers an api override over a config one', async () => {
      const result = await transformAndCheck(
        makeInput({
          departments,
          employees: people,
          config: { departmentParents: { '111': ENG } },
          overrides: [
            { departmentId: 'S', parentRef: SALES, source: 'api' },
            { departmentId: 'S', parentRef: ORG, source: 'config' },
          ],
        }),
      );
      expect(group(result, SRE).spec.parent).toBe(SALES);
      expect(placement(result, 'S').override?.source).toBe('api');
    });

    it('applies departmentParents from config by code or id', async () => {
      const result = await transformAndCheck(
        makeInput({
          departments,
          employees: people,
          config: { departmentParents: { '111': SALES, E: SALES } },
        }),
      );
      expect(group(result, SRE).spec.parent).toBe(SALES);
      expect(group(result, ENG).spec.parent).toBe(SALES);
      expect(placement(result, 'S').override).toEqual({
        departmentId: 'S',
        parentRef: SALES,
        source: 'config',
      });
    });

    it('keeps overrides of departments that are not emitted, without conflicts', async () => {
      const result = await transformAndCheck(
        makeInput({
          departments: [
            ...departments,
            makeDepartment({ id: 'Q', description: 'Quiet' }),
          ],
          employees: people,
          overrides: [
            {
              departmentId: 'Q',
              parentRef: 'group:default/ghost',
              source: 'api',
            },
          ],
        }),
      );
      expect(placement(result, 'Q')).toEqual({
        id: 'Q',
        name: 'Quiet',
        level: 2,
        paycorParentRef: ORG,
        memberCount: 0,
        state: 'empty',
        override: {
          departmentId: 'Q',
          parentRef: 'group:default/ghost',
          source: 'api',
        },
      });
      expect(result.conflicts).toEqual([]);
    });

    it('uses the same paycor-parent annotation semantics when the override equals the Paycor parent', async () => {
      const result = await transformAndCheck(
        makeInput({
          departments,
          employees: people,
          overrides: [{ departmentId: 'S', parentRef: PLAT, source: 'api' }],
        }),
      );
      expect(
        group(result, SRE).metadata.annotations?.['paycor.com/parent-source'],
      ).toBe('override');
      expect(group(result, SRE).metadata.annotations).not.toHaveProperty(
        'paycor.com/paycor-parent',
      );
    });
  });

  describe('robustness', () => {
    it('keeps the first record of a repeated employee id', async () => {
      const result = await transformAndCheck(
        makeInput({
          employees: [
            makeEmployee({ id: 'e1', email: 'first@x.com' }),
            makeEmployee({ id: 'e1', email: 'second@x.com' }),
          ],
        }),
      );
      expect(refs(result)).toEqual([ORG, 'user:default/first']);
    });

    it('merges conflicts about the same subject into one', async () => {
      const record = {
        resource: 'employee' as const,
        id: 'e9',
        issues: [{ path: 'email', message: 'Invalid email' }],
      };
      const result = await transformAndCheck(
        makeInput({
          snapshot: {
            invalid: [
              record,
              record,
              {
                ...record,
                issues: [{ path: 'hireDate', message: 'Invalid date' }],
              },
            ],
          },
        }),
      );
      const conflicts = conflictsOf(result, 'invalid-record');
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0].message).toContain('email: Invalid email');
      expect(conflicts[0].message).toContain('hireDate: Invalid date');
      expect(conflicts[0].message.match(/email: Invalid email/g)).toHaveLength(
        1,
      );
    });

    it('shows an unparseable staleSince as it is', async () => {
      const result = await transformAndCheck(
        makeInput({
          employees: [
            makeEmployee({
              id: 'e1',
              email: 'a@x.com',
              staleSince: 'yesterday',
            }),
          ],
        }),
      );
      expect(result.conflicts[0].message).toContain('from yesterday is kept');
    });

    it('lets departments use the name of a root Group in another namespace', async () => {
      const result = await transformAndCheck(
        makeInput({
          config: { organization: { ref: 'group:corp/support' } },
          departments: [makeDepartment({ id: 'D1', description: 'Support' })],
          employees: [
            makeEmployee({ id: 'e1', email: 'a@x.com', departmentId: 'D1' }),
          ],
          external: makeExternal({ 'group:corp/support': undefined }),
        }),
      );
      expect(group(result, 'group:default/support').spec.parent).toBe(
        'group:corp/support',
      );
      expect(result.conflicts).toEqual([]);
    });

    it('normalises admin Group names and reports a parent that is not a Group ref', async () => {
      const result = await transformAndCheck(
        makeInput({
          adminGroups: [
            {
              name: 'Platform Team',
              title: 'Platform Team',
              type: 'team',
              parentRef: 'user:default/maria',
            },
          ],
        }),
      );
      expect(group(result, 'group:default/platform-team').spec.parent).toBe(
        ORG,
      );
      expect(result.conflicts[0]).toMatchObject({
        type: 'rehome-target-missing',
        message: expect.stringContaining('has the parent user:default/maria'),
      });
    });

    it('tolerates nulls from a snapshot stored as JSON', async () => {
      const nullish = JSON.parse(
        JSON.stringify({
          id: 'e1',
          email: 'a@x.com',
          firstName: 'Ann',
          lastName: null,
          departmentId: null,
          workLocation: null,
          status: null,
          hireDate: null,
          terminationDate: null,
          mapped: null,
          staleSince: null,
        }),
      );
      const result = await transformAndCheck(
        makeInput({
          config: { emptyDepartments: 'include' },
          employees: [nullish],
          departments: [
            JSON.parse(
              JSON.stringify({
                id: 'D1',
                code: null,
                description: 'Ops',
                parentId: null,
                level: null,
              }),
            ),
            makeDepartment({ id: 'D2', description: 'Ops' }),
          ],
        }),
      );
      expect(user(result, 'user:default/a').spec.profile?.displayName).toBe(
        'Ann',
      );
      expect(result.emission.groupNames.get('D2')).toBe('ops');
      expect(result.departments.find(d => d.id === 'D1')).not.toHaveProperty(
        'level',
      );
    });
  });

  describe('determinism', () => {
    const departments = [
      makeDepartment({ id: 'E', code: '100', description: 'Engineering' }),
      makeDepartment({
        id: 'P',
        code: '110',
        description: 'Platform',
        parentId: 'E',
        level: 3,
      }),
      makeDepartment({
        id: 'P2',
        code: '112',
        description: 'Platform',
        parentId: 'E',
        level: 3,
      }),
      makeDepartment({ id: 'S', code: '200', description: 'Sales' }),
      makeDepartment({
        id: 'C1',
        code: '300',
        description: 'Loop',
        parentId: 'C2',
      }),
      makeDepartment({
        id: 'C2',
        code: '301',
        description: 'Loop Two',
        parentId: 'C1',
      }),
    ];
    const employees = [
      makeEmployee({
        id: 'u1',
        email: 'sam@a.com',
        departmentId: 'P',
        hireDate: '2015-01-01',
      }),
      makeEmployee({
        id: 'u2',
        email: 'sam@b.com',
        departmentId: 'P2',
        hireDate: '2015-01-01',
      }),
      makeEmployee({ id: 'u3', email: 'dup@x.com', departmentId: 'S' }),
      makeEmployee({ id: 'u4', email: 'DUP@x.com', departmentId: 'S' }),
      makeEmployee({ id: 'u5', email: undefined, departmentId: 'gone' }),
      makeEmployee({ id: 'u6', email: 'c@x.com', departmentId: 'C2' }),
      makeEmployee({
        id: 'u7',
        email: 'l@x.com',
        status: 'LeaveWithPay',
        departmentId: 'E',
      }),
      makeEmployee({
        id: 'u8',
        email: 't@x.com',
        terminationDate: '2020-01-01',
      }),
    ];
    const input = (seed: number) =>
      makeInput({
        departments: shuffled(departments, seed),
        employees: shuffled(employees, seed + 1),
        overrides: shuffled(
          [
            {
              departmentId: 'S',
              parentRef: 'group:default/engineering',
              source: 'api' as const,
            },
            {
              departmentId: 'E',
              parentRef: 'group:default/sales',
              source: 'api' as const,
            },
            {
              departmentId: 'P',
              parentRef: 'group:default/ghost',
              source: 'config' as const,
            },
          ],
          seed + 2,
        ),
        adminGroups: shuffled(
          [
            { name: 'guild', title: 'Guild', type: 'team' },
            {
              name: 'chapter',
              title: 'Chapter',
              type: 'team',
              parentRef: 'group:default/guild',
            },
          ],
          seed + 3,
        ),
        exclusions: [],
        snapshot: {
          invalid: shuffled(
            [
              {
                resource: 'employee' as const,
                id: 'bad1',
                issues: [{ path: 'id', message: 'x' }],
              },
              {
                resource: 'department' as const,
                issues: [{ path: 'id', message: 'y' }],
              },
            ],
            seed + 4,
          ),
        },
      });
    const serialise = (r: TransformResult) =>
      JSON.stringify(r, (_k, v) => (v instanceof Map ? [...v.entries()] : v));

    it('gives identical output for shuffled input', async () => {
      const reference = await transformAndCheck(input(1));
      expect(reference.conflicts.length).toBeGreaterThan(4);
      for (const seed of [2, 3, 4, 5, 6]) {
        expect(serialise(transformSnapshot(input(seed)))).toBe(
          serialise(reference),
        );
      }
    });

    it('sorts conflicts by type, then subject id', async () => {
      const result = transformSnapshot(input(1));
      const keys = result.conflicts.map(c => `${c.type}|${c.subject.id}`);
      expect(keys).toEqual([...keys].sort());
    });

    it('does not mutate its input', () => {
      const i = input(1);
      const before = JSON.stringify(i, (_k, v) =>
        v instanceof Map || v instanceof Set ? [...v] : v,
      );
      transformSnapshot(i);
      expect(
        JSON.stringify(i, (_k, v) =>
          v instanceof Map || v instanceof Set ? [...v] : v,
        ),
      ).toBe(before);
    });
  });
});

describe('transformSnapshot: NUL characters in Paycor data', () => {
  it('emits no NUL anywhere in any entity (PostgreSQL cannot hold it)', async () => {
    // Names treat a NUL like any other character a name cannot have (a
    // separator); titles and annotations drop it.
    const nul = (s: string) => s.split('').join('\u0000');
    const result = await transformAndCheck(
      makeInput({
        snapshot: { legalEntity: { id: 501123, name: 'Acme\u0000 Corp' } },
        departments: [
          makeDepartment({
            id: 'D1',
            code: '110',
            description: 'Support\u0000',
          }),
          makeDepartment({
            id: 'D\u00002',
            code: '1\u000011',
            description: 'Tier\u0000 2',
            parentId: 'D1',
            level: 3,
          }),
        ],
        employees: [
          makeEmployee({
            id: 'e\u00001',
            employeeNumber: '1\u0000042',
            firstName: nul('Maria'),
            lastName: 'Okafor\u0000',
            email: 'maria.okafor\u0000@example.com',
            departmentId: 'D\u00002',
            jobTitle: nul('Team Lead'),
            workLocation: { id: 'L\u00001', name: 'HQ\u0000' },
            managerId: 'e\u0000-boss',
            mapped: { 'positionData.jobCode': 'J\u0000C' },
          }),
        ],
        adminGroups: [
          {
            name: 'guild',
            title: 'Gu\u0000ild',
            description: '\u0000',
            type: 'team',
          },
        ],
        config: {
          fieldMapping: {
            annotations: { 'example.com/job-code': 'positionData.jobCode' },
            labels: {},
          },
        },
      }),
    );
    for (const entity of result.entities) {
      // JSON.stringify writes a NUL as the escape \u0000
      expect({
        ref: entity.metadata.name,
        hasNul: JSON.stringify(entity).includes('\\u0000'),
      }).toEqual({ ref: entity.metadata.name, hasNul: false });
    }
    expect(refs(result)).toEqual([
      ORG,
      'group:default/guild',
      'group:default/support',
      'group:default/tier-2',
      'user:default/maria.okafor',
    ]);
    expect(group(result, ORG).metadata.title).toBe('Acme Corp');
    expect(group(result, 'group:default/support').metadata.title).toBe(
      'Support',
    );
    expect(group(result, 'group:default/tier-2').metadata.title).toBe('Tier 2');
    expect(group(result, 'group:default/guild').metadata.title).toBe('Guild');
    const person = user(result, 'user:default/maria.okafor');
    expect(person.spec.profile).toEqual({
      displayName: 'Maria Okafor',
      email: 'maria.okafor@example.com',
    });
    expect(person.spec.memberOf).toEqual(['group:default/tier-2']);
    expect(person.metadata.description).toBe('Team Lead');
    expect(person.metadata.annotations?.['example.com/job-code']).toBe('JC');
  });
});
