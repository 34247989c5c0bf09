import { makeDepartment, makeEmployee } from './__testUtils__/builders';
import {
  adminGroupNameConflict,
  adminParentConflict,
  departmentTitle,
  describeDepartment,
  describePerson,
  invalidRecordConflict,
  personName,
  rehomeCycleConflict,
} from './conflictMessages';

describe('labels', () => {
  it('names people by name, number or id', () => {
    expect(
      describePerson(
        makeEmployee({
          id: 'e1',
          firstName: 'Ann',
          lastName: 'Lee',
          employeeNumber: '7',
        }),
      ),
    ).toBe('Ann Lee (employee #7)');
    expect(
      describePerson(
        makeEmployee({
          id: 'e1',
          firstName: '',
          lastName: '',
          employeeNumber: '7',
        }),
      ),
    ).toBe('employee #7');
    expect(
      describePerson(
        makeEmployee({
          id: 'e1',
          firstName: '',
          lastName: '',
          employeeNumber: undefined,
        }),
      ),
    ).toBe('employee e1');
    expect(
      describePerson(
        makeEmployee({
          id: 'e1',
          firstName: 'Ann',
          lastName: '',
          employeeNumber: undefined,
        }),
      ),
    ).toBe('Ann (employee e1)');
    expect(
      personName(makeEmployee({ firstName: ' Ann ', lastName: ' Lee ' })),
    ).toBe('Ann Lee');
  });

  it('names departments by description, code or id', () => {
    expect(
      describeDepartment(
        makeDepartment({ id: 'd', code: '1', description: 'Ops' }),
        'group:default/ops',
      ),
    ).toBe('department "Ops" (code 1, group:default/ops)');
    expect(
      describeDepartment(
        makeDepartment({ id: 'd', code: '1', description: '' }),
      ),
    ).toBe('department "1"');
    expect(
      describeDepartment(
        makeDepartment({ id: 'd', code: undefined, description: undefined }),
      ),
    ).toBe('department "d"');
    expect(
      departmentTitle(makeDepartment({ id: 'd', code: ' ', description: ' ' })),
    ).toBe('d');
  });
});

describe('conflict texts', () => {
  it('explains an invalid record without details or id', () => {
    const c = invalidRecordConflict({
      record: {
        resource: 'employee',
        issues: [{ path: '', message: 'Expected object' }],
      },
      fallbackId: 'unidentified-1',
    });
    expect(c.subject).toEqual({ kind: 'employee', id: 'unidentified-1' });
    expect(c.message).toBe(
      'Paycor returned an invalid employee record: (record): Expected object. It was not synced.',
    );
    const none = invalidRecordConflict({
      record: { resource: 'department', id: 'd1', label: 'Ops', issues: [] },
      fallbackId: 'x',
    });
    expect(none.message).toContain(
      'department record ("Ops", id d1): no details were given',
    );
  });

  it('explains a self-parent override', () => {
    const c = rehomeCycleConflict({
      department: makeDepartment({ id: 'd', code: '1', description: 'Ops' }),
      ref: 'group:default/ops',
      override: {
        departmentId: 'd',
        parentRef: 'group:default/ops',
        source: 'api',
      },
      fallbackRef: 'group:default/acme',
      path: ['group:default/ops'],
    });
    expect(c.message).toContain("that is the department's own Group");
  });

  it('explains admin Group problems', () => {
    expect(
      adminGroupNameConflict({
        name: '東京',
        ref: 'group:default/東京',
        reason: 'invalid',
      }).message,
    ).toContain('no usable entity name');
    expect(
      adminGroupNameConflict({
        name: 'team',
        ref: 'group:default/team',
        reason: 'duplicate',
      }).message,
    ).toContain('More than one admin Group');
    const self = adminParentConflict({
      name: 'Ops',
      ref: 'group:default/ops',
      requested: 'group:default/ops',
      fallbackRef: 'group:default/acme',
      problem: 'cycle',
      path: ['group:default/ops'],
    });
    expect(self.type).toBe('rehome-cycle');
    expect(self.message).toContain('cannot be its own parent');
    const below = adminParentConflict({
      name: 'Ops',
      ref: 'group:default/ops',
      requested: 'group:default/x',
      fallbackRef: 'group:default/acme',
      problem: 'cycle',
      path: ['group:default/x', 'group:default/ops'],
    });
    expect(below.message).toContain('group:default/x → group:default/ops');
  });
});
