// A small Node http server around the RESTlet handler: what `ns-local restlets serve` runs and the tests start.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRestletHandler, type RestletHandlerOptions } from './handler';

export interface RestletServer {
  port: number;
  /** http://127.0.0.1:<port> */
  origin: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024; // [U] NetSuite's RESTlet request size limit is 10 MB (help says so for content).

export async function startRestletServer(options: Omit<RestletHandlerOptions, 'publicOrigin'> & { port?: number; host?: string }): Promise<RestletServer> {
  const handler = createRestletHandler(options);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES && !refused) {
        refused = true;
        res.writeHead(413, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'SSS_REQUEST_TOO_LARGE', message: 'The request body is larger than 10 MB.' } }));
        req.destroy();
      } else if (!refused) chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      handler({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
        .then((out) => {
          res.writeHead(out.status, out.headers);
          res.end(out.body);
        })
        .catch((err: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'UNEXPECTED_ERROR', message: err instanceof Error ? err.message : String(err) } }));
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
