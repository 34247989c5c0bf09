import {
  InvalidRecord,
  PaycorDepartmentRecord,
  PaycorEmployeeRecord,
  PaycorLegalEntityRecord,
} from '../ingest/types';
import {
  departmentSchema,
  employeeSchema,
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
 * mapping needs, plus the configured `fieldMapping` source paths.
 */
export function toEmployeeRecord(
  raw: unknown,
  mappedPaths: readonly string[],
): Parsed<PaycorEmployeeRecord> {
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
  const e = parsed.data;
  const record: PaycorEmployeeRecord = { id: e.id.trim() };
  const set = <K extends keyof PaycorEmployeeRecord>(
    key: K,
    value: PaycorEmployeeRecord[K] | undefined,
  ) => {
    if (value !== undefined) record[key] = value;
  };
  set('employeeNumber', present(e.employeeNumber));
  set('firstName', present(e.firstName));
  set('middleName', present(e.middleName));
  set('lastName', present(e.lastName));
  set('email', present(e.email?.emailAddress));
  set('departmentId', present(e.department?.id));
  set('managerId', present(e.positionData?.manager?.id));
  set('jobTitle', present(e.positionData?.jobTitle));
  const locationId = present(e.workLocation?.id);
  const locationName = present(e.workLocation?.name);
  if (locationId || locationName) {
    record.workLocation = {};
    if (locationId) record.workLocation.id = locationId;
    if (locationName) record.workLocation.name = locationName;
  }
  set('status', present(e.statusData?.status));
  set('employmentType', present(e.statusData?.type));
  set('hireDate', present(e.employmentDateData?.hireDate));
  set('reHireDate', present(e.employmentDateData?.reHireDate));
  set('terminationDate', present(e.employmentDateData?.terminationDate));
  if (mappedPaths.length > 0) {
    const mapped: Record<string, string> = {};
    for (const path of mappedPaths) {
      const value = readPath(raw, path);
      if (value !== undefined) mapped[path] = value;
    }
    if (Object.keys(mapped).length > 0) record.mapped = mapped;
  }
  return { record };
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
