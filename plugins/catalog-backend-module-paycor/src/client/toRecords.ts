import {
  InvalidRecord,
  PaycorDepartmentRecord,
  PaycorEmployeeRecord,
  PaycorLegalEntityRecord,
} from '../ingest/types';
import { employeeRecord, SharedValues } from '../ingest/employeeRecord';
import {
  DATE_TIME_PATTERN,
  departmentSchema,
  EMAIL_PATTERN,
  employeeSchema,
  ID_PATTERN,
  legalEntitySchema,
  PaycorLegalEntity,
} from './paycorSchemas';
import { timeZoneForUsState } from './usTimeZones';

type Parsed<T> = { record: T } | { invalid: InvalidRecord };

function present(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = String(value).trim();
  return trimmed === '' ? undefined : trimmed;
}

function readPath(source: unknown, path: string): string | undefined {
  let value: unknown = source;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value === 'string') return present(value);
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return undefined;
}

/** Only a non-empty string id identifies a record; `12345` or null do not. */
function idOf(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const id = (raw as Record<string, unknown>).id;
  return typeof id === 'string' && id.trim() ? id.trim() : undefined;
}

function issuesOf(error: {
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>;
}) {
  return error.issues.map(issue => ({
    path: issue.path.map(String).join('.') || '(record)',
    message: issue.message,
  }));
}

function labelOf(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const name = [r.firstName, r.lastName]
    .filter(v => typeof v === 'string')
    .join(' ')
    .trim();
  if (name) return name;
  return typeof r.description === 'string' ? r.description : undefined;
}

/**
 * Validates one employee (already key-normalised) and keeps only what the
 * mapping needs, plus the configured `fieldMapping` source paths. With
 * `values`, repeated values are shared (see SharedValues).
 */
export function toEmployeeRecord(
  raw: unknown,
  mappedPaths: readonly string[],
  values?: SharedValues,
): Parsed<PaycorEmployeeRecord> {
  // Nearly every record is valid: it is checked and read by hand, which is
  // several times cheaper than zod (whose output would be copied again
  // anyway). zod still decides: anything the check does not accept goes
  // through `employeeSchema`, which names what is wrong.
  const record = isValidEmployee(raw)
    ? readEmployee(raw, raw, mappedPaths, values)
    : undefined;
  if (record) return { record };
  const parsed = employeeSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      invalid: {
        resource: 'employee',
        id: idOf(raw),
        label: labelOf(raw),
        issues: issuesOf(parsed.error),
      },
    };
  }
  return {
    record: readEmployee(parsed.data as WireEmployee, raw, mappedPaths, values),
  };
}

type WireObject = Record<string, unknown>;

/** The parts of a wire employee that are read, as `isValidEmployee` accepts them. */
interface WireEmployee {
  id: string;
  employeeNumber?: string | number | null;
  firstName?: string | null;
  middleName?: string | null;
  lastName?: string | null;
  email?: { emailAddress?: string | null } | null;
  department?: { id?: string | number | null } | null;
  positionData?: {
    jobTitle?: string | null;
    manager?: { id?: string | null } | null;
  } | null;
  statusData?: { status?: string | null; type?: string | null } | null;
  employmentDateData?: {
    hireDate?: string | null;
    reHireDate?: string | null;
    terminationDate?: string | null;
  } | null;
  workLocation?: { id?: string | null; name?: string | null } | null;
}

const isObject = (v: unknown): v is WireObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNullish = (v: unknown) => v === undefined || v === null;
const isText = (v: unknown) => isNullish(v) || typeof v === 'string';
const isTextOrNumber = (v: unknown) =>
  isText(v) || (typeof v === 'number' && Number.isFinite(v));
const isTextMatching = (v: unknown, pattern: RegExp) =>
  isNullish(v) || (typeof v === 'string' && pattern.test(v));

/**
 * Whether `employeeSchema` accepts `raw`, decided without zod. It must never
 * accept what the schema refuses (toRecords.test.ts compares the two on
 * every field with wrong values); refusing more would only cost speed.
 */
function isValidEmployee(raw: unknown): raw is WireEmployee {
  if (!isObject(raw)) return false;
  const id = raw.id;
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) return false;
  if (
    !isTextOrNumber(raw.employeeNumber) ||
    !isText(raw.firstName) ||
    !isText(raw.middleName) ||
    !isText(raw.lastName)
  ) {
    return false;
  }
  const email = raw.email;
  if (
    !isNullish(email) &&
    !(
      isObject(email) &&
      isText(email.type) &&
      isTextMatching(email.emailAddress, EMAIL_PATTERN)
    )
  ) {
    return false;
  }
  const department = raw.department;
  if (
    !isNullish(department) &&
    !(
      isObject(department) &&
      isTextOrNumber(department.id) &&
      isText(department.url)
    )
  ) {
    return false;
  }
  const position = raw.positionData;
  if (!isNullish(position)) {
    if (
      !isObject(position) ||
      !isText(position.jobTitle) ||
      !isText(position.jobCode)
    ) {
      return false;
    }
    const manager = position.manager;
    if (
      !isNullish(manager) &&
      !(
        isObject(manager) &&
        isText(manager.id) &&
        isTextOrNumber(manager.employeeNumber)
      )
    ) {
      return false;
    }
  }
  const status = raw.statusData;
  if (
    !isNullish(status) &&
    !(
      isObject(status) &&
      isText(status.status) &&
      isText(status.type) &&
      (isNullish(status.isFullTime) || typeof status.isFullTime === 'boolean')
    )
  ) {
    return false;
  }
  const dates = raw.employmentDateData;
  if (
    !isNullish(dates) &&
    !(
      isObject(dates) &&
      isTextMatching(dates.hireDate, DATE_TIME_PATTERN) &&
      isTextMatching(dates.reHireDate, DATE_TIME_PATTERN) &&
      isTextMatching(dates.terminationDate, DATE_TIME_PATTERN)
    )
  ) {
    return false;
  }
  const location = raw.workLocation;
  return (
    isNullish(location) ||
    (isObject(location) && isText(location.id) && isText(location.name))
  );
}

/** The record of a valid employee (`raw` is read for the mapped paths). */
function readEmployee(
  e: WireEmployee,
  raw: unknown,
  mappedPaths: readonly string[],
  values: SharedValues | undefined,
): PaycorEmployeeRecord {
  const share = (value: string | undefined) =>
    values && value !== undefined ? values.text(value) : value;
  const locationId = present(e.workLocation?.id);
  const locationName = present(e.workLocation?.name);
  let workLocation: PaycorEmployeeRecord['workLocation'];
  if (locationId !== undefined || locationName !== undefined) {
    workLocation = values?.location(locationId, locationName) ?? {
      ...(locationId !== undefined ? { id: locationId } : {}),
      ...(locationName !== undefined ? { name: locationName } : {}),
    };
  }
  let mapped: Record<string, string> | undefined;
  if (mappedPaths.length > 0) {
    for (const path of mappedPaths) {
      const value = readPath(raw, path);
      if (value !== undefined) (mapped ??= {})[path] = value;
    }
  }
  const dates = e.employmentDateData;
  const position = e.positionData;
  return employeeRecord(
    e.id.trim(),
    present(e.employeeNumber),
    present(e.firstName),
    present(e.middleName),
    present(e.lastName),
    present(e.email?.emailAddress),
    share(present(e.department?.id)),
    share(present(position?.manager?.id)),
    share(present(position?.jobTitle)),
    workLocation,
    share(present(e.statusData?.status)),
    share(present(e.statusData?.type)),
    share(present(dates?.hireDate)),
    share(present(dates?.reHireDate)),
    share(present(dates?.terminationDate)),
    mapped,
    undefined,
  );
}

export function toDepartmentRecord(raw: unknown): Parsed<PaycorDepartmentRecord> {
  const parsed = departmentSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      invalid: {
        resource: 'department',
        id: idOf(raw),
        label: labelOf(raw),
        issues: issuesOf(parsed.error),
      },
    };
  }
  const d = parsed.data;
  const record: PaycorDepartmentRecord = { id: d.id.trim() };
  const code = present(d.code);
  const description = present(d.description);
  const parentId = present(d.parentId);
  const payrollId = present(d.payrollId);
  if (code) record.code = code;
  if (description) record.description = description;
  if (parentId) record.parentId = parentId;
  if (typeof d.level === 'number') record.level = d.level;
  if (payrollId) record.payrollId = payrollId;
  return { record };
}

export function toLegalEntityRecord(
  legalEntity: PaycorLegalEntity,
): PaycorLegalEntityRecord {
  const record: PaycorLegalEntityRecord = { id: legalEntity.id };
  const name = present(legalEntity.name);
  if (name) record.name = name;
  const timeZone = inferTimeZone(legalEntity);
  if (timeZone) record.timeZone = timeZone;
  return record;
}

/**
 * Paycor's legal entity has no time-zone field. A US legal entity's primary
 * (else legal, else any) business address state is the best hint of the zone
 * its HR dates are meant in. This is a guess; `timeZone` in config overrides it.
 */
function inferTimeZone(legalEntity: PaycorLegalEntity): string | undefined {
  const addresses = (legalEntity.businessNames ?? []).flatMap(b =>
    (b.addresses ?? []).map(a => ({ nameType: b.type, ...a })),
  );
  const rank = (a: (typeof addresses)[number]) =>
    (a.type === 'Primary' ? 0 : 2) + (a.nameType === 'Legal' ? 0 : 1);
  const best = [...addresses]
    .filter(a => a.state)
    .sort((a, b) => rank(a) - rank(b))[0];
  return best?.state ? timeZoneForUsState(best.state) : undefined;
}

export { legalEntitySchema };
