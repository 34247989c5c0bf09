import { SandboxOrgFixture } from '@paycor-backstage/paycor-sandbox';

const LEAVE = new Set([
  'LeaveWithPay',
  'LeaveWithoutPay',
  'Fmla',
  'ShortTermDisability',
  'LongTermDisability',
  'WorkersCompensation',
]);
const SEPARATED = new Set([
  'Terminated',
  'Resigned',
  'Retired',
  'Deceased',
  'LaidOff',
]);

/**
 * Who should be a User on `today` (`YYYY-MM-DD`, the module's day: the UTC
 * day where a test configures `timeZone: UTC`, else the company's, which the
 * sandbox reports as `getSummary().today`), by the product rules (design §5),
 * computed straight from the sandbox's org — deliberately not with the
 * module's own code, so a bug there cannot hide itself.
 */
export function expectedUsers(org: SandboxOrgFixture, today: string) {
  const day = (v?: string | null) => (v ? v.slice(0, 10) : undefined);
  return org.employees!.filter(e => {
    const dates: {
      hireDate?: string | null;
      reHireDate?: string | null;
      terminationDate?: string | null;
    } = e.employmentDateData ?? {};
    const status = e.statusData?.status ?? 'Active';
    const rehire = day(dates.reHireDate);
    let termination = day(dates.terminationDate);
    let start = day(dates.hireDate);
    if (rehire && termination && rehire > termination) {
      termination = undefined;
      start = rehire;
    }
    if (start && start > today) return false;
    if (termination && termination <= today) return false;
    if (SEPARATED.has(status))
      return Boolean(termination && termination > today);
    return status === 'Active' || LEAVE.has(status);
  });
}

/**
 * Who is a User whatever the company's zone: expected both on the UTC day and
 * the day before (every US zone's day is one of the two). For tests that pick
 * someone from an org before any sandbox serves it.
 */
export function surelyExpectedUsers(org: SandboxOrgFixture, now = new Date()) {
  const day = (offset: number) =>
    new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const yesterday = new Set(expectedUsers(org, day(-1)).map(e => e.id));
  return expectedUsers(org, day(0)).filter(e => yesterday.has(e.id));
}

/** Departments with at least one expected User in their subtree. */
export function expectedDepartments(
  org: SandboxOrgFixture,
  users: ReturnType<typeof expectedUsers>,
) {
  const departments = org.departments!;
  const byId = new Map(departments.map(d => [d.id!, d]));
  const nonEmpty = new Set<string>();
  for (const user of users) {
    let id = user.department?.id ?? undefined;
    const seen = new Set<string>();
    while (id && byId.has(id) && !seen.has(id)) {
      seen.add(id);
      nonEmpty.add(id);
      id = byId.get(id)!.parentId ?? undefined;
    }
  }
  return departments.filter(d => nonEmpty.has(d.id!));
}
