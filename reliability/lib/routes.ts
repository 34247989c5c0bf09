/** Every route of the admin API (`/api/catalog/paycor`), with the permission it needs. */
export type Permission =
  | 'catalog.paycor.sync.read'
  | 'catalog.paycor.sync.run'
  | 'catalog.paycor.sync.manage';

export interface Route {
  method: 'get' | 'post' | 'put' | 'delete';
  /** with `:param` placeholders */
  path: string;
  permission: Permission;
  /** changes something (or calls Paycor) */
  mutating: boolean;
  /** calls Paycor: 502/504 are its documented failures */
  callsPaycor?: boolean;
  query?: string[];
  body?: 'setParent' | 'adminGroup' | 'decision' | 'exclusion';
  /** a valid body, for the security checks */
  validBody?: unknown;
}

export const READ: Permission = 'catalog.paycor.sync.read';
export const RUN: Permission = 'catalog.paycor.sync.run';
export const MANAGE: Permission = 'catalog.paycor.sync.manage';

export const ROUTES: Route[] = [
  { method: 'get', path: '/providers', permission: READ, mutating: false },
  {
    method: 'get',
    path: '/providers/:providerId',
    permission: READ,
    mutating: false,
  },
  {
    method: 'post',
    path: '/providers/:providerId/sync',
    permission: RUN,
    mutating: true,
  },
  {
    method: 'post',
    path: '/providers/:providerId/verify',
    permission: RUN,
    mutating: true,
    callsPaycor: true,
  },
  {
    method: 'get',
    path: '/providers/:providerId/preview',
    permission: RUN,
    mutating: false,
    callsPaycor: true,
    query: ['limit'],
  },
  {
    method: 'get',
    path: '/providers/:providerId/runs',
    permission: READ,
    mutating: false,
    query: ['limit', 'offset'],
  },
  {
    method: 'get',
    path: '/providers/:providerId/conflicts',
    permission: READ,
    mutating: false,
    query: ['type', 'status', 'q', 'limit', 'offset'],
  },
  {
    method: 'get',
    path: '/providers/:providerId/departments',
    permission: READ,
    mutating: false,
  },
  {
    method: 'put',
    path: '/providers/:providerId/departments/:departmentId/parent',
    permission: MANAGE,
    mutating: true,
    body: 'setParent',
    validBody: { parent: 'group:default/somewhere', note: 'security check' },
  },
  {
    method: 'delete',
    path: '/providers/:providerId/departments/:departmentId/parent',
    permission: MANAGE,
    mutating: true,
  },
  {
    method: 'get',
    path: '/providers/:providerId/groups',
    permission: READ,
    mutating: false,
  },
  {
    method: 'post',
    path: '/providers/:providerId/groups',
    permission: MANAGE,
    mutating: true,
    body: 'adminGroup',
    validBody: { name: 'security-check', title: 'Security check' },
  },
  {
    method: 'delete',
    path: '/providers/:providerId/groups/:name',
    permission: MANAGE,
    mutating: true,
  },
  {
    method: 'get',
    path: '/providers/:providerId/approvals',
    permission: READ,
    mutating: false,
    query: ['status'],
  },
  {
    method: 'post',
    path: '/providers/:providerId/approvals/:runId',
    permission: MANAGE,
    mutating: true,
    body: 'decision',
    validBody: { decision: 'approve' },
  },
  {
    method: 'get',
    path: '/providers/:providerId/exclusions',
    permission: READ,
    mutating: false,
  },
  {
    method: 'post',
    path: '/providers/:providerId/exclusions',
    permission: MANAGE,
    mutating: true,
    body: 'exclusion',
    validBody: { kind: 'email', value: 'security.check@example.com' },
  },
  {
    method: 'delete',
    path: '/providers/:providerId/exclusions/:exclusionId',
    permission: MANAGE,
    mutating: true,
  },
];

/** The route's path with every parameter filled in. */
export function fillPath(route: Route, params: Record<string, string> = {}) {
  return route.path.replace(
    /:(\w+)/g,
    (_, name) => params[name] ?? (name === 'providerId' ? 'acme' : 'x'),
  );
}

export function routeName(route: Route) {
  return `${route.method.toUpperCase()} ${route.path}`;
}

/** A 400's message names the field: `body.parent: …`, `query.limit: …`, `params.name: …` or `body: malformed JSON`. */
export const NAMES_THE_FIELD = /(^|; )(body|query|params)(\.[^:;]+)?: \S/;
