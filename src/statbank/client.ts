/**
 * A StatBank (Danmarks Statistik) API client that runs unchanged in Node 20 and in a browser
 * task pane: plain `fetch` GET requests with URL-encoded parameters (simple requests, so no CORS
 * preflight), data in the documented path form `data/{TABLE}/JSONSTAT?lang=da&VAR=codes`, a
 * time-out per request, retries with backoff on a 5xx answer, a time-out or a network failure, an
 * overall deadline for all requests, and every response validated before it is used. The base
 * URL comes from configuration; the fetch (a proxy-aware one in the CLI) is injected.
 */
import { BARE_FAILURE_REASON, isBareFetchFailure } from './browser-network';
import { parseApiError, parseJsonStat, parseTableInfo, ParseError, type Cube, type TableInfo } from './responses';

export const DEFAULT_BASE_URL = 'https://api.statbank.dk/v1/';
/** The API refuses requests of 1,000,000 cells or more (REQUEST-LIMIT). */
export const CELL_LIMIT = 1_000_000;

export type Fetch = (url: string, init?: { signal?: AbortSignal; headers?: Record<string, string> }) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

export interface RecordedResponse {
  kind: 'tableinfo' | 'data';
  table: string;
  lang: string;
  url: string;
  status: number;
  contentType: string | null;
  body: string;
}

/** How requests reach the API, for the messages when it cannot be reached. */
export interface NetworkRoute {
  /** Appended to "Statistikbanken kunne ikke nås": " via proxyen http://proxy:8080", or "". */
  via: string;
  /** What to check, in Danish: "Tjek netværksforbindelsen og proxyen (HTTPS_PROXY …)." */
  hint: string;
}

export interface ClientOptions {
  baseUrl?: string;
  lang?: 'da' | 'en';
  /** Time-out of one request (default 30 s). */
  timeoutMs?: number;
  /** Overall deadline of every request of this client, retries and waits included, from its first request (default 60 s). */
  deadlineMs?: number;
  /** Retries after a 5xx answer, a time-out or a network failure (default 1). */
  retries?: number;
  /** Wait before the first retry, doubled before each further one (default 1 s). */
  backoffMs?: number;
  fetch?: Fetch;
  /** How the fetch reaches the API (direct, or a proxy), for the messages. */
  route?: NetworkRoute;
  /** Called with every response received (for --save-responses). */
  onResponse?: (r: RecordedResponse) => void;
  /** Waits between retries (injectable for tests). */
  sleep?: (ms: number) => Promise<void>;
}

export type StatbankErrorCode = 'TIMEOUT' | 'NETWORK' | 'DEADLINE' | 'HTTP' | 'MALFORMED' | 'TOO-MANY-CELLS' | string;

/** Errors that say the API could not be reached at all (rather than that it refused a request). */
export const UNREACHABLE_CODES: readonly string[] = ['TIMEOUT', 'NETWORK', 'DEADLINE'];

export class StatbankError extends Error {
  constructor(
    readonly code: StatbankErrorCode,
    readonly table: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The time-out from the environment (PARATHED_STATBANK_TIMEOUT_MS), else 30 seconds. */
export function timeoutFrom(env: Record<string, string | undefined>): number {
  const ms = Number(env.PARATHED_STATBANK_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : 30_000;
}

/** The overall deadline from the environment (PARATHED_STATBANK_DEADLINE_MS), else 60 seconds. */
export function deadlineFrom(env: Record<string, string | undefined>): number {
  const ms = Number(env.PARATHED_STATBANK_DEADLINE_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : 60_000;
}

/** The base URL from the environment (PARATHED_STATBANK_URL), else the real API. */
export function baseUrlFrom(env: Record<string, string | undefined>): string {
  const url = env.PARATHED_STATBANK_URL?.trim() || DEFAULT_BASE_URL;
  return url.endsWith('/') ? url : `${url}/`;
}

/** Cells a data request returns: the product of the number of codes of each variable selected. */
export function cellCount(selection: Record<string, readonly string[]>): number {
  return Object.values(selection).reduce((n, codes) => n * codes.length, 1);
}

export class StatbankClient {
  readonly baseUrl: string;
  readonly lang: 'da' | 'en';
  /** Requests sent, retries included. */
  requests = 0;
  readonly route: NetworkRoute;
  private readonly timeoutMs: number;
  private readonly deadlineMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly fetch: Fetch;
  private readonly onResponse: ((r: RecordedResponse) => void) | undefined;
  private readonly sleep: (ms: number) => Promise<void>;
  /** When the overall deadline runs out (set by the first request, or by `restartDeadline`). */
  private deadlineAt: number | undefined;

  constructor(opts: ClientOptions = {}) {
    this.baseUrl = baseUrlFrom({ PARATHED_STATBANK_URL: opts.baseUrl });
    this.lang = opts.lang ?? 'da';
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.deadlineMs = opts.deadlineMs ?? 60_000;
    this.retries = opts.retries ?? 1;
    this.backoffMs = opts.backoffMs ?? 1_000;
    this.fetch = opts.fetch ?? ((url, init) => globalThis.fetch(url, init));
    this.route = opts.route ?? { via: '', hint: 'Tjek netværksforbindelsen.' };
    this.onResponse = opts.onResponse;
    this.sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * Starts the overall deadline afresh: a client kept for several pulls (the task pane) gives each
   * its own deadline. `pull` calls it; otherwise the deadline runs from the client's first request.
   */
  restartDeadline(): void {
    this.deadlineAt = Date.now() + this.deadlineMs;
  }

  async tableInfo(table: string): Promise<TableInfo> {
    const params = new URLSearchParams({ id: table, lang: this.lang, format: 'JSON' });
    const body = await this.get('tableinfo', table, 'tableinfo', params);
    try {
      return parseTableInfo(body);
    } catch (err) {
      throw new StatbankError('MALFORMED', table, `${table}: ${err instanceof ParseError ? err.message : String(err)}`);
    }
  }

  /**
   * The cells of `table` for every combination of the codes selected. Variables left out are
   * eliminated by the API. A selection of CELL_LIMIT cells or more is split along `splitOn` (the
   * time variable) into several requests, or refused when even one period is too large.
   */
  async data(table: string, selection: Record<string, string[]>, splitOn?: string): Promise<Cube> {
    const cells = cellCount(selection);
    if (cells >= CELL_LIMIT) {
      const along = splitOn ? selection[splitOn] : undefined;
      const perCode = along ? cells / along.length : cells;
      if (!along || perCode >= CELL_LIMIT) {
        throw new StatbankError('TOO-MANY-CELLS', table, `${table}: forespørgslen er på ${cells.toLocaleString('da-DK')} celler; Statistikbanken tillader under ${CELL_LIMIT.toLocaleString('da-DK')}. Vælg færre koder.`);
      }
      const chunk = Math.max(1, Math.floor((CELL_LIMIT - 1) / perCode));
      const cubes: Cube[] = [];
      for (let i = 0; i < along.length; i += chunk) cubes.push(await this.data(table, { ...selection, [splitOn!]: along.slice(i, i + chunk) }));
      return mergeCubes(cubes);
    }
    // The documented path form: GET data/{TABLE}/JSONSTAT?lang=da&VAR=codes (a simple request).
    const params = new URLSearchParams({ lang: this.lang });
    for (const [variable, codes] of Object.entries(selection)) params.set(variable, codes.join(','));
    const body = await this.get('data', table, `data/${encodeURIComponent(table)}/JSONSTAT`, params);
    try {
      return parseJsonStat(body);
    } catch (err) {
      throw new StatbankError('MALFORMED', table, `${table}: ${err instanceof ParseError ? err.message : String(err)}`);
    }
  }

  private async get(kind: 'tableinfo' | 'data', table: string, path: string, params: URLSearchParams): Promise<string> {
    const url = `${this.baseUrl}${path}?${params.toString()}`;
    this.deadlineAt ??= Date.now() + this.deadlineMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(kind, table, url);
      } catch (err) {
        // Retry on a server error (whatever its body), a time-out or a network failure.
        const retryable = err instanceof StatbankError && (err.status !== undefined ? err.status >= 500 : ['TIMEOUT', 'NETWORK'].includes(err.code));
        if (!retryable || attempt >= this.retries) throw err;
        const wait = this.backoffMs * 2 ** attempt;
        // No time left for the retry: a network failure says itself what happened.
        if (Date.now() + wait >= this.deadlineAt) throw (err as StatbankError).code === 'NETWORK' ? err : this.deadlineError(table);
        await this.sleep(wait);
      }
    }
  }

  /** The API could not be reached within the overall deadline; `detail` says where it stopped (a proxy that did not answer). */
  private deadlineError(table: string, detail?: string): StatbankError {
    return new StatbankError(
      'DEADLINE',
      table,
      detail
        ? `${table}: Statistikbanken (${this.baseUrl}) kunne ikke nås inden for ${seconds(this.deadlineMs)} i alt${this.route.via}: ${detail}; hentningen er opgivet. ${this.route.hint}`
        : `${table}: Statistikbanken (${this.baseUrl}) svarede ikke inden for ${seconds(this.deadlineMs)} i alt${this.route.via}; hentningen er opgivet. ${this.route.hint}`,
    );
  }

  private async once(kind: 'tableinfo' | 'data', table: string, url: string): Promise<string> {
    const left = (this.deadlineAt ?? Infinity) - Date.now();
    if (left <= 0) throw this.deadlineError(table);
    this.requests++;
    const controller = new AbortController();
    const limit = Math.min(this.timeoutMs, left);
    const timer = setTimeout(() => controller.abort(), limit);
    let status: number;
    let body: string;
    let contentType: string | null;
    try {
      const res = await this.fetch(url, { signal: controller.signal });
      status = res.status;
      contentType = res.headers.get('content-type');
      body = await res.text();
    } catch (err) {
      // A fetch that answers for itself (a replay of saved responses) says what went wrong.
      if (err instanceof StatbankError) throw err;
      if (controller.signal.aborted) {
        // The route may know where the request was stuck (a proxy that did not answer its tunnel request).
        const detail = routeDetail(err);
        if (limit < this.timeoutMs) throw this.deadlineError(table, detail);
        throw new StatbankError(
          'TIMEOUT',
          table,
          detail
            ? `${table}: Statistikbanken kunne ikke nås inden for ${seconds(this.timeoutMs)}${this.route.via}: ${detail}.`
            : `${table}: Statistikbanken svarede ikke inden for ${seconds(this.timeoutMs)}${this.route.via}.`,
        );
      }
      throw new StatbankError('NETWORK', table, `${table}: Statistikbanken kunne ikke nås${this.route.via} (${networkReason(err)}). ${this.route.hint}`);
    } finally {
      clearTimeout(timer);
    }
    this.onResponse?.({ kind, table, lang: this.lang, url, status, contentType, body });
    if (status >= 200 && status < 300) return body;
    const apiError = parseApiError(body);
    if (apiError) {
      throw new StatbankError(apiError.errorTypeCode, table, `${table}: Statistikbanken afviste forespørgslen (${apiError.errorTypeCode}${apiError.message ? `: ${apiError.message}` : ''}).`, status);
    }
    if (status === 407) {
      throw new StatbankError('HTTP', table, `${table}: proxyen kræver login (HTTP 407)${this.route.via}. ${this.route.hint}`, status);
    }
    throw new StatbankError('HTTP', table, `${table}: Statistikbanken svarede med HTTP ${status}.`, status);
  }
}

const seconds = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} sekunder` : `${ms} millisekunder`);

/** Where a stopped request was stuck, when the fetch knows (the CLI's network names a proxy that did not answer); duck-typed. */
function routeDetail(err: unknown): string | undefined {
  const detail = (err as { routeDetail?: unknown } | null | undefined)?.routeDetail;
  return typeof detail === 'string' && detail !== '' ? detail : undefined;
}

/** The short reason of a failed fetch: the system's code (ECONNREFUSED, ENOTFOUND …) where there is one. */
function networkReason(err: unknown): string {
  // A browser's bare TypeError ("Failed to fetch") says nothing of why: the route's hint explains.
  if (isBareFetchFailure(err)) return BARE_FAILURE_REASON;
  // Duck-typed: errors from another realm (a test runner, a worker) fail instanceof Error.
  const message = (e: unknown) => (typeof (e as { message?: unknown })?.message === 'string' ? (e as { message: string }).message : undefined);
  const cause = (err as { cause?: unknown } | undefined)?.cause;
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  return message(cause) || message(err) || String(err);
}

function mergeCubes(cubes: Cube[]): Cube {
  return {
    dimensions: (cubes[0]?.dimensions ?? []).map((d) => ({
      id: d.id,
      codes: [...new Set(cubes.flatMap((c) => c.dimensions.find((x) => x.id === d.id)?.codes ?? []))],
    })),
    value(coords) {
      for (const c of cubes) {
        const v = c.value(coords);
        if (v !== null) return v;
      }
      return null;
    },
  };
}
