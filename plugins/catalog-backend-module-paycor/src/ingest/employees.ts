import { UserNamingStrategy } from '../config/types';
import { EmploymentDates, employmentDates, normalizedStatus } from './dating';
import { emailKey } from './filters';
import { wantedUserName } from './naming';
import { userRef } from './refs';
import { PaycorEmployeeRecord } from './types';
import { compareStrings } from './util';

/**
 * An employee record with the per-record part of the mapping already done:
 * what depends on the record and the naming setting only. The sync computes
 * it while pages arrive, and every later plan of the snapshot (an admin
 * edit, the next day's dating) starts from it instead of from the record.
 */
export interface PreparedEmployee extends EmploymentDates {
  employee: PaycorEmployeeRecord;
  /** the entity name the record asks for under `userNaming` */
  wantedName: string;
  /** lower-cased; `active` when Paycor sent none */
  status: string;
  /** the work email as two emails are compared (trimmed, lower-cased) */
  emailKey?: string;
  /** the User name last given, and its ref (names rarely change) */
  refName?: string;
  ref?: string;
}

export function prepareEmployee(
  employee: PaycorEmployeeRecord,
  userNaming: UserNamingStrategy,
): PreparedEmployee {
  // the dates inline, not as an object of their own: one object per person
  const { start, termination, rehired } = employmentDates(employee);
  const prepared: PreparedEmployee = {
    employee,
    wantedName: wantedUserName(employee, userNaming),
    rehired,
    status: normalizedStatus(employee.status),
  };
  if (start !== undefined) prepared.start = start;
  if (termination !== undefined) prepared.termination = termination;
  const key = emailKey(employee.email);
  if (key !== undefined) prepared.emailKey = key;
  return prepared;
}

/**
 * `user:<ns>/<name>`, remembered per employee: a snapshot is planned for one
 * provider, whose namespace does not change.
 */
export function preparedUserRef(
  prepared: PreparedEmployee,
  namespace: string,
  name: string,
): string {
  if (prepared.refName === name && prepared.ref !== undefined) {
    return prepared.ref;
  }
  const ref = userRef(namespace, name);
  prepared.refName = name;
  prepared.ref = ref;
  return ref;
}

const SHARED_FIELDS = [
  'departmentId',
  'managerId',
  'jobTitle',
  'status',
  'employmentType',
  'hireDate',
  'reHireDate',
  'terminationDate',
] as const;

/**
 * The employees of one snapshot, one per id (the first copy of an id wins,
 * as everywhere else), prepared once.
 */
export class PreparedEmployees {
  private readonly byId = new Map<string, PreparedEmployee>();
  private sorted?: PreparedEmployee[];
  // Statuses, dates, department ids… repeat across a large org: one each.
  private readonly strings = new Map<string, string>();
  private readonly locations = new Map<
    string,
    NonNullable<PaycorEmployeeRecord['workLocation']>
  >();

  constructor(
    private readonly userNaming: UserNamingStrategy,
    /**
     * Make repeated values of the records one string or object each (the
     * records are changed, keeping their values): for snapshots kept in
     * memory, not for a pure transform of someone else's records.
     */
    private readonly shareValues = false,
  ) {}

  static of(
    records: Iterable<PaycorEmployeeRecord>,
    userNaming: UserNamingStrategy,
    shareValues = false,
  ): PreparedEmployees {
    const employees = new PreparedEmployees(userNaming, shareValues);
    for (const record of records) employees.add(record);
    return employees;
  }

  /** Adds a record unless its id is already there; returns whether it was added. */
  add(record: PaycorEmployeeRecord): boolean {
    if (this.byId.has(record.id)) return false;
    if (this.shareValues) this.share(record);
    const prepared = prepareEmployee(record, this.userNaming);
    prepared.status = this.shared(prepared.status);
    if (prepared.start !== undefined) {
      prepared.start = this.shared(prepared.start);
    }
    if (prepared.termination !== undefined) {
      prepared.termination = this.shared(prepared.termination);
    }
    this.byId.set(record.id, prepared);
    this.sorted = undefined;
    return true;
  }

  /**
   * Makes the record's repeated values (department and manager ids, titles,
   * statuses, dates, work locations) one string or object each: at 100k
   * employees that is tens of MB. The values stay equal, so the record's
   * digest (taken before) does not change.
   */
  private share(record: PaycorEmployeeRecord) {
    const r = record as unknown as Record<string, unknown>;
    for (const key of SHARED_FIELDS) {
      const value = r[key];
      if (typeof value === 'string') r[key] = this.shared(value);
    }
    const location = record.workLocation;
    if (location) {
      const key = `${location.id ?? ''}\u0000${location.name ?? ''}`;
      let known = this.locations.get(key);
      if (!known) {
        known = location;
        this.locations.set(key, known);
      }
      record.workLocation = known;
    }
  }

  private shared(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }

  /**
   * A copy with one employee's record replaced (or added), or removed when
   * `record` is undefined; everyone else stays prepared as they are (a
   * person re-read alone does not prepare 100k records again).
   */
  withRecord(
    id: string,
    record: PaycorEmployeeRecord | undefined,
  ): PreparedEmployees {
    const copy = new PreparedEmployees(this.userNaming, this.shareValues);
    for (const [key, prepared] of this.byId) {
      if (key !== id) copy.byId.set(key, prepared);
    }
    if (record) copy.add(record);
    return copy;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): PreparedEmployee | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.byId.size;
  }

  /** Every employee, sorted by id. */
  list(): readonly PreparedEmployee[] {
    this.sorted ??= [...this.byId.values()].sort((a, b) =>
      compareStrings(a.employee.id, b.employee.id),
    );
    return this.sorted;
  }
}
