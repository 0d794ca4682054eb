/**
 * Issue 8, section 2: the StatBank sources as the real tables have them, against the local TEST
 * DOUBLE (127.0.0.1): INDKINTB 000, the regional mean income computed from ENHED 110 and 103,
 * the convicted chosen by their labels in STRAFNA7, zeros that may be suppressed, and codes
 * chosen by label.
 */
import { KOMMUNER } from '../../src/model/geography';
import { DEFAULT_DEFINITIONS } from '../../src/model/indicators';
import { definitionsSchema, type Definitions } from '../../src/model/statbank';
import { StatbankClient } from '../../src/statbank/client';
import { pull, type IndicatorFigures, type IndicatorResult } from '../../src/statbank/pull';
import { startStatbankDouble, type DoubleTable, type StatbankDouble } from '../helpers/statbank-double';
import { income, reportTables } from '../helpers/statbank-tables';

let double: StatbankDouble;
afterEach(() => double?.close());

async function serve(change: (t: DoubleTable) => DoubleTable = (t) => t) {
  double = await startStatbankDouble(reportTables().map(change));
  return new StatbankClient({ baseUrl: double.url });
}
const only = (id: string, defs: Definitions = DEFAULT_DEFINITIONS): Definitions => ({ indicators: defs.indicators.filter((d) => d.indicator === id) });
const ok = (results: IndicatorResult[], id: string): IndicatorFigures => {
  const r = results.find((x) => x.indicator === id)!;
  if (!r.ok) throw new Error(`${id} failed: ${r.message}`);
  return r;
};
const failed = (results: IndicatorResult[], id: string): string => {
  const r = results.find((x) => x.indicator === id)!;
  if (r.ok) throw new Error(`${id} did not fail`);
  return r.message;
};
const at = (r: IndicatorFigures, area: string, period = r.period) => r.figures.get(area)!.get(period)!;
const relabel = (table: string, variable: string, code: string, text: string) => (t: DoubleTable): DoubleTable =>
  t.id !== table ? t : { ...t, variables: t.variables.map((v) => (v.id !== variable ? v : { ...v, values: v.values.map((x) => (x.id === code ? { ...x, text } : x)) })) };

describe('INDKP106: INDKINTB "Alle" is 000', () => {
  it('asks for INDKINTB=000 and ENHED 118 with 110 and 103, and gets the municipality and the country', async () => {
    const client = await serve();
    const { results } = await pull(client, only('DisponibelIndkomst'), { year: 2017 });
    const ind = ok(results, 'DisponibelIndkomst');
    expect(at(ind, '183').value).toBe(193760);
    expect(at(ind, '000').value).toBe(220185);
    const data = double.requests.find((r) => r.kind === 'data')!;
    expect(data.params['INDKINTB']).toBe('000');
    expect(data.params['ENHED']!.split(',').sort()).toEqual(['103', '110', '118']);
    expect(ind.codes).toContain('INDKINTB=000');
  });
});

describe('regional disposable income, exactly', () => {
  /** Σ ENHED 110 × 1.000 / Σ ENHED 103 over a region's municipalities, from the double's own cells. */
  const expected = (region: string, period: string) => {
    const ks = KOMMUNER.filter((k) => k.region.dstCode === region);
    const total = ks.reduce((s, k) => s + income(k.dstCode, '110', period)!, 0);
    const persons = ks.reduce((s, k) => s + income(k.dstCode, '103', period)!, 0);
    return (total * 1000) / persons;
  };

  it('is the sum of the municipalities’ income (1.000 kr.) × 1.000 over the sum of their persons, checked against the country row', async () => {
    const client = await serve();
    const { results } = await pull(client, only('DisponibelIndkomst'), { year: 2017 });
    const ind = ok(results, 'DisponibelIndkomst');
    for (const region of ['081', '082', '083', '084', '085']) {
      expect(at(ind, region).value).toBeCloseTo(expected(region, '2017'), 9);
      expect(at(ind, region, '2015').value).toBeCloseTo(expected(region, '2015'), 9);
    }
    // Region Hovedstaden, rounded as the workbook stores kr.
    expect(Math.round(at(ind, '084').value!)).toBe(224140);
    const note = ind.notes.join(' ');
    expect(note).toMatch(/INDKP106: tabellen har ingen regionstal; regionens gennemsnit er beregnet som summen af kommunernes Indkomstbeløb \(1\.000 kr\.\) \(ENHED 110\) × 1\.000 divideret med summen af deres Personer i gruppen \(antal\) \(ENHED 103\)/);
    expect(note).toMatch(/samme beregning giver landstallet 220\.185 kr\. mod tabellens 220\.185 kr\. for 2017/);
  });

  it('is left blank, and says why, when the same computation does not give the table’s own country figure', async () => {
    // ENHED 110 in kr. instead of 1.000 kr.: the check against the country row catches it.
    const client = await serve((t) => (t.id !== 'INDKP106' ? t : { ...t, value: (c) => (c.ENHED === '110' && c.OMRÅDE !== '000' ? income(c.OMRÅDE!, '110', c.Tid!)! * 1000 : t.value(c)) }));
    const { results } = await pull(client, only('DisponibelIndkomst'), { year: 2017 });
    const ind = ok(results, 'DisponibelIndkomst');
    expect(at(ind, '084').value).toBeNull();
    expect(at(ind, '183').value).toBe(193760);
    expect(ind.notes.join(' ')).toMatch(/kontrollen mod tabellens landstal for 2017 slog fejl \(beregnet .* kr\., tabellen 220\.185 kr\.\); regionsfeltet er tomt/);
  });

  it('finds ENHED 110 and 103 by their labels, and fails the indicator, listing the labels, when one no longer matches', async () => {
    const client = await serve(relabel('INDKP106', 'ENHED', '110', 'Indkomstbeløb (mio. kr.)'));
    const { results } = await pull(client, only('DisponibelIndkomst'), { year: 2017 });
    expect(failed(results, 'DisponibelIndkomst')).toMatch(
      /INDKP106: ENHED har ingen værdi med teksten "Indkomstbeløb \(1\.000 kr\.\)"; tabellen har 103 "Personer i gruppen \(antal\)", 110 "Indkomstbeløb \(mio\. kr\.\)", 118 "Gennemsnit for personer i gruppen \(kr\.\)"/,
    );
    expect(double.requests.filter((r) => r.kind === 'data')).toHaveLength(0);
  });
});

describe('Andel dømte: STRAFNA7 rows by their labels', () => {
  it('sums the penal code, the act on euphoriant substances and the weapons act, found by label (not STRAF42’s 3210/3410), and calls the sum an upper bound', async () => {
    const client = await serve();
    const { results } = await pull(client, only('Doemte'), { year: 2017 });
    const d = ok(results, 'Doemte');
    const data = double.requests.find((r) => r.kind === 'data' && r.table === 'STRAFNA7')!;
    expect(data.params['OVERTRÆD']!.split(',').sort()).toEqual(['1', '32', '34']);
    // Ishøj: (0.8 + 0.16 + 0.04) × 250 convicted over 22,719 inhabitants.
    expect(at(d, '183').taeller).toBe(250);
    expect(d.codes).toContain('STRAFNA7: OVERTRÆD=1,32,34');
    expect(d.notes.join(' ')).toMatch(/STRAFNA7: tallet er summen af Straffelov i alt, Lov om euforiserende stoffer, Våbenloven; .*øvre grænse for antallet af personer/);
  });

  it('leaves out, with a note, an act the table has no row for; a missing penal-code row fails the indicator with the labels', async () => {
    const withoutWeapons = await serve((t) => (t.id !== 'STRAFNA7' ? t : { ...t, variables: t.variables.map((v) => (v.id !== 'OVERTRÆD' ? v : { ...v, values: v.values.filter((x) => x.id !== '34') })) }));
    const first = await pull(withoutWeapons, only('Doemte'), { year: 2017 });
    const d = ok(first.results, 'Doemte');
    expect(at(d, '183').taeller).toBe(240);
    expect(d.notes.join(' ')).toMatch(/STRAFNA7: OVERTRÆD "Våbenloven" findes ikke i tabellen og er udeladt/);
    await double.close();

    const renamed = await serve(relabel('STRAFNA7', 'OVERTRÆD', '1', 'Straffeloven i alt'));
    const second = await pull(renamed, only('Doemte'), { year: 2017 });
    expect(failed(second.results, 'Doemte')).toMatch(/STRAFNA7: OVERTRÆD har ingen værdi med teksten "Straffelov i alt"; tabellen har TOT "Overtrædelsens art i alt", 1 "Straffeloven i alt", 2 "Færdselslov i alt", 32 "Lov om euforiserende stoffer", 34 "Våbenloven"/);
  });
});

describe('cells that may be suppressed', () => {
  // Læsø (825) has no convicted at all in 2017: 0 in every row.
  const laesoZero = (t: DoubleTable): DoubleTable => (t.id !== 'STRAFNA7' ? t : { ...t, value: (c) => (c.OMRÅDE === '825' && c.Tid === '2017' ? 0 : t.value(c)) });

  it('marks a 0 doubtful where the table’s suppressedDataValue is "0", and says so in the note', async () => {
    const client = await serve(laesoZero);
    const { results } = await pull(client, only('Doemte'), { year: 2017 });
    const d = ok(results, 'Doemte');
    expect(at(d, '825')).toEqual({ taeller: 0, naevner: expect.any(Number), value: 0, doubtful: true });
    // A 0 in an earlier year of the trend is not there; other municipalities are not doubtful.
    expect(at(d, '825', '2016').doubtful).toBeUndefined();
    expect(at(d, '183').doubtful).toBeUndefined();
    expect(d.notes.join(' ')).toMatch(/STRAFNA7: et skjult \(diskretioneret\) tal kan optræde som 0 i tabellen, så et 0 er usikkert; tallet for 2017 er usikkert for Læsø \(825\) og bør ikke rangeres som et rigtigt 0/);
  });

  it('takes a 0 as a real 0 where the table does not give suppressed cells as 0', async () => {
    const client = await serve((t) => ({ ...laesoZero(t), suppressedDataValue: '' }));
    const { results } = await pull(client, only('Doemte'), { year: 2017 });
    const d = ok(results, 'Doemte');
    expect(at(d, '825')).toEqual({ taeller: 0, naevner: expect.any(Number), value: 0 });
    expect(d.notes.join(' ')).not.toMatch(/usikkert/);
  });
});

describe('codes chosen by label', () => {
  const byLabel = () =>
    definitionsSchema.parse({
    indicators: [
      {
        indicator: 'Fuldtidsledige',
        figure: { kind: 'value', scale: 0.01, term: { table: 'AULKP01', area: 'OMRÅDE', select: { ALDER: [{ label: 'tot' }], KØN: [{ label: '  TOT ' }] } } },
      },
    ],
    });

  it('matches labels ignoring case and spacing, and uses the codes they stand for', async () => {
    const client = await serve();
    const { results } = await pull(client, byLabel(), { year: 2017 });
    expect(at(ok(results, 'Fuldtidsledige'), '183').value).toBeCloseTo(0.071, 10);
    expect(double.requests.find((r) => r.kind === 'data')!.params['ALDER']).toBe('TOT');
  });

  it('refuses a definition whose label is not a string', () => {
    expect(definitionsSchema.safeParse({ indicators: [{ indicator: 'X', figure: { kind: 'value', term: { table: 'T', area: 'A', select: { B: [{ label: 3 }] } } } }] }).success).toBe(false);
  });
});
