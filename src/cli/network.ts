/**
 * The CLI's network (Node only): a fetch that honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY (and
 * their lower-case forms), which Node's own fetch ignores. It is undici's `fetch` with undici's
 * `EnvHttpProxyAgent`, both from the same undici package: mixing undici's dispatcher with Node's
 * bundled fetch breaks when the two undici versions differ. Loopback addresses (a local mirror,
 * the tests' double) always go direct, as browsers do. The StatBank client (browser-safe) gets
 * this fetch injected, with a description of the route for its messages.
 */
import type * as Undici from 'undici';
import type { Fetch, NetworkRoute } from '../statbank/client';

type Env = Record<string, string | undefined>;

const PROXY_HINT = 'Tjek netværksforbindelsen og proxyen (HTTPS_PROXY, HTTP_PROXY og NO_PROXY).';
const NO_PROXY_HINT = 'Tjek netværksforbindelsen; kræver netværket en proxy, angives den med HTTPS_PROXY (og NO_PROXY for undtagelser).';

const pick = (env: Env, name: string) => env[name.toLowerCase()]?.trim() || env[name]?.trim() || undefined;

/** The proxy settings of the environment (lower-case names first, as curl and undici read them). */
export function proxySettings(env: Env): { httpProxy?: string; httpsProxy?: string; noProxy?: string } {
  const httpProxy = pick(env, 'HTTP_PROXY');
  const httpsProxy = pick(env, 'HTTPS_PROXY') ?? httpProxy;
  const noProxy = pick(env, 'NO_PROXY');
  return { ...(httpProxy ? { httpProxy } : {}), ...(httpsProxy ? { httpsProxy } : {}), ...(noProxy ? { noProxy } : {}) };
}

/** Whether NO_PROXY exempts the host of `url` (entries: host, .domain, *.domain, host:port, or *). */
export function bypassesProxy(url: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((raw) => {
      const entry = raw.toLowerCase();
      if (entry === '*') return true;
      const [name, entryPort] = entry.replace(/^\*/, '').split(/:(?=\d+$)/) as [string, string | undefined];
      if (entryPort && entryPort !== port) return false;
      const bare = name.replace(/^\./, '');
      return host === bare || host.endsWith(`.${bare}`);
    });
}

/** Whether `url` is on this machine (localhost, 127.x.x.x, ::1): never sent through a proxy. */
export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The proxy a request to `url` goes through, or undefined when it goes direct. */
export function proxyFor(url: string, env: Env): string | undefined {
  const s = proxySettings(env);
  if (isLoopback(url) || bypassesProxy(url, s.noProxy)) return undefined;
  return new URL(url).protocol === 'https:' ? s.httpsProxy : s.httpProxy;
}

/** A proxy URL without its user and password, for messages. */
function shown(proxy: string): string {
  try {
    const u = new URL(proxy);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return proxy;
  }
}

/**
 * A request through a proxy that failed at the proxy: the tunnel (CONNECT) to the API was closed
 * or refused, or not answered before the request was stopped. Its message is the reason the
 * StatBank client names, in Danish; `routeDetail` says the same for a request stopped by its
 * time-out or the overall deadline.
 */
export class ProxyTunnelError extends Error {
  constructor(
    message: string,
    /** Set when the proxy had not answered the tunnel request when the request was stopped. */
    readonly routeDetail?: string,
  ) {
    super(message);
    this.name = 'ProxyTunnelError';
  }
}

/** What happened to a tunnel through the proxy (the route names the proxy), in Danish: closed without an answer, or refused with a status. */
function tunnelFailure(target: string, outcome: { status: number } | { error: unknown }): string {
  if ('status' in outcome) {
    const login = outcome.status === 407 ? '; den kræver login' : '';
    return `proxyen afviste forbindelsen til ${target}: CONNECT besvaret med HTTP ${outcome.status}${login}`;
  }
  const code = (outcome.error as { code?: unknown } | null)?.code;
  return `proxyen lukkede forbindelsen til ${target} uden at åbne den${typeof code === 'string' ? ` (CONNECT, ${code})` : ' (CONNECT)'}`;
}

export interface NetworkFetch {
  fetch: Fetch;
  route: NetworkRoute;
  /** Ends every connection (a tunnel request a proxy never answered would keep the process alive). */
  close(): Promise<void>;
}

/**
 * The fetch for the StatBank client: undici's fetch through an EnvHttpProxyAgent built from `env`,
 * and the route that a request to `baseUrl` takes (direct or a named proxy) for the messages.
 *
 * A tunnel through the proxy (CONNECT) that the proxy closes or refuses ends the request at once
 * with `ProxyTunnelError` naming the proxy's refusal: undici itself would reconnect to the proxy
 * in a tight loop until the deadline (a closed socket counts as recoverable there), and report a
 * refusal as "Request was cancelled". The StatBank client then retries after its backoff. The
 * client sends one request at a time; a tunnel failure stops every request in flight.
 */
export function networkFetch(env: Env, baseUrl: string): NetworkFetch {
  // Loaded here, by the one command that goes on the network: the others start without it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Agent, EnvHttpProxyAgent, Pool, fetch: undiciFetch } = require('undici') as typeof Undici;
  const s = proxySettings(env);
  type Watcher = { failed: (reason: string) => void; tunnels: Set<string> };
  const watchers = new Set<Watcher>();
  /** The proxy's own client (undici's ProxyAgent makes it with this), with its tunnel requests watched. */
  const clientFactory = (origin: URL, opts: object): Undici.Dispatcher => {
    const pool = new Pool(origin, opts);
    const connect = pool.connect.bind(pool) as (o: Undici.Dispatcher.ConnectOptions) => Promise<Undici.Dispatcher.ConnectData>;
    const proxy = shown(origin.toString());
    (pool as { connect: unknown }).connect = (o: Undici.Dispatcher.ConnectOptions) => {
      const target = String(o.path ?? '');
      const pending = [...watchers];
      for (const w of pending) w.tunnels.add(`${proxy} ${target}`);
      const settle = () => pending.forEach((w) => w.tunnels.delete(`${proxy} ${target}`));
      return connect(o).then(
        (data) => {
          settle();
          if (data.statusCode !== 200) pending.forEach((w) => w.failed(tunnelFailure(target, { status: data.statusCode })));
          return data;
        },
        (error: unknown) => {
          settle();
          // The proxy itself out of reach (ECONNREFUSED, ENOTFOUND …) fails the request as it is.
          const code = (error as { code?: unknown } | null)?.code;
          if (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET') throw error;
          const reason = tunnelFailure(target, { error });
          pending.forEach((w) => w.failed(reason));
          // Not undici's "socket closed" error, which its client treats as recoverable and answers
          // by reconnecting at once, again and again; this one fails the request (as undici does
          // for a proxy's bad certificate).
          throw new ProxyTunnelError(reason);
        },
      );
    };
    return pool;
  };
  const agent = new EnvHttpProxyAgent({ ...s, clientFactory } as Undici.EnvHttpProxyAgent.Options);
  const direct = new Agent();
  const proxy = proxyFor(baseUrl, env);
  return {
    fetch: async (url, init) => {
      if (isLoopback(url) || !proxyFor(url, env)) return undiciFetch(url, { ...init, dispatcher: isLoopback(url) ? direct : agent });
      const controller = new AbortController();
      let refused: string | undefined;
      const watcher: Watcher = {
        failed: (reason) => {
          refused ??= reason;
          controller.abort(new ProxyTunnelError(reason));
        },
        tunnels: new Set(),
      };
      const outer = init?.signal;
      watchers.add(watcher);
      try {
        // The caller's signal still stops the body after the headers (its time-out and deadline).
        const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
        return await undiciFetch(url, { ...init, signal, dispatcher: agent });
      } catch (err) {
        if (refused) throw new ProxyTunnelError(refused);
        // Stopped (time-out, deadline) while the proxy had not answered the tunnel request.
        const waiting = [...watcher.tunnels][0];
        if (outer?.aborted && waiting) {
          const [via, target] = waiting.split(' ') as [string, string];
          throw new ProxyTunnelError(`proxyen ${via} svarede ikke`, `proxyen svarede ikke på anmodningen om en forbindelse til ${target} (CONNECT)`);
        }
        throw err;
      } finally {
        watchers.delete(watcher);
      }
    },
    route: proxy ? { via: ` via proxyen ${shown(proxy)}`, hint: PROXY_HINT } : { via: '', hint: NO_PROXY_HINT },
    close: async () => {
      await Promise.all([agent.destroy(), direct.destroy()]);
    },
  };
}
