/**
 * Issue 8, sections 2.2 and 3: the request form, proxies, retries with backoff, the overall
 * deadline and progress, against the local TEST DOUBLE, a local proxy and a local server that
 * never answers (all on 127.0.0.1).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopback, networkFetch, proxyFor } from '../../src/cli/network';
import { DEFAULT_DEFINITIONS } from '../../src/model/indicators';
import { StatbankClient, StatbankError, deadlineFrom, type Fetch } from '../../src/statbank/client';
import { pull, type TableProgress } from '../../src/statbank/pull';
import { startStatbankDouble, type StatbankDouble } from '../helpers/statbank-double';
import { reportTables } from '../helpers/statbank-tables';
import { behindProxy, clearProxyEnv, closedPort, startProxy, startSilentServer } from './local-proxy';

let double: StatbankDouble;
let restoreEnv: () => void;
beforeEach(async () => {
  restoreEnv = clearProxyEnv();
  double = await startStatbankDouble(reportTables());
});
afterEach(async () => {
  restoreEnv();
  await double.close();
});

describe('the data request', () => {
  it('uses the documented path form data/{TABLE}/JSONSTAT?lang=da&VAR=codes, a simple GET', async () => {
    const seen: { url: string; headers?: Record<string, string> }[] = [];
    const client = new StatbankClient({
      baseUrl: double.url,
      fetch: (url, init) => {
        seen.push({ url, ...(init?.headers ? { headers: init.headers } : {}) });
        return globalThis.fetch(url, init);
      },
    });
    const cube = await client.data('FOLK1A', { OMRÅDE: ['183', '000'], KØN: ['TOT'], Tid: ['2017K1'] });
    expect(cube.value({ OMRÅDE: '183', KØN: 'TOT', Tid: '2017K1' })).toBe(22719);
    const u = new URL(seen[0]!.url);
    expect(u.pathname).toBe('/v1/data/FOLK1A/JSONSTAT');
    expect([...u.searchParams.keys()]).toEqual(['lang', 'OMRÅDE', 'KØN', 'Tid']);
    expect(u.searchParams.get('lang')).toBe('da');
    expect(u.search).toContain('OMR%C3%85DE=183%2C000');
    expect(seen[0]!.headers).toBeUndefined();
    expect(double.requests[0]).toMatchObject({ kind: 'data', table: 'FOLK1A', path: 'data/FOLK1A/JSONSTAT' });
  });

  it('the double, like the API as its public callers use it, answers the path form only', async () => {
    const res = await fetch(`${double.url}data?table=FOLK1A&format=JSONSTAT&lang=da`);
    expect(res.status).toBe(404);
  });
});

describe('retries, deadline', () => {
  it('retries with a doubling backoff, as many times as asked', async () => {
    const waits: number[] = [];
    const client = new StatbankClient({ baseUrl: double.url, retries: 3, backoffMs: 50, sleep: async (ms) => void waits.push(ms) });
    double.fail('FOLK1A', { kind: 'status', status: 503, times: 3 });
    await expect(client.tableInfo('FOLK1A')).resolves.toMatchObject({ id: 'FOLK1A' });
    expect(client.requests).toBe(4);
    expect(waits).toEqual([50, 100, 200]);
  });

  it('waits before the single default retry', async () => {
    const waits: number[] = [];
    const client = new StatbankClient({ baseUrl: double.url, sleep: async (ms) => void waits.push(ms) });
    double.fail('FOLK1A', { kind: 'status', status: 500, times: 1 });
    await client.tableInfo('FOLK1A');
    expect(waits).toEqual([1000]);
  });

  it('gives up at the overall deadline against a server that never answers, whatever the time-out per request', async () => {
    const silent = await startSilentServer();
    try {
      const client = new StatbankClient({ baseUrl: silent.url, timeoutMs: 60_000, deadlineMs: 300, backoffMs: 10 });
      const err = await client.tableInfo('FOLK1A').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StatbankError);
      expect(err).toMatchObject({ code: 'DEADLINE', table: 'FOLK1A' });
      expect((err as Error).message).toMatch(/svarede ikke inden for 300 millisekunder i alt; hentningen er opgivet\. Tjek netværksforbindelsen/);
      // Once the deadline has passed, no further request is sent.
      const before = silent.connections();
      await expect(client.data('FOLK1A', { OMRÅDE: ['183'] })).rejects.toMatchObject({ code: 'DEADLINE' });
      expect(silent.connections()).toBe(before);
    } finally {
      await silent.close();
    }
  });

  it('gives each pull of a client kept for several its own deadline', async () => {
    const client = new StatbankClient({ baseUrl: double.url, deadlineMs: 1500 });
    expect((await pull(client, DEFAULT_DEFINITIONS)).results.every((r) => r.ok)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const second = await pull(client, DEFAULT_DEFINITIONS);
    expect(second.unreachable).toBeUndefined();
    expect(second.results.every((r) => r.ok)).toBe(true);
  });

  it('the deadline is 60 seconds unless configured', () => {
    expect(deadlineFrom({})).toBe(60_000);
    expect(deadlineFrom({ PARATHED_STATBANK_DEADLINE_MS: '500' })).toBe(500);
    expect(new StatbankClient().route.hint).toMatch(/netværksforbindelsen/);
  });

  it('names the system’s reason for a network failure, not "fetch failed"', async () => {
    const client = new StatbankClient({ baseUrl: `http://127.0.0.1:${await closedPort()}/v1/`, backoffMs: 1 });
    const err = await client.tableInfo('FOLK1A').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NETWORK' });
    expect((err as Error).message).toMatch(/FOLK1A: Statistikbanken kunne ikke nås \(ECONNREFUSED\)/);
    expect((err as Error).message).not.toMatch(/fetch failed/);
  });

  it('says that the proxy wants a login (HTTP 407), naming the route', async () => {
    const fetch: Fetch = async () => ({ status: 407, headers: { get: () => null }, text: async () => '' });
    const client = new StatbankClient({ fetch, route: { via: ' via proxyen http://p:3128', hint: 'Tjek proxyen.' } });
    await expect(client.tableInfo('FOLK1A')).rejects.toMatchObject({ code: 'HTTP', status: 407, message: 'FOLK1A: proxyen kræver login (HTTP 407) via proxyen http://p:3128. Tjek proxyen.' });
    expect(client.requests).toBe(1);
  });

  it('passes on an error a fetch reports for itself (a replay) without retrying it as a network failure', async () => {
    let calls = 0;
    const fetch: Fetch = async () => {
      calls++;
      throw new StatbankError('REPLAY-MISSING', 'FOLK1A', 'FOLK1A: intet gemt svar');
    };
    const client = new StatbankClient({ fetch, backoffMs: 1 });
    await expect(client.tableInfo('FOLK1A')).rejects.toMatchObject({ code: 'REPLAY-MISSING', message: 'FOLK1A: intet gemt svar' });
    expect(calls).toBe(1);
  });
});

describe('a pull that cannot reach StatBank', () => {
  it('ends at the deadline with one message naming the network, not one per indicator', async () => {
    const silent = await startSilentServer();
    try {
      const client = new StatbankClient({ baseUrl: silent.url, timeoutMs: 60_000, deadlineMs: 300, backoffMs: 10 });
      const result = await pull(client, DEFAULT_DEFINITIONS);
      expect(result.results.every((r) => !r.ok)).toBe(true);
      expect(result.unreachable).toMatch(/^Danmarks Statistik kunne ikke nås, så ingen tal er hentet: Statistikbanken \(http:\/\/127\.0\.0\.1:\d+\/v1\/\) svarede ikke inden for 300 millisekunder i alt; hentningen er opgivet\. Tjek netværksforbindelsen\.$/);
      expect(result.requests).toBeLessThanOrEqual(2);
    } finally {
      await silent.close();
    }
  });

  it('stops after the first table when the connection is refused', async () => {
    const client = new StatbankClient({ baseUrl: `http://127.0.0.1:${await closedPort()}/v1/`, backoffMs: 1 });
    const result = await pull(client, DEFAULT_DEFINITIONS);
    expect(result.requests).toBe(2); // one tableinfo request and its retry
    expect(result.unreachable).toMatch(/kunne ikke nås \(ECONNREFUSED\)/);
  });

  it('says nothing of the kind when StatBank answers but refuses', async () => {
    for (const t of ['AULKP01', 'INDKP106', 'HFUDD11', 'STRAFNA7', 'FOLK1E', 'FOLK1A']) double.fail(t, { kind: 'error', status: 400, errorTypeCode: 'EXTRACT-NOTFOUND' });
    const result = await pull(new StatbankClient({ baseUrl: double.url }), DEFAULT_DEFINITIONS);
    expect(result.results.every((r) => !r.ok)).toBe(true);
    expect(result.unreachable).toBeUndefined();
  });
});

describe('progress', () => {
  it('reports each table once, when it is done or has failed', async () => {
    double.fail('HFUDD11', { kind: 'error', status: 400, errorTypeCode: 'EXTRACT-NOTFOUND', on: 'data' });
    const seen: TableProgress[] = [];
    await pull(new StatbankClient({ baseUrl: double.url }), DEFAULT_DEFINITIONS, { onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen.every((p) => p.total === 6)).toBe(true);
    expect(seen.map((p) => p.table).sort()).toEqual(['AULKP01', 'FOLK1A', 'FOLK1E', 'HFUDD11', 'INDKP106', 'STRAFNA7']);
    expect(seen.filter((p) => !p.ok).map((p) => p.table)).toEqual(['HFUDD11']);
  });
});

describe('proxies (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)', () => {
  // statbank.test is reachable only through the local proxy, which sends every request to 127.0.0.1.
  it('sends requests through the proxy the environment names', async () => {
    const proxy = await startProxy();
    try {
      process.env.HTTP_PROXY = proxy.url;
      const baseUrl = behindProxy(double.url);
      const net = networkFetch(process.env, baseUrl);
      expect(net.route.via).toBe(` via proxyen ${proxy.url}`);
      const client = new StatbankClient({ baseUrl, ...net });
      await expect(client.tableInfo('FOLK1A')).resolves.toMatchObject({ id: 'FOLK1A' });
      await expect(client.data('FOLK1A', { OMRÅDE: ['183'], Tid: ['2017K1'] })).resolves.toBeDefined();
      expect(proxy.seen.length).toBeGreaterThan(0);
      expect(proxy.seen.every((s) => s.includes(`statbank.test:${new URL(double.url).port}`))).toBe(true);
      expect(double.requests.map((r) => r.kind)).toEqual(['tableinfo', 'data']);
    } finally {
      await proxy.close();
    }
  });

  it('goes direct for hosts in NO_PROXY, and always for this machine', async () => {
    const proxy = await startProxy();
    try {
      process.env.HTTP_PROXY = proxy.url;
      process.env.NO_PROXY = 'example.org,statbank.test';
      const baseUrl = behindProxy(double.url);
      const net = networkFetch(process.env, baseUrl);
      expect(net.route.via).toBe('');
      // Direct, statbank.test does not resolve (or the deadline ends the attempt): the proxy never sees it.
      const err = await new StatbankClient({ baseUrl, ...net, backoffMs: 1, timeoutMs: 3000, deadlineMs: 5000 }).tableInfo('FOLK1A').catch((e: unknown) => e);
      expect(err).toMatchObject({ code: expect.stringMatching(/^(NETWORK|TIMEOUT|DEADLINE)$/) });
      // The double on 127.0.0.1 is reached directly although HTTP_PROXY is set.
      await new StatbankClient({ baseUrl: double.url, ...networkFetch(process.env, double.url) }).tableInfo('FOLK1A');
      expect(proxy.seen).toEqual([]);
      expect(double.requests).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  }, 20_000);

  it('names the proxy when it cannot be reached', async () => {
    const port = await closedPort();
    process.env.HTTP_PROXY = `http://user:secret@127.0.0.1:${port}`;
    const baseUrl = behindProxy(double.url);
    const net = networkFetch(process.env, baseUrl);
    const err = await new StatbankClient({ baseUrl, ...net, backoffMs: 1 }).tableInfo('FOLK1A').catch((e: unknown) => e);
    expect((err as Error).message).toMatch(new RegExp(`^FOLK1A: Statistikbanken kunne ikke nås via proxyen http://127\\.0\\.0\\.1:${port} \\(.+\\)\\. Tjek netværksforbindelsen og proxyen \\(HTTPS_PROXY, HTTP_PROXY og NO_PROXY\\)\\.$`));
    expect((err as Error).message).not.toMatch(/secret/);
    expect(double.requests).toHaveLength(0);
  });

  // statbank.test is a name only a proxy could reach: these proxies on 127.0.0.1 never forward.
  const behind = 'https://statbank.test/v1/';

  it('ends a request at once when the proxy closes the tunnel, names that, and retries only after the backoff', async () => {
    const proxy = await startSilentServer('close');
    const network = networkFetch({ HTTPS_PROXY: proxy.url.replace('/v1/', '') }, behind);
    try {
      const waits: number[] = [];
      const client = new StatbankClient({ baseUrl: behind, ...network, retries: 2, backoffMs: 50, deadlineMs: 5_000, sleep: async (ms) => void waits.push(ms) });
      const err = await client.tableInfo('FOLK1A').catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'NETWORK' });
      expect((err as Error).message).toMatch(
        /^FOLK1A: Statistikbanken kunne ikke nås via proxyen http:\/\/127\.0\.0\.1:\d+ \(proxyen lukkede forbindelsen til statbank\.test:443 uden at åbne den \(CONNECT, UND_ERR_SOCKET\)\)\. Tjek netværksforbindelsen og proxyen/,
      );
      // One tunnel request an attempt (no reconnecting in a loop), and a doubling wait between them.
      expect(client.requests).toBe(3);
      expect(waits).toEqual([50, 100]);
      expect(proxy.connections()).toBe(3);
    } finally {
      await network.close();
      await proxy.close();
    }
  });

  it('names a proxy that refuses the tunnel, with its status', async () => {
    for (const [status, said] of [
      [403, 'CONNECT besvaret med HTTP 403'],
      [407, 'CONNECT besvaret med HTTP 407; den kræver login'],
    ] as const) {
      const proxy = await startSilentServer({ status });
      const network = networkFetch({ HTTPS_PROXY: proxy.url.replace('/v1/', '') }, behind);
      try {
        const err = await new StatbankClient({ baseUrl: behind, ...network, backoffMs: 1, deadlineMs: 5_000 }).tableInfo('FOLK1A').catch((e: unknown) => e);
        expect(err).toMatchObject({ code: 'NETWORK' });
        expect((err as Error).message).toContain(`(proxyen afviste forbindelsen til statbank.test:443: ${said}).`);
        expect(proxy.connections()).toBe(2);
      } finally {
        await network.close();
        await proxy.close();
      }
    }
  });

  it('says that the proxy did not answer the tunnel when the deadline or the time-out stops it, and close() ends the connection', async () => {
    const proxy = await startSilentServer('silent');
    const network = networkFetch({ HTTPS_PROXY: proxy.url.replace('/v1/', '') }, behind);
    try {
      const atDeadline = await new StatbankClient({ baseUrl: behind, ...network, timeoutMs: 60_000, deadlineMs: 300 }).tableInfo('FOLK1A').catch((e: unknown) => e);
      expect(atDeadline).toMatchObject({ code: 'DEADLINE' });
      expect((atDeadline as Error).message).toMatch(
        /^FOLK1A: Statistikbanken \(https:\/\/statbank\.test\/v1\/\) kunne ikke nås inden for 300 millisekunder i alt via proxyen http:\/\/127\.0\.0\.1:\d+: proxyen svarede ikke på anmodningen om en forbindelse til statbank\.test:443 \(CONNECT\); hentningen er opgivet\. Tjek/,
      );
      const timedOut = await new StatbankClient({ baseUrl: behind, ...network, timeoutMs: 200, retries: 0 }).tableInfo('FOLK1A').catch((e: unknown) => e);
      expect(timedOut).toMatchObject({ code: 'TIMEOUT' });
      expect((timedOut as Error).message).toMatch(/^FOLK1A: Statistikbanken kunne ikke nås inden for 200 millisekunder via proxyen http:\/\/127\.0\.0\.1:\d+: proxyen svarede ikke på anmodningen om en forbindelse til statbank\.test:443 \(CONNECT\)\.$/);
      // The tunnel requests the proxy never answered stay open until the network is closed.
      await network.close();
      await proxy.allClosed();
    } finally {
      await proxy.close();
    }
  });

  it('stops through a proxy at the time-out also when the answer stalls after its headers', async () => {
    const proxy = await startProxy();
    const stalling = http.createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id": ');
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://statbank.test:${(stalling.address() as AddressInfo).port}/v1/`;
    const network = networkFetch({ HTTP_PROXY: proxy.url }, baseUrl);
    try {
      const err = await new StatbankClient({ baseUrl, ...network, timeoutMs: 300, retries: 0 }).tableInfo('FOLK1A').catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'TIMEOUT' });
      expect(proxy.seen).toEqual([expect.stringMatching(/statbank\.test:\d+/)]);
    } finally {
      await network.close();
      await proxy.close();
      stalling.closeAllConnections();
      await new Promise<void>((resolve) => stalling.close(() => resolve()));
    }
  });

  it('picks the proxy by scheme and honours NO_PROXY entries', () => {
    const env = { HTTPS_PROXY: 'http://p:3128', HTTP_PROXY: 'http://q:8080', NO_PROXY: '.kommune.dk, intern:8443' };
    expect(proxyFor('https://api.statbank.dk/v1/', env)).toBe('http://p:3128');
    expect(proxyFor('http://api.statbank.dk/v1/', env)).toBe('http://q:8080');
    expect(proxyFor('https://data.kommune.dk/', env)).toBeUndefined();
    expect(proxyFor('https://intern:8443/', env)).toBeUndefined();
    expect(proxyFor('https://intern/', env)).toBe('http://p:3128');
    expect(proxyFor('https://api.statbank.dk/v1/', { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' })).toBe('http://lower:1');
    expect(proxyFor('https://api.statbank.dk/v1/', { HTTP_PROXY: 'http://only-http:1' })).toBe('http://only-http:1');
    expect(proxyFor('https://api.statbank.dk/v1/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' })).toBeUndefined();
    expect(proxyFor('https://api.statbank.dk/v1/', {})).toBeUndefined();
    expect(proxyFor('http://127.0.0.1:8080/v1/', env)).toBeUndefined();
    expect(['http://localhost:1/', 'http://127.0.0.1/', 'http://[::1]:80/', 'http://127.1.2.3/'].every(isLoopback)).toBe(true);
    expect(['https://api.statbank.dk/', 'http://127.example/', 'http://10.0.0.1/'].some(isLoopback)).toBe(false);
  });
});
