import { LEGAL_ENTITY_INCLUDES } from '../../paycor/scopes';
import {
  requireIncludeScopes,
  requireLegalEntity,
  type ApiRoute,
} from '../ApiRoute';
import { stringifyAscii } from '../asciiJson';
import { int32RouteParameter, parseIncludes } from '../query';
import { sendBody } from '../respond';

export const legalEntityRoute: ApiRoute = {
  name: 'legalEntity',
  method: 'get',
  path: '/v1/legalentities/:legalEntityId',
  openApiPath: '/v1/legalentities/{legalEntityId}',
  queryParameters: ['include'],
  bearer: true,
  scope: 'View Legal Entity Basic Information',
  prepare(req, runtime, grant) {
    const legalEntityId = int32RouteParameter(
      req.params.legalEntityId,
      'legalEntityId',
    );
    const includes = parseIncludes(req, LEGAL_ENTITY_INCLUDES);
    requireIncludeScopes(grant, includes, LEGAL_ENTITY_INCLUDES);
    requireLegalEntity(runtime.store, legalEntityId);
    return ctx =>
      sendBody(
        ctx,
        200,
        runtime.renderer.legalEntity(runtime.store.legalEntity, includes),
      );
  },
};

/** Paycor prints no Data Access for discovery: any valid token may call it. */
export const activatedLegalEntitiesRoute: ApiRoute = {
  name: 'activatedLegalEntities',
  method: 'get',
  path: '/v1/legalentities/ActivatedLegalEntityTenantList',
  openApiPath: '/v1/legalentities/ActivatedLegalEntityTenantList',
  queryParameters: [],
  bearer: true,
  prepare(_req, runtime) {
    return ctx => {
      const { store } = runtime;
      const body = {
        userLegalEntities: [
          { legalEntityId: store.legalEntityId, tenantId: store.tenantId },
        ],
      };
      sendBody(ctx, 200, stringifyAscii(body));
    };
  },
};
