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
 * The fetch for the StatBank client: undici's fetch through an EnvHttpProxyAgent built from `env`,
 * and the route that a request to `baseUrl` takes (direct or a named proxy) for the messages.
 */
export function networkFetch(env: Env, baseUrl: string): { fetch: Fetch; route: NetworkRoute } {
  // Loaded here, by the one command that goes on the network: the others start without it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Agent, EnvHttpProxyAgent, fetch: undiciFetch } = require('undici') as typeof Undici;
  const s = proxySettings(env);
  const agent = new EnvHttpProxyAgent(s);
  const direct = new Agent();
  const proxy = proxyFor(baseUrl, env);
  return {
    fetch: (url, init) => undiciFetch(url, { ...init, dispatcher: isLoopback(url) ? direct : agent }),
    route: proxy ? { via: ` via proxyen ${shown(proxy)}`, hint: PROXY_HINT } : { via: '', hint: NO_PROXY_HINT },
  };
}
