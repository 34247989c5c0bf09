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
export interface PreparedEmployee {
  employee: PaycorEmployeeRecord;
  /** the entity name the record asks for under `userNaming` */
  wantedName: string;
  dates: EmploymentDates;
  /** the effective (re)hire date, the seniority duplicate emails are decided by */
  start?: string;
  /** lower-cased; `active` when Paycor sent none */
  status: string;
  /** the work email as two emails are compared (trimmed, lower-cased) */
  emailKey?: string;
  /** the User ref of the name last given (names rarely change) */
  lastRef?: { namespace: string; name: string; ref: string };
}

export function prepareEmployee(
  employee: PaycorEmployeeRecord,
  userNaming: UserNamingStrategy,
): PreparedEmployee {
  const dates = employmentDates(employee);
  const prepared: PreparedEmployee = {
    employee,
    wantedName: wantedUserName(employee, userNaming),
    dates,
    status: normalizedStatus(employee.status),
  };
  if (dates.start !== undefined) prepared.start = dates.start;
  const key = emailKey(employee.email);
  if (key !== undefined) prepared.emailKey = key;
  return prepared;
}

/** `user:<ns>/<name>`, remembered per employee. */
export function preparedUserRef(
  prepared: PreparedEmployee,
  namespace: string,
  name: string,
): string {
  const last = prepared.lastRef;
  if (last && last.name === name && last.namespace === namespace) {
    return last.ref;
  }
  const ref = userRef(namespace, name);
  prepared.lastRef = { namespace, name, ref };
  return ref;
}

/**
 * The employees of one snapshot, one per id (the first copy of an id wins,
 * as everywhere else), prepared once.
 */
export class PreparedEmployees {
  private readonly byId = new Map<string, PreparedEmployee>();
  private sorted?: PreparedEmployee[];
  // Statuses and dates repeat across a large org: one string each.
  private readonly strings = new Map<string, string>();

  constructor(private readonly userNaming: UserNamingStrategy) {}

  static of(
    records: Iterable<PaycorEmployeeRecord>,
    userNaming: UserNamingStrategy,
  ): PreparedEmployees {
    const employees = new PreparedEmployees(userNaming);
    for (const record of records) employees.add(record);
    return employees;
  }

  /** Adds a record unless its id is already there; returns whether it was added. */
  add(record: PaycorEmployeeRecord): boolean {
    if (this.byId.has(record.id)) return false;
    const prepared = prepareEmployee(record, this.userNaming);
    prepared.status = this.shared(prepared.status);
    const { dates } = prepared;
    if (dates.start !== undefined) {
      dates.start = this.shared(dates.start);
      prepared.start = dates.start;
    }
    if (dates.termination !== undefined) {
      dates.termination = this.shared(dates.termination);
    }
    this.byId.set(record.id, prepared);
    this.sorted = undefined;
    return true;
  }

  private shared(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
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
