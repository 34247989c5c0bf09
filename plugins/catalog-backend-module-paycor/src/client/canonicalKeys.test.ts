import { CanonicalKeys } from './canonicalKeys';
import { paycorKeys } from './paycorSchemas';

describe('CanonicalKeys', () => {
  const keys = new CanonicalKeys([
    'id',
    'firstName',
    'positionData',
    'manager',
    'records',
  ]);

  it('maps PascalCase and odd-case keys to their canonical spelling', () => {
    expect(
      keys.apply({ Id: 'e1', FIRSTNAME: 'Ana', firstname: undefined }),
    ).toEqual({
      id: 'e1',
      firstName: undefined,
    });
    expect(keys.apply({ FiRsTnAmE: 'Ana' })).toEqual({ firstName: 'Ana' });
  });

  it('maps keys inside nested objects and arrays', () => {
    const mapped = keys.apply({
      Records: [
        { Id: 'e1', PositionData: { Manager: { ID: 'm1' } } },
        [{ FirstName: 'in a nested array' }],
        'text',
        null,
      ],
    });
    expect(mapped).toEqual({
      records: [
        { id: 'e1', positionData: { manager: { id: 'm1' } } },
        [{ firstName: 'in a nested array' }],
        'text',
        null,
      ],
    });
  });

  it('returns canonical objects and arrays by identity (no copy on the common path)', () => {
    const employee = { id: 'e1', positionData: { manager: { id: 'm1' } } };
    const page = { records: [employee, { id: 'e2' }] };
    expect(keys.apply(page)).toBe(page);
    expect(keys.apply(page.records)).toBe(page.records);
  });

  it('copies only the branch that changes, and never mutates its input', () => {
    const untouched = { id: 'e1' };
    const input = { records: [untouched, { Id: 'e2' }] };
    const frozen = JSON.stringify(input);
    const output = keys.apply(input) as { records: unknown[] };
    expect(output).not.toBe(input);
    expect(output.records[0]).toBe(untouched);
    expect(output.records[1]).toEqual({ id: 'e2' });
    expect(JSON.stringify(input)).toBe(frozen);
  });

  it('keeps unknown keys as they are', () => {
    expect(keys.apply({ Id: 'e1', CustomField: 1, snake_case: 2 })).toEqual({
      id: 'e1',
      CustomField: 1,
      snake_case: 2,
    });
  });

  it('passes primitives through', () => {
    for (const value of [null, undefined, 0, 'x', true]) {
      expect(keys.apply(value)).toBe(value);
    }
  });

  it('extend() learns new keys without changing the original', () => {
    const extended = keys.extend(['jobCode']);
    expect(extended.apply({ JOBCODE: 'J1', Id: 'e1' })).toEqual({
      jobCode: 'J1',
      id: 'e1',
    });
    expect(keys.apply({ JOBCODE: 'J1' })).toEqual({ JOBCODE: 'J1' });
  });

  it('knows every property the Paycor schemas read', () => {
    expect(
      paycorKeys.apply({
        HasMoreResults: 'True',
        ContinuationToken: 't',
        Records: [
          {
            EmploymentDateData: { HireDate: '2020-01-01' },
            WorkLocation: { Name: 'HQ' },
          },
        ],
      }),
    ).toEqual({
      hasMoreResults: 'True',
      continuationToken: 't',
      records: [
        {
          employmentDateData: { hireDate: '2020-01-01' },
          workLocation: { name: 'HQ' },
        },
      ],
    });
  });
});
