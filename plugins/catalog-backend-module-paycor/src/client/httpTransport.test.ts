import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { createNodeTransport } from './httpTransport';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe('createNodeTransport', () => {
  let server: Server;
  let handler: Handler;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => handler(req, res));
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  const send = (
    path: string,
    request: {
      method?: 'GET' | 'POST';
      body?: string;
      signal?: AbortSignal;
    } = {},
  ) =>
    createNodeTransport()(`${base}${path}`, {
      method: request.method ?? 'GET',
      headers: { 'Content-Type': 'application/json' },
      body: request.body,
      signal: request.signal ?? new AbortController().signal,
    });

  it('keeps a character whole when the body splits it between chunks', async () => {
    // "é" is 0xC3 0xA9 and "😀" four bytes: each is sent in two writes
    const bytes = Buffer.from('{"name":"Zoë 😀"}', 'utf8');
    const splitAt = [bytes.indexOf(0xc3) + 1, bytes.indexOf(0xf0) + 2];
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(bytes.subarray(0, splitAt[0]));
      setTimeout(() => {
        res.write(bytes.subarray(splitAt[0], splitAt[1]));
        setTimeout(() => res.end(bytes.subarray(splitAt[1])), 10);
      }, 10);
    };

    const response = await send('/split');

    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ name: 'Zoë 😀' });
  });

  it('reads a large body whole, with its status and headers', async () => {
    const body = JSON.stringify({
      records: Array.from({ length: 5000 }, (_, i) => ({
        id: `e${i}`,
        n: 'ü',
      })),
    });
    handler = (_req, res) => {
      res.writeHead(429, { 'Retry-After': '7' });
      res.end(body);
    };

    const response = await send('/large');

    expect(response.status).toBe(429);
    expect(response.header('retry-after')).toBe('7');
    expect(response.header('Retry-After')).toBe('7');
    expect(response.text).toBe(body);
  });

  it('sends a request body with its byte length', async () => {
    let received: { length?: string; body: string } | undefined;
    handler = (req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', chunk => (body += chunk));
      req.on('end', () => {
        received = { length: req.headers['content-length'], body };
        res.end('{}');
      });
    };

    await send('/token', { method: 'POST', body: 'grant=ä' });

    expect(received).toEqual({ length: '8', body: 'grant=ä' });
  });

  it('rejects with the abort reason when the request is aborted', async () => {
    handler = (_req, res) => {
      res.writeHead(200);
      res.write('{"partial":');
    };
    const controller = new AbortController();
    const pending = send('/slow', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('gave up')), 50);

    await expect(pending).rejects.toThrow('gave up');
  });
});
