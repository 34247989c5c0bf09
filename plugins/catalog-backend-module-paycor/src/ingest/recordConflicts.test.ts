import { makeEmployee } from './__testUtils__/builders';
import { recordConflicts } from './recordConflicts';

describe('recordConflicts', () => {
  const userRefs = new Map([['e1', 'user:default/ann']]);
  const departmentRefs = new Map([['d1', 'group:default/ops']]);

  it('reports invalid records, linking the entity when one is emitted', () => {
    const conflicts = recordConflicts({
      invalid: [
        {
          resource: 'department',
          id: 'd1',
          label: 'Ops',
          issues: [{ path: 'code', message: 'Too long' }],
        },
        {
          resource: 'employee',
          id: 'e7',
          issues: [{ path: 'id', message: 'Invalid guid' }],
        },
      ],
      employees: [],
      userRefs,
      departmentRefs,
    });
    expect(conflicts).toEqual([
      expect.objectContaining({
        subject: { kind: 'department', id: 'd1', label: 'Ops' },
        entityRef: 'group:default/ops',
        message: expect.stringContaining('code: Too long'),
      }),
      expect.objectContaining({
        subject: { kind: 'employee', id: 'e7' },
        message: expect.stringContaining('It was not synced.'),
      }),
    ]);
    expect(conflicts[1]).not.toHaveProperty('entityRef');
  });

  it('gives records without an id a stable id', () => {
    const record = {
      resource: 'employee' as const,
      label: 'Ann',
      issues: [{ path: 'id', message: 'Required' }],
    };
    const a = recordConflicts({
      invalid: [record],
      employees: [],
      userRefs,
      departmentRefs,
    });
    const b = recordConflicts({
      invalid: [{ ...record }],
      employees: [],
      userRefs,
      departmentRefs,
    });
    expect(a[0].subject.id).toMatch(/^unidentified-[0-9a-f]{8}$/);
    expect(a[0].subject.id).toBe(b[0].subject.id);
    expect(a[0].subject.label).toBe('Ann');
  });

  it('merges a stale employee with its invalid record', () => {
    const conflicts = recordConflicts({
      invalid: [
        {
          resource: 'employee',
          id: 'e1',
          issues: [{ path: 'lastName', message: 'Required' }],
        },
      ],
      employees: [
        makeEmployee({ id: 'e1', staleSince: '2024-06-01T10:00:00Z' }),
      ],
      userRefs,
      departmentRefs,
    });
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0].message).toContain('lastName: Required');
    expect(conflicts[0].message).toContain(
      'The last good data from 2024-06-01 10:00 UTC is kept for user:default/ann',
    );
  });

  it('reports a stale employee on its own, even when not emitted', () => {
    const conflicts = recordConflicts({
      invalid: [],
      employees: [
        makeEmployee({
          id: 'e2',
          firstName: 'Bo',
          lastName: 'Ng',
          staleSince: '2024-06-01T10:00:00Z',
        }),
        makeEmployee({ id: 'e3', staleSince: ' ' }),
      ],
      userRefs,
      departmentRefs,
    });
    expect(conflicts).toEqual([
      expect.objectContaining({
        type: 'invalid-record',
        subject: { kind: 'employee', id: 'e2', label: 'Bo Ng' },
        message: expect.stringContaining('current record for Bo Ng'),
      }),
    ]);
    expect(conflicts[0]).not.toHaveProperty('entityRef');
  });
});
