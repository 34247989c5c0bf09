import { requireLegalEntity, type ApiRoute } from '../ApiRoute';
import { notFound } from '../errors';
import { DEFAULT_PAGE_SIZE, readPage } from '../paging';
import {
  guidRouteParameter,
  int32RouteParameter,
  parseGuidParameter,
} from '../query';
import { sendBody, sendPage } from '../respond';

export const workLocationsRoute: ApiRoute = {
  name: 'workLocations',
  method: 'get',
  path: '/v1/legalentities/:legalEntityId/worklocations',
  openApiPath: '/v1/legalentities/{legalEntityId}/worklocations',
  queryParameters: ['continuationToken'],
  bearer: true,
  scope: 'View Legal Entity Work Locations',
  prepare(req, runtime) {
    const legalEntityId = int32RouteParameter(
      req.params.legalEntityId,
      'legalEntityId',
    );
    const continuationToken = parseGuidParameter(req, 'continuationToken');
    const { store, continuations, renderer } = runtime;
    requireLegalEntity(store, legalEntityId);
    const listKey = `workLocations:${legalEntityId}`;
    const afterKey = continuationToken
      ? continuations.resolve(continuationToken, listKey)
      : undefined;
    return ctx => {
      const page = readPage(store.workLocations, {
        afterKey,
        pageSize: DEFAULT_PAGE_SIZE,
      });
      sendPage(ctx, {
        records: page.records.map(location => renderer.workLocation(location)),
        hasMore: page.hasMore,
        issueToken: () => continuations.issue(listKey, page.lastKey!),
      });
    };
  },
};

export const workLocationRoute: ApiRoute = {
  name: 'workLocation',
  method: 'get',
  path: '/v1/legalentities/:legalEntityId/worklocations/:workLocationId',
  openApiPath:
    '/v1/legalentities/{legalEntityId}/worklocations/{workLocationId}',
  queryParameters: [],
  bearer: true,
  scope: 'View Legal Entity Work Location',
  prepare(req, runtime) {
    const legalEntityId = int32RouteParameter(
      req.params.legalEntityId,
      'legalEntityId',
    );
    const workLocationId = guidRouteParameter(
      req.params.workLocationId,
      'workLocationId',
    );
    const { store, renderer } = runtime;
    requireLegalEntity(store, legalEntityId);
    const location = store.workLocations.entry(workLocationId);
    if (!location) throw notFound('Work location was not found.');
    return ctx =>
      sendBody(
        ctx,
        200,
        renderer.workLocation(
          store.workLocations.entry(workLocationId) ?? location,
        ),
      );
  },
};
