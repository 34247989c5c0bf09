import express, {
  type NextFunction,
  type Request,
  type Response,
  type Router,
} from 'express';
import { SandboxInputError, SandboxNotFoundError } from '../errors';
import type { SandboxController } from './SandboxController';

type Handler = (req: Request) => unknown;

/**
 * A JSON body (an absent/empty body is `{}`), typed as what the control method takes.
 * Untrusted: every control method validates its input with zod before using it.
 */
function body<T = Record<string, unknown>>(req: Request): T {
  return (req.body && typeof req.body === 'object' ? req.body : {}) as T;
}

function field<T>(req: Request, name: string): T {
  return body(req)[name] as T;
}

/**
 * `/_sandbox/*`: the HTTP twin of SandboxControl, for tests and tools outside the
 * process. Never part of Paycor's surface: no gateway, no auth, not counted in the call
 * log or the rate limit. Errors: 400 `{error:"invalid_input", message, field, issues}`,
 * 404 `{error:"not_found", message}`.
 */
export function createControlRouter(control: SandboxController): Router {
  const router = express.Router({ caseSensitive: true });
  // Large enough for a 100k-employee fixture in POST /_sandbox/reset.
  router.use(express.json({ limit: '1gb' }));

  const route = (
    method: 'get' | 'post' | 'put' | 'patch' | 'delete',
    path: string,
    status: number,
    handler: Handler,
  ) =>
    router[method](
      path,
      async (req: Request, res: Response, next: NextFunction) => {
        try {
          const result = await handler(req);
          if (result === undefined) res.status(204).end();
          else res.status(status).json(result);
        } catch (error) {
          next(error);
        }
      },
    );

  route('get', '/', 200, () => ({
    ...control.getSummary(),
    settings: control.getSettings(),
    process: control.getProcessUsage(),
  }));
  router.get('/org', (_req: Request, res: Response) => {
    res
      .status(200)
      .type('application/json; charset=utf-8')
      .send(control.serializeOrg());
  });
  route('post', '/reset', 200, req => {
    // A path would make the sandbox read (and echo parse errors of) any file on its host.
    if (typeof body(req).fixture === 'string') {
      throw SandboxInputError.forField(
        'fixture',
        'must be an org object over HTTP (file paths only in-process)',
      );
    }
    return control.reset(body(req));
  });

  route('post', '/employees', 201, req => control.addEmployee(body(req)));
  route('post', '/employees/terminate', 200, req => ({
    ids: control.terminateEmployees(body(req)),
  }));
  route('patch', '/employees/:id', 200, req =>
    control.updateEmployee(req.params.id, body(req)),
  );
  route('post', '/employees/:id/terminate', 200, req =>
    control.terminateEmployee(req.params.id, body(req)),
  );
  route('put', '/employees/:id/email', 200, req => {
    if (!('email' in body(req)))
      throw SandboxInputError.forField(
        'email',
        'is required (a string, or null to remove)',
      );
    return control.changeEmail(req.params.id, field(req, 'email'));
  });

  route('post', '/departments', 201, req => control.addDepartment(body(req)));
  route('patch', '/departments/:id', 200, req =>
    control.updateDepartment(req.params.id, body(req)),
  );
  route('delete', '/departments/:id', 200, req =>
    control.deleteDepartment(req.params.id),
  );

  route('get', '/faults', 200, () => control.listFaults());
  route('post', '/faults', 201, req => control.injectFault(body(req)));
  route('delete', '/faults', 200, () => control.clearFaults());

  route('put', '/latency', 200, req => {
    control.setLatency(field(req, 'ms'));
    return control.getSettings();
  });
  route('get', '/calls', 200, () => control.getCallLog());
  route('delete', '/calls', 200, () => control.resetCallLog());
  route('post', '/tokens', 201, req => control.mintTokens(body(req)));
  route('put', '/scopes', 200, req => {
    control.setScopes(field(req, 'scopes'));
    return control.getSettings();
  });
  route('put', '/rate-limit', 200, req => {
    const { limit, windowMs } = body<{ limit: number; windowMs?: number }>(req);
    control.setRateLimit(windowMs === undefined ? limit : { limit, windowMs });
    return control.getSettings();
  });

  route('get', '/subscriptions', 200, () => control.listSubscriptions());
  route('post', '/subscriptions', 201, req => control.subscribe(body(req)));
  route('delete', '/subscriptions/:id', 200, req =>
    control.unsubscribe(req.params.id),
  );
  route('post', '/events', 201, req => control.emitEvent(body(req)));
  route('get', '/events/deliveries', 200, () => control.getDeliveries());
  route('delete', '/events/deliveries', 200, () => control.clearDeliveries());
  route('post', '/events/faults', 201, req =>
    control.injectDeliveryFault(body(req)),
  );
  route('delete', '/events/faults', 200, () => control.clearDeliveryFaults());
  route('post', '/events/flush', 200, async req => ({
    flushed: await control.flushEvents(
      field<number | undefined>(req, 'timeoutMs'),
    ),
  }));

  router.use((_req: Request, res: Response) => {
    res.status(404).json({
      error: 'not_found',
      message: 'No such control route; see the README.',
    });
  });
  router.use(
    (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      if (error instanceof SandboxInputError) {
        res.status(400).json({
          error: 'invalid_input',
          message: error.message,
          field: error.field,
          issues: error.issues,
        });
      } else if (error instanceof SandboxNotFoundError) {
        res.status(404).json({ error: 'not_found', message: error.message });
      } else if (
        error instanceof SyntaxError ||
        (error as { type?: string }).type === 'entity.parse.failed'
      ) {
        res.status(400).json({
          error: 'invalid_input',
          message: 'body is not valid JSON',
          field: '(body)',
          issues: [],
        });
      } else {
        res.status(500).json({ error: 'internal', message: String(error) });
      }
    },
  );
  return router;
}
