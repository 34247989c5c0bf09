import { CanonicalKeys, MAX_KEY_DEPTH } from './canonicalKeys';
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

  describe('deep nesting', () => {
    /** `{Key: {Key: … leaf …}}`, `depth` objects deep, built without recursion. */
    function nested(depth: number, key: string, leaf: unknown): unknown {
      let value = leaf;
      for (let i = 0; i < depth; i++) value = { [key]: value };
      return value;
    }

    /** Follows `key` down `levels` objects, without recursion. */
    function descend(value: unknown, key: string, levels: number): unknown {
      let current = value;
      for (let i = 0; i < levels; i++) {
        current = (current as Record<string, unknown>)[key];
      }
      return current;
    }

    it.each([100, 1_000, 10_000, 100_000])(
      'handles a value nested %i levels deep without overflowing the stack',
      depth => {
        const input = {
          Records: [{ Id: 'e1', FirstName: nested(depth, 'A', 'x') }],
        };
        const output = keys.apply(input) as {
          records: Array<Record<string, unknown>>;
        };
        expect(output.records[0].id).toBe('e1');
        expect(output.records[0].firstName).toEqual(expect.any(Object));
      },
    );

    it('renames keys down to MAX_KEY_DEPTH and leaves deeper values exactly as sent', () => {
      const deeper = nested(10_000, 'Id', 'leaf');
      const input = nested(MAX_KEY_DEPTH, 'Id', deeper);
      const output = keys.apply(input);
      // every level above the limit is renamed…
      expect(
        Object.keys(descend(output, 'id', MAX_KEY_DEPTH - 1) as object),
      ).toEqual(['id']);
      // …and the value at the limit is the input's own object, untouched
      expect(descend(output, 'id', MAX_KEY_DEPTH)).toBe(deeper);
    });

    it('handles deeply nested arrays too', () => {
      let value: unknown = [{ Id: 'e1' }];
      for (let i = 0; i < 100_000; i++) value = [value];
      expect(() => keys.apply(value)).not.toThrow();
      expect(() => keys.apply({ Records: value })).not.toThrow();
    });

    it('applyToResponse handles a deeply nested record on the PascalCase path', () => {
      const body = {
        HasMoreResults: false,
        Records: [
          { Id: 'e1', FirstName: nested(100_000, 'A', 'x') },
          { Id: 'e2', FirstName: 'Ana' },
        ],
      };
      const output = keys.applyToResponse(body) as {
        records: Array<Record<string, unknown>>;
      };
      expect(output.records[1]).toEqual({ id: 'e2', firstName: 'Ana' });
    });

    it('copes with the reliability payload: JSON.parse output nested 100,000 levels deep', () => {
      for (const depth of [100, 1_000, 10_000, 100_000]) {
        const deep = `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
        const body = `{"hasMoreResults":false,"records":[{"id":"e1","firstName":${deep}}]}`;
        expect(() => paycorKeys.apply(JSON.parse(body))).not.toThrow();
        expect(() =>
          paycorKeys.applyToResponse(JSON.parse(body)),
        ).not.toThrow();
      }
    });
  });
});
