import { UserEntity } from '@backstage/catalog-model';
import { PAYCOR_ANNOTATIONS } from '@paycor-backstage/plugin-paycor-common';
import { personName } from './conflictMessages';
import {
  baseAnnotations,
  catalogText,
  catalogTextIfPresent,
  EntityContext,
  setIfPresent,
} from './entityCommon';
import {
  CompiledFieldMapping,
  mappedAnnotations,
  mappedLabels,
} from './fieldMapping';
import { ReportingLineEnd, ReportingLines } from './reportingLines';
import { PaycorEmployeeRecord } from './types';

/** A User's reporting line as written on it. */
export interface UserReportingLine {
  /** the manager's User ref */
  managerRef?: string;
  end?: ReportingLineEnd;
}

/**
 * The reporting line of one synced employee; undefined when Paycor names no
 * manager (or reporting lines are off).
 */
export function reportingLineOf(
  lines: ReportingLines,
  employeeId: string,
): UserReportingLine | undefined {
  const manager = lines.managers.get(employeeId);
  if (manager) return { managerRef: manager.ref };
  const end = lines.ends.get(employeeId);
  return end ? { end } : undefined;
}

/**
 * What of a reporting line a User's hash depends on: the manager's ref
 * (which changes when the manager is renamed, leaves or is excluded) or the
 * end of the line.
 */
export function reportingLineKey(line: UserReportingLine | undefined): string {
  if (!line) return '';
  if (line.managerRef) return line.managerRef;
  return line.end ? `!${line.end.reason}\n${line.end.note}` : '';
}

/**
 * The name people see: the person's name, else their employee number, else
 * their id; when even the id has nothing printable in it (Paycor can send an
 * id made of NUL characters, which the catalog cannot hold), the entity name,
 * which is never blank. The catalog refuses a User whose display name is
 * empty.
 */
export function userDisplayName(
  employee: PaycorEmployeeRecord,
  name: string,
): string {
  return (
    catalogTextIfPresent(personName(employee)) ??
    catalogTextIfPresent(employee.id) ??
    name
  );
}

/**
 * The User for one synced employee. `memberOf` is the single Group the
 * person sits in directly (their department, else the root); the catalog
 * derives the transitive memberships from the Group tree.
 */
export function buildUserEntity(args: {
  employee: PaycorEmployeeRecord;
  name: string;
  memberOf: string;
  /** the reporting line: the manager's User ref, or why it ends here */
  line?: UserReportingLine;
  ctx: EntityContext;
  fieldMapping: CompiledFieldMapping;
}): UserEntity {
  const { employee, name, memberOf, line, ctx, fieldMapping } = args;
  const A = PAYCOR_ANNOTATIONS;

  const annotations = baseAnnotations(ctx, ctx.locations.employee(employee.id));
  annotations[A.employeeId] = catalogText(employee.id);
  setIfPresent(annotations, A.employeeNumber, employee.employeeNumber);
  setIfPresent(annotations, A.departmentId, employee.departmentId);
  setIfPresent(annotations, A.jobTitle, employee.jobTitle);
  setIfPresent(annotations, A.workLocation, employee.workLocation?.name);
  setIfPresent(annotations, A.managerEmployeeId, employee.managerId);
  if (line?.managerRef) annotations[A.managerRef] = line.managerRef;
  if (line?.end) {
    annotations[A.reportingLineEnd] = line.end.reason;
    annotations[A.reportingLineNote] = catalogText(line.end.note);
  }
  // Without it a User with neither a manager ref nor a line end reads as the
  // top of the reporting line.
  if (ctx.reportingLinesOff) annotations[A.reportingLines] = 'off';
  setIfPresent(annotations, A.employmentType, employee.employmentType);
  setIfPresent(annotations, A.employmentStatus, employee.status);
  for (const [key, value] of mappedAnnotations(employee, fieldMapping)) {
    annotations[key] = value;
  }
  const labels = mappedLabels(employee, fieldMapping);

  const description = catalogTextIfPresent(employee.jobTitle);
  const email = catalogTextIfPresent(employee.email);
  const displayName = userDisplayName(employee, name);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name,
      namespace: ctx.namespace,
      ...(description !== undefined ? { description } : {}),
      annotations,
      ...(labels.length > 0 ? { labels: Object.fromEntries(labels) } : {}),
    },
    spec: {
      profile: {
        displayName,
        ...(email !== undefined ? { email } : {}),
      },
      memberOf: [memberOf],
    },
  };
}
