import type { Request } from 'express';
import type { AccessGrant } from '../auth/TokenService';
import type { OrgStore } from '../org/OrgStore';
import type { EndpointName } from '../paycor/endpoints';
import type { DataAccessScope, IncludeCatalog } from '../paycor/scopes';
import type { SandboxRuntime } from '../runtime';
import { forbidden, notFound } from './errors';
import type { CallContext } from './respond';

/** Answers a validated call (runs after the fault stage, possibly after a hold). */
export type Responder = (ctx: CallContext) => void;

/**
 * One Paycor operation the sandbox serves. The table of these drives the router and the
 * contract test, so what is declared here is exactly what is served.
 */
export interface ApiRoute {
  name: EndpointName;
  method: 'get' | 'post';
  /** How a POST body is parsed: a form (default, the token endpoint) or JSON. */
  body?: 'form' | 'json';
  /** Express path, matched case-sensitively. */
  path: string;
  /** The operation's path in Paycor's OpenAPI document; undefined when it has none (STS). */
  openApiPath?: string;
  /** Query parameters the operation binds (besides APIm's `subscription-key`). */
  queryParameters: readonly string[];
  /** Whether a bearer token is required (everything but the token endpoint). */
  bearer: boolean;
  /** The Data Access the operation needs; undefined where Paycor prints none. */
  scope?: DataAccessScope;
  /**
   * Validates the request — binding (400), include scopes (403), ids (404) — and returns
   * how to answer it. Throws PaycorHttpError.
   */
  prepare(
    req: Request,
    runtime: SandboxRuntime,
    grant: AccessGrant | undefined,
  ): Responder;
}

/**
 * Guess (api.md Q6, §8): an `include` whose Data Access the token lacks fails the whole
 * call with 403 rather than nulling that section. `All` needs every include's scope.
 */
export function requireIncludeScopes(
  grant: AccessGrant | undefined,
  includes: ReadonlySet<string>,
  catalog: IncludeCatalog,
): void {
  for (const include of includes) {
    const scope = catalog[include];
    if (grant && !grant.scopes.has(scope))
      throw forbidden(scope, `by include=${include}`);
  }
}

/**
 * The sandbox hosts one legal entity. Guess: any other id is a 404, like an id that
 * does not exist (api.md §6.1), rather than a 403.
 */
export function requireLegalEntity(
  store: OrgStore,
  legalEntityId: number,
): void {
  if (legalEntityId !== store.legalEntityId) {
    throw notFound(`Legal entity ${legalEntityId} was not found.`);
  }
}
