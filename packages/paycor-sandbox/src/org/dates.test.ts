import { calendarDayAsWritten, DayCalendar, startOfLocalDay } from './dates';

describe('startOfLocalDay', () => {
  it('is the calendar day in the zone, not the UTC day', () => {
    const lateEvening = new Date('2026-03-10T02:30:00Z'); // 9:30 pm in Ohio
    expect(startOfLocalDay(lateEvening, 'America/New_York').toISOString()).toBe(
      '2026-03-09T00:00:00.000Z',
    );
    expect(startOfLocalDay(lateEvening, 'UTC').toISOString()).toBe(
      '2026-03-10T00:00:00.000Z',
    );
    // east of UTC the local day starts first
    expect(
      startOfLocalDay(new Date('2026-03-09T23:30:00Z'), 'Asia/Tokyo'),
    ).toEqual(new Date('2026-03-10T00:00:00Z'));
  });

  it('follows daylight saving time', () => {
    // 03:30 UTC is 11:30 pm EDT in July but 10:30 pm EST in January
    expect(
      startOfLocalDay(new Date('2026-07-02T03:30:00Z'), 'America/New_York'),
    ).toEqual(new Date('2026-07-01T00:00:00Z'));
    expect(
      startOfLocalDay(new Date('2026-07-02T04:30:00Z'), 'America/New_York'),
    ).toEqual(new Date('2026-07-02T00:00:00Z'));
    expect(
      startOfLocalDay(new Date('2026-01-02T04:30:00Z'), 'America/New_York'),
    ).toEqual(new Date('2026-01-01T00:00:00Z'));
  });

  it('gives DayCalendar its day zero', () => {
    const calendar = new DayCalendar(
      startOfLocalDay(new Date('2026-03-10T02:30:00Z'), 'America/Chicago'),
    );
    expect(calendar.day(0)).toBe('2026-03-09T00:00:00Z');
    expect(calendar.day(1)).toBe('2026-03-10T00:00:00Z');
  });
});

describe('calendarDayAsWritten', () => {
  it('takes the day as written, whatever the offset', () => {
    expect(calendarDayAsWritten('2025-01-31')).toEqual(
      new Date('2025-01-31T00:00:00Z'),
    );
    expect(calendarDayAsWritten('2025-01-31T22:00:00-05:00')).toEqual(
      new Date('2025-01-31T00:00:00Z'),
    );
    expect(calendarDayAsWritten('2025-02-01T01:00:00+09:00')).toEqual(
      new Date('2025-02-01T00:00:00Z'),
    );
  });
});
