/**
 * A StatBank (Danmarks Statistik) API client that runs unchanged in Node 20 and in a browser
 * task pane: plain `fetch` GET requests with URL-encoded parameters (simple requests, so no CORS
 * preflight), a time-out and one retry on a 5xx answer, a time-out or a network failure, and every
 * response validated before it is used. The base URL comes from configuration.
 */
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

export interface ClientOptions {
  baseUrl?: string;
  lang?: 'da' | 'en';
  timeoutMs?: number;
  fetch?: Fetch;
  /** Called with every response received (for --save-responses). */
  onResponse?: (r: RecordedResponse) => void;
}

export type StatbankErrorCode = 'TIMEOUT' | 'NETWORK' | 'HTTP' | 'MALFORMED' | 'TOO-MANY-CELLS' | string;

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
  private readonly timeoutMs: number;
  private readonly fetch: Fetch;
  private readonly onResponse: ((r: RecordedResponse) => void) | undefined;

  constructor(opts: ClientOptions = {}) {
    this.baseUrl = baseUrlFrom({ PARATHED_STATBANK_URL: opts.baseUrl });
    this.lang = opts.lang ?? 'da';
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.fetch = opts.fetch ?? ((url, init) => globalThis.fetch(url, init));
    this.onResponse = opts.onResponse;
  }

  async tableInfo(table: string): Promise<TableInfo> {
    const params = new URLSearchParams({ id: table, lang: this.lang, format: 'JSON' });
    const body = await this.get('tableinfo', table, params);
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
    const params = new URLSearchParams({ table, format: 'JSONSTAT', lang: this.lang });
    for (const [variable, codes] of Object.entries(selection)) params.set(variable, codes.join(','));
    const body = await this.get('data', table, params);
    try {
      return parseJsonStat(body);
    } catch (err) {
      throw new StatbankError('MALFORMED', table, `${table}: ${err instanceof ParseError ? err.message : String(err)}`);
    }
  }

  private async get(kind: 'tableinfo' | 'data', table: string, params: URLSearchParams): Promise<string> {
    const url = `${this.baseUrl}${kind}?${params.toString()}`;
    let lastError: StatbankError | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        return await this.once(kind, table, url);
      } catch (err) {
        // Retry once on a server error (whatever its body), a time-out or a network failure.
        const retryable = err instanceof StatbankError && (err.status !== undefined ? err.status >= 500 : ['TIMEOUT', 'NETWORK'].includes(err.code));
        if (!retryable) throw err;
        lastError = err;
      }
    }
    throw lastError!;
  }

  private async once(kind: 'tableinfo' | 'data', table: string, url: string): Promise<string> {
    this.requests++;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let status: number;
    let body: string;
    let contentType: string | null;
    try {
      const res = await this.fetch(url, { signal: controller.signal });
      status = res.status;
      contentType = res.headers.get('content-type');
      body = await res.text();
    } catch (err) {
      if (controller.signal.aborted) {
        throw new StatbankError('TIMEOUT', table, `${table}: Statistikbanken svarede ikke inden for ${Math.round(this.timeoutMs / 1000)} sekunder.`);
      }
      throw new StatbankError('NETWORK', table, `${table}: Statistikbanken kunne ikke nås (${err instanceof Error ? err.message : String(err)}).`);
    } finally {
      clearTimeout(timer);
    }
    this.onResponse?.({ kind, table, lang: this.lang, url, status, contentType, body });
    if (status >= 200 && status < 300) return body;
    const apiError = parseApiError(body);
    if (apiError) {
      throw new StatbankError(apiError.errorTypeCode, table, `${table}: Statistikbanken afviste forespørgslen (${apiError.errorTypeCode}${apiError.message ? `: ${apiError.message}` : ''}).`, status);
    }
    throw new StatbankError('HTTP', table, `${table}: Statistikbanken svarede med HTTP ${status}.`, status);
  }
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
