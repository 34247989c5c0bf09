import { PaycorEmployeeRecord } from './types';

type WorkLocation = NonNullable<PaycorEmployeeRecord['workLocation']>;

/**
 * One copy of each repeated value of a snapshot's records: department and
 * manager ids, titles, statuses, dates and work locations repeat across a
 * large org (at 100k employees ~25k distinct strings stand for ~1M, tens of
 * MB). Values stay equal, so nothing that reads or serialises a record can
 * tell; a record's digest is the same.
 */
export class SharedValues {
  private readonly strings = new Map<string, string>();
  private readonly locations = new Map<string, WorkLocation>();

  text(value: string): string;
  text(value: string | undefined): string | undefined;
  text(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }

  /** The one `{ id, name }` object of a work location (undefined when both are). */
  location(
    id: string | undefined,
    name: string | undefined,
  ): WorkLocation | undefined {
    if (id === undefined && name === undefined) return undefined;
    const key = `${id ?? ''}\u0000${name ?? ''}`;
    let known = this.locations.get(key);
    if (!known) {
      known = {};
      if (id !== undefined) known.id = id;
      if (name !== undefined) known.name = name;
      this.locations.set(key, known);
    }
    return known;
  }
}

/**
 * An employee record in the one shape every record of a run has: every field
 * present (undefined when Paycor sent nothing), in the order of the type. The
 * code that plans from 100k records then reads one hidden class instead of
 * dozens, which V8 optimises far better; a record with optional fields set
 * one by one also costs a separate property array. JSON (the snapshot, the
 * record digest) leaves undefined fields out, so the serialised record is
 * the same as before.
 */
export function employeeRecord(
  id: string,
  employeeNumber: string | undefined,
  firstName: string | undefined,
  middleName: string | undefined,
  lastName: string | undefined,
  email: string | undefined,
  departmentId: string | undefined,
  managerId: string | undefined,
  jobTitle: string | undefined,
  workLocation: WorkLocation | undefined,
  status: string | undefined,
  employmentType: string | undefined,
  hireDate: string | undefined,
  reHireDate: string | undefined,
  terminationDate: string | undefined,
  mapped: Record<string, string> | undefined,
  staleSince: string | undefined,
): PaycorEmployeeRecord {
  return {
    id,
    employeeNumber,
    firstName,
    middleName,
    lastName,
    email,
    departmentId,
    managerId,
    jobTitle,
    workLocation,
    status,
    employmentType,
    hireDate,
    reHireDate,
    terminationDate,
    mapped,
    staleSince,
  };
}

/**
 * `record` in the shape of `employeeRecord`, its repeated values shared
 * (records decoded from a stored snapshot, built by a test, …).
 */
export function compactEmployeeRecord(
  record: PaycorEmployeeRecord,
  values: SharedValues,
): PaycorEmployeeRecord {
  const location = record.workLocation;
  return employeeRecord(
    record.id,
    record.employeeNumber,
    record.firstName,
    record.middleName,
    record.lastName,
    record.email,
    values.text(record.departmentId),
    values.text(record.managerId),
    values.text(record.jobTitle),
    location
      ? values.location(location.id, location.name) ?? location
      : undefined,
    values.text(record.status),
    values.text(record.employmentType),
    values.text(record.hireDate),
    values.text(record.reHireDate),
    values.text(record.terminationDate),
    record.mapped,
    record.staleSince,
  );
}
