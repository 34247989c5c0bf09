import { Entity } from '@backstage/catalog-model';
import { PAYCOR_ANNOTATIONS as A } from '@paycor-backstage/plugin-paycor-common';

function group(
  name: string,
  title: string,
  type: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', title, annotations },
    spec: { type, profile: { displayName: title }, children: [] },
  };
}

const paycor = (extra: Record<string, string>) => ({
  [A.providerId]: 'acme',
  [A.legalEntityId]: '100200',
  ...extra,
});

/** Groups and Users matching the mock API's fixtures. */
export const devEntities: Entity[] = [
  group('acme-corp', 'Acme Corp', 'organization', paycor({})),
  // written by hand in a catalog-info.yaml: re-home targets
  group('product-engineering', 'Product & Engineering', 'division'),
  group('go-to-market', 'Go-To-Market', 'division'),
  group(
    'engineering',
    'Engineering',
    'department',
    paycor({
      [A.departmentId]: 'd-eng',
      [A.departmentCode]: 'ENG',
      [A.parentSource]: 'override',
      [A.paycorParent]: 'group:default/acme-corp',
    }),
  ),
  group(
    'platform-team',
    'Platform',
    'department',
    paycor({
      [A.departmentId]: 'd-plat',
      [A.departmentCode]: 'PLAT',
      [A.parentSource]: 'paycor',
    }),
  ),
  group(
    'sales',
    'Sales',
    'department',
    paycor({
      [A.departmentId]: 'd-sales',
      [A.departmentCode]: 'SAL',
      [A.parentSource]: 'paycor',
    }),
  ),
  group(
    'marketing',
    'Marketing',
    'department',
    paycor({
      [A.departmentId]: 'd-mkt',
      [A.departmentCode]: 'MKT',
      [A.parentSource]: 'paycor',
    }),
  ),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name: 'maria.okafor',
      namespace: 'default',
      annotations: paycor({
        [A.employeeId]: 'e-2001',
        [A.employeeNumber]: '1042',
        [A.departmentId]: 'd-plat',
        [A.jobTitle]: 'Staff Engineer',
        [A.workLocation]: 'Cincinnati HQ',
        [A.employmentType]: 'Regular',
        [A.employmentStatus]: 'Active',
        [A.managerEmployeeId]: 'e-1001',
      }),
    },
    spec: {
      profile: {
        displayName: 'Maria Okafor',
        email: 'maria.okafor@acme.example',
      },
      memberOf: ['platform-team'],
    },
    relations: [{ type: 'memberOf', targetRef: 'group:default/platform-team' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name: 'sam.lee',
      namespace: 'default',
      annotations: paycor({
        [A.employeeId]: 'e-1001',
        [A.jobTitle]: 'VP Engineering',
        // the manager is not in the catalog: the card shows the id
        [A.managerEmployeeId]: 'e-0001',
      }),
    },
    spec: {
      profile: { displayName: 'Sam Lee', email: 'sam.lee@acme.example' },
      memberOf: ['engineering'],
    },
    relations: [{ type: 'memberOf', targetRef: 'group:default/engineering' }],
  },
];
