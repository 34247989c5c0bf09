import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';
import { makeDepartment, makeEmployee } from './__testUtils__/builders';
import {
  assignNames,
  normalizeEntityName,
  sanitizeLabelValue,
  userNameFor,
  wantedDepartmentName,
  wantedUserName,
  withHashSuffix,
} from './naming';

const sha8 = (s: string) =>
  createHash('sha1').update(s).digest('hex').slice(0, 8);
const valid = (name: string | undefined) =>
  name !== undefined && KubernetesValidatorFunctions.isValidObjectName(name);

describe('normalizeEntityName', () => {
  it.each([
    ['Maria Okafor', 'maria-okafor'],
    ['maria.okafor', 'maria.okafor'],
    ['Customer Support', 'customer-support'],
    ['R&D', 'r-d'],
    ['Sales & Marketing', 'sales-marketing'],
    ['Smith - Jones', 'smith-jones'],
    ['a..b', 'a.b'],
    ['a__b', 'a_b'],
    ['a._-b', 'a-b'],
    ['--Leading and trailing--', 'leading-and-trailing'],
    ['...dots...', 'dots'],
    ['  spaced   out  ', 'spaced-out'],
    ['UPPER_case', 'upper_case'],
    ['José Álvarez', 'jose-alvarez'],
    ['Zoë Brontë', 'zoe-bronte'],
    ['François Mitterrand', 'francois-mitterrand'],
    ['Straße', 'strasse'],
    ['Łukasz Żółć', 'lukasz-zolc'],
    ['Søren Kierkegaard', 'soren-kierkegaard'],
    ['Æsir Œuvre', 'aesir-oeuvre'],
    ['Đorđe', 'dorde'],
    ['Þór', 'thor'],
    ['Istanbul ıi', 'istanbul-ii'],
    ['Ｆｕｌｌｗｉｄｔｈ', 'fullwidth'],
    ['x²', 'x2'],
    ['Иван Smith', 'smith'],
    ['e7f3A12c4-BE21', 'e7f3a12c4-be21'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeEntityName(raw)).toBe(expected);
    expect(valid(expected)).toBe(true);
  });

  it.each([['山田太郎'], ['Иван Петров'], ['---'], [''], ['   '], ['🙂']])(
    'gives nothing for %j',
    raw => {
      expect(normalizeEntityName(raw)).toBeUndefined();
    },
  );

  it('keeps a 63-character name as it is', () => {
    const raw = 'a'.repeat(63);
    expect(normalizeEntityName(raw)).toBe(raw);
  });

  it('shortens longer names to 54 characters plus a hash of the raw text', () => {
    const raw = `Department of ${'Very '.repeat(15)}Long Names`;
    const name = normalizeEntityName(raw)!;
    // the 54th character is a separator, so the head is 53 long
    expect(name).toBe(
      `department-of-very-very-very-very-very-very-very-very-${sha8(raw)}`,
    );
    expect(name).toHaveLength(62);
    expect(valid(name)).toBe(true);
  });

  it('uses exactly 54 characters when the cut falls inside a word', () => {
    const raw = 'b'.repeat(80);
    expect(normalizeEntityName(raw)).toBe(`${'b'.repeat(54)}-${sha8(raw)}`);
    expect(normalizeEntityName(raw)).toHaveLength(63);
  });

  it('trims a separator at the cut before adding the hash', () => {
    const raw = `${'a'.repeat(53)}-${'b'.repeat(20)}`;
    const name = normalizeEntityName(raw)!;
    expect(name).toBe(`${'a'.repeat(53)}-${sha8(raw)}`);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(valid(name)).toBe(true);
  });

  it('keeps two long names with the same start apart', () => {
    const a = normalizeEntityName(`${'x'.repeat(70)}1`);
    const b = normalizeEntityName(`${'x'.repeat(70)}2`);
    expect(a).not.toBe(b);
  });
});

describe('withHashSuffix', () => {
  it('appends 8 hex of sha1 of the id', () => {
    expect(withHashSuffix('maria', 'id-1')).toBe(`maria-${sha8('id-1')}`);
  });

  it('caps at 63 characters and never ends the head in a separator', () => {
    const name = withHashSuffix(`${'a'.repeat(53)}.bbbbbbbbbb`, 'id');
    expect(name).toBe(`${'a'.repeat(53)}-${sha8('id')}`);
    expect(valid(name)).toBe(true);
  });
});

describe('sanitizeLabelValue', () => {
  it.each([
    ['Full Time', 'Full-Time'],
    ['SalaryExempt', 'SalaryExempt'],
    ['  P2 ', 'P2'],
    ['Café Olé', 'Cafe-Ole'],
    ['-_.x._-', 'x'],
    ['a/b:c', 'a-b-c'],
    ['Straße', 'Strasse'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitizeLabelValue(raw)).toBe(expected);
    expect(KubernetesValidatorFunctions.isValidLabelValue(expected)).toBe(true);
  });

  it('cuts at 63 characters and re-trims the end', () => {
    const value = sanitizeLabelValue(`${'a'.repeat(62)}-b`)!;
    expect(value).toBe('a'.repeat(62));
    const long = sanitizeLabelValue('x'.repeat(100))!;
    expect(long).toHaveLength(63);
  });

  it('gives nothing when no valid character is left', () => {
    expect(sanitizeLabelValue('東京')).toBeUndefined();
    expect(sanitizeLabelValue(' - ')).toBeUndefined();
  });
});

describe('user naming strategies', () => {
  const maria = makeEmployee({
    id: '7f3a12c4-BE21-0000-0000-0000c4d20300',
    employeeNumber: '1042',
    firstName: 'María',
    lastName: 'Okafor',
    email: ' Maria.Okafor@Example.com ',
  });

  it.each([
    ['email-local-part', 'maria.okafor'],
    ['email', 'maria.okafor_example.com'],
    ['employee-number', 'employee-1042'],
    ['employee-id', '7f3a12c4-be21-0000-0000-0000c4d20300'],
    ['first-last', 'maria.okafor'],
  ] as const)('%s', (strategy, expected) => {
    expect(userNameFor(maria, strategy)).toBe(expected);
    expect(wantedUserName(maria, strategy)).toBe(expected);
  });

  it('email strategies need an address with a local part and a domain', () => {
    for (const email of [
      undefined,
      '',
      '  ',
      'no-at-sign',
      '@example.com',
      'maria@',
    ]) {
      const e = makeEmployee({ email });
      expect(userNameFor(e, 'email-local-part')).toBeUndefined();
      expect(userNameFor(e, 'email')).toBeUndefined();
    }
  });

  it('falls back to first-last when there is no email', () => {
    const e = makeEmployee({
      email: undefined,
      firstName: 'Anne Marie',
      lastName: "O'Neil",
    });
    expect(wantedUserName(e, 'email-local-part')).toBe('anne-marie.o-neil');
    expect(wantedUserName(e, 'email')).toBe('anne-marie.o-neil');
  });

  it('falls back when the email local part has no usable characters', () => {
    const e = makeEmployee({
      email: '山田@example.jp',
      firstName: 'Taro',
      lastName: 'Yamada',
    });
    expect(wantedUserName(e, 'email-local-part')).toBe('taro.yamada');
  });

  it('first-last works with only one of the names', () => {
    expect(
      userNameFor(
        makeEmployee({ firstName: 'Cher', lastName: '' }),
        'first-last',
      ),
    ).toBe('cher');
    expect(
      userNameFor(
        makeEmployee({ firstName: undefined, lastName: 'Prince' }),
        'first-last',
      ),
    ).toBe('prince');
    expect(
      userNameFor(
        makeEmployee({ firstName: ' ', lastName: undefined }),
        'first-last',
      ),
    ).toBeUndefined();
  });

  it('falls back to the employee number when names are unusable (CJK, Cyrillic)', () => {
    for (const [firstName, lastName] of [
      ['太郎', '山田'],
      ['Иван', 'Петров'],
    ]) {
      const e = makeEmployee({
        email: undefined,
        firstName,
        lastName,
        employeeNumber: '77',
      });
      expect(wantedUserName(e, 'email-local-part')).toBe('employee-77');
      expect(wantedUserName(e, 'first-last')).toBe('employee-77');
    }
  });

  it('falls back to the employee id last', () => {
    const e = makeEmployee({
      id: 'ABC-123',
      email: undefined,
      firstName: '太郎',
      lastName: '山田',
      employeeNumber: undefined,
    });
    expect(wantedUserName(e, 'email-local-part')).toBe('abc-123');
    expect(wantedUserName(e, 'employee-number')).toBe('abc-123');
  });

  it('employee-number falls back to first-last, employee-id to first-last too', () => {
    const e = makeEmployee({
      employeeNumber: undefined,
      firstName: 'Li',
      lastName: 'Wei',
    });
    expect(wantedUserName(e, 'employee-number')).toBe('li.wei');
    const odd = makeEmployee({ id: '★', firstName: 'Li', lastName: 'Wei' });
    expect(wantedUserName(odd, 'employee-id')).toBe('li.wei');
  });

  it('hashes the id when nothing else yields a name', () => {
    const e = makeEmployee({
      id: '★',
      email: undefined,
      firstName: undefined,
      lastName: undefined,
      employeeNumber: undefined,
    });
    const name = wantedUserName(e, 'email-local-part');
    expect(name).toMatch(/^employee-[0-9a-f]{12}$/);
    expect(valid(name)).toBe(true);
  });

  it('treats an unknown strategy as yielding nothing and falls back', () => {
    const e = makeEmployee({ firstName: 'Li', lastName: 'Wei' });
    const bogus = 'nickname' as unknown as Parameters<typeof userNameFor>[1];
    expect(userNameFor(e, bogus)).toBeUndefined();
    expect(wantedUserName(e, bogus)).toBe('li.wei');
  });

  it('caps very long email local parts', () => {
    const e = makeEmployee({
      email: `${'very.long.name.'.repeat(6)}x@example.com`,
    });
    const name = wantedUserName(e, 'email-local-part');
    expect(name.length).toBeLessThanOrEqual(63);
    expect(valid(name)).toBe(true);
  });
});

describe('department naming strategies', () => {
  const support = makeDepartment({
    id: 'D-110',
    code: '110',
    description: 'Customer Support',
  });

  it.each([
    ['name', '', 'customer-support'],
    ['code', '', 'dept-110'],
    ['id', '', 'd-110'],
    ['name', 'paycor-', 'paycor-customer-support'],
    ['code', 'paycor-', 'paycor-dept-110'],
    ['id', 'hr.', 'hr.d-110'],
  ] as const)('%s with prefix %j', (strategy, prefix, expected) => {
    expect(wantedDepartmentName(support, { strategy, prefix })).toBe(expected);
  });

  it('falls back from name to code to id', () => {
    const cjk = makeDepartment({ id: 'D-1', code: '7', description: '営業部' });
    expect(
      wantedDepartmentName(cjk, { strategy: 'name', prefix: 'paycor-' }),
    ).toBe('paycor-dept-7');
    const noCode = makeDepartment({
      id: 'D-2',
      code: undefined,
      description: '',
    });
    expect(wantedDepartmentName(noCode, { strategy: 'name', prefix: '' })).toBe(
      'd-2',
    );
    expect(wantedDepartmentName(noCode, { strategy: 'code', prefix: '' })).toBe(
      'd-2',
    );
  });

  it('falls back from id to code when the id has nothing usable', () => {
    const d = makeDepartment({ id: '★', code: '9', description: 'Nine' });
    expect(wantedDepartmentName(d, { strategy: 'id', prefix: '' })).toBe(
      'dept-9',
    );
  });

  it('treats an unknown strategy as yielding nothing and falls back', () => {
    const d = makeDepartment({ id: 'D', code: '5', description: 'Five' });
    const bogus = 'title' as unknown as 'name';
    expect(wantedDepartmentName(d, { strategy: bogus, prefix: '' })).toBe(
      'dept-5',
    );
  });

  it('hashes the id when nothing yields a name', () => {
    const d = makeDepartment({
      id: '★',
      code: undefined,
      description: undefined,
    });
    expect(wantedDepartmentName(d, { strategy: 'name', prefix: 'p-' })).toMatch(
      /^p-dept-[0-9a-f]{12}$/,
    );
  });

  it('caps long names including the prefix', () => {
    const d = makeDepartment({ id: 'D', description: 'Global '.repeat(12) });
    const name = wantedDepartmentName(d, {
      strategy: 'name',
      prefix: 'paycor-',
    });
    expect(name.startsWith('paycor-global-global')).toBe(true);
    expect(name.length).toBe(63);
    expect(valid(name)).toBe(true);
  });
});

describe('assignNames', () => {
  it('gives everyone their wanted name when nothing collides', () => {
    const { names, collisions } = assignNames([
      { id: 'a', wanted: 'alice' },
      { id: 'b', wanted: 'bob' },
    ]);
    expect(Object.fromEntries(names)).toEqual({ a: 'alice', b: 'bob' });
    expect(collisions).toEqual([]);
  });

  it('lets the first claim in priority order win, suffixing the others', () => {
    const { names, collisions } = assignNames([
      { id: 'old', wanted: 'maria' },
      { id: 'new', wanted: 'maria' },
    ]);
    expect(names.get('old')).toBe('maria');
    expect(names.get('new')).toBe(`maria-${sha8('new')}`);
    expect(collisions).toEqual([
      {
        id: 'new',
        wanted: 'maria',
        given: `maria-${sha8('new')}`,
        winnerId: 'old',
      },
    ]);
  });

  it('keeps a name with whoever held it last run (stickiness)', () => {
    const { names, collisions } = assignNames([
      { id: 'senior', wanted: 'maria' },
      { id: 'holder', wanted: 'maria', previousName: 'Maria' },
    ]);
    expect(names.get('holder')).toBe('maria');
    expect(names.get('senior')).toBe(`maria-${sha8('senior')}`);
    expect(collisions[0]).toMatchObject({ id: 'senior', winnerId: 'holder' });
  });

  it('ignores a previous name that is not the contested one', () => {
    const { names } = assignNames([
      { id: 'a', wanted: 'maria' },
      { id: 'b', wanted: 'maria', previousName: 'maria-old' },
    ]);
    expect(names.get('a')).toBe('maria');
  });

  it('compares case-insensitively', () => {
    const { names } = assignNames([
      { id: 'a', wanted: 'Maria' },
      { id: 'b', wanted: 'maria' },
    ]);
    expect(names.get('b')).toBe(`maria-${sha8('b')}`);
  });

  it('never gives out reserved names', () => {
    const { names, collisions } = assignNames(
      [{ id: 'd1', wanted: 'acme', previousName: 'acme' }],
      new Map([['acme', 'group:default/acme']]),
    );
    expect(names.get('d1')).toBe(`acme-${sha8('d1')}`);
    expect(collisions).toEqual([
      {
        id: 'd1',
        wanted: 'acme',
        given: `acme-${sha8('d1')}`,
        reservedBy: 'group:default/acme',
      },
    ]);
  });

  it('re-hashes when a suffixed name is already taken', () => {
    const taken = `x-${sha8('b')}`;
    const { names } = assignNames([
      { id: 'a', wanted: 'x' },
      { id: 'c', wanted: taken },
      { id: 'b', wanted: 'x' },
    ]);
    expect(names.get('c')).toBe(taken);
    expect(names.get('b')).toBe(`x-${sha8('b#1')}`);
    expect(new Set(names.values()).size).toBe(3);
  });

  it('caps suffixed long names at 63', () => {
    const long = 'a'.repeat(63);
    const { names } = assignNames([
      { id: '1', wanted: long },
      { id: '2', wanted: long },
    ]);
    expect(names.get('2')).toBe(`${'a'.repeat(54)}-${sha8('2')}`);
    expect(valid(names.get('2'))).toBe(true);
  });
});
