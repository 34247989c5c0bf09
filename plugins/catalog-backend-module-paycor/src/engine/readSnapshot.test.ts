import { InvalidRecord, PaycorSnapshot } from '../ingest/types';
import { keepLastGoodRecords } from './readSnapshot';

const snapshot = (
  fetchedAt: string,
  overrides: Partial<PaycorSnapshot> = {},
): PaycorSnapshot => ({
  fetchedAt,
  legalEntity: { id: 501123, name: 'Acme' },
  departments: [],
  employees: [],
  invalid: [],
  ...overrides,
});

const invalid = (
  resource: InvalidRecord['resource'],
  id?: string,
): InvalidRecord => ({
  resource,
  id,
  issues: [{ path: 'email.emailAddress', message: 'must be an email address' }],
});

const previous = snapshot('2024-06-14T12:00:00.000Z', {
  employees: [
    { id: 'e1', firstName: 'Ana', email: 'ana@acme.com' },
    { id: 'e2', firstName: 'Bo', email: 'bo@acme.com' },
    { id: 'e3', firstName: 'Cy', staleSince: '2024-06-01T00:00:00.000Z' },
  ],
  departments: [
    { id: 'd1', description: 'Sales' },
    { id: 'd2', description: 'Support' },
  ],
});

describe('keepLastGoodRecords', () => {
  it('keeps the last good version of an invalid employee, marked stale since the old read', () => {
    const current = snapshot('2024-06-15T12:00:00.000Z', {
      employees: [{ id: 'e2', firstName: 'Bo' }],
      invalid: [invalid('employee', 'e1')],
    });
    const result = keepLastGoodRecords(current, previous);
    expect(result.employees).toEqual([
      { id: 'e2', firstName: 'Bo' },
      {
        id: 'e1',
        firstName: 'Ana',
        email: 'ana@acme.com',
        staleSince: '2024-06-14T12:00:00.000Z',
      },
    ]);
    // the current read stays what it is
    expect(result.fetchedAt).toBe('2024-06-15T12:00:00.000Z');
    expect(result.invalid).toEqual(current.invalid);
  });

  it('keeps the original staleSince of a record that was already stale', () => {
    const current = snapshot('2024-06-15T12:00:00.000Z', {
      invalid: [invalid('employee', 'e3')],
    });
    expect(keepLastGoodRecords(current, previous).employees).toEqual([
      { id: 'e3', firstName: 'Cy', staleSince: '2024-06-01T00:00:00.000Z' },
    ]);
  });

  it('keeps the last good version of an invalid department', () => {
    const current = snapshot('2024-06-15T12:00:00.000Z', {
      departments: [{ id: 'd1', description: 'Sales' }],
      invalid: [invalid('department', 'd2')],
    });
    expect(keepLastGoodRecords(current, previous).departments).toEqual([
      { id: 'd1', description: 'Sales' },
      { id: 'd2', description: 'Support' },
    ]);
  });

  it('does not mix up employee and department ids', () => {
    const current = snapshot('2024-06-15T12:00:00.000Z', {
      invalid: [invalid('department', 'e1')],
    });
    const result = keepLastGoodRecords(current, previous);
    expect(result.employees).toEqual([]);
    expect(result.departments).toEqual([]);
  });

  it('keeps nothing for records without an id, new records, or ids read validly elsewhere', () => {
    const current = snapshot('2024-06-15T12:00:00.000Z', {
      employees: [{ id: 'e2', firstName: 'Bo (valid copy)' }],
      invalid: [
        invalid('employee'),
        invalid('employee', 'e-new'),
        invalid('employee', 'e2'),
      ],
    });
    expect(keepLastGoodRecords(current, previous)).toBe(current);
  });

  it('returns the snapshot itself without a previous read or without invalid records', () => {
    const withInvalid = snapshot('2024-06-15T12:00:00.000Z', {
      invalid: [invalid('employee', 'e1')],
    });
    expect(keepLastGoodRecords(withInvalid, undefined)).toBe(withInvalid);
    const clean = snapshot('2024-06-15T12:00:00.000Z');
    expect(keepLastGoodRecords(clean, previous)).toBe(clean);
  });
});
