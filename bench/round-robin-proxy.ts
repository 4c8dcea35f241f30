/**
 * The simplest load balancer, for bench/stores.ts: an HTTP server on a free port of 127.0.0.1
 * that sends each request to the next of `targets` in turn (keep-alive connections to each).
 */
import { Agent, createServer, request } from 'node:http';

export interface Proxy {
  url: string;
  close(): Promise<void>;
}

export function startProxy(targets: string[]): Promise<Proxy> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const upstream = targets.map((t) => new URL(t));
  let next = 0;
  const server = createServer((req, res) => {
    const to = upstream[next++ % upstream.length];
    const out = request({ host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(out);
  });
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            agent.destroy();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
