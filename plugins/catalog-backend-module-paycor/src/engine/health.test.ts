import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { SyncRun } from '@paycor-backstage/plugin-paycor-common';
import { Duration } from 'luxon';
import { EMPTY_COUNTS } from '../store/RunStore';
import {
  computeHealth,
  describeFrequency,
  durationMs,
  HealthInput,
  nextRunFromLast,
  staleAfterMs,
} from './health';

const HOUR = 3_600_000;
const NOW = new Date('2024-06-15T12:00:00.000Z');
const hourly: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 15 },
};

const run = (overrides: Partial<SyncRun> = {}): SyncRun => ({
  id: 'run-1',
  providerId: 'acme',
  trigger: 'schedule',
  status: 'succeeded',
  startedAt: '2024-06-15T11:30:00.000Z',
  finishedAt: '2024-06-15T11:31:00.000Z',
  counts: EMPTY_COUNTS,
  apiCalls: 5,
  ...overrides,
});

const failed = run({
  status: 'failed',
  error: {
    name: 'PaycorAuthError',
    message: 'Paycor refused the refresh token',
  },
});

function health(input: Partial<HealthInput>) {
  return computeHealth({
    enabled: true,
    latestSync: run(),
    lastSuccessAt: '2024-06-15T11:31:00.000Z',
    openConflicts: 0,
    schedule: hourly,
    now: NOW,
    ...input,
  });
}

describe('computeHealth', () => {
  it('is never-run before any sync, saying whether it is disabled', () => {
    expect(health({ latestSync: undefined, lastSuccessAt: undefined })).toEqual(
      {
        health: 'never-run',
        reason: 'No sync has run yet.',
      },
    );
    expect(
      health({
        latestSync: undefined,
        lastSuccessAt: undefined,
        enabled: false,
      }).reason,
    ).toBe('Disabled in config (enabled: false); no sync has run.');
  });

  it('is healthy after a recent success without conflicts', () => {
    expect(health({})).toEqual({
      health: 'healthy',
      reason: 'Last sync succeeded at 2024-06-15T11:31:00.000Z.',
    });
    expect(health({ enabled: false }).reason).toMatch(
      /^Disabled in config; the last sync succeeded/,
    );
  });

  it('is failing after a failed or abandoned run, with the error and what data remains', () => {
    expect(health({ latestSync: failed })).toEqual({
      health: 'failing',
      reason:
        'The last sync (2024-06-15T11:31:00.000Z) failed: Paycor refused the refresh token. ' +
        'Data stays as of the last good sync (2024-06-15T11:31:00.000Z).',
    });
    expect(
      health({
        latestSync: run({ status: 'abandoned', finishedAt: undefined }),
        lastSuccessAt: undefined,
      }),
    ).toEqual({
      health: 'failing',
      reason:
        'The last sync (2024-06-15T11:30:00.000Z) failed: abandoned. No sync has succeeded yet, so nothing was synced.',
    });
  });

  it('puts failing before everything else', () => {
    expect(
      health({
        latestSync: failed,
        pendingApproval: { removalCount: 30, reason: 'Would remove 30.' },
        openConflicts: 4,
        lastSuccessAt: '2024-06-01T00:00:00.000Z',
      }).health,
    ).toBe('failing');
  });

  it('puts a pending approval before staleness and conflicts', () => {
    expect(
      health({
        pendingApproval: {
          removalCount: 30,
          reason: 'This run would remove 30 of 100 Users.',
        },
        openConflicts: 4,
        lastSuccessAt: '2024-06-01T00:00:00.000Z',
      }),
    ).toEqual({
      health: 'awaiting-approval',
      reason:
        'This run would remove 30 of 100 Users. Approve or reject it on the Paycor sync page.',
    });
  });

  it('counts a held run as not failing', () => {
    expect(health({ latestSync: run({ status: 'held' }) }).health).toBe(
      'healthy',
    );
  });

  it('is degraded when no success came for two scheduled runs (plus the timeout)', () => {
    // hourly with a 15 min timeout: stale after 2 h 15 min
    const justInTime = new Date(
      NOW.getTime() - 2 * HOUR - 15 * 60_000,
    ).toISOString();
    expect(health({ lastSuccessAt: justInTime }).health).toBe('healthy');
    const late = new Date(NOW.getTime() - 2 * HOUR - 16 * 60_000).toISOString();
    expect(health({ lastSuccessAt: late })).toEqual({
      health: 'degraded',
      reason: `No successful sync since ${late}; the schedule should have run by now.`,
    });
  });

  it('puts staleness before conflicts', () => {
    const late = new Date(NOW.getTime() - 3 * HOUR).toISOString();
    expect(health({ lastSuccessAt: late, openConflicts: 3 }).reason).toMatch(
      /^No successful sync since/,
    );
  });

  it('does not call a disabled or manual-only connection stale', () => {
    const longAgo = '2024-01-01T00:00:00.000Z';
    expect(health({ lastSuccessAt: longAgo, enabled: false }).health).toBe(
      'healthy',
    );
    expect(
      health({
        lastSuccessAt: longAgo,
        schedule: {
          frequency: { trigger: 'manual' },
          timeout: { minutes: 15 },
        },
      }).health,
    ).toBe('healthy');
  });

  it('allows a cron schedule two days before calling it stale', () => {
    const cron: SchedulerServiceTaskScheduleDefinition = {
      frequency: { cron: '0 3 * * *' },
      timeout: { minutes: 30 },
    };
    const yesterday = new Date(NOW.getTime() - 47 * HOUR).toISOString();
    expect(health({ lastSuccessAt: yesterday, schedule: cron }).health).toBe(
      'healthy',
    );
    const threeDaysAgo = new Date(NOW.getTime() - 72 * HOUR).toISOString();
    expect(health({ lastSuccessAt: threeDaysAgo, schedule: cron }).health).toBe(
      'degraded',
    );
  });

  it('is degraded by open conflicts, with the right grammar', () => {
    expect(health({ openConflicts: 1 })).toEqual({
      health: 'degraded',
      reason: '1 open conflict needs attention.',
    });
    expect(health({ openConflicts: 3 }).reason).toBe(
      '3 open conflicts need attention.',
    );
  });
});

describe('staleAfterMs', () => {
  it('is twice the frequency plus the timeout, for objects and ISO strings', () => {
    expect(staleAfterMs(hourly)).toBe(2 * HOUR + 15 * 60_000);
    expect(staleAfterMs({ frequency: 'PT30M', timeout: 'PT5M' } as never)).toBe(
      65 * 60_000,
    );
    expect(
      staleAfterMs({ frequency: { minutes: 10 }, timeout: undefined } as never),
    ).toBe(20 * 60_000);
  });

  it('is two days (plus the timeout) for cron and never for manual schedules', () => {
    expect(
      staleAfterMs({
        frequency: { cron: '*/5 * * * *' },
        timeout: { minutes: 1 },
      }),
    ).toBe(2 * 24 * HOUR + 60_000);
    expect(
      staleAfterMs({
        frequency: { trigger: 'manual' },
        timeout: { minutes: 1 },
      }),
    ).toBeUndefined();
  });
});

describe('durationMs', () => {
  it('reads duration objects, ISO strings and luxon durations', () => {
    expect(durationMs({ hours: 1, minutes: 30 })).toBe(90 * 60_000);
    expect(durationMs('PT1H30M')).toBe(90 * 60_000);
    expect(durationMs('P1D')).toBe(24 * HOUR);
    expect(durationMs(Duration.fromObject({ seconds: 15 }))).toBe(15_000);
  });

  it('is undefined for what is not a duration', () => {
    expect(durationMs(undefined)).toBeUndefined();
    expect(durationMs('hourly')).toBeUndefined();
    expect(durationMs({ cron: '* * * * *' })).toBeUndefined();
    expect(durationMs({ trigger: 'manual' })).toBeUndefined();
  });
});

describe('describeFrequency', () => {
  it('shows durations as ISO 8601', () => {
    expect(describeFrequency(hourly)).toEqual({
      frequency: 'PT1H',
      timeout: 'PT15M',
    });
    expect(
      describeFrequency({
        frequency: { minutes: 90 },
        timeout: 'PT1M',
      } as never),
    ).toEqual({
      frequency: 'PT1H30M',
      timeout: 'PT1M',
    });
  });

  it('shows a cron expression as is and a manual trigger as manual', () => {
    expect(
      describeFrequency({
        frequency: { cron: '0 3 * * *' },
        timeout: { hours: 1 },
      }),
    ).toEqual({
      frequency: '0 3 * * *',
      timeout: 'PT1H',
    });
    expect(
      describeFrequency({
        frequency: { trigger: 'manual' },
        timeout: { hours: 1 },
      }).frequency,
    ).toBe('manual');
  });

  it('says unknown for what it cannot read', () => {
    expect(
      describeFrequency({ frequency: 'often', timeout: 'long' } as never),
    ).toEqual({
      frequency: 'unknown',
      timeout: 'unknown',
    });
  });
});

describe('nextRunFromLast', () => {
  it('adds the frequency to the last start', () => {
    expect(nextRunFromLast(hourly, '2024-06-15T11:30:00.000Z')).toBe(
      '2024-06-15T12:30:00.000Z',
    );
  });

  it('is unknown without a last start or a duration frequency', () => {
    expect(nextRunFromLast(hourly, undefined)).toBeUndefined();
    expect(
      nextRunFromLast(
        { frequency: { cron: '0 3 * * *' }, timeout: { hours: 1 } },
        '2024-06-15T11:30:00.000Z',
      ),
    ).toBeUndefined();
  });
});
