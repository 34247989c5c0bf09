import { DepartmentOverride, DepartmentPlacement } from '../ingest/types';
import { EngineContext } from './context';
import { Settings } from './planSources';

/** Where every department stands with the stored snapshot and today's settings. */
export interface CurrentDepartments {
  /** when the snapshot was read from Paycor */
  fetchedAt: string;
  placements: DepartmentPlacement[];
  settings: Settings;
}

/**
 * The department placements the next re-apply would give: the stored snapshot
 * with today's settings (plus `candidate`, a re-home being considered). From
 * the plan cache when nothing changed; undefined before the first sync.
 */
export async function currentDepartments(
  ctx: EngineContext,
  candidate?: DepartmentOverride,
): Promise<CurrentDepartments | undefined> {
  const { sources, planner, clock } = ctx;
  const [{ stored, settings }, catalog] = await Promise.all([
    sources.current(),
    sources.catalogView({ owners: false }),
  ]);
  if (!stored) return undefined;
  const now = clock();
  const people = planner.people(
    stored.snapshot,
    settings.exclusions,
    stored.emission,
    now,
  );
  const lines = planner.reportingLines(
    stored.snapshot,
    people,
    await sources.elsewhere(stored.snapshot),
  );
  const overrides = candidate
    ? [
        ...settings.overrides.filter(
          o => o.departmentId !== candidate.departmentId,
        ),
        candidate,
      ]
    : settings.overrides;
  const groups = planner.groups(
    stored.snapshot,
    people,
    lines,
    { adminGroups: settings.adminGroups, overrides },
    catalog.external,
    stored.emission,
  );
  return {
    fetchedAt: stored.snapshot.fetchedAt,
    placements: groups.departments,
    settings,
  };
}

export type OverrideCheck =
  | 'ok'
  | 'no-snapshot'
  | 'unknown-department'
  | 'target-missing'
  | 'cycle';

/**
 * Would re-homing `departmentId` under `parentRef` work? Checked against the
 * stored snapshot with the same rules the transform applies; the Groups it
 * computes are the ones the re-apply after the change uses.
 */
export async function checkOverride(
  ctx: EngineContext,
  departmentId: string,
  parentRef: string,
): Promise<OverrideCheck> {
  const current = await currentDepartments(ctx, {
    departmentId,
    parentRef,
    source: 'api',
  });
  if (!current) return 'no-snapshot';
  const placement = current.placements.find(d => d.id === departmentId);
  if (!placement) return 'unknown-department';
  return placement.overrideProblem ?? 'ok';
}

/** Whether a Group exists: one this provider emits, or any other in the catalog. */
export async function groupExists(
  ctx: EngineContext,
  ref: string,
): Promise<boolean> {
  const [emission, catalog] = await Promise.all([
    ctx.sources.storedEmission(),
    ctx.sources.catalogView({ owners: false }),
  ]);
  return (
    catalog.external.refs.has(ref) ||
    Boolean(emission?.value.entities.some(([emitted]) => emitted === ref))
  );
}
