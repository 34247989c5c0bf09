import { UserNamingStrategy } from '../config/types';
import {
  calendarDate,
  EmploymentDates,
  employmentDates,
  normalizedStatus,
} from './dating';
import { compactEmployeeRecord, SharedValues } from './employeeRecord';
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
  toDate: (raw: string | undefined) => string | undefined = calendarDate,
): PreparedEmployee {
  const { start, termination, rehired } = employmentDates(employee, toDate);
  // Every field set, always in this order: one hidden class for all (see
  // employeeRecord.ts); the dates inline, not as an object of their own.
  return {
    employee,
    wantedName: wantedUserName(employee, userNaming),
    rehired,
    status: normalizedStatus(employee.status),
    start,
    termination,
    emailKey: emailKey(employee.email),
    refName: undefined,
    ref: undefined,
  };
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

/**
 * The employees of one snapshot, one per id (the first copy of an id wins,
 * as everywhere else), prepared once.
 */
export class PreparedEmployees {
  private readonly byId = new Map<string, PreparedEmployee>();
  private sorted?: PreparedEmployee[];
  /** what the records and their prepared values share, when they do */
  readonly values?: SharedValues;
  // Dates repeat across a large org (a few thousand distinct): each raw
  // date-time is read once and its calendar date shared.
  private readonly dates = new Map<string, string | null>();
  private readonly toDate = (raw: string | undefined) => {
    if (raw === undefined) return undefined;
    let date = this.dates.get(raw);
    if (date === undefined) {
      const parsed = calendarDate(raw);
      date = parsed === undefined ? null : this.values?.text(parsed) ?? parsed;
      this.dates.set(raw, date);
    }
    return date ?? undefined;
  };

  constructor(
    private readonly userNaming: UserNamingStrategy,
    /**
     * Keep the records in one shape with their repeated values shared (a
     * copy of each record that is not already): for snapshots kept in
     * memory, not for a pure transform of someone else's records.
     */
    shareValues: boolean | SharedValues = false,
  ) {
    if (shareValues) {
      this.values =
        shareValues instanceof SharedValues ? shareValues : new SharedValues();
    }
  }

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
    const values = this.values;
    return this.put(values ? compactEmployeeRecord(record, values) : record);
  }

  /**
   * `add` for a record built with this collection's `values` already
   * (toEmployeeRecord while the pages arrive): kept as it is.
   */
  addShared(record: PaycorEmployeeRecord): boolean {
    if (this.byId.has(record.id)) return false;
    return this.put(record);
  }

  private put(record: PaycorEmployeeRecord): boolean {
    const prepared = prepareEmployee(record, this.userNaming, this.toDate);
    if (this.values) prepared.status = this.values.text(prepared.status);
    this.byId.set(record.id, prepared);
    this.sorted = undefined;
    return true;
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
    const copy = new PreparedEmployees(this.userNaming, this.values ?? false);
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
