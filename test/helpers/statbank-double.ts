/**
 * TEST DOUBLE of the StatBank API (api.statbank.dk/v1), declared as such: a local HTTP server on
 * 127.0.0.1 that serves `tableinfo` (`GET tableinfo?id=T&format=JSON&lang=da`) and `data` in the
 * documented path form (`GET data/{TABLE}/JSONSTAT?lang=da&VAR=codes`, the form every public
 * caller uses) in the format of the real recorded responses in shared/statbank/fixtures, for
 * tables and values the test constructs. It follows the documented behaviour: variables left out
 * are eliminated, a time variable left out gives only the latest period, errors are HTTP 400 with
 * {"errorTypeCode", "message"}. The query form `data?table=…` is not answered (no public caller
 * was seen using it). Failures can be injected per table. It never reaches the internet.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DoubleVariable {
  id: string;
  text: string;
  time?: boolean;
  values: { id: string; text: string }[];
}

export interface DoubleTable {
  id: string;
  text: string;
  unit?: string;
  active?: boolean;
  /** tableinfo's suppressedDataValue; "0" (as in the recorded STRAF42 tableinfo) unless given. */
  suppressedDataValue?: string;
  footnote?: { text: string; mandatory: boolean } | null;
  /** tableinfo's `updated` time ("2025-03-25T08:00:00" unless given); a test may move it on. */
  updated?: string;
  variables: DoubleVariable[];
  /** The value at one combination of codes (eliminated variables get their first code). */
  value: (coords: Record<string, string>) => number | null;
}

export type Failure =
  | { kind: 'error'; status: number; errorTypeCode: string; message?: string; on?: 'tableinfo' | 'data' }
  | { kind: 'status'; status: number; times?: number; on?: 'tableinfo' | 'data' }
  | { kind: 'delay'; ms: number; times?: number; on?: 'tableinfo' | 'data' }
  | { kind: 'malformed'; on?: 'tableinfo' | 'data' };

export interface StatbankDouble {
  url: string;
  /** Every request received: kind, table, path (after /v1/) and query parameters. */
  requests: { kind: string; table: string; path: string; params: Record<string, string> }[];
  fail(table: string, failure: Failure): void;
  /**
   * Whether answers carry CORS headers (`Access-Control-Allow-Origin: *`, and the request id
   * exposed), so that a page on another origin may read them; off unless a test turns it on.
   */
  cors: boolean;
  close(): Promise<void>;
}

function tableInfo(t: DoubleTable) {
  return {
    id: t.id,
    text: t.text,
    description: `${t.text} efter ${t.variables.map((v) => v.text).join(', ')}`,
    unit: t.unit ?? 'Antal',
    suppressedDataValue: t.suppressedDataValue ?? '0',
    updated: t.updated ?? '2025-03-25T08:00:00',
    active: t.active ?? true,
    contacts: [],
    documentation: null,
    footnote: t.footnote ?? null,
    variables: t.variables.map((v) => ({ id: v.id, text: v.text, elimination: !v.time, time: v.time ?? false, values: v.values })),
  };
}

function dataset(t: DoubleTable, params: Record<string, string>): { status: number; body: unknown } {
  const upper = new Map(Object.entries(params).map(([k, v]) => [k.toUpperCase(), v]));
  const dims: { v: DoubleVariable; codes: string[] }[] = [];
  const fixed: Record<string, string> = {};
  for (const v of t.variables) {
    const requested = upper.get(v.id.toUpperCase());
    if (requested === undefined) {
      if (v.time) dims.push({ v, codes: [v.values[v.values.length - 1]!.id] });
      else fixed[v.id] = v.values[0]!.id;
      continue;
    }
    const codes = requested === '*' ? v.values.map((x) => x.id) : requested.split(',');
    for (const c of codes) {
      if (!v.values.some((x) => x.id === c)) {
        return { status: 400, body: { errorTypeCode: 'EXTRACT-NOTFOUND', message: `Værdien ${c} blev ikke fundet for variablen ${v.id}` } };
      }
    }
    dims.push({ v, codes });
  }
  const cells = dims.reduce((n, d) => n * d.codes.length, 1);
  if (cells >= 1_000_000) return { status: 400, body: { errorTypeCode: 'REQUEST-LIMIT', message: 'Forespørgslen overskrider grænsen på 1.000.000 celler' } };
  const nonTime = dims.filter((d) => !d.v.time);
  const time = dims.filter((d) => d.v.time);
  const ordered = [...nonTime, { v: { id: 'ContentsCode', text: 'Indhold', values: [{ id: t.id, text: t.text }] }, codes: [t.id] }, ...time];
  const values: (number | null)[] = [];
  const walk = (i: number, coords: Record<string, string>) => {
    if (i === ordered.length) {
      values.push(t.value({ ...fixed, ...coords }));
      return;
    }
    const d = ordered[i]!;
    for (const c of d.codes) walk(i + 1, d.v.id === 'ContentsCode' ? coords : { ...coords, [d.v.id]: c });
  };
  walk(0, {});
  const dimension: Record<string, unknown> = {};
  for (const d of ordered) {
    dimension[d.v.id] = {
      label: d.v.text,
      category: {
        index: Object.fromEntries(d.codes.map((c, i) => [c, i])),
        label: Object.fromEntries(d.codes.map((c) => [c, d.v.values.find((x) => x.id === c)!.text])),
        ...(d.v.id === 'ContentsCode' ? { unit: { [t.id]: { base: t.unit ?? 'Antal', decimals: 0 } } } : {}),
      },
    };
  }
  return {
    status: 200,
    body: {
      dataset: {
        dimension: {
          ...dimension,
          id: ordered.map((d) => d.v.id),
          size: ordered.map((d) => d.codes.length),
          role: { metric: ['ContentsCode'], time: time.map((d) => d.v.id) },
        },
        label: `${t.text} efter ${ordered.map((d) => d.v.text).join(', ')}`,
        source: 'Danmarks Statistik',
        updated: '2025-03-25T07:00:00Z',
        value: values,
        extension: { px: { infofile: 'https://www.dst.dk/', tableid: t.id, decimals: 0 } },
      },
    },
  };
}

export async function startStatbankDouble(tables: DoubleTable[], options: { cors?: boolean } = {}): Promise<StatbankDouble> {
  let cors = options.cors ?? false;
  let counter = 0;
  const send = (res: http.ServerResponse, status: number, body: string) => {
    const headers: Record<string, string> = { 'Content-Type': 'text/json; charset=utf-8', 'Cache-Control': 'no-cache', 'StatbankAPI-Request-Id': `double-${++counter}` };
    if (cors) Object.assign(headers, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'StatbankAPI-Request-Id' });
    res.writeHead(status, headers);
    res.end(body);
  };
  const byId = new Map(tables.map((t) => [t.id.toUpperCase(), t]));
  const failures = new Map<string, Failure[]>();
  const requests: StatbankDouble['requests'] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/^\/v1\//, '').replace(/\/$/, '');
    const segments = path.split('/').map(decodeURIComponent);
    const kind = segments[0] ?? '';
    const params = Object.fromEntries(url.searchParams.entries());
    // data/{TABLE}/{FORMAT}; tableinfo?id={TABLE}
    const tableId = (kind === 'tableinfo' ? params.id : segments[1]) ?? '';
    requests.push({ kind, table: tableId, path, params });
    const pending = failures.get(tableId.toUpperCase()) ?? [];
    const failure = pending.find((f) => !f.on || f.on === kind);
    if (failure) {
      if ('times' in failure && failure.times !== undefined) {
        failure.times--;
        if (failure.times <= 0) pending.splice(pending.indexOf(failure), 1);
      }
      if (failure.kind === 'error') return send(res, failure.status, JSON.stringify({ errorTypeCode: failure.errorTypeCode, message: failure.message ?? failure.errorTypeCode }));
      if (failure.kind === 'status') return send(res, failure.status, '<html><body>Server Error</body></html>');
      if (failure.kind === 'malformed') return send(res, 200, '{"dataset": {"dimension": ');
      if (failure.kind === 'delay') {
        const timer = setTimeout(() => respond(), failure.ms);
        res.on('close', () => clearTimeout(timer));
        return;
      }
    }
    respond();

    function respond() {
      if (kind === 'data' && segments.length !== 3) return send(res, 404, JSON.stringify({ errorTypeCode: 'NOT-FOUND', message: 'Dobbelten svarer kun på stiformen data/{TABEL}/{FORMAT}' }));
      const table = byId.get(tableId.toUpperCase());
      if (!table) return send(res, 400, JSON.stringify({ errorTypeCode: 'EXTRACT-NOTFOUND', message: `Tabellen ${tableId} blev ikke fundet` }));
      if (kind === 'tableinfo') return send(res, 200, JSON.stringify(tableInfo(table)));
      if (kind === 'data' && segments.length === 3 && segments[2]!.toUpperCase() === 'JSONSTAT') {
        const { status, body } = dataset(table, Object.fromEntries(Object.entries(params).filter(([k]) => !['lang', 'valuePresentation', 'timeOrder'].includes(k))));
        return send(res, status, JSON.stringify(body));
      }
      return send(res, 404, JSON.stringify({ errorTypeCode: 'NOT-FOUND', message: 'Ukendt sti' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/`,
    requests,
    get cors() {
      return cors;
    },
    set cors(on: boolean) {
      cors = on;
    },
    fail(table, failure) {
      const list = failures.get(table.toUpperCase()) ?? [];
      list.push(failure);
      failures.set(table.toUpperCase(), list);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
