import { UserNamingStrategy } from '../config/types';
import { buildDepartmentTree, DepartmentTree } from '../ingest/departmentTree';
import { PreparedEmployees } from '../ingest/employees';
import {
  InvalidRecord,
  PaycorDepartmentRecord,
  PaycorLegalEntityRecord,
  PaycorSnapshot,
} from '../ingest/types';
import { digestsOf } from '../store/snapshotCodec';

/**
 * A snapshot ready to plan from: its employees prepared (one per id), the
 * digest of every record (a User's hash is taken from it, see userRows.ts)
 * and the department tree. Built once per snapshot: by the sync while pages
 * arrive, or from the stored snapshot.
 */
export interface LoadedSnapshot {
  /** the id of the run that read it; stable while no new read is stored */
  id: string;
  fetchedAt: string;
  /** the run of the full read, when people were re-read alone since */
  readBy?: string;
  personReads?: PaycorSnapshot['personReads'];
  legalEntity: PaycorLegalEntityRecord;
  departments: PaycorDepartmentRecord[];
  invalid: InvalidRecord[];
  employees: PreparedEmployees;
  /** employee id → digest of the record's JSON */
  digests: ReadonlyMap<string, string>;
  tree: DepartmentTree;
}

export function loadSnapshot(args: {
  id: string;
  snapshot: Omit<PaycorSnapshot, 'employees'>;
  employees: PreparedEmployees;
  digests: ReadonlyMap<string, string>;
}): LoadedSnapshot {
  const { snapshot } = args;
  return {
    id: args.id,
    fetchedAt: snapshot.fetchedAt,
    ...(snapshot.readBy ? { readBy: snapshot.readBy } : {}),
    ...(snapshot.personReads ? { personReads: snapshot.personReads } : {}),
    legalEntity: snapshot.legalEntity,
    departments: snapshot.departments,
    invalid: snapshot.invalid,
    employees: args.employees,
    digests: args.digests,
    tree: buildDepartmentTree(snapshot.departments),
  };
}

/** A snapshot read back from the store (or built in a test). */
export function loadStoredSnapshot(
  id: string,
  snapshot: PaycorSnapshot,
  userNaming: UserNamingStrategy,
): LoadedSnapshot {
  return loadSnapshot({
    id,
    snapshot,
    employees: PreparedEmployees.of(snapshot.employees, userNaming, true),
    digests: digestsOf(snapshot.employees),
  });
}

/** The plain snapshot again (for keeping last good records). */
export function toPaycorSnapshot(loaded: LoadedSnapshot): PaycorSnapshot {
  return {
    fetchedAt: loaded.fetchedAt,
    ...(loaded.readBy ? { readBy: loaded.readBy } : {}),
    ...(loaded.personReads ? { personReads: loaded.personReads } : {}),
    legalEntity: loaded.legalEntity,
    departments: loaded.departments,
    employees: loaded.employees.list().map(e => e.employee),
    invalid: loaded.invalid,
  };
}
