/**
 * Calendar days relative to a reference day, rendered the way Paycor renders dates
 * (`2019-03-18T00:00:00Z`, api.md §4.0). The generator never reads the wall clock:
 * callers pass the reference day in.
 */

import { DateTime } from 'luxon';

const DAY_MS = 86_400_000;

/**
 * Midnight UTC of the calendar day it is in `zone` at `instant`: the day an HR
 * user at the company would type. A hire entered "today" in Cincinnati at 9 pm
 * is dated that day, not the next UTC day (a guess: Paycor's dates are calendar
 * dates in the company's own calendar, api.md §4.0).
 */
export function startOfLocalDay(instant: Date, zone: string): Date {
  const local = DateTime.fromJSDate(instant, { zone });
  return new Date(Date.UTC(local.year, local.month - 1, local.day));
}

/**
 * Midnight UTC of the calendar day an ISO date or date-time names as written
 * (`2025-01-31T22:00:00-05:00` is 31 January): a date someone typed is a day
 * on their calendar, not an instant.
 */
export function calendarDayAsWritten(iso: string): Date {
  const written = DateTime.fromISO(iso, { setZone: true });
  return new Date(Date.UTC(written.year, written.month - 1, written.day));
}

export function toPaycorDate(instant: Date): string {
  return `${instant.toISOString().slice(0, 10)}T00:00:00Z`;
}

export class DayCalendar {
  private readonly dayZero: number;
  private readonly cache = new Map<number, string>();

  constructor(today: Date) {
    this.dayZero = Math.floor(today.getTime() / DAY_MS);
  }

  /** The Paycor date string `offsetDays` from today (negative = past). */
  day(offsetDays: number): string {
    const offset = Math.round(offsetDays);
    let text = this.cache.get(offset);
    if (text === undefined) {
      text = toPaycorDate(new Date((this.dayZero + offset) * DAY_MS));
      this.cache.set(offset, text);
    }
    return text;
  }

  /** Offset in days of a Paycor date string relative to today. */
  offsetOf(paycorDate: string): number {
    return Math.round(Date.parse(paycorDate) / DAY_MS) - this.dayZero;
  }
}
