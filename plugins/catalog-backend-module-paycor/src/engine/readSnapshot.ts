import { PaycorClient, Page } from '../client/PaycorClient';
import {
  toDepartmentRecord,
  toEmployeeRecord,
  toLegalEntityRecord,
} from '../client/toRecords';
import { SharedValues } from '../ingest/employeeRecord';
import {
  InvalidRecord,
  PaycorDepartmentRecord,
  PaycorEmployeeRecord,
  PaycorSnapshot,
} from '../ingest/types';

export interface ReadSnapshotOptions {
  /** Paycor field paths `fieldMapping` copies onto Users */
  mappedPaths: readonly string[];
  now: () => Date;
  signal?: AbortSignal;
  /** called after every page, e.g. to heartbeat the run */
  onPage?: (endpoint: 'departments' | 'employees', page: number) => void;
  /** shares the records' repeated values (see SharedValues) */
  values?: SharedValues;
  /** receives each page's valid employee records as they arrive */
  onEmployees?: (records: PaycorEmployeeRecord[]) => void;
}

export interface SnapshotRead {
  snapshot: PaycorSnapshot;
  /** whether the app may read business names (the time-zone hint) */
  businessNamesScope: boolean;
}

/**
 * Reads one complete snapshot of a legal entity: the legal entity, every
 * department page and every employee page, concurrently. Any failure of the
 * listings throws, so a partial read is never mistaken for the whole org;
 * single bad records become `invalid` entries instead.
 */
export async function readSnapshot(
  client: PaycorClient,
  options: ReadSnapshotOptions,
): Promise<SnapshotRead> {
  const invalid: InvalidRecord[] = [];

  const departmentsRead = collect(
    client.departmentPages(options.signal),
    raw => toDepartmentRecord(raw),
    invalid,
    page => options.onPage?.('departments', page),
  );
  const employeesRead = collect(
    client.employeePages(options.signal),
    raw => toEmployeeRecord(raw, options.mappedPaths, options.values),
    invalid,
    page => options.onPage?.('employees', page),
    options.onEmployees,
  );
  const legalEntityRead = client.getLegalEntity(options.signal);
  // Settle all three before failing, so no request outlives the run.
  const [legalEntity, departments, employees] = await Promise.allSettled([
    legalEntityRead,
    departmentsRead,
    employeesRead,
  ]);
  for (const result of [legalEntity, departments, employees]) {
    if (result.status === 'rejected') throw result.reason;
  }
  const le = (
    legalEntity as PromiseFulfilledResult<Awaited<typeof legalEntityRead>>
  ).value;

  return {
    snapshot: {
      fetchedAt: options.now().toISOString(),
      legalEntity: toLegalEntityRecord(le.legalEntity),
      departments: dedupeById(
        (departments as PromiseFulfilledResult<PaycorDepartmentRecord[]>).value,
      ),
      employees: dedupeById(
        (employees as PromiseFulfilledResult<PaycorEmployeeRecord[]>).value,
      ),
      invalid,
    },
    businessNamesScope: le.businessNamesScope,
  };
}

async function collect<T>(
  pages: AsyncGenerator<Page>,
  parse: (raw: unknown) => { record: T } | { invalid: InvalidRecord },
  invalid: InvalidRecord[],
  onPage: (page: number) => void,
  onRecords?: (records: T[]) => void,
): Promise<T[]> {
  const records: T[] = [];
  for await (const page of pages) {
    const start = records.length;
    for (const raw of page.records) {
      const parsed = parse(raw);
      if ('record' in parsed) records.push(parsed.record);
      else invalid.push(parsed.invalid);
    }
    onRecords?.(records.slice(start));
    onPage(page.number);
  }
  return records;
}

/**
 * Keyset paging should never repeat a record, but if Paycor's paging shifts
 * while data changes, keep one copy of each id rather than two Users (the
 * first, like the transform and the snapshot packer).
 */
function dedupeById<T extends { id: string }>(records: T[]): T[] {
  const seen = new Set<string>();
  const unique = records.filter(record => {
    if (seen.has(record.id)) return false;
    seen.add(record.id);
    return true;
  });
  return unique.length === records.length ? records : unique;
}

/**
 * For employees and departments whose current record is invalid, keep the
 * last good version from the previous snapshot (marked stale) instead of
 * dropping them: one bad record must not remove a person or a team.
 */
export function keepLastGoodRecords(
  snapshot: PaycorSnapshot,
  previous: PaycorSnapshot | undefined,
): PaycorSnapshot {
  if (!previous || snapshot.invalid.length === 0) return snapshot;
  const invalidIds = (resource: 'employee' | 'department') =>
    new Set(
      snapshot.invalid
        .filter(r => r.resource === resource && r.id)
        .map(r => r.id!),
    );
  const employeeIds = invalidIds('employee');
  const departmentIds = invalidIds('department');
  const presentEmployees = new Set(snapshot.employees.map(e => e.id));
  const presentDepartments = new Set(snapshot.departments.map(d => d.id));
  const staleEmployees = previous.employees
    .filter(e => employeeIds.has(e.id) && !presentEmployees.has(e.id))
    .map(e => ({ ...e, staleSince: e.staleSince ?? previous.fetchedAt }));
  const staleDepartments = previous.departments.filter(
    d => departmentIds.has(d.id) && !presentDepartments.has(d.id),
  );
  if (staleEmployees.length === 0 && staleDepartments.length === 0) {
    return snapshot;
  }
  return {
    ...snapshot,
    employees: [...snapshot.employees, ...staleEmployees],
    departments: [...snapshot.departments, ...staleDepartments],
  };
}
