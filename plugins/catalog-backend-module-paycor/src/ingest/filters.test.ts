import { PaycorFilters } from '../config/types';
import { makeDepartment, makeEmployee } from './__testUtils__/builders';
import { buildDepartmentTree } from './departmentTree';
import {
  createDepartmentFilter,
  createEmployeeFilter,
  emailDomain,
  emailKey,
} from './filters';
import { ExclusionRule, PaycorEmployeeRecord } from './types';

const tree = buildDepartmentTree([
  makeDepartment({ id: 'ENG', code: '100' }),
  makeDepartment({ id: 'PLAT', code: '110', parentId: 'ENG' }),
  makeDepartment({ id: 'SRE', code: '111', parentId: 'PLAT' }),
  makeDepartment({ id: 'SALES', code: '200' }),
]);

function verdict(
  filters: PaycorFilters,
  employee: Partial<PaycorEmployeeRecord>,
  exclusions: ExclusionRule[] = [],
) {
  const departmentFilter = createDepartmentFilter(filters.departments, tree);
  return createEmployeeFilter(
    filters,
    exclusions,
    departmentFilter,
    tree,
  )(makeEmployee({ id: 'e1', ...employee }));
}

describe('createDepartmentFilter', () => {
  it('lets everything through without lists', () => {
    const f = createDepartmentFilter(undefined, tree);
    expect(tree.ids.every(f)).toBe(true);
    expect(
      createDepartmentFilter({ include: [], exclude: [] }, tree)('SRE'),
    ).toBe(true);
  });

  it('includes a department and its descendants by id or code', () => {
    const byId = createDepartmentFilter({ include: ['plat'] }, tree);
    expect(tree.ids.filter(byId)).toEqual(['PLAT', 'SRE']);
    const byCode = createDepartmentFilter({ include: [' 100 '] }, tree);
    expect(tree.ids.filter(byCode)).toEqual(['ENG', 'PLAT', 'SRE']);
  });

  it('excludes a department and its descendants by id or code', () => {
    expect(
      tree.ids.filter(createDepartmentFilter({ exclude: ['110'] }, tree)),
    ).toEqual(['ENG', 'SALES']);
    expect(
      tree.ids.filter(createDepartmentFilter({ exclude: ['SALES'] }, tree)),
    ).toEqual(['ENG', 'PLAT', 'SRE']);
  });

  it('lets exclude win over include', () => {
    const f = createDepartmentFilter(
      { include: ['ENG'], exclude: ['111'] },
      tree,
    );
    expect(tree.ids.filter(f)).toEqual(['ENG', 'PLAT']);
  });
});

describe('createEmployeeFilter', () => {
  it('passes everyone without filters', () => {
    expect(verdict({}, {})).toBeUndefined();
  });

  describe('exclusions', () => {
    it('excludes by config employee id (trimmed, exact)', () => {
      expect(verdict({ excludeEmployeeIds: [' e1 '] }, {})).toBe('excluded');
      expect(verdict({ excludeEmployeeIds: ['E1'] }, {})).toBeUndefined();
    });

    it('excludes by config email, case-insensitively and trimmed', () => {
      expect(
        verdict(
          { excludeEmails: ['maria@example.com'] },
          { email: ' Maria@Example.COM ' },
        ),
      ).toBe('excluded');
    });

    it('excludes by admin exclusions (id and email)', () => {
      expect(verdict({}, {}, [{ kind: 'employee-id', value: 'e1' }])).toBe(
        'excluded',
      );
      expect(
        verdict({}, { email: 'maria@example.com' }, [
          { kind: 'email', value: 'MARIA@example.com ' },
        ]),
      ).toBe('excluded');
      expect(verdict({}, {}, [{ kind: 'email', value: '  ' }])).toBeUndefined();
    });

    it('reports excluded before filtered', () => {
      expect(
        verdict({ employmentTypes: ['Seasonal'] }, {}, [
          { kind: 'employee-id', value: 'e1' },
        ]),
      ).toBe('excluded');
    });
  });

  describe('departments', () => {
    it('filters by the department or any ancestor', () => {
      expect(
        verdict({ departments: { include: ['ENG'] } }, { departmentId: 'SRE' }),
      ).toBeUndefined();
      expect(
        verdict(
          { departments: { include: ['ENG'] } },
          { departmentId: 'SALES' },
        ),
      ).toBe('filtered');
      expect(
        verdict({ departments: { exclude: ['110'] } }, { departmentId: 'SRE' }),
      ).toBe('filtered');
      expect(
        verdict({ departments: { exclude: ['110'] } }, { departmentId: 'ENG' }),
      ).toBeUndefined();
    });

    it('fails an include list without a known department', () => {
      expect(
        verdict(
          { departments: { include: ['ENG'] } },
          { departmentId: undefined },
        ),
      ).toBe('filtered');
      expect(
        verdict(
          { departments: { include: ['ENG'] } },
          { departmentId: 'nope' },
        ),
      ).toBe('filtered');
    });

    it('passes an exclude-only list without a known department', () => {
      expect(
        verdict(
          { departments: { exclude: ['ENG'] } },
          { departmentId: undefined },
        ),
      ).toBeUndefined();
      expect(
        verdict(
          { departments: { exclude: ['ENG'] } },
          { departmentId: 'nope' },
        ),
      ).toBeUndefined();
    });
  });

  describe('locations', () => {
    const hq = { workLocation: { id: 'LOC-1', name: 'Cincinnati HQ' } };

    it('includes by name (case-insensitive) or id', () => {
      expect(
        verdict({ locations: { include: ['cincinnati hq'] } }, hq),
      ).toBeUndefined();
      expect(
        verdict({ locations: { include: ['loc-1'] } }, hq),
      ).toBeUndefined();
      expect(verdict({ locations: { include: ['Remote'] } }, hq)).toBe(
        'filtered',
      );
    });

    it('excludes by name or id', () => {
      expect(verdict({ locations: { exclude: ['CINCINNATI HQ'] } }, hq)).toBe(
        'filtered',
      );
      expect(verdict({ locations: { exclude: ['LOC-1'] } }, hq)).toBe(
        'filtered',
      );
      expect(
        verdict({ locations: { exclude: ['Remote'] } }, hq),
      ).toBeUndefined();
    });

    it('lets exclude win and fails an include list without a location', () => {
      expect(
        verdict(
          { locations: { include: ['LOC-1'], exclude: ['Cincinnati HQ'] } },
          hq,
        ),
      ).toBe('filtered');
      expect(
        verdict(
          { locations: { include: ['LOC-1'] } },
          { workLocation: undefined },
        ),
      ).toBe('filtered');
      expect(
        verdict(
          { locations: { exclude: ['LOC-1'] } },
          { workLocation: undefined },
        ),
      ).toBeUndefined();
    });
  });

  describe('employment types', () => {
    it('keeps listed types (case-insensitive) and drops others or missing ones', () => {
      expect(
        verdict(
          { employmentTypes: ['Regular'] },
          { employmentType: 'regular' },
        ),
      ).toBeUndefined();
      expect(
        verdict(
          { employmentTypes: ['Regular'] },
          { employmentType: 'Seasonal' },
        ),
      ).toBe('filtered');
      expect(
        verdict(
          { employmentTypes: ['Regular'] },
          { employmentType: undefined },
        ),
      ).toBe('filtered');
      expect(
        verdict({ employmentTypes: [] }, { employmentType: undefined }),
      ).toBeUndefined();
    });
  });

  describe('email domains', () => {
    it('matches the exact domain, case-insensitively', () => {
      expect(
        verdict({ emailDomains: ['example.com'] }, { email: 'a@EXAMPLE.com' }),
      ).toBeUndefined();
      expect(
        verdict({ emailDomains: ['@example.com'] }, { email: 'a@example.com' }),
      ).toBeUndefined();
      expect(
        verdict({ emailDomains: ['example.com'] }, { email: 'a@other.com' }),
      ).toBe('filtered');
    });

    it('does not admit subdomains', () => {
      expect(
        verdict(
          { emailDomains: ['example.com'] },
          { email: 'a@contractors.example.com' },
        ),
      ).toBe('filtered');
    });

    it('fails without a usable email', () => {
      expect(
        verdict({ emailDomains: ['example.com'] }, { email: undefined }),
      ).toBe('filtered');
      expect(
        verdict({ emailDomains: ['example.com'] }, { email: 'broken' }),
      ).toBe('filtered');
    });
  });
});

describe('email helpers', () => {
  it('emailKey trims and lower-cases', () => {
    expect(emailKey(' A@B.com ')).toBe('a@b.com');
    expect(emailKey('  ')).toBeUndefined();
    expect(emailKey(undefined)).toBeUndefined();
  });

  it('emailDomain needs a local part and a domain', () => {
    expect(emailDomain('a@B.com')).toBe('b.com');
    expect(emailDomain('@b.com')).toBeUndefined();
    expect(emailDomain('a@')).toBeUndefined();
    expect(emailDomain(undefined)).toBeUndefined();
  });
});
