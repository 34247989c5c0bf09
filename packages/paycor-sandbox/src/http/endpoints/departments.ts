import { requireLegalEntity, type ApiRoute } from '../ApiRoute';
import { notFound } from '../errors';
import { DEFAULT_PAGE_SIZE, readPage } from '../paging';
import {
  guidRouteParameter,
  int32RouteParameter,
  parseGuidParameter,
} from '../query';
import { sendBody, sendPage } from '../respond';

export const departmentsRoute: ApiRoute = {
  name: 'departments',
  method: 'get',
  path: '/v1/legalentities/:legalEntityId/departments',
  openApiPath: '/v1/legalentities/{legalEntityId}/departments',
  queryParameters: ['continuationToken'],
  bearer: true,
  scope: 'View Legal Entity Departments Information',
  prepare(req, runtime) {
    const legalEntityId = int32RouteParameter(
      req.params.legalEntityId,
      'legalEntityId',
    );
    const continuationToken = parseGuidParameter(req, 'continuationToken');
    const { store, continuations, renderer } = runtime;
    requireLegalEntity(store, legalEntityId);
    const listKey = `departments:${legalEntityId}`;
    const afterKey = continuationToken
      ? continuations.resolve(continuationToken, listKey)
      : undefined;
    return ctx => {
      const page = readPage(store.departments, {
        afterKey,
        pageSize: DEFAULT_PAGE_SIZE,
      });
      sendPage(ctx, {
        records: page.records.map(department =>
          renderer.department(department),
        ),
        hasMore: page.hasMore,
        issueToken: () => continuations.issue(listKey, page.lastKey!),
      });
    };
  },
};

export const departmentRoute: ApiRoute = {
  name: 'department',
  method: 'get',
  path: '/v1/legalentities/:legalEntityId/departments/:departmentId',
  openApiPath: '/v1/legalentities/{legalEntityId}/departments/{departmentId}',
  queryParameters: [],
  bearer: true,
  scope: 'View Legal Entity Departments by Department Id',
  prepare(req, runtime) {
    const legalEntityId = int32RouteParameter(
      req.params.legalEntityId,
      'legalEntityId',
    );
    const departmentId = guidRouteParameter(
      req.params.departmentId,
      'departmentId',
    );
    const { store, renderer } = runtime;
    requireLegalEntity(store, legalEntityId);
    const department = store.departments.entry(departmentId);
    if (!department) throw notFound('Department was not found.');
    // Re-read: the department may have changed while a fault held this call.
    return ctx =>
      sendBody(
        ctx,
        200,
        renderer.department(
          store.departments.entry(departmentId) ?? department,
        ),
      );
  },
};
