import {
  employeeSchema,
  legalEntitySchema,
  paycorKeys,
} from './paycorSchemas';
import {
  toDepartmentRecord,
  toEmployeeRecord,
  toLegalEntityRecord,
} from './toRecords';
import { SharedValues } from '../ingest/employeeRecord';

/** A full employee as Paycor sends it with include=All (abridged to what matters). */
function wireEmployee(overrides: Record<string, unknown> = {}) {
  return {
    id: ' 7c1a-e1 ',
    employeeNumber: 1042,
    firstName: ' Ana ',
    middleName: '',
    lastName: 'Okafor',
    email: { type: 'Work', emailAddress: ' ana.okafor@acme.com ' },
    department: { id: 'd-110', url: '/v1/legalentities/1/departments/d-110' },
    positionData: {
      jobTitle: 'Engineer',
      jobCode: 'ENG2',
      manager: { id: 'm-1', employeeNumber: 7 },
    },
    statusData: {
      status: 'Active',
      type: 'Regular',
      isFullTime: true,
      flsa: 'Exempt',
    },
    employmentDateData: {
      hireDate: '2019-03-18T00:00:00Z',
      reHireDate: null,
      terminationDate: null,
    },
    workLocation: { id: 'wl-1', name: 'Cincinnati HQ' },
    person: { id: 'p-1', url: '/v1/employees/7c1a-e1/person' },
    ...overrides,
  };
}

describe('toEmployeeRecord', () => {
  it('keeps a compact, trimmed record of a valid employee', () => {
    expect(toEmployeeRecord(wireEmployee(), [])).toEqual({
      record: {
        id: '7c1a-e1',
        employeeNumber: '1042',
        firstName: 'Ana',
        lastName: 'Okafor',
        email: 'ana.okafor@acme.com',
        departmentId: 'd-110',
        managerId: 'm-1',
        jobTitle: 'Engineer',
        workLocation: { id: 'wl-1', name: 'Cincinnati HQ' },
        status: 'Active',
        employmentType: 'Regular',
        hireDate: '2019-03-18T00:00:00Z',
      },
    });
  });

  it('drops empty and null sections instead of storing blanks', () => {
    const result = toEmployeeRecord(
      {
        id: 'e1',
        email: null,
        positionData: null,
        statusData: null,
        employmentDateData: { hireDate: '', terminationDate: null },
        workLocation: { id: ' ', name: null },
      },
      [],
    );
    expect(result).toEqual({ record: { id: 'e1' } });
  });

  it('accepts dates without a Z, as some Paycor payloads send them', () => {
    const result = toEmployeeRecord(
      wireEmployee({
        employmentDateData: {
          hireDate: '2019-03-18T00:00:00',
          terminationDate: '2024-01-31',
        },
      }),
      [],
    );
    expect(result).toMatchObject({
      record: {
        hireDate: '2019-03-18T00:00:00',
        terminationDate: '2024-01-31',
      },
    });
  });

  it('reports every invalid field of an invalid employee with its path', () => {
    const result = toEmployeeRecord(
      wireEmployee({
        firstName: 'Ana',
        email: { emailAddress: 'not-an-email' },
        statusData: 'N/A',
        employmentDateData: { hireDate: '18/03/2019' },
      }),
      [],
    );
    expect('invalid' in result && result.invalid).toEqual({
      resource: 'employee',
      id: '7c1a-e1',
      label: 'Ana Okafor',
      issues: [
        { path: 'email.emailAddress', message: 'must be an email address' },
        {
          path: 'statusData',
          message: expect.stringMatching(/expected object/),
        },
        {
          path: 'employmentDateData.hireDate',
          message: expect.stringMatching(/ISO date-time/),
        },
      ],
    });
  });

  it.each([
    ['a number', 12345],
    ['null', null],
    ['blank', '   '],
    ['missing', undefined],
  ])(
    'identifies a record only by a non-empty string id (id %s → no id)',
    (_name, id) => {
      const result = toEmployeeRecord(
        wireEmployee({ id, firstName: 'Ana' }),
        [],
      );
      expect(result).toEqual({
        invalid: {
          resource: 'employee',
          id: undefined,
          label: 'Ana Okafor',
          issues: [{ path: 'id', message: expect.any(String) }],
        },
      });
    },
  );

  it('labels a record that is not even an object as (record)', () => {
    const result = toEmployeeRecord('N/A', []);
    expect(result).toEqual({
      invalid: {
        resource: 'employee',
        id: undefined,
        label: undefined,
        issues: [{ path: '(record)', message: expect.any(String) }],
      },
    });
  });

  it.each([100, 10_000, 100_000])(
    'makes a field nested %i levels deep an invalid record naming the field, not a RangeError',
    depth => {
      const deep = `${'{"A":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
      const body = paycorKeys.apply(
        JSON.parse(
          `{"Records":[{"Id":"e1","FirstName":${deep},"LastName":"Okafor"},{"Id":"e2","FirstName":"Ana"}]}`,
        ),
      ) as { records: unknown[] };
      const [deepResult, nextResult] = body.records.map(raw =>
        toEmployeeRecord(raw, ['firstName.a']),
      );
      expect(deepResult).toEqual({
        invalid: {
          resource: 'employee',
          id: 'e1',
          label: 'Okafor',
          issues: [{ path: 'firstName', message: expect.any(String) }],
        },
      });
      // the rest of the page is still used
      expect(nextResult).toEqual({ record: { id: 'e2', firstName: 'Ana' } });
    },
  );

  it('ignores a deeply nested value in a field the mapping does not read, like any unknown field', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = { A: deep };
    const raw = paycorKeys.apply({ ...wireEmployee(), CustomData: deep });
    const result = toEmployeeRecord(raw, ['positionData.jobCode']);
    expect(result).toEqual({
      record: expect.objectContaining({
        id: '7c1a-e1',
        mapped: { 'positionData.jobCode': 'ENG2' },
      }),
    });
  });

  it('copies the configured field paths as text, and only those that have a value', () => {
    const result = toEmployeeRecord(wireEmployee(), [
      'positionData.jobCode',
      'statusData.isFullTime',
      'statusData.flsa',
      'positionData.manager.employeeNumber',
      'positionData.missing',
      'positionData', // an object is not a value
    ]);
    expect('record' in result && result.record.mapped).toEqual({
      'positionData.jobCode': 'ENG2',
      'statusData.isFullTime': 'true',
      'statusData.flsa': 'Exempt',
      'positionData.manager.employeeNumber': '7',
    });
  });

  it('reads mapped paths after key normalisation, so PascalCase payloads map too', () => {
    const raw = paycorKeys.extend(['costCenter']).apply({
      Id: 'e1',
      PositionData: { JobCode: 'ENG2', CostCenter: ' 4410 ' },
    });
    const result = toEmployeeRecord(raw, [
      'positionData.jobCode',
      'positionData.costCenter',
    ]);
    expect('record' in result && result.record.mapped).toEqual({
      'positionData.jobCode': 'ENG2',
      'positionData.costCenter': '4410',
    });
  });

  it('omits `mapped` when no configured path has a value', () => {
    const result = toEmployeeRecord(wireEmployee(), ['positionData.nothing']);
    // the key is there (every record has one shape) but empty, so the
    // stored snapshot, which is JSON, has no `mapped` either
    expect('record' in result && result.record.mapped).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain('mapped');
  });
});

describe('toEmployeeRecord: the hand-written check of valid records agrees with employeeSchema', () => {
  // Every field the schema reads, and values of every wrong kind: the fast
  // path must never accept what the schema refuses (the record would then
  // skip validation), and everything the schema accepts must give a record.
  const paths = [
    ['id'],
    ['employeeNumber'],
    ['firstName'],
    ['middleName'],
    ['lastName'],
    ['email'],
    ['email', 'type'],
    ['email', 'emailAddress'],
    ['department'],
    ['department', 'id'],
    ['department', 'url'],
    ['positionData'],
    ['positionData', 'jobTitle'],
    ['positionData', 'jobCode'],
    ['positionData', 'manager'],
    ['positionData', 'manager', 'id'],
    ['positionData', 'manager', 'employeeNumber'],
    ['statusData'],
    ['statusData', 'status'],
    ['statusData', 'type'],
    ['statusData', 'isFullTime'],
    ['employmentDateData'],
    ['employmentDateData', 'hireDate'],
    ['employmentDateData', 'reHireDate'],
    ['employmentDateData', 'terminationDate'],
    ['workLocation'],
    ['workLocation', 'id'],
    ['workLocation', 'name'],
  ];
  const values: unknown[] = [
    undefined,
    null,
    '',
    '   ',
    'text',
    '2019-13-01T00:00:00Z',
    '2019-03-18',
    'not-an-email',
    'a@b.co',
    0,
    42,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    true,
    {},
    { id: 'x' },
    [],
    ['x'],
  ];

  function withValue(path: string[], value: unknown) {
    const raw: any = JSON.parse(JSON.stringify(wireEmployee()));
    let target = raw;
    for (const key of path.slice(0, -1)) {
      target[key] ??= {};
      target = target[key];
    }
    if (value === undefined) delete target[path[path.length - 1]];
    else target[path[path.length - 1]] = value;
    return raw;
  }

  it.each(paths.map(p => [p.join('.'), p] as const))('%s', (_name, path) => {
    for (const value of values) {
      const raw = withValue(path, value);
      const accepted = employeeSchema.safeParse(raw).success;
      const result = toEmployeeRecord(raw, []);
      expect({ value, record: 'record' in result }).toEqual({
        value,
        record: accepted,
      });
    }
  });

  it('gives the same record with shared values as without, and shares work locations', () => {
    const raw = paycorKeys.apply(wireEmployee());
    const sharedValues = new SharedValues();
    const shared = toEmployeeRecord(raw, ['statusData.flsa'], sharedValues);
    const plain = toEmployeeRecord(raw, ['statusData.flsa']);
    expect(JSON.stringify(shared)).toBe(JSON.stringify(plain));
    const again = toEmployeeRecord(raw, [], sharedValues);
    expect('record' in again && 'record' in shared).toBe(true);
    expect((again as any).record.workLocation).toBe(
      (shared as any).record.workLocation,
    );
  });
});

describe('toDepartmentRecord', () => {
  it('keeps a compact record, codes as text', () => {
    expect(
      toDepartmentRecord({
        id: ' d-110 ',
        code: 110,
        description: ' Customer Support ',
        parentId: 'd-100',
        level: 3,
        payrollId: 'pr-1',
        extra: 'ignored',
      }),
    ).toEqual({
      record: {
        id: 'd-110',
        code: '110',
        description: 'Customer Support',
        parentId: 'd-100',
        level: 3,
        payrollId: 'pr-1',
      },
    });
  });

  it('treats a null parent as top level', () => {
    expect(
      toDepartmentRecord({ id: 'd-1', parentId: null, code: null }),
    ).toEqual({
      record: { id: 'd-1' },
    });
  });

  it('reports an invalid department with its id and name', () => {
    expect(
      toDepartmentRecord({ id: 'd-1', description: 'Sales', level: 'two' }),
    ).toEqual({
      invalid: {
        resource: 'department',
        id: 'd-1',
        label: 'Sales',
        issues: [{ path: 'level', message: expect.any(String) }],
      },
    });
    const unidentified = toDepartmentRecord({ id: 110, description: 'Sales' });
    expect(
      'invalid' in unidentified && unidentified.invalid.id,
    ).toBeUndefined();
  });
});

describe('toLegalEntityRecord', () => {
  const address = (type: string, state: string | null) => ({
    type,
    state,
    city: 'x',
  });

  it('takes the time zone from the primary address of the legal business name', () => {
    const legalEntity = legalEntitySchema.parse({
      id: '501123',
      name: ' Acme Corp ',
      businessNames: [
        { type: 'Dba', addresses: [address('Primary', 'CA')] },
        {
          type: 'Legal',
          addresses: [address('Mailing', 'TX'), address('Primary', 'oh')],
        },
      ],
    });
    expect(toLegalEntityRecord(legalEntity)).toEqual({
      id: 501123,
      name: 'Acme Corp',
      timeZone: 'America/New_York',
    });
  });

  it('prefers a primary address over the legal name, then any address with a state', () => {
    const primaryDba = legalEntitySchema.parse({
      id: 1,
      businessNames: [
        { type: 'Legal', addresses: [address('Mailing', 'TX')] },
        { type: 'Dba', addresses: [address('Primary', 'CA')] },
      ],
    });
    expect(toLegalEntityRecord(primaryDba).timeZone).toBe(
      'America/Los_Angeles',
    );

    const onlyMailing = legalEntitySchema.parse({
      id: 1,
      businessNames: [
        {
          type: 'Legal',
          addresses: [address('Primary', null), address('Mailing', 'AZ')],
        },
      ],
    });
    expect(toLegalEntityRecord(onlyMailing).timeZone).toBe('America/Phoenix');
  });

  it('has no time zone without business names or with a non-US state', () => {
    expect(
      toLegalEntityRecord(legalEntitySchema.parse({ id: 1, name: null })),
    ).toEqual({ id: 1 });
    expect(
      toLegalEntityRecord(
        legalEntitySchema.parse({
          id: 1,
          businessNames: [
            { type: 'Legal', addresses: [address('Primary', 'ON')] },
          ],
        }),
      ).timeZone,
    ).toBeUndefined();
  });
});
