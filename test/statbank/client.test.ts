/**
 * The StatBank client against a local TEST DOUBLE of the API on 127.0.0.1 (test/helpers/
 * statbank-double.ts): constructed tables served in the recorded format. No request leaves the
 * machine.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { KOMMUNER, REGIONER } from '../../src/model/geography';
import { StatbankClient, StatbankError, baseUrlFrom, cellCount, DEFAULT_BASE_URL } from '../../src/statbank/client';
import { startStatbankDouble, type DoubleTable, type StatbankDouble } from '../helpers/statbank-double';

const AREAS = [{ id: '000', text: 'Hele landet' }, ...REGIONER.map((r) => ({ id: r.dstCode, text: r.navn })), ...KOMMUNER.map((k) => ({ id: k.dstCode, text: k.navn }))];

const FOLK1A: DoubleTable = {
  id: 'FOLK1A',
  text: 'Befolkningen den 1. i kvartalet',
  footnote: { text: 'Tal for Christiansø indgår ikke.', mandatory: true },
  variables: [
    { id: 'OMRÅDE', text: 'område', values: AREAS },
    { id: 'KØN', text: 'køn', values: [{ id: 'TOT', text: 'I alt' }, { id: '1', text: 'Mænd' }, { id: '2', text: 'Kvinder' }] },
    { id: 'Tid', text: 'tid', time: true, values: ['2017K1', '2017K2', '2017K3'].map((id) => ({ id, text: id })) },
  ],
  value: (c) => (c.OMRÅDE === '183' ? 22719 : 1000) + (c.KØN === 'TOT' ? 0 : 1) + (c.Tid === '2017K3' ? 5 : 0),
};

let double: StatbankDouble;
beforeEach(async () => {
  double = await startStatbankDouble([FOLK1A]);
});
afterEach(async () => {
  await double.close();
});

describe('StatBank client', () => {
  it('takes its base URL from PARATHED_STATBANK_URL, else the real API', () => {
    expect(baseUrlFrom({})).toBe(DEFAULT_BASE_URL);
    expect(baseUrlFrom({ PARATHED_STATBANK_URL: 'http://127.0.0.1:9/v1' })).toBe('http://127.0.0.1:9/v1/');
  });

  it('reads tableinfo and data for all areas in one request each', async () => {
    const client = new StatbankClient({ baseUrl: double.url });
    const info = await client.tableInfo('FOLK1A');
    expect(info.footnote).toEqual({ text: 'Tal for Christiansø indgår ikke.', mandatory: true });
    const cube = await client.data('FOLK1A', { OMRÅDE: AREAS.map((a) => a.id), KØN: ['TOT'], Tid: ['2017K2', '2017K3'] });
    expect(cube.value({ OMRÅDE: '183', KØN: 'TOT', Tid: '2017K3' })).toBe(22724);
    expect(cube.value({ OMRÅDE: '000', Tid: '2017K2' })).toBe(1000);
    expect(client.requests).toBe(2);
    expect(double.requests.map((r) => r.kind)).toEqual(['tableinfo', 'data']);
    expect(double.requests[1]!.params['OMRÅDE']!.split(',')).toHaveLength(104);
  });

  it('serves tableinfo in the recorded format', async () => {
    const client = new StatbankClient({ baseUrl: double.url, onResponse: (r) => bodies.push(r.body) });
    const bodies: string[] = [];
    await client.tableInfo('FOLK1A');
    const recorded = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'statbank', 'tableinfo-STRAF42-da.json'), 'utf8'));
    expect(Object.keys(JSON.parse(bodies[0]!)).sort()).toEqual(Object.keys(recorded).sort());
  });

  it('reports an API error by its errorTypeCode', async () => {
    const client = new StatbankClient({ baseUrl: double.url });
    await expect(client.tableInfo('HFUDD10')).rejects.toMatchObject({ code: 'EXTRACT-NOTFOUND', table: 'HFUDD10', status: 400 });
    double.fail('FOLK1A', { kind: 'error', status: 400, errorTypeCode: 'REQUEST-LIMIT', on: 'data' });
    await expect(client.data('FOLK1A', { OMRÅDE: ['183'] })).rejects.toMatchObject({ code: 'REQUEST-LIMIT' });
    expect(client.requests).toBe(2); // no retry on 400
  });

  it('retries once on a 5xx answer', async () => {
    const client = new StatbankClient({ baseUrl: double.url });
    double.fail('FOLK1A', { kind: 'status', status: 503, times: 1 });
    await expect(client.tableInfo('FOLK1A')).resolves.toMatchObject({ id: 'FOLK1A' });
    expect(client.requests).toBe(2);
    double.fail('FOLK1A', { kind: 'status', status: 500, times: 2 });
    const err = await client.tableInfo('FOLK1A').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StatbankError);
    expect(err).toMatchObject({ code: 'HTTP', status: 500 });
    expect((err as Error).message).toMatch(/FOLK1A.*HTTP 500/);
  });

  it('times out, retries once, then reports the time-out', async () => {
    const client = new StatbankClient({ baseUrl: double.url, timeoutMs: 150 });
    double.fail('FOLK1A', { kind: 'delay', ms: 2000, times: 1 });
    await expect(client.tableInfo('FOLK1A')).resolves.toMatchObject({ id: 'FOLK1A' });
    double.fail('FOLK1A', { kind: 'delay', ms: 2000, times: 2 });
    await expect(client.tableInfo('FOLK1A')).rejects.toMatchObject({ code: 'TIMEOUT', table: 'FOLK1A' });
    expect(client.requests).toBe(4);
  });

  it('refuses malformed JSON with a message naming the table', async () => {
    const client = new StatbankClient({ baseUrl: double.url });
    double.fail('FOLK1A', { kind: 'malformed', on: 'data' });
    await expect(client.data('FOLK1A', { OMRÅDE: ['183'] })).rejects.toThrow(/FOLK1A: data: svaret er ikke gyldig JSON/);
  });

  it('reports a network failure', async () => {
    const client = new StatbankClient({ baseUrl: 'http://127.0.0.1:9/v1/', timeoutMs: 2000 });
    await expect(client.tableInfo('FOLK1A')).rejects.toMatchObject({ code: 'NETWORK' });
  });

  it('counts cells before sending: splits along time, or refuses', async () => {
    const client = new StatbankClient({ baseUrl: double.url });
    const many = Array.from({ length: 2000 }, (_, i) => String(i));
    expect(cellCount({ A: many, B: many })).toBe(4_000_000);
    await expect(client.data('FOLK1A', { OMRÅDE: many, KØN: many })).rejects.toMatchObject({ code: 'TOO-MANY-CELLS' });
    expect(client.requests).toBe(0);
    // 600 × 3 × 600 = 1,080,000 cells: split into two requests along Tid.
    const fake = new StatbankClient({
      fetch: async (url) => {
        const tid = new URL(url).searchParams.get('Tid')!.split(',');
        expect(tid.length * 600 * 3).toBeLessThan(1_000_000);
        return { status: 400, headers: { get: () => null }, text: async () => '{"errorTypeCode":"EXTRACT-NOTFOUND"}' };
      },
    });
    const codes = (n: number) => Array.from({ length: n }, (_, i) => String(i));
    await expect(fake.data('X', { A: codes(600), B: codes(3), Tid: codes(600) }, 'Tid')).rejects.toMatchObject({ code: 'EXTRACT-NOTFOUND' });
    expect(fake.requests).toBe(1);
  });
});
