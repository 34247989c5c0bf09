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
import { PaycorEmployeeRecord } from './types';

/**
 * The User for one synced employee. `memberOf` is the single Group the
 * person sits in directly (their department, else the root); the catalog
 * derives the transitive memberships from the Group tree.
 */
export function buildUserEntity(args: {
  employee: PaycorEmployeeRecord;
  name: string;
  memberOf: string;
  ctx: EntityContext;
  fieldMapping: CompiledFieldMapping;
}): UserEntity {
  const { employee, name, memberOf, ctx, fieldMapping } = args;
  const A = PAYCOR_ANNOTATIONS;

  const annotations = baseAnnotations(ctx, ctx.locations.employee(employee.id));
  annotations[A.employeeId] = catalogText(employee.id);
  setIfPresent(annotations, A.employeeNumber, employee.employeeNumber);
  setIfPresent(annotations, A.departmentId, employee.departmentId);
  setIfPresent(annotations, A.jobTitle, employee.jobTitle);
  setIfPresent(annotations, A.workLocation, employee.workLocation?.name);
  setIfPresent(annotations, A.managerEmployeeId, employee.managerId);
  setIfPresent(annotations, A.employmentType, employee.employmentType);
  setIfPresent(annotations, A.employmentStatus, employee.status);
  for (const [key, value] of mappedAnnotations(employee, fieldMapping)) {
    annotations[key] = value;
  }
  const labels = mappedLabels(employee, fieldMapping);

  const description = catalogTextIfPresent(employee.jobTitle);
  const email = catalogTextIfPresent(employee.email);
  // the id, when nothing else names the person: never blank, even if all NUL
  const displayName =
    catalogTextIfPresent(personName(employee)) ?? catalogText(employee.id);
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
