import { PaycorFilters } from '../config/types';
import { DepartmentTree } from './departmentTree';
import { ExclusionRule, PaycorEmployeeRecord } from './types';
import { nonBlank } from './util';

function lowerSet(values: readonly string[] | undefined): Set<string> {
  const set = new Set<string>();
  for (const value of values ?? []) {
    const v = nonBlank(value);
    if (v !== undefined) set.add(v.toLowerCase());
  }
  return set;
}

/**
 * Decides per department whether `filters.departments` lets it through.
 * A department matches a list when its own id or code, or the id or code of
 * any ancestor, is on it (so listing a division covers every team below).
 * Ids and codes are compared trimmed and case-insensitively, so a GUID pasted
 * in upper case still matches. Exclude wins over include.
 */
export function createDepartmentFilter(
  filter: PaycorFilters['departments'],
  tree: DepartmentTree,
): (departmentId: string) => boolean {
  const include = lowerSet(filter?.include);
  const exclude = lowerSet(filter?.exclude);
  if (include.size === 0 && exclude.size === 0) return () => true;

  const matches = (list: Set<string>, id: string) => {
    for (const d of [id, ...tree.ancestorsOf(id)]) {
      if (list.has(d.toLowerCase())) return true;
      const code = nonBlank(tree.get(d)?.code);
      if (code !== undefined && list.has(code.toLowerCase())) return true;
    }
    return false;
  };
  const cache = new Map<string, boolean>();
  return id => {
    let passes = cache.get(id);
    if (passes === undefined) {
      passes =
        !(exclude.size > 0 && matches(exclude, id)) &&
        (include.size === 0 || matches(include, id));
      cache.set(id, passes);
    }
    return passes;
  };
}

/** The domain of a work email, lower-cased, or undefined. */
export function emailDomain(email: string | undefined): string | undefined {
  const trimmed = nonBlank(email);
  if (!trimmed) return undefined;
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return undefined;
  return trimmed.slice(at + 1).toLowerCase();
}

/** The key two work emails are compared by: trimmed and lower-cased. */
export function emailKey(email: string | undefined): string | undefined {
  return nonBlank(email)?.toLowerCase();
}

export type FilterVerdict = 'excluded' | 'filtered' | undefined;

/**
 * Whether an admin's exclusions (Exclusions tab) take a person out: by
 * employee id (compared trimmed) or work email (trimmed, case-insensitive).
 * `createEmployeeFilter` applies the same rules together with config's.
 */
export function createExclusionCheck(
  exclusions: readonly ExclusionRule[],
): (employee: PaycorEmployeeRecord, employeeEmailKey?: string) => boolean {
  const ids = new Set<string>();
  const emails = new Set<string>();
  for (const rule of exclusions) {
    const v = nonBlank(rule.value);
    if (v === undefined) continue;
    if (rule.kind === 'employee-id') ids.add(v);
    else if (rule.kind === 'email') emails.add(v.toLowerCase());
  }
  if (ids.size === 0 && emails.size === 0) return () => false;
  return (employee, employeeEmailKey = emailKey(employee.email)) =>
    ids.has(employee.id.trim()) ||
    (employeeEmailKey !== undefined && emails.has(employeeEmailKey));
}

/**
 * Builds the per-employee filter, applied after dating.
 *
 * - `excluded`: an admin unsynced the person (Exclusions tab) or config lists
 *   their id or email. Checked first, so the reason an admin sees is the
 *   explicit one. Ids compare exactly (trimmed); emails trimmed and
 *   case-insensitively.
 * - `filtered`: departments (see `createDepartmentFilter`; an employee with no
 *   known department fails a non-empty include list), locations (work
 *   location name case-insensitively, or id), employment types
 *   (case-insensitive; a missing type fails a non-empty list) and email
 *   domains. A domain matches exactly, not its subdomains: `example.com`
 *   does not admit `contractors.example.com`, so a listed domain never lets
 *   in more people than the admin can see in the list (list subdomains
 *   explicitly). A leading `@` in the list is ignored.
 */
export function createEmployeeFilter(
  filters: PaycorFilters,
  exclusions: readonly ExclusionRule[],
  departmentFilter: (departmentId: string) => boolean,
  tree: DepartmentTree,
): (
  employee: PaycorEmployeeRecord,
  /** `emailKey(employee.email)`, when already worked out */
  employeeEmailKey?: string,
) => FilterVerdict {
  const excludedIds = new Set<string>();
  for (const id of filters.excludeEmployeeIds ?? []) {
    const v = nonBlank(id);
    if (v !== undefined) excludedIds.add(v);
  }
  const excludedEmails = lowerSet(filters.excludeEmails);
  for (const rule of exclusions) {
    const v = nonBlank(rule.value);
    if (v === undefined) continue;
    if (rule.kind === 'employee-id') excludedIds.add(v);
    else if (rule.kind === 'email') excludedEmails.add(v.toLowerCase());
  }

  const hasDepartmentFilter =
    (filters.departments?.include?.length ?? 0) > 0 ||
    (filters.departments?.exclude?.length ?? 0) > 0;
  const departmentInclude = lowerSet(filters.departments?.include);
  const locationInclude = lowerSet(filters.locations?.include);
  const locationExclude = lowerSet(filters.locations?.exclude);
  const types = lowerSet(filters.employmentTypes);
  const domains = new Set(
    [...lowerSet(filters.emailDomains)].map(d => d.replace(/^@/, '')),
  );

  const locationKeys = (employee: PaycorEmployeeRecord): string[] =>
    [nonBlank(employee.workLocation?.name), nonBlank(employee.workLocation?.id)]
      .filter((v): v is string => v !== undefined)
      .map(v => v.toLowerCase());

  return (employee, employeeEmailKey = emailKey(employee.email)) => {
    if (excludedIds.has(employee.id.trim())) return 'excluded';
    const email = employeeEmailKey;
    if (email !== undefined && excludedEmails.has(email)) return 'excluded';

    if (hasDepartmentFilter) {
      const departmentId = nonBlank(employee.departmentId);
      if (departmentId !== undefined && tree.has(departmentId)) {
        if (!departmentFilter(departmentId)) return 'filtered';
      } else if (departmentInclude.size > 0) {
        return 'filtered';
      }
    }

    if (locationInclude.size > 0 || locationExclude.size > 0) {
      const keys = locationKeys(employee);
      if (keys.some(k => locationExclude.has(k))) return 'filtered';
      if (locationInclude.size > 0 && !keys.some(k => locationInclude.has(k))) {
        return 'filtered';
      }
    }

    if (types.size > 0) {
      const type = nonBlank(employee.employmentType)?.toLowerCase();
      if (type === undefined || !types.has(type)) return 'filtered';
    }

    if (domains.size > 0) {
      const domain = emailDomain(employee.email);
      if (domain === undefined || !domains.has(domain)) return 'filtered';
    }
    return undefined;
  };
}
