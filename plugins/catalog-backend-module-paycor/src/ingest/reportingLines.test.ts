import { GroupEntity, UserEntity } from '@backstage/catalog-model';
import { PAYCOR_ANNOTATIONS } from '@paycor-backstage/plugin-paycor-common';
import {
  makeDepartment,
  makeEmployee,
  makeInput,
  shuffled,
} from './__testUtils__/builders';
import { entityByRef, transformAndCheck } from './__testUtils__/validation';
import { transformSnapshot } from './transform';
import { PaycorEmployeeRecord, TransformResult } from './types';

const A = PAYCOR_ANNOTATIONS;
const eng = makeDepartment({
  id: 'D1',
  code: '100',
  description: 'Engineering',
});
const web = makeDepartment({
  id: 'D2',
  code: '110',
  description: 'Web',
  parentId: 'D1',
  level: 3,
});

function person(
  id: string,
  firstName: string,
  extra: Partial<PaycorEmployeeRecord> = {},
): PaycorEmployeeRecord {
  return makeEmployee({
    id,
    firstName,
    lastName: 'Lee',
    email: `${firstName.toLowerCase()}@example.com`,
    departmentId: 'D1',
    ...extra,
  });
}

function annotations(result: TransformResult, name: string) {
  const user = entityByRef(result, `user:default/${name}`) as UserEntity;
  return user.metadata.annotations ?? {};
}

function line(result: TransformResult, name: string) {
  const a = annotations(result, name);
  return {
    manager: a[A.managerRef],
    end: a[A.reportingLineEnd],
  };
}

function head(result: TransformResult, groupName: string) {
  const group = entityByRef(
    result,
    `group:default/${groupName}`,
  ) as GroupEntity;
  const a = group.metadata.annotations ?? {};
  return { ref: a[A.departmentHead], source: a[A.departmentHeadSource] };
}

const ceo = person('e01', 'Ceo');
const vp = person('e02', 'Vp', { managerId: 'e01' });
const dev = person('e03', 'Dev', { managerId: 'e02', departmentId: 'D2' });

describe('reporting lines', () => {
  it('writes the manager’s User ref on every User whose manager is synced, and nothing on the top', async () => {
    const result = await transformAndCheck(
      makeInput({ departments: [eng, web], employees: [ceo, vp, dev] }),
    );
    expect(line(result, 'ceo')).toEqual({ manager: undefined, end: undefined });
    expect(line(result, 'vp')).toEqual({
      manager: 'user:default/ceo',
      end: undefined,
    });
    expect(line(result, 'dev')).toEqual({
      manager: 'user:default/vp',
      end: undefined,
    });
    expect(result.conflicts).toEqual([]);
  });

  it('follows the manager’s User name, not only their Paycor id', async () => {
    const renamed = { ...vp, email: 'vp.new@example.com' };
    const result = await transformAndCheck(
      makeInput({ departments: [eng, web], employees: [ceo, renamed, dev] }),
    );
    expect(line(result, 'dev').manager).toBe('user:default/vp.new');
  });

  it.each([
    [
      'terminated',
      { terminationDate: '2024-01-31T00:00:00Z', status: 'Terminated' },
      'manager-terminated',
      'who left the company',
    ],
    [
      'not yet hired',
      { hireDate: '2024-09-01T00:00:00Z' },
      'manager-not-yet-hired',
      'who has not started yet',
    ],
    [
      'filtered',
      { employmentType: 'Temporary' },
      'manager-filtered',
      'filters leave out',
    ],
  ])(
    'ends the line with a note when the manager is %s, without a conflict',
    async (_what, managerFields, reason, phrase) => {
      const result = await transformAndCheck(
        makeInput({
          departments: [eng, web],
          employees: [
            { ...ceo, employeeNumber: '1001' },
            { ...vp, ...managerFields },
            dev,
          ],
          config: { filters: { employmentTypes: ['Regular'] } },
        }),
      );
      expect(line(result, 'dev')).toEqual({ manager: undefined, end: reason });
      expect(annotations(result, 'dev')[A.reportingLineNote]).toContain(phrase);
      // a person who is not synced is never named on someone else's User
      expect(annotations(result, 'dev')[A.reportingLineNote]).not.toContain(
        'Vp Lee',
      );
      expect(result.conflicts.filter(c => c.type.includes('manager'))).toEqual(
        [],
      );
    },
  );

  it('ends the line when an admin excluded the manager, and again links it when the exclusion goes', async () => {
    const excluded = await transformAndCheck(
      makeInput({
        departments: [eng, web],
        employees: [ceo, vp, dev],
        exclusions: [{ kind: 'email', value: 'VP@example.com' }],
      }),
    );
    expect(line(excluded, 'dev').end).toBe('manager-excluded');
    const back = await transformAndCheck(
      makeInput({ departments: [eng, web], employees: [ceo, vp, dev] }),
    );
    expect(line(back, 'dev').manager).toBe('user:default/vp');
  });

  it('ends the line when the manager lost their email to a colleague or their record is invalid', async () => {
    const senior = person('e00', 'Senior', {
      email: 'vp@example.com',
      hireDate: '2010-01-01T00:00:00Z',
    });
    const duplicate = await transformAndCheck(
      makeInput({ departments: [eng, web], employees: [senior, ceo, vp, dev] }),
    );
    expect(line(duplicate, 'dev').end).toBe('manager-duplicate-email');

    const invalid = await transformAndCheck(
      makeInput({
        departments: [eng, web],
        employees: [ceo, dev],
        snapshot: {
          invalid: [
            {
              resource: 'employee',
              id: 'e02',
              issues: [{ path: 'id', message: 'x' }],
            },
          ],
        },
      }),
    );
    expect(line(invalid, 'dev').end).toBe('manager-invalid');
    expect(invalid.conflicts.map(c => c.type)).not.toContain('unknown-manager');
  });

  it('reports one unknown-manager conflict per manager id Paycor did not list, naming the people', async () => {
    const a = person('e10', 'Ann', { managerId: 'ghost' });
    const b = person('e11', 'Ben', { managerId: 'ghost' });
    const c = person('e12', 'Cat', { managerId: 'ghost-2' });
    const result = await transformAndCheck(
      makeInput({ departments: [eng], employees: [ceo, a, b, c] }),
    );
    expect(line(result, 'ann').end).toBe('manager-unknown');
    const unknown = result.conflicts.filter(x => x.type === 'unknown-manager');
    expect(unknown.map(x => x.subject.id)).toEqual(['ghost', 'ghost-2']);
    expect(unknown[0].message).toContain('2 synced people name employee ghost');
    expect(unknown[0].message).toContain('Ann Lee');
    expect(unknown[0].message).toContain('Ben Lee');
    expect(unknown[0].resolution).toMatch(/another legal entity/);
  });

  it('tells a manager of another configured legal entity from an unknown one', async () => {
    const a = person('e10', 'Ann', { managerId: 'abroad' });
    const result = transformSnapshot({
      ...makeInput({ departments: [eng], employees: [ceo, a] }),
      elsewhere: id =>
        id === 'abroad'
          ? { providerId: 'acme-uk', legalEntityId: '77' }
          : undefined,
    });
    const annotationsOfAnn = (
      entityByRef(result, 'user:default/ann') as UserEntity
    ).metadata.annotations!;
    expect(annotationsOfAnn[A.reportingLineEnd]).toBe(
      'manager-other-legal-entity',
    );
    expect(annotationsOfAnn[A.reportingLineNote]).toContain(
      'legal entity 77 (Paycor connection acme-uk)',
    );
    expect(result.conflicts).toEqual([]);
  });

  it('matches a manager id case-insensitively when Paycor cases it differently', async () => {
    const upper = person('E0A', 'Upper');
    const report = person('e10', 'Ann', { managerId: 'e0a' });
    const result = await transformAndCheck(
      makeInput({ departments: [eng], employees: [upper, report] }),
    );
    expect(line(result, 'ann').manager).toBe('user:default/upper');
  });

  it('makes a self-managed person a conflict, with no relation to themselves', async () => {
    const self = person('e20', 'Solo', { managerId: 'e20' });
    const result = await transformAndCheck(
      makeInput({ departments: [eng], employees: [self] }),
    );
    expect(line(result, 'solo')).toEqual({
      manager: undefined,
      end: 'self-managed',
    });
    const [conflict] = result.conflicts;
    expect(conflict.type).toBe('manager-cycle');
    expect(conflict.subject.id).toBe('e20');
    expect(conflict.message).toContain('as their own manager');
    expect(conflict.entityRef).toBe('user:default/solo');
  });

  describe('a loop of managers', () => {
    // Cy is the longest-serving: the loop is cut at Cy.
    const ann = person('e31', 'Ann', {
      managerId: 'e32',
      hireDate: '2021-01-01T00:00:00Z',
    });
    const bo = person('e32', 'Bo', {
      managerId: 'e33',
      hireDate: '2022-01-01T00:00:00Z',
    });
    const cy = person('e33', 'Cy', {
      managerId: 'e31',
      hireDate: '2015-01-01T00:00:00Z',
    });
    const under = person('e34', 'Under', { managerId: 'e32' });

    it('is one conflict naming everyone in it, cut at its longest-serving member', async () => {
      const result = await transformAndCheck(
        makeInput({ departments: [eng], employees: [ann, bo, cy, under] }),
      );
      expect(line(result, 'cy')).toEqual({
        manager: undefined,
        end: 'manager-loop',
      });
      expect(line(result, 'ann').manager).toBe('user:default/bo');
      expect(line(result, 'bo').manager).toBe('user:default/cy');
      expect(line(result, 'under').manager).toBe('user:default/bo');
      const loops = result.conflicts.filter(c => c.type === 'manager-cycle');
      expect(loops).toHaveLength(1);
      expect(loops[0].subject.id).toBe('e33');
      expect(loops[0].message).toContain('Cy Lee → Ann Lee → Bo Lee → Cy Lee');
      expect(annotations(result, 'cy')[A.reportingLineNote]).toContain(
        'Cy Lee → Ann Lee → Bo Lee → Cy Lee',
      );
    });

    it('is cut at the same person whatever order Paycor lists people in', () => {
      const cuts = [1, 2, 3, 4, 5].map(seed => {
        const result = transformSnapshot(
          makeInput({
            departments: [eng],
            employees: shuffled([ann, bo, cy, under], seed),
          }),
        );
        return JSON.stringify(result);
      });
      expect(new Set(cuts).size).toBe(1);
    });

    it('cuts a long loop once: everyone else keeps their manager', async () => {
      // 50 people, each reporting to the next, the last to the first
      const chain = Array.from({ length: 50 }, (_, i) =>
        person(`c${String(i).padStart(2, '0')}`, `P${i}`, {
          managerId: `c${String((i + 1) % 50).padStart(2, '0')}`,
          hireDate: `${1970 + i}-01-01T00:00:00Z`,
        }),
      );
      const result = await transformAndCheck(
        makeInput({ departments: [eng], employees: shuffled(chain, 7) }),
      );
      expect(
        result.conflicts.filter(c => c.type === 'manager-cycle'),
      ).toHaveLength(1);
      // P0 was hired first
      expect(line(result, 'p0').end).toBe('manager-loop');
      for (let i = 1; i < 50; i++) {
        expect(line(result, `p${i}`).manager).toBe(
          `user:default/p${(i + 1) % 50}`,
        );
      }
    });
  });

  describe('department heads', () => {
    const lead = person('e41', 'Lead', {
      managerId: 'e02',
      departmentId: 'D2',
    });
    const team = Array.from({ length: 4 }, (_, i) =>
      person(`e5${i}`, `Member${i}`, { managerId: 'e41', departmentId: 'D2' }),
    );

    it('is the member most of the department reports to, else the outside manager most report to directly', async () => {
      const result = await transformAndCheck(
        makeInput({
          departments: [eng, web],
          employees: [ceo, vp, lead, ...team],
        }),
      );
      expect(head(result, 'web')).toEqual({
        ref: 'user:default/lead',
        source: 'reporting-lines',
      });
      // Engineering: the CEO and the VP; the VP reports to the CEO
      expect(head(result, 'engineering')).toEqual({
        ref: 'user:default/ceo',
        source: 'reporting-lines',
      });

      // Web without its lead: its members report to the VP, outside it
      const flat = team.map(m => ({ ...m, managerId: 'e02' }));
      const outside = await transformAndCheck(
        makeInput({ departments: [eng, web], employees: [ceo, vp, ...flat] }),
      );
      expect(head(outside, 'web').ref).toBe('user:default/vp');
    });

    it('is nobody when no manager has most of the department', async () => {
      const split = team.map((m, i) => ({
        ...m,
        managerId: i % 2 ? 'e01' : 'e02',
      }));
      const result = await transformAndCheck(
        makeInput({ departments: [eng, web], employees: [ceo, vp, ...split] }),
      );
      expect(head(result, 'web')).toEqual({
        ref: undefined,
        source: undefined,
      });
    });

    it('is the configured one when set (department id or code → employee id, number or email), if synced', async () => {
      const result = await transformAndCheck(
        makeInput({
          departments: [eng, web],
          employees: [ceo, vp, lead, ...team],
          config: {
            reportingLines: {
              enabled: true,
              departmentHeads: {
                '110': 'MEMBER2@example.com',
                D1: 'nobody-synced',
              },
            },
          },
        }),
      );
      expect(head(result, 'web')).toEqual({
        ref: 'user:default/member2',
        source: 'configured',
      });
      expect(head(result, 'engineering').source).toBe('reporting-lines');
    });
  });

  it('writes nothing and reports nothing when reporting lines are off', async () => {
    const self = person('e20', 'Solo', { managerId: 'e20' });
    const result = await transformAndCheck(
      makeInput({
        departments: [eng, web],
        employees: [ceo, vp, dev, self],
        config: {
          reportingLines: { enabled: false, departmentHeads: {} },
        },
      }),
    );
    for (const entity of result.entities) {
      const a = entity.metadata.annotations ?? {};
      expect(a[A.managerRef]).toBeUndefined();
      expect(a[A.reportingLineEnd]).toBeUndefined();
      expect(a[A.departmentHead]).toBeUndefined();
    }
    expect(result.conflicts).toEqual([]);
    // the Paycor id stays, as before
    expect(annotations(result, 'dev')[A.managerEmployeeId]).toBe('e02');
  });
});
