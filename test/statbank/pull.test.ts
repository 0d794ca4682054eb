/** A whole pull against the local TEST DOUBLE of StatBank (127.0.0.1), with constructed tables. */
import { DEFAULT_DEFINITIONS } from '../../src/model/indicators';
import { definitionsSchema } from '../../src/model/statbank';
import { StatbankClient } from '../../src/statbank/client';
import { pull, type IndicatorResult, type IndicatorFigures } from '../../src/statbank/pull';
import { round } from '../../src/scoring/excel';
import { startStatbankDouble, type StatbankDouble } from '../helpers/statbank-double';
import { reportTables } from '../helpers/statbank-tables';

let double: StatbankDouble;
beforeEach(async () => {
  double = await startStatbankDouble(reportTables());
});
afterEach(() => double.close());

const ok = (results: IndicatorResult[], id: string) => {
  const r = results.find((x) => x.indicator === id)!;
  if (!r.ok) throw new Error(`${id} failed: ${r.message}`);
  return r;
};
const at = (r: IndicatorFigures, area: string, period = r.period) => r.figures.get(area)!.get(period)!;
const pct = (v: number | null) => (v === null ? null : round(v * 100, 1));

describe('pull', () => {
  it('gives the 2017 report’s figures for Ishøj, its region and the country', async () => {
    const client = new StatbankClient({ baseUrl: double.url });
    const { results, requests } = await pull(client, DEFAULT_DEFINITIONS, { year: 2017 });
    const ful = ok(results, 'Fuldtidsledige');
    expect(ful.period).toBe('2017K4');
    expect(['183', '084', '000'].map((a) => pct(at(ful, a).value))).toEqual([7.1, 4.3, 4.1]);
    const ind = ok(results, 'DisponibelIndkomst');
    // The region's mean, computed from its municipalities' ENHED 110 and 103 (INDKP106 has no regions).
    expect(['183', '084', '000'].map((a) => at(ind, a).value)).toEqual([193760, expect.closeTo(224140.2508, 3), 220185]);
    expect(ind.notes.join(' ')).toMatch(/ingen regionstal/);
    const gs = ok(results, 'Grundskole');
    expect(['183', '084', '000'].map((a) => pct(at(gs, a).value))).toEqual([28.7, 14.9, 17.8]);
    expect(at(gs, '183')).toMatchObject({ taeller: 1722, naevner: 6000 });
    const ikv = ok(results, 'IkkeVestlige');
    expect(['183', '084', '000'].map((a) => pct(at(ikv, a).value))).toEqual([32.1, 12.6, 8.4]);
    expect(ok(results, 'Folketal').figures.get('183')!.get('2017K4')!.value).toBe(22719);
    expect(requests).toBe(12); // six tables, one tableinfo and one data request each
  });

  it('takes the count of convicted over the population of the same year', async () => {
    const client = new StatbankClient({ baseUrl: double.url });
    const { results } = await pull(client, DEFAULT_DEFINITIONS, { year: 2015 });
    const d = ok(results, 'Doemte');
    expect(d.period).toBe('2015');
    expect(['183', '084', '000'].map((a) => pct(at(d, a).value))).toEqual([1.1, 0.8, 0.7]);
    expect(d.codes).toContain('FOLK1A');
    expect(d.codes).toContain('Tid=2015K1');
  });

  it('asks for all 98 municipalities, the regions and the country in every data request', async () => {
    const client = new StatbankClient({ baseUrl: double.url });
    await pull(client, DEFAULT_DEFINITIONS);
    const data = double.requests.filter((r) => r.kind === 'data');
    expect(data).toHaveLength(6);
    for (const r of data) {
      const areas = (r.params['OMRÅDE'] ?? r.params['BOPOMR'])!.split(',');
      expect(areas.filter((a) => a !== '000' && !a.startsWith('08'))).toHaveLength(98);
      expect(areas).not.toContain('411');
    }
  });

  it('gives the newest period by default and five periods for the trend', async () => {
    const client = new StatbankClient({ baseUrl: double.url });
    const { results } = await pull(client, DEFAULT_DEFINITIONS);
    const ful = ok(results, 'Fuldtidsledige');
    expect(ful.period).toBe('2018K4');
    expect(ful.periods).toEqual(['2017K4', '2018K1', '2018K2', '2018K3', '2018K4']);
    expect(ok(results, 'Doemte').period).toBe('2017');
  });

  it.each([
    ['EXTRACT-NOTFOUND', { kind: 'error', status: 400, errorTypeCode: 'EXTRACT-NOTFOUND', on: 'data' }, /EXTRACT-NOTFOUND/],
    ['REQUEST-LIMIT', { kind: 'error', status: 400, errorTypeCode: 'REQUEST-LIMIT', on: 'data' }, /REQUEST-LIMIT/],
    ['a 500 twice', { kind: 'status', status: 500, times: 2 }, /HTTP 500/],
    ['malformed JSON', { kind: 'malformed', on: 'data' }, /ikke gyldig JSON/],
  ] as const)('a failing table (%s) fails its indicator only, with a clear message', async (_, failure, message) => {
    double.fail('HFUDD11', failure);
    const client = new StatbankClient({ baseUrl: double.url });
    const { results } = await pull(client, DEFAULT_DEFINITIONS);
    const gs = results.find((r) => r.indicator === 'Grundskole')!;
    expect(gs.ok).toBe(false);
    expect(!gs.ok && gs.message).toMatch(message);
    expect(!gs.ok && gs.message).toMatch(/HFUDD11/);
    expect(results.filter((r) => r.ok)).toHaveLength(5);
  });

  it('a time-out fails its indicator only', async () => {
    double.fail('FOLK1E', { kind: 'delay', ms: 3000, times: 2, on: 'data' });
    const client = new StatbankClient({ baseUrl: double.url, timeoutMs: 200 });
    const { results } = await pull(client, DEFAULT_DEFINITIONS);
    expect(results.find((r) => r.indicator === 'IkkeVestlige')).toMatchObject({ ok: false, message: expect.stringMatching(/FOLK1E.*svarede ikke/) });
    expect(results.filter((r) => r.ok)).toHaveLength(5);
  });

  it('names a code missing from tableinfo, with the codes the table has, before any data request', async () => {
    const defs = definitionsSchema.parse(JSON.parse(JSON.stringify(DEFAULT_DEFINITIONS).replace('"H10"', '"H99"')));
    const client = new StatbankClient({ baseUrl: double.url });
    const { results } = await pull(client, defs);
    const gs = results.find((r) => r.indicator === 'Grundskole')!;
    expect(gs).toMatchObject({ ok: false, message: expect.stringMatching(/HFUDD11: koden H99 findes ikke for HFUDD; tabellen har TOT, H10, H20/) });
    expect(double.requests.filter((r) => r.kind === 'data' && r.table === 'HFUDD11')).toHaveLength(0);
  });

  it('reports a retired table', async () => {
    await double.close();
    double = await startStatbankDouble(reportTables().map((t) => (t.id === 'INDKP106' ? { ...t, active: false } : t)));
    const client = new StatbankClient({ baseUrl: double.url });
    const { results } = await pull(client, DEFAULT_DEFINITIONS);
    expect(results.find((r) => r.indicator === 'DisponibelIndkomst')).toMatchObject({ ok: false, message: expect.stringMatching(/INDKP106.*udgået/) });
  });

  it('refuses a year no period of the table has', async () => {
    const client = new StatbankClient({ baseUrl: double.url });
    const { results } = await pull(client, DEFAULT_DEFINITIONS, { year: 2009 });
    expect(results.every((r) => !r.ok && /ingen periode i 2009/.test(r.message))).toBe(true);
  });
});
