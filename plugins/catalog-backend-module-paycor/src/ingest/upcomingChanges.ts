import { UpcomingChange } from '@paycor-backstage/plugin-paycor-common';
import { PaycorProviderConfig } from '../config/types';
import { personName } from './conflictMessages';
import {
  createCalendar,
  DatingDay,
  employmentSkipReason,
  resolveTimeZone,
  statusPolicy,
} from './dating';
import { DepartmentTree } from './departmentTree';
import { PreparedEmployees } from './employees';
import {
  createDepartmentFilter,
  createEmployeeFilterRule,
  FILTER_RULE_VERDICTS,
  matchingExclusion,
} from './filters';
import { People } from './people';
import { userRef } from './refs';
import { ExclusionRule, PaycorLegalEntityRecord, SkipReason } from './types';
import { compareStrings } from './util';

const NOT_SYNCED_THEN: Record<SkipReason, string> = {
  'not-yet-hired': 'not started yet',
  terminated: 'terminated by then',
  status: 'their status is not one the sync takes',
  'on-leave': 'on leave, and people on leave are not synced',
  filtered: 'filtered out',
  excluded: 'excluded',
  invalid: 'their record is invalid',
  'duplicate-email': 'another person keeps their email',
};

export interface UpcomingInput {
  employees: PreparedEmployees;
  tree: DepartmentTree;
  legalEntity: PaycorLegalEntityRecord;
  config: PaycorProviderConfig;
  exclusions: readonly ExclusionRule[];
  /** the people stage today: who is synced now */
  people: Pick<People, 'skipReasons' | 'userNames'>;
  now: Date;
  days: number;
}

export interface Upcoming {
  items: UpcomingChange[];
  /** today in the legal entity's zone */
  from: string;
  timeZone: string;
}

/**
 * The dated changes of the next `days` days (today excluded: what today's
 * dates do has happened), from the snapshot alone: a hire or rehire makes a
 * User appear on its start date (less `preStartDays`), a termination removes
 * it at 00:00 of its date. Each date is the calendar date in the legal
 * entity's zone, and the effect is what the transform would decide on that
 * day for that person (dating by `employmentSkipReason`, then the exclusions
 * and filters, which do not depend on the date); a person kept out by a
 * filter or an exclusion shows with effect `none`.
 *
 * Not included, because Paycor does not date them: leave (a leave status
 * takes effect when Paycor sets it, with no end date; `leaveStartDate` is
 * only in the newer API document and is not read) and department moves (the
 * employee record only has the current department).
 */
export function upcomingChanges(input: UpcomingInput): Upcoming {
  const { config, tree, people } = input;
  const zone = resolveTimeZone(config.timeZone, input.legalEntity.timeZone);
  const calendar = createCalendar(zone);
  const policy = statusPolicy(config);
  const today = calendar.dateAt(input.now.getTime());
  const last = calendar.plusDays(today, input.days);
  const namespace = config.namespace || 'default';
  const dayOf = (date: string): DatingDay => ({
    today: date,
    appearsBy: calendar.plusDays(date, policy.preStartDays),
  });
  const filterRule = createEmployeeFilterRule(
    config.filters ?? {},
    [],
    createDepartmentFilter(config.filters?.departments, tree),
    tree,
  );

  const items: UpcomingChange[] = [];
  for (const prepared of input.employees.list()) {
    const { start, termination } = prepared;
    const appears =
      start !== undefined
        ? calendar.plusDays(start, -policy.preStartDays)
        : undefined;
    const appearsSoon =
      appears !== undefined && appears > today && appears <= last;
    const leavesSoon =
      termination !== undefined && termination > today && termination <= last;
    if (!appearsSoon && !leavesSoon) continue;

    const { employee } = prepared;
    const id = employee.id;
    const displayName = personName(employee);
    const name = people.userNames.get(id);
    const syncedNow = name !== undefined && !people.skipReasons.has(id);
    const entityRef = name !== undefined ? userRef(namespace, name) : undefined;
    // What keeps a person out whatever the date.
    const rule = filterRule(employee, prepared.emailKey);
    const excluded =
      (rule && FILTER_RULE_VERDICTS[rule] === 'excluded') ||
      matchingExclusion(input.exclusions, employee, prepared.emailKey);
    const keptOut = excluded
      ? 'they are excluded'
      : rule && 'a filter leaves them out';

    if (appearsSoon) {
      const reason = employmentSkipReason(
        prepared,
        prepared.status,
        dayOf(appears!),
        policy,
      );
      const change = prepared.rehired ? 'rehire' : 'hire';
      const early = appears !== start ? ` (${change} date ${start})` : '';
      let effect: UpcomingChange['effect'] = 'appears';
      let detail = `A User appears on ${appears}${early}.`;
      if (keptOut) {
        effect = 'none';
        detail = `Starts on ${start}, but ${keptOut}: no User.`;
      } else if (reason) {
        effect = 'none';
        detail = `Starts on ${start}, but is not synced that day: ${NOT_SYNCED_THEN[reason]}.`;
      }
      items.push({
        employeeId: id,
        displayName,
        change,
        date: appears!,
        effect,
        detail,
      });
    }
    if (leavesSoon) {
      const goes = syncedNow || (appearsSoon && !keptOut);
      items.push({
        employeeId: id,
        displayName,
        change: 'termination',
        date: termination!,
        effect: goes ? 'goes' : 'none',
        detail: goes
          ? `Their User is removed at 00:00 on ${termination}.`
          : `Terminated on ${termination}; they have no User now, so nothing changes in the catalog.`,
        ...(goes && entityRef ? { entityRef } : {}),
      });
    }
  }
  items.sort(
    (a, b) =>
      compareStrings(a.date, b.date) ||
      compareStrings(a.displayName, b.displayName) ||
      compareStrings(a.employeeId, b.employeeId),
  );
  return { items, from: today, timeZone: zone };
}
