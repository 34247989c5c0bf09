import { MANAGE, Permission, READ, RUN } from './routes';

/**
 * Every action the module registers (`catalog:<name>`), the permission it
 * needs and an input its schema accepts: a call with a schema-invalid input
 * would be refused (400) before any permission check, and prove nothing.
 */
export interface PaycorAction {
  name: string;
  permission: Permission;
  input: Record<string, unknown>;
}

export const ACTIONS: PaycorAction[] = [
  { name: 'paycor-sync-status', permission: READ, input: {} },
  {
    name: 'paycor-explain-person',
    permission: READ,
    input: { query: 'a' },
  },
  { name: 'paycor-list-conflicts', permission: READ, input: { limit: 5 } },
  { name: 'paycor-preview-sync', permission: RUN, input: { limit: 5 } },
  { name: 'paycor-sync-now', permission: RUN, input: {} },
  {
    name: 'paycor-sync-person',
    permission: RUN,
    input: { employeeId: 'security-check' },
  },
  {
    name: 'paycor-rehome-department',
    permission: MANAGE,
    input: { departmentId: 'security-check', parent: 'group:default/x' },
  },
  {
    name: 'paycor-undo-rehome',
    permission: MANAGE,
    input: { departmentId: 'security-check' },
  },
];

export const actionPath = (name: string) =>
  `/api/catalog/.backstage/actions/v1/actions/catalog:${name}/invoke`;
