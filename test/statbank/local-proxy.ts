/**
 * A forwarding HTTP proxy on 127.0.0.1 for the proxy tests, and a server that accepts connections
 * and never answers. Both local; nothing leaves the machine: the proxy sends every request, whatever
 * host it names, to 127.0.0.1 (so a client reaches `http://statbank.test:PORT/` only through it).
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface LocalProxy {
  url: string;
  /** What went through it: "CONNECT host:port" for tunnels, "GET http://…" for plain requests. */
  seen: string[];
  close(): Promise<void>;
}

export async function startProxy(): Promise<LocalProxy> {
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    // A plain (absolute-form) request for an http:// URL.
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const up = http.request({ host: '127.0.0.1', port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    sockets.add(client);
    const port = (req.url ?? '').split(':').pop();
    const up = net.connect(Number(port), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    sockets.add(up);
    up.on('error', () => client.destroy());
    client.on('error', () => up.destroy());
  });
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A server that accepts every connection and, as `mode` says, never answers (a proxy that never
 * answers a tunnel request), closes the connection at its first bytes (a proxy that closes every
 * tunnel), or answers them with an HTTP status (a proxy that refuses the tunnel).
 */
export async function startSilentServer(mode: 'silent' | 'close' | { status: number } = 'silent'): Promise<{
  url: string;
  /** Connections accepted so far. */
  connections: () => number;
  /** Resolves when no connection is open any more. */
  allClosed: () => Promise<void>;
  close(): Promise<void>;
}> {
  const sockets = new Set<net.Socket>();
  let count = 0;
  const waiting: (() => void)[] = [];
  const server = net.createServer((s) => {
    count++;
    sockets.add(s);
    s.on('error', () => undefined);
    // Read what comes (and so see the other end close).
    s.resume();
    s.on('close', () => {
      sockets.delete(s);
      if (sockets.size === 0) for (const w of waiting.splice(0)) w();
    });
    if (mode === 'close') s.once('data', () => s.destroy());
    else if (mode !== 'silent') s.once('data', () => s.end(`HTTP/1.1 ${mode.status} Nej\r\nContent-Length: 0\r\n\r\n`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/`,
    connections: () => count,
    allClosed: () => (sockets.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve))),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];

/** Clears the proxy variables, and gives back a function that restores them. */
export function clearProxyEnv(): () => void {
  const saved = PROXY_VARIABLES.map((v) => [v, process.env[v]] as const);
  for (const v of PROXY_VARIABLES) delete process.env[v];
  return () => {
    for (const [v, value] of saved) {
      if (value === undefined) delete process.env[v];
      else process.env[v] = value;
    }
  };
}

/** A local port nothing listens on (one that was just free). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The double's URL with a host only the local proxy can reach (it maps every host to 127.0.0.1). */
export const behindProxy = (url: string) => url.replace('127.0.0.1', 'statbank.test');
