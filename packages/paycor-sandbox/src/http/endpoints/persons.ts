import {
  PERSON_LIST_INCLUDES,
  SINGLE_PERSON_INCLUDES,
} from '../../paycor/scopes';
import {
  requireIncludeScopes,
  requireLegalEntity,
  type ApiRoute,
} from '../ApiRoute';
import { notFound } from '../errors';
import { DEFAULT_PAGE_SIZE, readPage } from '../paging';
import {
  guidRouteParameter,
  int32RouteParameter,
  parseGuidParameter,
  parseIncludes,
} from '../query';
import { sendBody, sendPage } from '../respond';

/** Note the capital E: Paycor publishes this path as `legalEntities` (api.md §1). */
export const personsRoute: ApiRoute = {
  name: 'persons',
  method: 'get',
  path: '/v1/legalEntities/:legalEntityId/persons',
  openApiPath: '/v1/legalEntities/{legalEntityId}/persons',
  queryParameters: ['include', 'continuationToken'],
  bearer: true,
  scope: 'View Legal Entity Persons',
  prepare(req, runtime, grant) {
    const legalEntityId = int32RouteParameter(
      req.params.legalEntityId,
      'legalEntityId',
    );
    const includes = parseIncludes(req, PERSON_LIST_INCLUDES);
    const continuationToken = parseGuidParameter(req, 'continuationToken');
    requireIncludeScopes(grant, includes, PERSON_LIST_INCLUDES);
    const { store, continuations, renderer } = runtime;
    requireLegalEntity(store, legalEntityId);
    const listKey = `persons:${legalEntityId}`;
    const shape = renderer.personShape(includes);
    const afterKey = continuationToken
      ? continuations.resolve(continuationToken, listKey)
      : undefined;
    return ctx => {
      const page = readPage(store.persons, {
        afterKey,
        pageSize: DEFAULT_PAGE_SIZE,
      });
      sendPage(ctx, {
        records: page.records.map(person => renderer.person(person, shape)),
        hasMore: page.hasMore,
        issueToken: () => continuations.issue(listKey, page.lastKey!),
      });
    };
  },
};

export const employeePersonRoute: ApiRoute = {
  name: 'employeePerson',
  method: 'get',
  path: '/v1/employees/:employeeId/person',
  openApiPath: '/v1/employees/{employeeId}/person',
  queryParameters: ['include'],
  bearer: true,
  scope: 'View Employee Person',
  prepare(req, runtime, grant) {
    const employeeId = guidRouteParameter(req.params.employeeId, 'employeeId');
    const includes = parseIncludes(req, SINGLE_PERSON_INCLUDES);
    requireIncludeScopes(grant, includes, SINGLE_PERSON_INCLUDES);
    const { store, renderer } = runtime;
    const employee = store.employees.get(employeeId);
    if (!employee) throw notFound('Employee was not found.');
    const personId = employee.person?.id;
    const person = personId ? store.persons.entry(personId) : undefined;
    if (!person) throw notFound('Person was not found.');
    const shape = renderer.personShape(includes);
    return ctx =>
      sendBody(
        ctx,
        200,
        renderer.person(store.persons.entry(person.record.id) ?? person, shape),
      );
  },
};
