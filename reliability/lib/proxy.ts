import http, { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';

export interface TokenExchange {
  /** the refresh token the backend spent */
  spent?: string;
  status: number;
  /** the refresh token Paycor issued (rotated in), when it answered 200 */
  issued?: string;
  accessToken?: string;
  /** Date.now() when the last byte of the answer was handed to the backend's socket */
  answeredAt: number;
}

/**
 * A transparent HTTP proxy between the backend and the Paycor sandbox. It lets
 * the suite see exactly when Paycor answered a token refresh (to kill the
 * backend right after Paycor rotated the refresh token), collects every
 * refresh and access token Paycor issued (for the secret scan), and can refuse
 * connections (Paycor unreachable).
 */
export class PaycorProxy {
  readonly exchanges: TokenExchange[] = [];
  /** called when a token answer has been fully written to the backend */
  onTokenAnswered?: (exchange: TokenExchange) => void;
  /**
   * called when Paycor has answered a token refresh (so it has rotated the
   * refresh token), before the answer is passed on to the backend
   */
  beforeTokenAnswer?: (exchange: TokenExchange) => void;
  /** `refuse`: every new request gets its socket destroyed */
  mode: 'pass' | 'refuse' = 'pass';
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: http.Server,
    private readonly target: URL,
  ) {}

  static async start(targetUrl: string): Promise<PaycorProxy> {
    const server = http.createServer();
    const proxy = new PaycorProxy(server, new URL(targetUrl));
    server.on('request', (req, res) => proxy.handle(req, res));
    server.on('connection', socket => {
      proxy.sockets.add(socket);
      socket.on('close', () => proxy.sockets.delete(socket));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url() {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Every token Paycor issued through this proxy. */
  issuedTokens() {
    const refresh = new Set<string>();
    const access = new Set<string>();
    for (const e of this.exchanges) {
      if (e.issued) refresh.add(e.issued);
      if (e.spent) refresh.add(e.spent);
      if (e.accessToken) access.add(e.accessToken);
    }
    return { refresh, access };
  }

  /** The newest refresh token Paycor issued (the one that works now, unless revoked). */
  lastIssued(): string | undefined {
    return [...this.exchanges].reverse().find(e => e.issued)?.issued;
  }

  async stop() {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    if (this.mode === 'refuse') {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const isToken =
        req.method === 'POST' && (req.url ?? '').startsWith('/sts/');
      const upstream = http.request(
        {
          host: this.target.hostname,
          port: this.target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: this.target.host },
        },
        up => {
          const out: Buffer[] = [];
          up.on('data', c => out.push(c));
          up.on('end', () => {
            const payload = Buffer.concat(out);
            const headers = { ...up.headers };
            delete headers['transfer-encoding'];
            headers['content-length'] = String(payload.length);
            let exchange: TokenExchange | undefined;
            if (isToken) {
              exchange = {
                status: up.statusCode ?? 0,
                spent:
                  new URLSearchParams(body.toString('utf8')).get(
                    'refresh_token',
                  ) ?? undefined,
                answeredAt: Date.now(),
              };
              try {
                const json = JSON.parse(payload.toString('utf8'));
                exchange.issued = json.refresh_token;
                exchange.accessToken = json.access_token;
              } catch {
                // an error body
              }
              this.exchanges.push(exchange);
              this.beforeTokenAnswer?.(exchange);
            }
            if (res.destroyed) return;
            res.writeHead(up.statusCode ?? 502, headers);
            res.end(payload, () => {
              if (!exchange) return;
              exchange.answeredAt = Date.now();
              this.onTokenAnswered?.(exchange);
            });
          });
          up.on('error', () => res.destroy());
        },
      );
      upstream.on('error', () => res.destroy());
      // the backend gave up (timeout) or died: drop the upstream call too
      res.on('close', () => {
        if (!res.writableFinished) upstream.destroy();
      });
      upstream.end(body);
    });
  }
}
