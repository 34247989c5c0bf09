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
 * The rule of `createEmployeeFilterRule` that left a person out: which
 * exclusion list or filter of app-config (or an admin's exclusion, when
 * given), as the trace names it.
 */
export type FilterRule =
  | 'exclude-employee-id'
  | 'exclude-email'
  | 'department'
  | 'department-unknown'
  | 'location-excluded'
  | 'location-not-included'
  | 'employment-type'
  | 'email-domain';

/** What each rule means for the transform. */
export const FILTER_RULE_VERDICTS: Readonly<
  Record<FilterRule, 'excluded' | 'filtered'>
> = {
  'exclude-employee-id': 'excluded',
  'exclude-email': 'excluded',
  department: 'filtered',
  'department-unknown': 'filtered',
  'location-excluded': 'filtered',
  'location-not-included': 'filtered',
  'employment-type': 'filtered',
  'email-domain': 'filtered',
};

/**
 * Builds the per-employee filter, applied after dating: the rule that leaves
 * a person out, or undefined when none does.
 *
 * - Exclusions (`exclude-employee-id`, `exclude-email`): an admin unsynced
 *   the person (Exclusions tab) or config lists their id or email. Checked
 *   first, so the reason an admin sees is the explicit one. Ids compare
 *   exactly (trimmed); emails trimmed and case-insensitively.
 * - Filters: departments (see `createDepartmentFilter`; an employee with no
 *   known department fails a non-empty include list), locations (work
 *   location name case-insensitively, or id), employment types
 *   (case-insensitive; a missing type fails a non-empty list) and email
 *   domains. A domain matches exactly, not its subdomains: `example.com`
 *   does not admit `contractors.example.com`, so a listed domain never lets
 *   in more people than the admin can see in the list (list subdomains
 *   explicitly). A leading `@` in the list is ignored.
 */
export function createEmployeeFilterRule(
  filters: PaycorFilters,
  exclusions: readonly ExclusionRule[],
  departmentFilter: (departmentId: string) => boolean,
  tree: DepartmentTree,
): (
  employee: PaycorEmployeeRecord,
  /** `emailKey(employee.email)`, when already worked out */
  employeeEmailKey?: string,
) => FilterRule | undefined {
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
    if (excludedIds.has(employee.id.trim())) return 'exclude-employee-id';
    const email = employeeEmailKey;
    if (email !== undefined && excludedEmails.has(email)) {
      return 'exclude-email';
    }

    if (hasDepartmentFilter) {
      const departmentId = nonBlank(employee.departmentId);
      if (departmentId !== undefined && tree.has(departmentId)) {
        if (!departmentFilter(departmentId)) return 'department';
      } else if (departmentInclude.size > 0) {
        return 'department-unknown';
      }
    }

    if (locationInclude.size > 0 || locationExclude.size > 0) {
      const keys = locationKeys(employee);
      if (keys.some(k => locationExclude.has(k))) return 'location-excluded';
      if (locationInclude.size > 0 && !keys.some(k => locationInclude.has(k))) {
        return 'location-not-included';
      }
    }

    if (types.size > 0) {
      const type = nonBlank(employee.employmentType)?.toLowerCase();
      if (type === undefined || !types.has(type)) return 'employment-type';
    }

    if (domains.size > 0) {
      const domain = emailDomain(employee.email);
      if (domain === undefined || !domains.has(domain)) return 'email-domain';
    }
    return undefined;
  };
}

/**
 * `createEmployeeFilterRule` as the transform uses it: `excluded`,
 * `filtered` or undefined.
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
  const ruleOf = createEmployeeFilterRule(
    filters,
    exclusions,
    departmentFilter,
    tree,
  );
  return (employee, employeeEmailKey) => {
    const rule = ruleOf(employee, employeeEmailKey);
    return rule === undefined ? undefined : FILTER_RULE_VERDICTS[rule];
  };
}

/**
 * The admin exclusion (of `createExclusionCheck`'s list) that takes this
 * person out, for the trace to say who excluded them and when.
 */
export function matchingExclusion<R extends ExclusionRule>(
  exclusions: readonly R[],
  employee: PaycorEmployeeRecord,
  employeeEmailKey: string | undefined = emailKey(employee.email),
): R | undefined {
  const id = employee.id.trim();
  return (
    exclusions.find(
      r => r.kind === 'employee-id' && nonBlank(r.value) === id,
    ) ??
    (employeeEmailKey === undefined
      ? undefined
      : exclusions.find(
          r =>
            r.kind === 'email' &&
            nonBlank(r.value)?.toLowerCase() === employeeEmailKey,
        ))
  );
}

const list = (values: readonly string[] | undefined) =>
  (values ?? []).join(', ') || 'none';

/** A sentence naming the rule that left a person out, with the values compared. */
export function describeFilterRule(
  rule: FilterRule,
  employee: PaycorEmployeeRecord,
  filters: PaycorFilters,
  departmentName?: string,
): string {
  switch (rule) {
    case 'exclude-employee-id':
      return `app-config lists their employee id ${employee.id} in filters.excludeEmployeeIds.`;
    case 'exclude-email':
      return `app-config lists their work email ${nonBlank(
        employee.email,
      )} in filters.excludeEmails.`;
    case 'department':
      return `Their department${
        departmentName ? ` ${departmentName}` : ''
      } is left out by filters.departments (include: ${list(
        filters.departments?.include,
      )}; exclude: ${list(
        filters.departments?.exclude,
      )}; a listed department covers the ones below it).`;
    case 'department-unknown':
      return `filters.departments.include is set, and their department (${
        nonBlank(employee.departmentId) ?? 'none'
      }) is not one Paycor listed, so it cannot be under an included one.`;
    case 'location-excluded':
      return `Their work location ${
        nonBlank(employee.workLocation?.name) ??
        nonBlank(employee.workLocation?.id)
      } is in filters.locations.exclude.`;
    case 'location-not-included':
      return `Their work location (${
        nonBlank(employee.workLocation?.name) ??
        nonBlank(employee.workLocation?.id) ??
        'none'
      }) is not in filters.locations.include (${list(
        filters.locations?.include,
      )}).`;
    case 'employment-type':
      return `Their employment type (${
        nonBlank(employee.employmentType) ?? 'none'
      }) is not in filters.employmentTypes (${list(filters.employmentTypes)}).`;
    case 'email-domain':
      return `Their email domain (${
        emailDomain(employee.email) ?? 'no work email'
      }) is not in filters.emailDomains (${list(filters.emailDomains)}).`;
    default:
      return `Left out by app-config filters (${rule as string}).`;
  }
}
