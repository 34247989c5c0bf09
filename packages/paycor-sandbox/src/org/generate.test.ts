import { LEAVE_STATUSES, SEPARATED_STATUSES } from '../paycor/enums';
import type { Employee } from '../paycor/types';
import { dirtyCount, NO_DIRTY_DATA } from './dirtyData';
import { generateOrg } from './generate';

const NOW = new Date('2025-06-15T09:30:00Z');
const TODAY = '2025-06-15T00:00:00Z';

describe('generateOrg', () => {
  const org = generateOrg({ seed: 42, employees: 5000, now: NOW });
  const byId = new Map(org.employees.map(e => [e.id, e]));
  const departmentsById = new Map(org.departments.map(d => [d.id, d]));

  it('is deterministic: same seed and size give byte-identical JSON', () => {
    const a = JSON.stringify(
      generateOrg({ seed: 3, employees: 400, now: NOW }),
    );
    const b = JSON.stringify(
      generateOrg({
        seed: 3,
        employees: 400,
        now: new Date('2025-06-15T23:59:59Z'),
      }),
    );
    expect(a).toBe(b);
  });

  it('differs for a different seed', () => {
    const a = generateOrg({ seed: 3, employees: 400, now: NOW });
    const b = generateOrg({ seed: 4, employees: 400, now: NOW });
    expect(a.employees.map(e => e.id)).not.toEqual(b.employees.map(e => e.id));
    expect(a.employees.map(e => e.lastName)).not.toEqual(
      b.employees.map(e => e.lastName),
    );
  });

  it('sizes the org: employees, persons, ~2% departments, a few work locations', () => {
    expect(org.employees).toHaveLength(5000);
    expect(org.persons).toHaveLength(5000);
    expect(org.departments).toHaveLength(100);
    expect(org.workLocations.length).toBeGreaterThanOrEqual(2);
    expect(
      generateOrg({ seed: 1, employees: 10, now: NOW }).departments,
    ).toHaveLength(5);
    expect(generateOrg({ seed: 1, employees: 0, now: NOW }).employees).toEqual(
      [],
    );
  });

  it('builds a department tree 2–4 levels deep with Paycor levels (2 at the top)', () => {
    const depthBelowTop = (id: string): number => {
      const children = org.departments.filter(d => d.parentId === id);
      return children.length
        ? 1 + Math.max(...children.map(c => depthBelowTop(c.id)))
        : 0;
    };
    const tops = org.departments.filter(d => d.parentId === null);
    const expectedLevel = (d: (typeof org.departments)[number]) =>
      d.parentId === null ? 2 : departmentsById.get(d.parentId)!.level + 1;
    expect(org.departments.map(d => d.level)).toEqual(
      org.departments.map(expectedLevel),
    );
    expect(
      org.departments.filter(d => !/^\d{1,14}$/.test(d.code ?? '')),
    ).toEqual([]);
    const depths = tops.map(d => depthBelowTop(d.id) + 1);
    expect(Math.max(...depths)).toBe(4);
    expect(Math.max(...org.departments.map(d => d.level))).toBeLessThanOrEqual(
      5,
    );
    expect(new Set(org.departments.map(d => d.code)).size).toBe(
      org.departments.length,
    );
  });

  it('gives everyone but the CEO a manager in the same or a parent department', () => {
    const withoutManager = org.employees.filter(e => !e.positionData?.manager);
    expect(withoutManager).toHaveLength(1);
    expect(withoutManager[0].positionData?.jobTitle).toBe(
      'Chief Executive Officer',
    );
    const ancestry = (departmentId: string) => {
      const chain = new Set<string>();
      for (
        let d = departmentsById.get(departmentId);
        d;
        d = d.parentId ? departmentsById.get(d.parentId) : undefined
      ) {
        chain.add(d.id);
      }
      return chain;
    };
    const known = (e: Employee) => departmentsById.has(e.department?.id ?? '');
    const managed = org.employees.filter(
      e => e.positionData?.manager && known(e),
    );
    const managerOf = (e: Employee) => byId.get(e.positionData!.manager!.id!)!;
    expect(
      managed.filter(
        e =>
          managerOf(e).employeeNumber !==
          e.positionData!.manager!.employeeNumber,
      ),
    ).toEqual([]);
    // Managers other than the CEO (whose own department may be elsewhere) sit in the same or a parent department.
    const misplaced = managed.filter(e => {
      const manager = managerOf(e);
      if (!manager.positionData?.manager || !known(manager)) return false;
      return !ancestry(e.department!.id!).has(manager.department!.id!);
    });
    expect(misplaced).toEqual([]);
  });

  it('looks like a company at demo size: a deep department tree with Engineering, one head, real spans', () => {
    const small = generateOrg({ seed: 1, employees: 300, now: NOW });
    const byDepartment = new Map(small.departments.map(d => [d.id, d]));
    const depth = (id: string): number => {
      const parent = byDepartment.get(id)!.parentId;
      return parent ? 1 + depth(parent) : 1;
    };
    expect(small.departments).toHaveLength(25);
    expect(Math.max(...small.departments.map(d => depth(d.id)))).toBe(3);
    const tops = small.departments
      .filter(d => d.parentId === null)
      .map(d => d.description);
    expect(tops.slice(0, 2)).toEqual(['Executive Office', 'Engineering']);
    expect(
      small.departments.filter(
        d =>
          d.parentId !== null &&
          byDepartment.get(d.parentId)!.description === 'Engineering',
      ).length,
    ).toBeGreaterThan(1);

    const heads = small.employees.filter(e => !e.positionData?.manager);
    expect(heads).toHaveLength(1);
    const reports = new Map<string, Employee[]>();
    for (const e of small.employees) {
      const manager = e.positionData?.manager?.id;
      if (manager) reports.set(manager, [...(reports.get(manager) ?? []), e]);
    }
    const spans = [...reports.values()]
      .map(r => r.length)
      .sort((a, b) => a - b);
    expect(spans[Math.floor(spans.length / 2)]).toBeGreaterThanOrEqual(4);
    expect(spans[Math.floor(spans.length / 2)]).toBeLessThanOrEqual(10);
    expect(spans[spans.length - 1]).toBeLessThanOrEqual(20);
    const sameDepartment = small.employees.filter(e => {
      const manager = small.employees.find(
        m => m.id === e.positionData?.manager?.id,
      );
      return manager && manager.department?.id === e.department?.id;
    }).length;
    expect(sameDepartment / (small.employees.length - 1)).toBeGreaterThan(0.85);
  });

  it('draws statuses in realistic shares, with past and future dates', () => {
    const share = (predicate: (e: Employee) => boolean) =>
      org.employees.filter(predicate).length / org.employees.length;
    const status = (e: Employee) => e.statusData!.status!;
    const futureHire = (e: Employee) => e.employmentDateData!.hireDate! > TODAY;
    expect(
      share(e => status(e) === 'Active' && !futureHire(e)),
    ).toBeGreaterThan(0.8);
    expect(share(e => status(e) === 'Active' && !futureHire(e))).toBeLessThan(
      0.9,
    );
    expect(
      share(e => (LEAVE_STATUSES as readonly string[]).includes(status(e))),
    ).toBeGreaterThan(0.025);
    expect(
      share(e => (LEAVE_STATUSES as readonly string[]).includes(status(e))),
    ).toBeLessThan(0.06);
    const separated = org.employees.filter(e =>
      (SEPARATED_STATUSES as readonly string[]).includes(status(e)),
    );
    expect(separated.length / org.employees.length).toBeGreaterThan(0.06);
    expect(separated.length / org.employees.length).toBeLessThan(0.1);
    expect(separated.every(e => e.employmentDateData?.terminationDate)).toBe(
      true,
    );
    const future = separated.filter(
      e => e.employmentDateData!.terminationDate! > TODAY,
    );
    expect(future.length).toBeGreaterThan(0);
    expect(future.length).toBeLessThan(separated.length / 4);
    expect(share(futureHire)).toBeGreaterThan(0.015);
    expect(share(futureHire)).toBeLessThan(0.045);
    expect(
      new Set(org.employees.map(e => e.statusData!.type)).size,
    ).toBeGreaterThan(3);
    expect(share(e => e.statusData!.isFullTime === false)).toBeGreaterThan(
      0.02,
    );
  });

  it('uses realistic names: ~10% non-English, some very long, ASCII work e-mails', () => {
    const nonAscii = org.employees.filter(e =>
      /[^\x20-\x7e]/.test(`${e.firstName}${e.lastName}`),
    );
    expect(nonAscii.length / org.employees.length).toBeGreaterThan(0.05);
    expect(nonAscii.length / org.employees.length).toBeLessThan(0.15);
    expect(org.employees.some(e => /\p{Script=Han}/u.test(e.lastName!))).toBe(
      true,
    );
    expect(
      org.employees.some(e => /\p{Script=Cyrillic}/u.test(e.lastName!)),
    ).toBe(true);
    const long = org.employees.filter(
      e => `${e.firstName} ${e.middleName ?? ''} ${e.lastName}`.length > 63,
    );
    expect(long.length).toBeGreaterThanOrEqual(5);
    const domain = org.employees[0].email!.emailAddress!.split('@')[1];
    const workAddress = new RegExp(
      `^[a-z0-9.]+@${domain.replace('.', '\\.')}$`,
      'i',
    );
    const addresses = org.employees
      .map(e => e.email?.emailAddress)
      .filter((a): a is string => Boolean(a));
    expect(addresses.length).toBeGreaterThan(4800);
    expect(addresses.filter(a => !workAddress.test(a))).toEqual([]);
  });

  it('applies the dirty-data shares exactly as documented', () => {
    const shares = {
      duplicateEmails: 0.02,
      missingEmails: 0.03,
      unknownDepartments: 0.01,
      emptyDepartments: 0.1,
    };
    const dirty = generateOrg({
      seed: 9,
      employees: 2000,
      now: NOW,
      dirtyData: shares,
    });
    const n = dirty.employees.length;
    const missing = dirty.employees.filter(e => !e.email?.emailAddress);
    expect(missing).toHaveLength(dirtyCount(shares.missingEmails, n));
    expect(missing.some(e => e.email === null)).toBe(true);
    expect(missing.some(e => e.email?.emailAddress === '')).toBe(true);

    const seen = new Map<string, number>();
    for (const e of dirty.employees) {
      const address = e.email?.emailAddress?.toLowerCase();
      if (address) seen.set(address, (seen.get(address) ?? 0) + 1);
    }
    const duplicates = [...seen.values()].reduce(
      (sum, count) => sum + count - 1,
      0,
    );
    expect(duplicates).toBe(dirtyCount(shares.duplicateEmails, n));

    const known = new Set(dirty.departments.map(d => d.id));
    expect(
      dirty.employees.filter(e => !known.has(e.department!.id!)),
    ).toHaveLength(dirtyCount(shares.unknownDepartments, n));

    const staffed = new Set(dirty.employees.map(e => e.department!.id));
    expect(dirty.departments.filter(d => !staffed.has(d.id))).toHaveLength(
      dirtyCount(shares.emptyDepartments, dirty.departments.length),
    );
  });

  it('produces clean data when every share is 0', () => {
    const clean = generateOrg({
      seed: 9,
      employees: 1000,
      now: NOW,
      dirtyData: NO_DIRTY_DATA,
    });
    const addresses = clean.employees.map(e =>
      e.email?.emailAddress?.toLowerCase(),
    );
    expect(addresses.every(Boolean)).toBe(true);
    expect(new Set(addresses).size).toBe(addresses.length);
    const known = new Set(clean.departments.map(d => d.id));
    expect(clean.employees.every(e => known.has(e.department!.id!))).toBe(true);
  });

  it('rejects out-of-range options naming the field', () => {
    expect(() => generateOrg({ seed: 1, employees: -1 })).toThrow(/employees/);
    expect(() =>
      generateOrg({ seed: 1, employees: 10, dirtyData: { missingEmails: 2 } }),
    ).toThrow(/dirtyData\.missingEmails/);
  });
});
