import http from 'node:http';
import https from 'node:https';

export interface TransportRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

export interface TransportResponse {
  status: number;
  header(name: string): string | undefined;
  text: string;
}

/** Sends one request and reads the whole body as text. */
export type Transport = (
  url: string,
  request: TransportRequest,
) => Promise<TransportResponse>;

/**
 * Paycor calls over node's own http(s) with a keep-alive agent: one listing
 * is hundreds of sequential requests to one host, and this costs measurably
 * less CPU per request than the global fetch (undici) did (−0.5 s over a
 * 100k-employee read).
 */
export function createNodeTransport(): Transport {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 8 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 8 }),
  };
  return (url, request) =>
    new Promise<TransportResponse>((resolve, reject) => {
      const target = new URL(url);
      const lib = target.protocol === 'https:' ? https : http;
      const agent = agents[target.protocol as keyof typeof agents];
      if (!agent) {
        reject(new Error(`unsupported protocol ${target.protocol}`));
        return;
      }
      if (request.signal.aborted) {
        reject(request.signal.reason);
        return;
      }
      const headers: Record<string, string | number> = { ...request.headers };
      if (request.body !== undefined) {
        headers['Content-Length'] = Buffer.byteLength(request.body);
      }
      const req = lib.request(
        target,
        { method: request.method, headers, agent },
        res => {
          // Decoded as it arrives (a character split between two chunks is
          // kept whole by the stream's decoder): collecting Buffers and
          // concatenating them made a second off-heap copy of every page,
          // which lived until a full GC. At 100k employees that garbage
          // peaked at ~75 MB during the read and the peak RSS of a sync went
          // down by ~20 MB without it (bench, median of 5 runs).
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('error', fail);
          res.on('end', () => {
            request.signal.removeEventListener('abort', onAbort);
            resolve({
              status: res.statusCode ?? 0,
              header: name => {
                const value = res.headers[name.toLowerCase()];
                return Array.isArray(value) ? value.join(', ') : value;
              },
              text,
            });
          });
        },
      );
      function fail(error: Error) {
        request.signal.removeEventListener('abort', onAbort);
        reject(error);
      }
      function onAbort() {
        req.destroy(request.signal.reason);
      }
      request.signal.addEventListener('abort', onAbort, { once: true });
      req.on('error', fail);
      req.end(request.body);
    });
}
