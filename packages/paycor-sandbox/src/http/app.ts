import express, {
  type Express,
  type NextFunction,
  type Request,
  type Response,
} from 'express';
import { createControlRouter } from '../control/controlRouter';
import type { SandboxController } from '../control/SandboxController';
import type { SandboxRuntime } from '../runtime';
import { createPaycorRouter } from './router';

/** One line per call: method, path (never the query — it may carry the subscription key), status, time. */
function requestLogger(log: (line: string) => void) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log(
        `[paycor-sandbox] ${req.method} ${req.path} ${
          res.statusCode
        } ${ms.toFixed(1)}ms`,
      );
    });
    next();
  };
}

export function createSandboxApp(
  runtime: SandboxRuntime,
  control: SandboxController,
  options: { log?: (line: string) => void } = {},
): Express {
  const app = express();
  // These settings must precede the first app.use, which creates the router.
  app.set('case sensitive routing', true);
  app.set('query parser', 'simple');
  app.set('etag', false);
  app.disable('x-powered-by');
  if (options.log) app.use(requestLogger(options.log));
  app.use('/_sandbox', createControlRouter(control));
  app.use(createPaycorRouter(runtime));
  return app;
}
