import { DateTime } from 'luxon';
import {
  EmploymentStatus,
  LEAVE_STATUSES,
  PaycorProviderConfig,
  SEPARATED_STATUSES,
} from '../config/types';
import { PaycorEmployeeRecord, SkipReason } from './types';

function isValidZone(zone: string | undefined): zone is string {
  return (
    typeof zone === 'string' &&
    zone.trim() !== '' &&
    DateTime.fromMillis(0, { zone }).isValid
  );
}

/**
 * The zone effective dates are read in: config, then the legal entity's, then
 * UTC. An unknown zone is skipped rather than failing the run, because the
 * legal entity's zone is inferred from an address and may be anything.
 */
export function resolveTimeZone(
  configZone: string | undefined,
  legalEntityZone: string | undefined,
): string {
  if (isValidZone(configZone)) return configZone;
  if (isValidZone(legalEntityZone)) return legalEntityZone;
  return 'UTC';
}

/**
 * The `YYYY-MM-DD` part of a Paycor date-time. Paycor's date-times denote
 * calendar dates (`2019-03-18T00:00:00Z` means "18 March", not midnight UTC),
 * so the time and offset are ignored; a `Z` must not move a New York hire
 * date to the day before. Impossible dates give undefined.
 */
export function calendarDate(raw: string | undefined): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(raw);
  if (!match) return undefined;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (
    date.getUTCFullYear() !== Number(y) ||
    date.getUTCMonth() !== Number(m) - 1 ||
    date.getUTCDate() !== Number(d)
  ) {
    return undefined;
  }
  return `${y}-${m}-${d}`;
}

/** Start-of-day instants of calendar dates in one zone, memoised per run. */
export interface Calendar {
  zone: string;
  /** epoch ms of 00:00 of `date` (YYYY-MM-DD) in the zone */
  startOfDay(date: string): number;
  /** epoch ms of 00:00 of `date` minus `days` calendar days in the zone */
  startOfDayMinus(date: string, days: number): number;
  /** the calendar date (YYYY-MM-DD) in the zone at an instant */
  dateAt(instant: number): string;
  /** `date` plus `days` calendar days */
  plusDays(date: string, days: number): string;
}

export function createCalendar(zone: string): Calendar {
  // Dates repeat a lot across 100k employees; luxon objects are not cheap.
  const cache = new Map<string, number>();
  const dates = new Map<string, string>();
  const toDateTime = (date: string) => {
    const [year, month, day] = date.split('-').map(Number);
    return DateTime.fromObject({ year, month, day }, { zone });
  };
  return {
    zone,
    startOfDay(date) {
      let ms = cache.get(date);
      if (ms === undefined) {
        ms = toDateTime(date).toMillis();
        cache.set(date, ms);
      }
      return ms;
    },
    startOfDayMinus(date, days) {
      if (!days) return this.startOfDay(date);
      const key = `${date}-${days}`;
      let ms = cache.get(key);
      if (ms === undefined) {
        ms = toDateTime(date).minus({ days }).toMillis();
        cache.set(key, ms);
      }
      return ms;
    },
    dateAt(instant) {
      const key = `@${instant}`;
      let date = dates.get(key);
      if (date === undefined) {
        date = DateTime.fromMillis(instant, { zone }).toISODate()!;
        dates.set(key, date);
      }
      return date;
    },
    plusDays(date, days) {
      if (!days) return date;
      const key = `${date}+${days}`;
      let result = dates.get(key);
      if (result === undefined) {
        result = toDateTime(date).plus({ days }).toISODate()!;
        dates.set(key, result);
      }
      return result;
    },
  };
}

/**
 * The day employment (re)started: the rehire date when it is after the
 * termination date, else the hire date. A rehire date without a termination
 * date proves nothing about a gap in employment, so the hire date stays the
 * start (and the seniority used in tiebreaks).
 */
export function employmentDates(
  employee: PaycorEmployeeRecord,
  /** `calendarDate`, or a memo of it */
  toDate: (raw: string | undefined) => string | undefined = calendarDate,
): EmploymentDates {
  const hire = toDate(employee.hireDate);
  const rehire = toDate(employee.reHireDate);
  const termination = toDate(employee.terminationDate);
  // A rehire on the termination day itself is not "after" it: Paycor records
  // the later event as the termination in that case, so the person is gone.
  const rehired =
    rehire !== undefined && termination !== undefined && rehire > termination;
  if (rehired) return { start: rehire, rehired };
  return {
    ...(hire !== undefined ? { start: hire } : {}),
    ...(termination !== undefined ? { termination } : {}),
    rehired,
  };
}

/** Calendar dates (YYYY-MM-DD) of one employment. */
export interface EmploymentDates {
  /** the day employment (re)started */
  start?: string;
  termination?: string;
  rehired: boolean;
}

/** A status compared case-insensitively; no status counts as Active. */
export function normalizedStatus(status: string | undefined): string {
  return (status?.trim() || 'Active').toLowerCase();
}

export interface StatusPolicy {
  /** lower-cased statuses that become Users */
  statuses: ReadonlySet<string>;
  onLeave: 'include' | 'exclude';
  preStartDays: number;
}

const LEAVE = new Set(LEAVE_STATUSES.map(s => s.toLowerCase()));
const SEPARATED = new Set(SEPARATED_STATUSES.map(s => s.toLowerCase()));

export const DEFAULT_STATUSES: readonly EmploymentStatus[] = [
  'Active',
  ...LEAVE_STATUSES,
];

export function statusPolicy(config: PaycorProviderConfig): StatusPolicy {
  const statuses = config.filters.statuses?.length
    ? config.filters.statuses
    : DEFAULT_STATUSES;
  return {
    statuses: new Set(statuses.map(s => s.toLowerCase())),
    onLeave: config.onLeave,
    preStartDays: Math.max(0, config.preStartDays || 0),
  };
}

export type EmploymentDecision =
  | { present: true; start?: string }
  | { present: false; reason: SkipReason };

/**
 * Whether an employee is a colleague right now, by dates first and status
 * second.
 *
 * - Gone from 00:00 of the termination date in the zone ("terminated people
 *   lose access on their termination date"), whatever the status says.
 * - A separated status (Terminated, Resigned, …) with a termination date
 *   still ahead keeps the person: Paycor records separations in advance, and
 *   they still work until then. For the status filter such a person counts
 *   as Active, so listing separated statuses in `filters.statuses` has no
 *   effect. Without a termination date a separated status means gone now.
 * - Not yet present before 00:00 of (start − preStartDays).
 * - A missing status counts as Active: Paycor omits `statusData` when the
 *   Status include (or its scope) is unavailable, and dropping everyone then
 *   would empty the org; the dates still apply.
 * - Leave statuses are skipped as `on-leave` when `onLeave` is `exclude`;
 *   any other status outside the configured set is skipped as `status`.
 */
export function evaluateEmployment(
  employee: PaycorEmployeeRecord,
  calendar: Calendar,
  policy: StatusPolicy,
  now: number,
): EmploymentDecision {
  const dates = employmentDates(employee);
  const reason = employmentSkipReason(
    dates,
    normalizedStatus(employee.status),
    datingDay(calendar, policy, now),
    policy,
  );
  if (reason) return { present: false, reason };
  return dates.start !== undefined
    ? { present: true, start: dates.start }
    : { present: true };
}

/** The day a run evaluates employment on, in the legal entity's zone. */
export interface DatingDay {
  /** today (YYYY-MM-DD) */
  today: string;
  /** today plus `preStartDays`: hires starting by then are present */
  appearsBy: string;
}

export function datingDay(
  calendar: Calendar,
  policy: StatusPolicy,
  now: number,
): DatingDay {
  // Calendar dates compare as strings: "now ≥ 00:00 of the termination date
  // in the zone" is "today (in the zone) ≥ the termination date", which
  // keeps luxon out of the per-employee loop.
  const today = calendar.dateAt(now);
  return { today, appearsBy: calendar.plusDays(today, policy.preStartDays) };
}

/**
 * `evaluateEmployment` on dates and a status worked out beforehand (see
 * ingest/employees.ts): the reason the employee is not a colleague on `day`,
 * or undefined when they are.
 */
export function employmentSkipReason(
  dates: EmploymentDates,
  status: string,
  day: DatingDay,
  policy: StatusPolicy,
): SkipReason | undefined {
  const separated = SEPARATED.has(status);
  if (dates.termination !== undefined) {
    if (day.today >= dates.termination) return 'terminated';
  } else if (separated) {
    return 'terminated';
  }
  // "now < 00:00 of (start − preStartDays)" ⇔ "today + preStartDays < start"
  if (dates.start !== undefined && day.appearsBy < dates.start) {
    return 'not-yet-hired';
  }
  const effective = separated ? 'active' : status;
  if (LEAVE.has(effective) && policy.onLeave === 'exclude') return 'on-leave';
  if (!policy.statuses.has(effective)) return 'status';
  return undefined;
}

/**
 * The first calendar date after `today` on which `evaluateEmployment` may
 * answer differently for this employee (a termination date, or the day a
 * future hire appears), or undefined when no date lies ahead. A result
 * computed today stays right until 00:00 of the earliest such date.
 */
export function nextDatingBoundary(
  dates: EmploymentDates,
  calendar: Calendar,
  policy: StatusPolicy,
  today: string,
): string | undefined {
  const { start, termination } = dates;
  let next: string | undefined;
  if (termination !== undefined && termination > today) next = termination;
  if (start !== undefined) {
    const appears = calendar.plusDays(start, -policy.preStartDays);
    if (appears > today && (next === undefined || appears < next)) {
      next = appears;
    }
  }
  return next;
}

/** What dating and status say about one employee, in words. */
export interface EmploymentExplanation {
  /** the transform's own answer (`employmentSkipReason`); undefined: present */
  reason?: SkipReason;
  detail: string;
}

/**
 * Explains `employmentSkipReason` for one employee on `day`: the same
 * decision (it calls it), with the dates in the legal entity's zone. Used by
 * the person trace, so the trace and the transform cannot disagree.
 */
export function explainEmployment(args: {
  dates: EmploymentDates;
  /** the status as Paycor sent it (undefined: no status section) */
  rawStatus: string | undefined;
  day: DatingDay;
  policy: StatusPolicy;
  calendar: Calendar;
}): EmploymentExplanation {
  const { dates, rawStatus, day, policy, calendar } = args;
  const status = normalizedStatus(rawStatus);
  const reason = employmentSkipReason(dates, status, day, policy);
  const shown = rawStatus?.trim() || 'none (counts as Active)';
  const zone = `in ${calendar.zone}, where today is ${day.today}`;
  const started = dates.rehired ? 'rehired' : 'hired';
  const appears =
    dates.start !== undefined
      ? calendar.plusDays(dates.start, -policy.preStartDays)
      : undefined;
  const early =
    policy.preStartDays > 0 && appears !== undefined
      ? ` (${policy.preStartDays} day${
          policy.preStartDays === 1 ? '' : 's'
        } early: preStartDays)`
      : '';
  switch (reason) {
    case 'terminated':
      return {
        reason,
        detail:
          dates.termination !== undefined
            ? `Terminated on ${dates.termination}: people leave the catalog at 00:00 of their termination date (${zone}). Status: ${shown}.`
            : `Status ${shown} means they have left, and Paycor gives no termination date, so they are gone now.`,
      };
    case 'not-yet-hired':
      return {
        reason,
        detail: `${capitalize(started)} ${
          dates.start
        }: they appear on ${appears}${early} (${zone}).`,
      };
    case 'on-leave':
      return {
        reason,
        detail: `Status ${shown} is a leave status and onLeave is "exclude", so people on leave are not synced.`,
      };
    case 'status':
      return {
        reason,
        detail: `Status ${shown} is not one of the statuses synced (${[
          ...policy.statuses,
        ].join(', ')}; set by filters.statuses).`,
      };
    default: {
      const parts = [`Status ${shown}`];
      if (dates.start !== undefined) parts.push(`${started} ${dates.start}`);
      else parts.push('no hire date in Paycor (counts as started)');
      if (dates.termination !== undefined) {
        parts.push(
          `leaves on ${dates.termination} (termination date ahead; the User goes at 00:00 that day)`,
        );
      }
      return {
        detail: `${parts.join('; ')}. Dates are read ${zone}.`,
      };
    }
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
