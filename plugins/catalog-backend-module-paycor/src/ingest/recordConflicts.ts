import { DateTime } from 'luxon';
import { invalidRecordConflict, staleRecordConflict } from './conflictMessages';
import { ConflictDraft, InvalidRecord, PaycorEmployeeRecord } from './types';
import { nonBlank, shortHash } from './util';

function formatInstant(iso: string): string {
  const dt = DateTime.fromISO(iso, { zone: 'utc' });
  return dt.isValid ? dt.toFormat("yyyy-LL-dd HH:mm 'UTC'") : iso;
}

/**
 * One `invalid-record` conflict per record Paycor sent in a shape we could
 * not read, and per employee kept from an earlier snapshot (`staleSince`).
 * When both exist for one employee they become one conflict that names the
 * bad fields and says the last good data is kept. Records without a readable
 * id get a stable id derived from what is known about them.
 */
export function recordConflicts(args: {
  invalid: readonly InvalidRecord[];
  /** every employee record in the snapshot, deduplicated */
  employees: readonly PaycorEmployeeRecord[];
  userRefs: ReadonlyMap<string, string>;
  departmentRefs: ReadonlyMap<string, string>;
}): ConflictDraft[] {
  const conflicts: ConflictDraft[] = [];
  const stale = new Map<string, PaycorEmployeeRecord>();
  for (const employee of args.employees) {
    if (nonBlank(employee.staleSince)) stale.set(employee.id, employee);
  }

  const covered = new Set<string>();
  for (const record of args.invalid) {
    const staleEmployee =
      record.resource === 'employee' && record.id
        ? stale.get(record.id)
        : undefined;
    if (staleEmployee) covered.add(staleEmployee.id);
    const refs =
      record.resource === 'employee' ? args.userRefs : args.departmentRefs;
    const entityRef = record.id === undefined ? undefined : refs.get(record.id);
    conflicts.push(
      invalidRecordConflict({
        record,
        fallbackId: `unidentified-${shortHash(
          JSON.stringify([record.resource, record.label ?? '', record.issues]),
        )}`,
        ...(staleEmployee
          ? { staleSince: formatInstant(staleEmployee.staleSince!.trim()) }
          : {}),
        ...(entityRef !== undefined ? { entityRef } : {}),
      }),
    );
  }

  for (const employee of stale.values()) {
    if (covered.has(employee.id)) continue;
    const entityRef = args.userRefs.get(employee.id);
    conflicts.push(
      staleRecordConflict({
        employee,
        staleSince: formatInstant(employee.staleSince!.trim()),
        ...(entityRef !== undefined ? { entityRef } : {}),
      }),
    );
  }
  return conflicts;
}
