import express, {
  type NextFunction,
  type Request,
  type Response,
  type Router,
} from 'express';
import type { AccessGrant } from '../auth/TokenService';
import { UNKNOWN_ROUTE } from '../paycor/endpoints';
import type { SandboxRuntime } from '../runtime';
import type { ApiRoute } from './ApiRoute';
import { NO_RESPONSE } from './CallLog';
import {
  forbidden,
  GATEWAY_BODIES,
  PaycorHttpError,
  sendJson,
  sendPaycorError,
  sendRateLimited,
  sendUnauthorized,
} from './errors';
import type { CallContext } from './respond';
import { API_ROUTES } from './routes';

/**
 * Paycor's public surface: for each route, the stages a real call passes through —
 * call log → latency → APIm gateway (subscription key, quota) → bearer token and base
 * Data Access → request validation → fault stage → answer.
 */
export function createPaycorRouter(runtime: SandboxRuntime): Router {
  const router = express.Router({ caseSensitive: true });
  for (const route of API_ROUTES) {
    router[route.method](
      route.path,
      countCall(runtime, route.name),
      addLatency(runtime),
      apimGateway(runtime),
      ...(route.method === 'post'
        ? [
            route.body === 'json'
              ? express.json({ limit: '16kb' })
              : express.urlencoded({ extended: false, limit: '16kb' }),
          ]
        : []),
      ...(route.bearer ? [authenticate(runtime, route)] : []),
      serve(runtime, route),
    );
  }
  // Any other path or method (a wrong-cased `legalEntities` included): APIM's 404.
  router.use(
    countCall(runtime, UNKNOWN_ROUTE),
    (_req: Request, res: Response) =>
      sendJson(res, 404, GATEWAY_BODIES.notFound),
  );
  // A body that does not parse (mockevent's JSON): ASP.NET's model-binding 400.
  router.use(
    (error: unknown, _req: Request, res: Response, next: NextFunction) => {
      const type = (error as { type?: string }).type;
      if (type !== 'entity.parse.failed' && type !== 'entity.too.large') {
        next(error);
        return;
      }
      sendPaycorError(
        res,
        new PaycorHttpError(
          400,
          'Validation Error',
          'One or more validation errors occurred.',
          {
            body:
              type === 'entity.too.large'
                ? 'The request body is too large.'
                : 'The JSON value could not be converted.',
          },
        ),
      );
    },
  );
  return router;
}

function countCall(runtime: SandboxRuntime, endpoint: string) {
  return (_req: Request, res: Response, next: NextFunction) => {
    runtime.callLog.recordCall(endpoint);
    let recorded = false;
    res.on('finish', () => {
      recorded = true;
      runtime.callLog.recordOutcome(res.statusCode);
    });
    res.on('close', () => {
      if (!recorded) runtime.callLog.recordOutcome(NO_RESPONSE);
    });
    next();
  };
}

function addLatency(runtime: SandboxRuntime) {
  return (_req: Request, res: Response, next: NextFunction) => {
    if (runtime.latencyMs <= 0) {
      next();
      return;
    }
    runtime.timers
      .hold(res, runtime.latencyMs)
      .then(elapsed => elapsed && next(), next);
  };
}

/** The APIm subscription key: `Ocp-Apim-Subscription-Key` header or `subscription-key` query. */
function subscriptionKeyOf(req: Request): string | undefined {
  const header = req.get('Ocp-Apim-Subscription-Key');
  if (header) return header;
  const query = req.query['subscription-key'];
  const value = Array.isArray(query) ? query[0] : query;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function apimGateway(runtime: SandboxRuntime) {
  return (req: Request, res: Response, next: NextFunction) => {
    const key = subscriptionKeyOf(req);
    if (!key) {
      sendJson(res, 401, GATEWAY_BODIES.missingKey);
      return;
    }
    if (!runtime.subscriptionKeys.isValid(key)) {
      sendJson(res, 401, GATEWAY_BODIES.invalidKey);
      return;
    }
    const decision = runtime.rateLimiter.hit(key);
    if (!decision.allowed) {
      sendRateLimited(res, decision.retryAfterSeconds);
      return;
    }
    next();
  };
}

function authenticate(runtime: SandboxRuntime, route: ApiRoute) {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('Authorization');
    const token = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    const grant = token ? runtime.tokens.verifyAccessToken(token) : undefined;
    if (!grant) {
      sendUnauthorized(res, Boolean(header));
      return;
    }
    if (route.scope && !grant.scopes.has(route.scope)) {
      sendPaycorError(
        res,
        forbidden(route.scope, `by ${route.openApiPath ?? route.path}`),
      );
      return;
    }
    res.locals.grant = grant;
    next();
  };
}

function serve(runtime: SandboxRuntime, route: ApiRoute) {
  return async (req: Request, res: Response) => {
    try {
      const respond = route.prepare(
        req,
        runtime,
        res.locals.grant as AccessGrant | undefined,
      );
      const fault = runtime.faults.take(route.name);
      const ctx: CallContext = { req, res, runtime, fault };
      if (fault && !(await sufferTransportFault(ctx))) return;
      respond(ctx);
    } catch (error) {
      if (error instanceof PaycorHttpError) sendPaycorError(res, error);
      else if (!res.headersSent) {
        sendPaycorError(
          res,
          new PaycorHttpError(500, 'Internal Server Error', String(error)),
        );
      }
    }
  };
}

/**
 * Faults that replace the answer outright. Returns true when the call should still be
 * answered (body-level faults, or a `timeout` whose window ended while it was held).
 *
 * `timeout`: the request is accepted and held without an answer — until the client
 * disconnects or the sandbox stops; with `durationMs`, until the fault window ends, after
 * which the (very late) answer is sent normally.
 */
async function sufferTransportFault(ctx: CallContext): Promise<boolean> {
  const { fault, res, runtime } = ctx;
  switch (fault?.type) {
    case '429':
      sendRateLimited(
        res,
        Math.ceil(
          (runtime.rateLimiter.current || { windowMs: 60_000 }).windowMs / 1000,
        ),
      );
      return false;
    case '500':
      sendPaycorError(
        res,
        new PaycorHttpError(
          500,
          'Internal Server Error',
          'An unexpected error occurred.',
        ),
      );
      return false;
    case '503':
      // Guess: the gateway's stock answer when the backend is unavailable.
      res.setHeader('Retry-After', '5');
      sendJson(res, 503, GATEWAY_BODIES.unavailable);
      return false;
    case 'timeout': {
      const until =
        fault.expiresAt === undefined
          ? undefined
          : fault.expiresAt - runtime.now().getTime();
      return runtime.timers.hold(res, until);
    }
    default:
      return true;
  }
}
