/**
 * Issue 8, sections 2.2 and 3, through `parathed fetch` in-process: proxies from the environment,
 * the overall deadline with one message, progress per table on a terminal, saved responses keyed
 * by table and query, no empty --save-responses folder, and a missing replay file reported as
 * missing. Against the local TEST DOUBLE, a local proxy and a local silent server (127.0.0.1).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { replayFetch, responseSaver } from '../../src/cli/responses';
import { TEMPLATE_VERSION } from '../../src/model/indicators';
import { emptyAssessment } from '../../src/model/schema';
import { StatbankClient } from '../../src/statbank/client';
import { describeWorkbook } from '../../src/workbook/template';
import { writeXlsx } from '../../src/xlsx/xlsx-workbook';
import { runCli } from '../helpers/cli';
import { startStatbankDouble, type StatbankDouble } from '../helpers/statbank-double';
import { reportTables } from '../helpers/statbank-tables';
import { behindProxy, clearProxyEnv, closedPort, startProxy, startSilentServer } from './local-proxy';

let dir: string;
let template: string;
let double: StatbankDouble;
let restoreEnv: () => void;
let n = 0;
const outFile = () => path.join(dir, `ud-${++n}.xlsx`);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-net-'));
  template = path.join(dir, 'skabelon.xlsx');
  writeFileSync(template, await writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION))));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  restoreEnv = clearProxyEnv();
  double = await startStatbankDouble(reportTables());
  process.env.PARATHED_STATBANK_URL = double.url;
  process.env.PARATHED_STATBANK_TIMEOUT_MS = '2000';
});
afterEach(async () => {
  delete process.env.PARATHED_STATBANK_URL;
  delete process.env.PARATHED_STATBANK_TIMEOUT_MS;
  delete process.env.PARATHED_STATBANK_DEADLINE_MS;
  restoreEnv();
  await double.close();
});

describe('saved responses', () => {
  it('are keyed by table and query, so several data requests for one table each keep their own file', async () => {
    const saved = path.join(dir, 'several');
    const client = new StatbankClient({ baseUrl: double.url, onResponse: responseSaver(saved) });
    await client.tableInfo('FOLK1A');
    const a = await client.data('FOLK1A', { OMRÅDE: ['183'], Tid: ['2017K1'] });
    const b = await client.data('FOLK1A', { OMRÅDE: ['183'], Tid: ['2017K2'] });
    const files = readdirSync(saved).filter((f) => f.endsWith('.json'));
    expect(files.filter((f) => /^data-FOLK1A-[0-9a-f]{12}-jsonstat-da\.json$/.test(f))).toHaveLength(2);
    expect(files).toContain('tableinfo-FOLK1A-da.json');

    const replay = new StatbankClient({ baseUrl: 'http://127.0.0.1:1/v1/', fetch: replayFetch(saved) });
    await expect(replay.tableInfo('FOLK1A')).resolves.toMatchObject({ id: 'FOLK1A' });
    // Parameters in another order are the same request.
    expect((await replay.data('FOLK1A', { Tid: ['2017K2'], OMRÅDE: ['183'] })).value({ OMRÅDE: '183', Tid: '2017K2' })).toBe(b.value({ OMRÅDE: '183', Tid: '2017K2' }));
    expect((await replay.data('FOLK1A', { OMRÅDE: ['183'], Tid: ['2017K1'] })).value({ OMRÅDE: '183', Tid: '2017K1' })).toBe(a.value({ OMRÅDE: '183', Tid: '2017K1' }));
    await expect(replay.data('FOLK1A', { OMRÅDE: ['183'], Tid: ['2016K1'] })).rejects.toMatchObject({ code: 'REPLAY-MISMATCH' });
    await expect(replay.data('AULKP01', { OMRÅDE: ['183'] })).rejects.toMatchObject({ code: 'REPLAY-MISSING', message: expect.stringMatching(/^AULKP01: intet gemt svar .*mangler/) });
    await expect(replay.tableInfo('AULKP01')).rejects.toMatchObject({ code: 'REPLAY-MISSING' });
  });

  it('--save-responses leaves no folder when nothing was fetched', async () => {
    process.env.PARATHED_STATBANK_URL = `http://127.0.0.1:${await closedPort()}/v1/`;
    const saved = path.join(dir, 'nothing-fetched');
    const r = await runCli('fetch', template, '--kommune', 'Ishøj', '--out', outFile(), '--save-responses', saved);
    expect(r.code).toBe(1);
    expect(existsSync(saved)).toBe(false);
  });

  it('a missing replay file is reported as missing, not as a refusal by Statistikbanken', async () => {
    const saved = path.join(dir, 'replay-missing');
    expect((await runCli('fetch', template, '--kommune', 'Ishøj', '--year', '2017', '--out', outFile(), '--save-responses', saved)).code).toBe(0);
    const hfudd = readdirSync(saved).find((f) => /^data-HFUDD11-.*\.json$/.test(f))!;
    unlinkSync(path.join(saved, hfudd));
    unlinkSync(path.join(saved, `${hfudd}.source.txt`));
    const r = await runCli('fetch', template, '--kommune', 'Ishøj', '--year', '2017', '--out', outFile(), '--responses', saved);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/\(Grundskole\): FEJL: HFUDD11: intet gemt svar i .* til denne forespørgsel \(REPLAY-MISSING: filen data-HFUDD11-[0-9a-f]{12}-jsonstat-da\.json mangler\)/);
    expect(r.out + r.err).not.toMatch(/afviste/);
    expect(r.out.split('\n').filter((l) => / skrevet/.test(l))).toHaveLength(5);
  });
});

describe('network', () => {
  it('goes through the proxy named by HTTP_PROXY', async () => {
    const proxy = await startProxy();
    try {
      // statbank.test is reachable only through the local proxy (which sends it to 127.0.0.1).
      process.env.HTTP_PROXY = proxy.url;
      process.env.PARATHED_STATBANK_URL = behindProxy(double.url);
      const r = await runCli('fetch', template, '--kommune', 'Ishøj', '--out', outFile(), '--json');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out).requests).toBe(12);
      expect(proxy.seen.length).toBeGreaterThan(0);
      expect(proxy.seen.every((s) => s.includes(`statbank.test:${new URL(double.url).port}`))).toBe(true);
      expect(double.requests).toHaveLength(12);
    } finally {
      await proxy.close();
    }
  });

  it('ends at the overall deadline with one message naming the network, against a server that never answers', async () => {
    const silent = await startSilentServer();
    try {
      process.env.PARATHED_STATBANK_URL = silent.url;
      process.env.PARATHED_STATBANK_TIMEOUT_MS = '60000';
      process.env.PARATHED_STATBANK_DEADLINE_MS = '500';
      const out = outFile();
      const r = await runCli('fetch', template, '--kommune', 'Ishøj', '--out', out);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      const lines = r.err.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Danmarks Statistik kunne ikke nås, så ingen tal er hentet: Statistikbanken \(http:\/\/127\.0\.0\.1:\d+\/v1\/\) svarede ikke inden for 500 millisekunder i alt; hentningen er opgivet\. Tjek netværksforbindelsen; kræver netværket en proxy, angives den med HTTPS_PROXY \(og NO_PROXY for undtagelser\)\. Der er ikke skrevet nogen fil\.$/);
      expect(existsSync(out)).toBe(false);
    } finally {
      await silent.close();
    }
  }, 20_000);

  it('says at the deadline that the proxy never answered the tunnel, and leaves no connection open', async () => {
    const silent = await startSilentServer('silent');
    try {
      process.env.HTTPS_PROXY = silent.url.replace('/v1/', '');
      process.env.PARATHED_STATBANK_URL = 'https://statbank.test/v1/';
      process.env.PARATHED_STATBANK_TIMEOUT_MS = '60000';
      process.env.PARATHED_STATBANK_DEADLINE_MS = '500';
      const r = await runCli('fetch', template, '--kommune', 'Ishøj', '--out', outFile());
      expect(r.code).toBe(1);
      expect(r.err.trim().split('\n')).toEqual([
        expect.stringMatching(
          /^Danmarks Statistik kunne ikke nås, så ingen tal er hentet: Statistikbanken \(https:\/\/statbank\.test\/v1\/\) kunne ikke nås inden for 500 millisekunder i alt via proxyen http:\/\/127\.0\.0\.1:\d+: proxyen svarede ikke på anmodningen om en forbindelse til statbank\.test:443 \(CONNECT\); hentningen er opgivet\. Tjek netværksforbindelsen og proxyen \(HTTPS_PROXY, HTTP_PROXY og NO_PROXY\)\. Der er ikke skrevet nogen fil\.$/,
        ),
      ]);
      // The command closed its connections: the tunnel request kept open would keep the process alive.
      await silent.allClosed();
    } finally {
      await silent.close();
    }
  }, 20_000);

  it('names a proxy that closes every tunnel, trying once more after the backoff, not in a loop', async () => {
    const closing = await startSilentServer('close');
    try {
      process.env.HTTPS_PROXY = closing.url.replace('/v1/', '');
      process.env.PARATHED_STATBANK_URL = 'https://statbank.test/v1/';
      process.env.PARATHED_STATBANK_DEADLINE_MS = '10000';
      const r = await runCli('fetch', template, '--kommune', 'Ishøj', '--out', outFile());
      expect(r.code).toBe(1);
      expect(r.err.trim().split('\n')).toEqual([
        expect.stringMatching(
          /^Danmarks Statistik kunne ikke nås, så ingen tal er hentet: Statistikbanken kunne ikke nås via proxyen http:\/\/127\.0\.0\.1:\d+ \(proxyen lukkede forbindelsen til statbank\.test:443 uden at åbne den \(CONNECT, UND_ERR_SOCKET\)\)\. Tjek netværksforbindelsen og proxyen \(HTTPS_PROXY, HTTP_PROXY og NO_PROXY\)\. Der er ikke skrevet nogen fil\.$/,
        ),
      ]);
      expect(r.err).not.toMatch(/svarede ikke/);
      // The first table's request and its one retry: one tunnel each.
      expect(closing.connections()).toBe(2);
    } finally {
      await closing.close();
    }
  }, 20_000);

  it('names the proxy in the one message when the proxy cannot be reached', async () => {
    const port = await closedPort();
    process.env.HTTP_PROXY = `http://127.0.0.1:${port}`;
    process.env.PARATHED_STATBANK_URL = behindProxy(double.url);
    const r = await runCli('fetch', template, '--kommune', 'Ishøj', '--out', outFile());
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^Danmarks Statistik kunne ikke nås, så ingen tal er hentet: Statistikbanken kunne ikke nås via proxyen http://127\\.0\\.0\\.1:${port} \\(.+\\)\\. Tjek netværksforbindelsen og proxyen \\(HTTPS_PROXY, HTTP_PROXY og NO_PROXY\\)\\. Der er ikke skrevet nogen fil\\.$`))]);
    expect(r.err).not.toMatch(/fetch failed/);
  }, 20_000);

  it('shows progress per table on a terminal, and nothing otherwise', async () => {
    const quiet = await runCli('fetch', template, '--kommune', 'Ishøj', '--out', outFile());
    expect(quiet.code).toBe(0);
    expect(quiet.err).toBe('');
    const had = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    try {
      const r = await runCli('fetch', template, '--kommune', 'Ishøj', '--out', outFile());
      expect(r.code).toBe(0);
      const lines = r.err.replace(/\n$/, '').split('\n');
      expect(lines).toHaveLength(6);
      expect(lines.map((l) => /^ {2}\[(\d)\/6\] ([A-Z0-9]+): hentet$/.exec(l)?.[1])).toEqual(['1', '2', '3', '4', '5', '6']);
      // --json stays quiet on a terminal too.
      expect((await runCli('fetch', template, '--kommune', 'Ishøj', '--out', outFile(), '--json')).err).toBe('');
    } finally {
      if (had) Object.defineProperty(process.stderr, 'isTTY', had);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
  });
});
