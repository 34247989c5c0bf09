import { makeConfig, makeEmployee } from './__testUtils__/builders';
import {
  calendarDate,
  createCalendar,
  DEFAULT_STATUSES,
  employmentDates,
  evaluateEmployment,
  resolveTimeZone,
  statusPolicy,
} from './dating';
import { PaycorEmployeeRecord } from './types';
import { PaycorProviderConfig } from '../config/types';

function evaluate(
  employee: Partial<PaycorEmployeeRecord>,
  now: string,
  options: { zone?: string; config?: Partial<PaycorProviderConfig> } = {},
) {
  return evaluateEmployment(
    makeEmployee(employee),
    createCalendar(options.zone ?? 'UTC'),
    statusPolicy(makeConfig(options.config)),
    new Date(now).getTime(),
  );
}

describe('resolveTimeZone', () => {
  it('prefers config, then the legal entity, then UTC', () => {
    expect(resolveTimeZone('Europe/Berlin', 'America/New_York')).toBe(
      'Europe/Berlin',
    );
    expect(resolveTimeZone(undefined, 'America/New_York')).toBe(
      'America/New_York',
    );
    expect(resolveTimeZone(undefined, undefined)).toBe('UTC');
  });

  it('skips invalid zones', () => {
    expect(resolveTimeZone('Mars/Olympus', 'America/Chicago')).toBe(
      'America/Chicago',
    );
    expect(resolveTimeZone(undefined, 'Not/AZone')).toBe('UTC');
    expect(resolveTimeZone(' ', '')).toBe('UTC');
  });
});

describe('calendarDate', () => {
  it.each([
    ['2019-03-18T00:00:00Z', '2019-03-18'],
    ['2019-03-18T00:00:00', '2019-03-18'],
    ['2019-03-18T23:30:00-05:00', '2019-03-18'],
    ['2019-03-18', '2019-03-18'],
    ['2024-02-29T00:00:00Z', '2024-02-29'],
  ])('%s → %s', (raw, expected) => {
    expect(calendarDate(raw)).toBe(expected);
  });

  it.each([
    [undefined],
    [''],
    ['garbage'],
    ['2023-02-29T00:00:00Z'],
    ['2024-13-01'],
    ['18/03/2019'],
  ])('gives nothing for %j', raw => {
    expect(calendarDate(raw)).toBeUndefined();
  });
});

describe('createCalendar', () => {
  it('gives the start of the day in the zone', () => {
    const ny = createCalendar('America/New_York');
    expect(new Date(ny.startOfDay('2024-06-30')).toISOString()).toBe(
      '2024-06-30T04:00:00.000Z',
    );
    expect(new Date(ny.startOfDay('2024-01-15')).toISOString()).toBe(
      '2024-01-15T05:00:00.000Z',
    );
    expect(ny.startOfDay('2024-06-30')).toBe(ny.startOfDay('2024-06-30'));
  });

  it('subtracts calendar days across a DST change', () => {
    const ny = createCalendar('America/New_York');
    // 2024-03-10 is the spring-forward day in New York.
    expect(new Date(ny.startOfDayMinus('2024-03-12', 3)).toISOString()).toBe(
      '2024-03-09T05:00:00.000Z',
    );
    expect(ny.startOfDayMinus('2024-03-12', 0)).toBe(
      ny.startOfDay('2024-03-12'),
    );
  });
});

describe('employmentDates', () => {
  it('starts at the hire date', () => {
    expect(
      employmentDates(makeEmployee({ hireDate: '2020-01-06T00:00:00Z' })),
    ).toEqual({
      start: '2020-01-06',
      rehired: false,
    });
  });

  it('uses the rehire date and drops the termination when rehired after it', () => {
    expect(
      employmentDates(
        makeEmployee({
          hireDate: '2015-01-01T00:00:00Z',
          terminationDate: '2018-05-31T00:00:00Z',
          reHireDate: '2021-09-01T00:00:00',
        }),
      ),
    ).toEqual({ start: '2021-09-01', rehired: true });
  });

  it('keeps the hire date as start when there is no termination date', () => {
    expect(
      employmentDates(
        makeEmployee({ hireDate: '2015-01-01', reHireDate: '2021-09-01' }),
      ),
    ).toEqual({ start: '2015-01-01', rehired: false });
  });

  it('keeps the termination when the rehire is not after it', () => {
    for (const reHireDate of ['2018-05-31T00:00:00Z', '2017-01-01T00:00:00Z']) {
      expect(
        employmentDates(
          makeEmployee({
            hireDate: '2015-01-01T00:00:00Z',
            terminationDate: '2018-05-31T00:00:00Z',
            reHireDate,
          }),
        ),
      ).toEqual({
        start: '2015-01-01',
        termination: '2018-05-31',
        rehired: false,
      });
    }
  });

  it('has no start without a hire date', () => {
    expect(employmentDates(makeEmployee({ hireDate: undefined }))).toEqual({
      rehired: false,
    });
  });
});

describe('evaluateEmployment', () => {
  const NOW = '2024-06-15T12:00:00Z';

  it('keeps an active employee, with their start date', () => {
    expect(evaluate({}, NOW)).toEqual({ present: true, start: '2020-01-06' });
    expect(evaluate({ hireDate: undefined }, NOW)).toEqual({ present: true });
  });

  describe('termination', () => {
    const terminated = { terminationDate: '2024-06-30T00:00:00Z' };

    it('is gone from 00:00 of the termination date in the zone', () => {
      // 03:30 UTC on the 30th is still 23:30 on the 29th in New York.
      expect(
        evaluate(terminated, '2024-06-30T03:30:00Z', { zone: 'UTC' }),
      ).toEqual({
        present: false,
        reason: 'terminated',
      });
      expect(
        evaluate(terminated, '2024-06-30T03:30:00Z', {
          zone: 'America/New_York',
        }),
      ).toEqual({
        present: true,
        start: '2020-01-06',
      });
      expect(
        evaluate(terminated, '2024-06-30T04:00:00Z', {
          zone: 'America/New_York',
        }),
      ).toEqual({
        present: false,
        reason: 'terminated',
      });
    });

    it('is gone earlier east of UTC', () => {
      // 23:30 UTC on the 29th is already the 30th in Tokyo.
      expect(
        evaluate(terminated, '2024-06-29T23:30:00Z', { zone: 'Asia/Tokyo' })
          .present,
      ).toBe(false);
      expect(
        evaluate(terminated, '2024-06-29T23:30:00Z', { zone: 'UTC' }).present,
      ).toBe(true);
    });

    it('ignores the time of day Paycor sends', () => {
      const lateUtc = { terminationDate: '2024-06-30T23:30:00Z' };
      expect(
        evaluate(lateUtc, '2024-06-30T04:00:00Z', { zone: 'America/New_York' })
          .present,
      ).toBe(false);
      expect(
        evaluate(lateUtc, '2024-06-30T03:59:59Z', { zone: 'America/New_York' })
          .present,
      ).toBe(true);
    });

    it('lets the date win over an Active status', () => {
      expect(
        evaluate({ status: 'Active', terminationDate: '2024-01-31' }, NOW),
      ).toEqual({
        present: false,
        reason: 'terminated',
      });
    });

    it.each(['Terminated', 'Resigned', 'Retired', 'Deceased', 'LaidOff'])(
      'keeps a %s person until a future termination date',
      status => {
        expect(
          evaluate({ status, terminationDate: '2024-07-01' }, NOW),
        ).toEqual({
          present: true,
          start: '2020-01-06',
        });
        expect(
          evaluate(
            { status, terminationDate: '2024-07-01' },
            '2024-07-01T00:00:00Z',
          ),
        ).toEqual({
          present: false,
          reason: 'terminated',
        });
      },
    );

    it('drops a separated person without a termination date now', () => {
      expect(evaluate({ status: 'Terminated' }, NOW)).toEqual({
        present: false,
        reason: 'terminated',
      });
      expect(
        evaluate({ status: 'Resigned', terminationDate: 'not a date' }, NOW),
      ).toEqual({
        present: false,
        reason: 'terminated',
      });
    });

    it('treats a future-dated separation as Active for the status filter', () => {
      expect(
        evaluate({ status: 'Terminated', terminationDate: '2024-07-01' }, NOW, {
          config: { filters: { statuses: ['Active'] } },
        }).present,
      ).toBe(true);
      expect(
        evaluate({ status: 'Terminated', terminationDate: '2024-07-01' }, NOW, {
          config: { filters: { statuses: ['LeaveWithPay'] } },
        }),
      ).toEqual({ present: false, reason: 'status' });
    });
  });

  describe('rehire', () => {
    it('keeps a person rehired after their termination', () => {
      expect(
        evaluate(
          {
            hireDate: '2015-01-01',
            terminationDate: '2018-05-31',
            reHireDate: '2021-09-01',
          },
          NOW,
        ),
      ).toEqual({ present: true, start: '2021-09-01' });
    });

    it('waits for a future rehire date', () => {
      expect(
        evaluate(
          {
            hireDate: '2015-01-01',
            terminationDate: '2018-05-31',
            reHireDate: '2024-07-01',
          },
          NOW,
        ),
      ).toEqual({ present: false, reason: 'not-yet-hired' });
    });

    it('still treats a same-day rehire as terminated', () => {
      expect(
        evaluate(
          {
            hireDate: '2015-01-01',
            terminationDate: '2024-01-31',
            reHireDate: '2024-01-31',
          },
          NOW,
        ),
      ).toEqual({ present: false, reason: 'terminated' });
    });
  });

  describe('future hires', () => {
    const hire = { hireDate: '2024-06-16T00:00:00Z' };

    it('is not yet present before 00:00 of the hire date in the zone', () => {
      const zone = 'America/New_York';
      expect(evaluate(hire, '2024-06-16T03:59:59Z', { zone })).toEqual({
        present: false,
        reason: 'not-yet-hired',
      });
      expect(evaluate(hire, '2024-06-16T04:00:00Z', { zone })).toEqual({
        present: true,
        start: '2024-06-16',
      });
    });

    it('appears preStartDays calendar days early', () => {
      const config = { preStartDays: 3 };
      const zone = 'America/New_York';
      const spring = { hireDate: '2024-03-12' };
      expect(
        evaluate(spring, '2024-03-09T04:59:59Z', { zone, config }).present,
      ).toBe(false);
      expect(
        evaluate(spring, '2024-03-09T05:00:00Z', { zone, config }).present,
      ).toBe(true);
    });

    it('treats a negative preStartDays as 0', () => {
      expect(
        evaluate(hire, '2024-06-15T12:00:00Z', { config: { preStartDays: -5 } })
          .present,
      ).toBe(false);
    });
  });

  describe('status', () => {
    it('treats a missing status as Active', () => {
      expect(evaluate({ status: undefined }, NOW).present).toBe(true);
      expect(evaluate({ status: '  ' }, NOW).present).toBe(true);
    });

    it('matches statuses case-insensitively', () => {
      expect(evaluate({ status: 'active' }, NOW).present).toBe(true);
    });

    it.each([
      'LeaveWithPay',
      'LeaveWithoutPay',
      'Fmla',
      'ShortTermDisability',
      'LongTermDisability',
      'WorkersCompensation',
    ])(
      'includes %s by default and skips it as on-leave when excluded',
      status => {
        expect(evaluate({ status }, NOW).present).toBe(true);
        expect(
          evaluate({ status }, NOW, { config: { onLeave: 'exclude' } }),
        ).toEqual({
          present: false,
          reason: 'on-leave',
        });
      },
    );

    it('skips ThirdPartyPayable and unknown statuses by default', () => {
      expect(evaluate({ status: 'ThirdPartyPayable' }, NOW)).toEqual({
        present: false,
        reason: 'status',
      });
      expect(evaluate({ status: 'Sabbatical' }, NOW)).toEqual({
        present: false,
        reason: 'status',
      });
    });

    it('uses filters.statuses instead of the default set', () => {
      expect(
        evaluate({ status: 'ThirdPartyPayable' }, NOW, {
          config: { filters: { statuses: ['Active', 'ThirdPartyPayable'] } },
        }).present,
      ).toBe(true);
      expect(
        evaluate({ status: 'LeaveWithPay' }, NOW, {
          config: { filters: { statuses: ['Active'] } },
        }),
      ).toEqual({
        present: false,
        reason: 'status',
      });
    });

    it('skips leave as on-leave even when statuses lists it, if onLeave is exclude', () => {
      expect(
        evaluate({ status: 'Fmla' }, NOW, {
          config: {
            onLeave: 'exclude',
            filters: { statuses: ['Active', 'Fmla'] },
          },
        }),
      ).toEqual({ present: false, reason: 'on-leave' });
    });

    it('checks dates before status', () => {
      expect(
        evaluate(
          { status: 'ThirdPartyPayable', terminationDate: '2024-01-01' },
          NOW,
        ),
      ).toEqual({
        present: false,
        reason: 'terminated',
      });
      expect(
        evaluate({ status: 'ThirdPartyPayable', hireDate: '2025-01-01' }, NOW),
      ).toEqual({
        present: false,
        reason: 'not-yet-hired',
      });
    });
  });
});

describe('statusPolicy', () => {
  it('defaults to Active plus the leave statuses', () => {
    const policy = statusPolicy(makeConfig());
    expect([...policy.statuses]).toEqual(
      DEFAULT_STATUSES.map(s => s.toLowerCase()),
    );
    expect(policy.statuses.has('thirdpartypayable')).toBe(false);
  });

  it('treats an empty statuses list as the default', () => {
    expect(
      statusPolicy(makeConfig({ filters: { statuses: [] } })).statuses.size,
    ).toBe(DEFAULT_STATUSES.length);
  });
});
