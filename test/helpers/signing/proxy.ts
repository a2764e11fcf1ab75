/**
 * A tiny HTTP proxy on 127.0.0.1 for tests: absolute-URI requests (http targets) are made again
 * to their target and the answer piped back; CONNECT (https targets) opens a TCP tunnel. Only
 * loopback targets are served (anything else gets 403). It counts what it forwarded and keeps
 * the Proxy-Authorization headers it saw; `requireAuth` makes it answer 407 without them.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';

/** A running test proxy. */
export interface TestProxy {
  readonly url: string;
  /** Absolute-URI requests forwarded, and CONNECT tunnels opened. */
  readonly forwarded: string[];
  readonly tunnels: string[];
  /** Proxy-Authorization values seen, in order. */
  readonly authorizations: string[];
  /** When set, requests without this exact Proxy-Authorization get 407. */
  requireAuth?: string;
  close(): Promise<void>;
}

const isLoopback = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';

/** Starts the proxy on a free port of 127.0.0.1. */
export async function startTestProxy(): Promise<TestProxy> {
  const sockets = new Set<Socket>();
  const state: Omit<TestProxy, 'url' | 'close'> & { requireAuth?: string } = { forwarded: [], tunnels: [], authorizations: [] };
  const authorized = (req: IncomingMessage) => {
    const given = req.headers['proxy-authorization'];
    if (given) state.authorizations.push(given);
    return !state.requireAuth || given === state.requireAuth;
  };
  const server: Server = createServer((req, res) => {
    if (!authorized(req)) {
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="test"' }).end();
      return;
    }
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (target.protocol !== 'http:' || !isLoopback(target.hostname)) {
      res.writeHead(403).end();
      return;
    }
    state.forwarded.push(target.href);
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const out = request(target, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => res.writeHead(502).end());
    req.pipe(out);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    if (!authorized(req)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, port] = [(req.url ?? '').replace(/:\d+$/, ''), Number(/:(\d+)$/.exec(req.url ?? '')?.[1])];
    if (!isLoopback(host) || !port) {
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    state.tunnels.push(req.url ?? '');
    const upstream = connect(port, host.replace(/^\[(.*)\]$/, '$1'), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  });
}
