import {
  PersonHistoryEntry,
  PERSON_OUTCOME_TITLES,
  SyncRun,
} from '@paycor-backstage/plugin-paycor-common';
import { SKIP_OUTCOMES } from '../ingest/personTrace';
import { SkipReason } from '../ingest/types';
import {
  PersonChangeRecord,
  StoredPersonChange,
} from '../store/PersonHistoryStore';
import { EngineContext } from './context';
import { changedPaths, RemovedEntity } from './emissionDiff';
import { fieldLabels } from './fieldLabels';
import { inWords } from '../ingest/util';
import { LoadedEmission, Plan } from './planning';

/**
 * Changed Users whose fields a run names (by comparing with the catalog's
 * copy of what was emitted before); beyond that a run that changes many
 * Users at once (a naming or mapping change) records them as updated
 * without the fields.
 */
export const MAX_FIELD_DIFFS = 200;

const DAY_MS = 86_400_000;

/** The Users a plan changes, whose old version the run reads to name fields. */
export function changedUserRefs(plan: Plan): string[] {
  const refs: string[] = [];
  for (const [ref] of plan.diff.changed) {
    if (!ref.startsWith('user:')) continue;
    refs.push(ref);
    if (refs.length > MAX_FIELD_DIFFS) break;
  }
  return refs;
}

/**
 * What a run changes for each person: Users added, updated (which fields),
 * renamed, removed (and why), removals held back, and people the run newly
 * skips (or skips for another reason than the last run did). Someone whose
 * User and outcome stay the same gets nothing, so an unchanged hourly sync
 * records nothing.
 */
export function personChanges(args: {
  plan: Plan;
  previous: LoadedEmission | undefined;
  /** removals applied now (not held) */
  removed: readonly RemovedEntity[];
  /** removals the guard held */
  held: readonly RemovedEntity[];
  /** the catalog's copy of changed Users before this run, by ref */
  before: ReadonlyMap<string, unknown>;
}): PersonChangeRecord[] {
  const { plan, previous, before } = args;
  const changes: PersonChangeRecord[] = [];
  const skipReasons = plan.people.skipReasons;
  const previousNames = previous?.userNames ?? new Map<string, string>();
  const removalReason = (id: string) =>
    skipReasons.get(id) ??
    (plan.snapshot.employees.has(id) ? 'owned-by-other-source' : 'gone');

  const renamedFrom = new Map<string, string>();
  for (const r of args.removed) {
    if (!r.entityRef.startsWith('user:') || !r.paycorId) continue;
    if (r.renamedTo) {
      renamedFrom.set(r.paycorId, r.entityRef);
    } else {
      changes.push({
        employeeId: r.paycorId,
        change: 'removed',
        entityRef: r.entityRef,
        reason: removalReason(r.paycorId),
      });
    }
  }
  for (const r of args.held) {
    // held again by a later run: recorded when it was first held
    if (!r.paycorId || !previousNames.has(r.paycorId)) continue;
    if (!r.entityRef.startsWith('user:')) continue;
    changes.push({
      employeeId: r.paycorId,
      change: 'removal-held',
      entityRef: r.entityRef,
      reason: removalReason(r.paycorId),
    });
  }
  for (const [ref, , , id] of plan.diff.added) {
    if (!ref.startsWith('user:') || !id) continue;
    const from = renamedFrom.get(id);
    changes.push(
      from
        ? { employeeId: id, change: 'renamed', entityRef: ref, from }
        : { employeeId: id, change: 'added', entityRef: ref },
    );
  }
  let diffed = 0;
  for (const [ref, , , id] of plan.diff.changed) {
    if (!ref.startsWith('user:') || !id) continue;
    const old = before.get(ref);
    if (old !== undefined && diffed < MAX_FIELD_DIFFS) {
      diffed += 1;
      const fields = changedPaths(old, plan.build(ref));
      changes.push({
        employeeId: id,
        change: 'updated',
        entityRef: ref,
        fields,
      });
    } else {
      changes.push({
        employeeId: id,
        change: 'updated',
        entityRef: ref,
        note:
          old === undefined
            ? 'the catalog had no earlier copy to compare with'
            : `more than ${MAX_FIELD_DIFFS} Users changed in this run`,
      });
    }
  }

  // Newly skipped: compared with the skips the last run recorded. Before
  // they were kept (an emission without them), only a first run knows.
  const previousSkips = previous
    ? previous.value.skipped && new Map(previous.value.skipped)
    : new Map<string, string>();
  if (previousSkips) {
    for (const [id, reason] of skipReasons) {
      if (previousSkips.get(id) === reason) continue;
      // someone who had a User: their removal (or its hold) says why
      if (previousNames.has(id)) continue;
      changes.push({ employeeId: id, change: 'skipped', reason });
    }
  }
  return changes;
}

/** Records a run's changes and drops what is older than the retention. */
export async function recordPersonChanges(
  ctx: EngineContext,
  run: SyncRun,
  changes: readonly PersonChangeRecord[],
): Promise<void> {
  const { stores, config, clock, logger } = ctx;
  const retentionDays = config.history.retentionDays;
  try {
    // 0 keeps none: nothing is written, and what an earlier retention kept
    // goes with the next run (the cutoff is now)
    if (retentionDays > 0) {
      await stores.personHistory.record(config.id, run, changes);
    }
    await stores.personHistory.purge(
      config.id,
      new Date(clock().getTime() - retentionDays * DAY_MS),
    );
  } catch (error) {
    // The catalog has the run's result already; a lost history line must
    // not fail the run.
    logger.warn(
      `Paycor provider ${config.id}: could not record people's history of run ${
        run.id
      }: ${(error as Error).message}`,
    );
  }
}

const REASON_SENTENCES: Record<string, string> = {
  gone: 'Paycor no longer lists them',
  'owned-by-other-source': 'another source defines their User',
};

function reasonText(reason: string | undefined): string {
  if (!reason) return 'the sync left them out';
  const outcome = SKIP_OUTCOMES[reason as SkipReason];
  return outcome
    ? PERSON_OUTCOME_TITLES[outcome].toLowerCase()
    : REASON_SENTENCES[reason] ?? reason;
}

/** A recorded change as the People tab shows it, with its sentence. */
export function toHistoryEntry(change: StoredPersonChange): PersonHistoryEntry {
  const entry: PersonHistoryEntry = {
    runId: change.runId,
    trigger: change.trigger,
    at: change.at,
    change: change.change,
    detail: '',
  };
  if (change.entityRef) entry.entityRef = change.entityRef;
  switch (change.change) {
    case 'added':
      entry.detail = `Added to the catalog as ${change.entityRef}.`;
      break;
    case 'updated':
      if (change.fields?.length) entry.fields = change.fields;
      entry.detail = change.fields?.length
        ? `Updated ${inWords(fieldLabels(change.fields))}.`
        : `Updated (${change.note ?? 'fields not recorded'}).`;
      break;
    case 'renamed':
      entry.detail = `Renamed from ${change.from} to ${change.entityRef}.`;
      break;
    case 'removed':
      entry.detail = `Removed from the catalog: ${reasonText(change.reason)}.`;
      break;
    case 'removal-held':
      entry.detail = `Would be removed (${reasonText(
        change.reason,
      )}), but the removal guard held the run's removals for an admin's approval.`;
      break;
    case 'skipped':
      entry.detail = `Not synced: ${reasonText(change.reason)}.`;
      break;
    default:
      entry.detail = change.change;
  }
  return entry;
}
