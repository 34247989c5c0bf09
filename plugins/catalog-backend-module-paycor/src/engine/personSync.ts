import { PaycorClient } from '../client/PaycorClient';
import { toDepartmentRecord, toEmployeeRecord } from '../client/toRecords';
import { PaycorApiError } from '../errors';
import { buildDepartmentTree } from '../ingest/departmentTree';
import {
  InvalidRecord,
  PaycorDepartmentRecord,
  PaycorEmployeeRecord,
} from '../ingest/types';
import { inWords, nonBlank } from '../ingest/util';
import { removalSetHash } from '../store/ApprovalStore';
import { recordDigest } from '../store/snapshotCodec';
import { LoadedSnapshot } from './loadedSnapshot';
import { Plan } from './planning';
import { evaluateRemovalGuard } from './removalGuard';

/** What Paycor said about one employee. */
export type PersonRead =
  /** a valid record */
  | { kind: 'record'; record: PaycorEmployeeRecord }
  /** a record that failed validation */
  | { kind: 'invalid'; invalid: InvalidRecord }
  /** Paycor does not have them (any more) in this legal entity */
  | { kind: 'gone'; reason: string }
  /**
   * Paycor cannot serve one employee (a scope, an endpoint); a full sync can.
   * `scopeMissing` when Paycor refused (403): granting the scope fixes it.
   */
  | { kind: 'unavailable'; reason: string; scopeMissing: boolean };

/** The Data Access scope of `GET /v1/employees/{id}` (api.md §3). */
export const ONE_EMPLOYEE_SCOPE = 'View Employee Information';

/** The sections the sync reads, each behind its own scope on that endpoint. */
export const ONE_EMPLOYEE_SECTION_SCOPES: ReadonlyArray<{
  include: string;
  scope: string;
}> = [
  { include: 'EmploymentDates', scope: 'View Employee Employment Dates' },
  { include: 'Status', scope: 'View Employee Status' },
  { include: 'Position', scope: 'View Employee Position' },
  { include: 'WorkLocation', scope: 'View Employee Work Location' },
];

const sectionScopeList = inWords(
  ONE_EMPLOYEE_SECTION_SCOPES.map(s => `"${s.scope}"`),
);

/**
 * Reads one employee from Paycor: `GET /v1/employees/{id}` with the bulk
 * read's includes. A 404 with Paycor's own error body means Paycor has no
 * such employee; a 404 without it (the API gateway's "Resource not found")
 * or a 403 means the endpoint or its scopes are not available to the app.
 * Other failures (after the client's retries) throw, like a failed sync.
 */
export async function readOneEmployee(
  client: PaycorClient,
  args: {
    employeeId: string;
    legalEntityId: number;
    mappedPaths: readonly string[];
    signal?: AbortSignal;
  },
): Promise<PersonRead> {
  let body: unknown;
  try {
    body = await client.getEmployee(args.employeeId, args.signal);
  } catch (error) {
    if (!(error instanceof PaycorApiError)) throw error;
    const { status, correlationId } = error.details;
    if (status === 404 && correlationId !== undefined) {
      return {
        kind: 'gone',
        reason: `Paycor has no employee "${args.employeeId}" (404)`,
      };
    }
    if (status === 404 || status === 403 || status === 405) {
      return {
        kind: 'unavailable',
        scopeMissing: status === 403,
        reason:
          status === 403
            ? `Paycor refused to read one employee (403): the app needs the "${ONE_EMPLOYEE_SCOPE}" Data Access scope, and ${sectionScopeList} for the sections the sync reads (${error.message})`
            : `Paycor does not serve GET /v1/employees/{id} to this app (${status}; api.md: the newer API document no longer lists it) (${error.message})`,
      };
    }
    throw error;
  }
  // Guess: the employee's `legalEntity` reference carries the legal entity
  // id (api.md §4.2 shows only its url, /v1/legalentities/{id}). Paycor's
  // single-employee endpoint is not scoped to a legal entity, so someone of
  // another legal entity of the same client must not be synced here.
  const other = otherLegalEntity(body, args.legalEntityId);
  if (other !== undefined) {
    return {
      kind: 'gone',
      reason: `employee "${args.employeeId}" belongs to legal entity ${other}, not ${args.legalEntityId}`,
    };
  }
  const parsed = toEmployeeRecord(body, args.mappedPaths);
  if ('invalid' in parsed) return { kind: 'invalid', invalid: parsed.invalid };
  if (parsed.record.id.toLowerCase() !== args.employeeId.toLowerCase()) {
    throw new Error(
      `Paycor answered GET /v1/employees/${args.employeeId} with employee ${parsed.record.id}`,
    );
  }
  return { kind: 'record', record: parsed.record };
}

function otherLegalEntity(body: unknown, ours: number): string | undefined {
  const ref = (body as { legalEntity?: { id?: unknown; url?: unknown } })
    ?.legalEntity;
  if (!ref || typeof ref !== 'object') return undefined;
  const fromId =
    typeof ref.id === 'number' || typeof ref.id === 'string'
      ? String(ref.id).trim()
      : undefined;
  const fromUrl =
    typeof ref.url === 'string'
      ? /\/legalentities\/(\d+)/i.exec(ref.url)?.[1]
      : undefined;
  const id = fromId || fromUrl;
  return id && /^\d+$/.test(id) && Number(id) !== ours ? id : undefined;
}

/**
 * The departments to add to the snapshot for a person whose department it
 * does not know: that department and its ancestors the snapshot lacks, from
 * a fresh department listing. Other departments stay as the last full read
 * had them (the person is applied alone).
 */
export async function readMissingDepartments(
  client: PaycorClient,
  snapshot: LoadedSnapshot,
  departmentId: string,
  signal?: AbortSignal,
): Promise<PaycorDepartmentRecord[]> {
  const listed = new Map<string, PaycorDepartmentRecord>();
  for await (const page of client.departmentPages(signal)) {
    for (const raw of page.records) {
      const parsed = toDepartmentRecord(raw);
      if ('record' in parsed && !listed.has(parsed.record.id)) {
        listed.set(parsed.record.id, parsed.record);
      }
    }
  }
  const missing: PaycorDepartmentRecord[] = [];
  const seen = new Set<string>();
  let id: string | undefined = departmentId;
  while (id !== undefined && !seen.has(id) && !snapshot.tree.has(id)) {
    seen.add(id);
    const department = listed.get(id);
    if (!department) break;
    missing.push(department);
    id = nonBlank(department.parentId);
  }
  return missing;
}

/**
 * The snapshot with one person as Paycor has them now: their record
 * replaced or added, or (gone) removed; an invalid record keeps the last
 * good version, as a full sync does. Everyone else is left as they were.
 */
export function withPersonRead(
  snapshot: LoadedSnapshot,
  read: Exclude<PersonRead, { kind: 'unavailable' }>,
  args: {
    employeeId: string;
    runId: string;
    at: string;
    departments: readonly PaycorDepartmentRecord[];
  },
): LoadedSnapshot {
  const id =
    read.kind === 'record'
      ? read.record.id
      : snapshot.employees.get(args.employeeId)?.employee.id ?? args.employeeId;
  const invalid = snapshot.invalid.filter(
    r => !(r.resource === 'employee' && r.id === id),
  );
  const personReads = { ...snapshot.personReads };
  delete personReads[id];
  let record: PaycorEmployeeRecord | undefined;
  if (read.kind === 'record') {
    record = read.record;
    personReads[id] = { at: args.at, runId: args.runId };
  } else if (read.kind === 'invalid') {
    invalid.push(read.invalid);
    const previous = snapshot.employees.get(id)?.employee;
    if (previous) {
      record = {
        ...previous,
        staleSince:
          previous.staleSince ??
          snapshot.personReads?.[id]?.at ??
          snapshot.fetchedAt,
      };
    }
    personReads[id] = { at: args.at, runId: args.runId };
  }
  const digests = new Map(snapshot.digests);
  digests.delete(id);
  if (record) digests.set(id, recordDigest(JSON.stringify(record)));
  const departments =
    args.departments.length > 0
      ? [...snapshot.departments, ...args.departments]
      : snapshot.departments;
  return {
    id: args.runId,
    fetchedAt: snapshot.fetchedAt,
    readBy: snapshot.readBy ?? snapshot.id,
    personReads,
    legalEntity: snapshot.legalEntity,
    departments,
    invalid,
    employees: snapshot.employees.withRecord(id, record),
    digests,
    tree:
      departments === snapshot.departments
        ? snapshot.tree
        : buildDepartmentTree(departments),
  };
}

/** How many Users (their own, not renamed) a run of one person removes. */
export function usersRemovedBy(plan: Plan, employeeId: string): number {
  return plan.diff.removed.filter(
    r =>
      r.entityRef.startsWith('user:') &&
      r.paycorId === employeeId &&
      !r.renamedTo,
  ).length;
}

/**
 * The removal guard for a run of one person: only their own removal counts,
 * and the stored read's unidentified records (which make a full read
 * partial) do not: Paycor has just answered for this very person. Every
 * other removal is kept by `applyPlan` (`removeOnly`).
 */
export function personGuard(
  plan: Plan,
  args: {
    employeeId: string;
    usersBefore: number;
    maxRemovalPercent: number;
  },
): Plan {
  const own = plan.diff.removed.filter(
    r => r.entityRef.startsWith('user:') && r.paycorId === args.employeeId,
  );
  const lost = own.filter(r => !r.renamedTo).length;
  return {
    ...plan,
    guard: evaluateRemovalGuard({
      removed: own,
      usersBefore: args.usersBefore,
      usersAfter: args.usersBefore - lost,
      maxRemovalPercent: args.maxRemovalPercent,
      unidentifiedRecords: 0,
      hashOf: removalSetHash,
    }),
  };
}
