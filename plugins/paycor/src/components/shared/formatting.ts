import {
  ProviderStatus,
  SyncRunCounts,
  SyncTrigger,
} from '@paycor-backstage/plugin-paycor-common';
import { DateTime, Duration } from 'luxon';

/** A connection's display name: the legal entity's name, else its id. */
export function providerTitle(provider: ProviderStatus): string {
  return (
    provider.legalEntity.name ??
    `Paycor legal entity ${provider.legalEntity.id}`
  );
}

/** e.g. `acme · legal entity 123456 · sandbox` */
export function providerSubtitle(provider: ProviderStatus): string {
  return `${provider.id} · legal entity ${provider.legalEntity.id} · ${provider.environment}`;
}

/** Exact local date and time, for tooltips. */
export function formatExact(iso: string | undefined): string {
  if (!iso) return '';
  const dt = DateTime.fromISO(iso);
  return dt.isValid
    ? dt.toLocaleString(DateTime.DATETIME_MED_WITH_SECONDS)
    : iso;
}

// An ISO-8601 date-time with its offset, as the backend writes instants into
// the sentences it composes (health reasons): 2026-12-06T13:30:41.627Z.
const INSTANT =
  /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/**
 * A server-written sentence cut at the instants in it, so that each can be
 * shown in the reader's own time zone: text as strings, instants as `{ iso }`.
 * What does not parse as a date stays text.
 */
export function splitAtInstants(text: string): Array<string | { iso: string }> {
  const parts: Array<string | { iso: string }> = [];
  let last = 0;
  for (const match of text.matchAll(INSTANT)) {
    const iso = match[0];
    if (!DateTime.fromISO(iso, { setZone: true }).isValid) continue;
    const at = match.index!;
    if (at > last) parts.push(text.slice(last, at));
    parts.push({ iso });
    last = at + iso.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Relative time like "5 minutes ago" or "in 1 hour". */
export function formatRelative(iso: string | undefined): string {
  if (!iso) return '';
  const dt = DateTime.fromISO(iso);
  return dt.isValid ? dt.toRelative() ?? iso : iso;
}

/** Compact duration: "850 ms", "42 s", "3 min 5 s", "1 h 2 min". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || ms === null || Number.isNaN(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const d = Duration.fromMillis(ms).shiftTo('hours', 'minutes', 'seconds');
  const h = Math.floor(d.hours);
  const m = Math.floor(d.minutes);
  const s = Math.round(d.seconds);
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return s > 0 ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}

/** Describes a schedule frequency: ISO durations become "every 1 hour". */
export function formatFrequency(frequency: string): string {
  if (/^P/i.test(frequency)) {
    const d = Duration.fromISO(frequency);
    if (d.isValid) return `every ${d.toHuman()}`;
  }
  return frequency;
}

/** @public */
export const SYNC_TRIGGER_TITLES: Record<SyncTrigger, string> = {
  schedule: 'Schedule',
  manual: 'Sync now',
  reapply: 'Re-apply',
  approval: 'Approval',
  person: 'One person',
  event: 'Paycor event',
  'event-sync': 'Paycor event (full sync)',
};

/** e.g. "+3 added, 12 updated, −1 removed" */
export function formatChanges(counts: SyncRunCounts): string {
  return `+${counts.added} added, ${counts.updated} updated, −${counts.removed} removed`;
}

/** "1 user", "3 users" */
export function plural(count: number, singular: string, pluralForm?: string) {
  return `${count} ${count === 1 ? singular : pluralForm ?? `${singular}s`}`;
}
