import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import {
  ProviderHealth,
  SyncRun,
} from '@paycor-backstage/plugin-paycor-common';
import { DateTime, Duration } from 'luxon';

export interface HealthInput {
  enabled: boolean;
  /** the newest finished Paycor read (schedule or manual) */
  latestSync?: SyncRun;
  lastSuccessAt?: string;
  pendingApproval?: { removalCount: number; reason: string };
  openConflicts: number;
  schedule: SchedulerServiceTaskScheduleDefinition;
  now: Date;
}

/**
 * The health of one connection, with a sentence an admin can act on:
 * failing beats awaiting-approval beats degraded (conflicts, stale) beats
 * healthy.
 */
export function computeHealth(input: HealthInput): {
  health: ProviderHealth;
  reason: string;
} {
  const { latestSync, lastSuccessAt } = input;
  if (!latestSync && !lastSuccessAt) {
    return {
      health: 'never-run',
      reason: input.enabled
        ? 'No sync has run yet.'
        : 'Disabled in config (enabled: false); no sync has run.',
    };
  }
  const lastGood = lastSuccessAt
    ? ` Data stays as of the last good sync (${lastSuccessAt}).`
    : ' No sync has succeeded yet, so nothing was synced.';
  if (
    latestSync &&
    (latestSync.status === 'failed' || latestSync.status === 'abandoned')
  ) {
    const why = latestSync.error?.message ?? latestSync.status;
    return {
      health: 'failing',
      reason: `The last sync (${
        latestSync.finishedAt ?? latestSync.startedAt
      }) failed: ${why}.${lastGood}`,
    };
  }
  if (input.pendingApproval) {
    return {
      health: 'awaiting-approval',
      reason: `${input.pendingApproval.reason} Approve or reject it on the Paycor sync page.`,
    };
  }
  const staleAfter = staleAfterMs(input.schedule);
  if (
    input.enabled &&
    lastSuccessAt &&
    staleAfter !== undefined &&
    input.now.getTime() - Date.parse(lastSuccessAt) > staleAfter
  ) {
    return {
      health: 'degraded',
      reason: `No successful sync since ${lastSuccessAt}; the schedule should have run by now.`,
    };
  }
  if (input.openConflicts > 0) {
    return {
      health: 'degraded',
      reason: `${input.openConflicts} open conflict${
        input.openConflicts === 1 ? '' : 's'
      } need${input.openConflicts === 1 ? 's' : ''} attention.`,
    };
  }
  return {
    health: 'healthy',
    reason: input.enabled
      ? `Last sync succeeded at ${lastSuccessAt}.`
      : `Disabled in config; the last sync succeeded at ${lastSuccessAt}.`,
  };
}

/**
 * A connection is stale after missing two scheduled runs (plus the time a run
 * may take). Cron schedules are assumed at most daily; manual-only schedules
 * never go stale.
 */
export function staleAfterMs(
  schedule: SchedulerServiceTaskScheduleDefinition,
): number | undefined {
  const timeout = durationMs(schedule.timeout) ?? 0;
  const frequency = schedule.frequency as unknown;
  if (frequency && typeof frequency === 'object') {
    if ('trigger' in frequency) return undefined;
    if ('cron' in frequency) return 2 * 86_400_000 + timeout;
  }
  const every = durationMs(schedule.frequency as never);
  return every === undefined ? undefined : 2 * every + timeout;
}

/** Milliseconds of a Backstage duration (object, ISO string or luxon). */
export function durationMs(value: unknown): number | undefined {
  if (!value) return undefined;
  if (Duration.isDuration(value)) return value.toMillis();
  if (typeof value === 'string') {
    const parsed = Duration.fromISO(value);
    return parsed.isValid ? parsed.toMillis() : undefined;
  }
  if (
    typeof value === 'object' &&
    !('cron' in value) &&
    !('trigger' in value)
  ) {
    const parsed = Duration.fromObject(value as Record<string, number>);
    return parsed.isValid ? parsed.toMillis() : undefined;
  }
  return undefined;
}

/** The schedule's frequency as shown in the status card. */
export function describeFrequency(
  schedule: SchedulerServiceTaskScheduleDefinition,
): { frequency: string; timeout: string } {
  const frequency = schedule.frequency as unknown;
  let text: string;
  if (frequency && typeof frequency === 'object' && 'cron' in frequency) {
    text = String((frequency as { cron: string }).cron);
  } else if (
    frequency &&
    typeof frequency === 'object' &&
    'trigger' in frequency
  ) {
    text = 'manual';
  } else {
    const ms = durationMs(frequency);
    text =
      ms === undefined
        ? 'unknown'
        : Duration.fromMillis(ms).rescale().toISO() ?? 'unknown';
  }
  const timeoutMs = durationMs(schedule.timeout);
  return {
    frequency: text,
    timeout:
      timeoutMs === undefined
        ? 'unknown'
        : Duration.fromMillis(timeoutMs).rescale().toISO() ?? 'unknown',
  };
}

export function nextRunFromLast(
  schedule: SchedulerServiceTaskScheduleDefinition,
  lastStartedAt: string | undefined,
): string | undefined {
  const every = durationMs(schedule.frequency as never);
  if (!every || !lastStartedAt) return undefined;
  return (
    DateTime.fromISO(lastStartedAt).plus(every).toUTC().toISO() ?? undefined
  );
}
