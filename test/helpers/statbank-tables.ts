/**
 * Constructed StatBank tables for the TEST DOUBLE: the built-in definitions' tables with values
 * chosen so that Ishøj (183), Region Hovedstaden (084) and the whole country (000) give the 2017
 * report's figures. Every other municipality gets plain values.
 */
import { KOMMUNER, REGIONER } from '../../src/model/geography';
import type { DoubleTable, DoubleVariable } from './statbank-double';

const areas = (regions = true): DoubleVariable => ({
  id: 'OMRÅDE',
  text: 'område',
  values: [
    { id: '000', text: 'Hele landet' },
    ...(regions ? REGIONER.map((r) => ({ id: r.dstCode, text: r.navn })) : []),
    ...KOMMUNER.map((k) => ({ id: k.dstCode, text: k.navn })),
    { id: '411', text: 'Christiansø' },
  ],
});
const codes = (id: string, list: string[], text = id.toLowerCase()): DoubleVariable => ({ id, text, values: list.map((c) => ({ id: c, text: c })) });
const labelled = (id: string, list: [string, string][]): DoubleVariable => ({ id, text: id.toLowerCase(), values: list.map(([c, text]) => ({ id: c, text })) });
const time = (list: string[]): DoubleVariable => ({ id: 'Tid', text: 'tid', time: true, values: list.map((c) => ({ id: c, text: c })) });
const years = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
const quarters = (from: number, to: number) => years(from, to).flatMap((y) => ['K1', 'K2', 'K3', 'K4'].map((q) => `${y}${q}`));

/**
 * Value by area for Ishøj, the region, the country, other municipalities; in 2017 (every quarter)
 * the report's figures, in other years a little more per year, so a wrong period shows.
 */
const pick = (area: string, ishoej: number, region: number, land: number, other: number, period = '2017') => {
  const base = area === '183' ? ishoej : area === '084' ? region : area === '000' ? land : area.startsWith('08') ? other * 20 : other;
  const years = Number(period.slice(0, 4)) - 2017;
  return years === 0 ? base : base * (1 + 0.01 * years);
};

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * INDKP106, built like the real table: per municipality persons (ENHED 103), their income in
 * 1.000 kr. (110, rounded) and the mean in kr. (118); the country's 118 is its total over its
 * persons. Ishøj has the report's 193.760 kr.; Copenhagen's total is chosen so that the country's
 * mean in 2017 is the report's 220.185 kr. Other years: means 1 % higher a year.
 */
const INCOME_BASE = new Map(
  KOMMUNER.map((k) => {
    const n = Number(k.dstCode);
    return [k.dstCode, k.dstCode === '183' ? { persons: 17_000, mean: 193_760 } : { persons: k.dstCode === '101' ? 520_000 : 8_000 + (n % 13) * 1_000, mean: 200_000 + (n % 17) * 2_000 }];
  }),
);
const COPENHAGEN_2017_TOTAL = (() => {
  const persons = [...INCOME_BASE.values()].reduce((s, x) => s + x.persons, 0);
  const others = [...INCOME_BASE].filter(([code]) => code !== '101').reduce((s, [, x]) => s + Math.round((x.persons * x.mean) / 1000), 0);
  return Math.round((220_185 * persons) / 1000) - others;
})();

function incomeOf(code: string, period: string): { persons: number; total: number; mean: number } {
  const f = 1 + 0.01 * (Number(period.slice(0, 4)) - 2017);
  if (code === '000') {
    const all = KOMMUNER.map((k) => incomeOf(k.dstCode, period));
    const persons = all.reduce((s, x) => s + x.persons, 0);
    const total = all.reduce((s, x) => s + x.total, 0);
    return { persons, total, mean: Math.round((total * 1000) / persons) };
  }
  const base = INCOME_BASE.get(code);
  if (!base) return { persons: 0, total: 0, mean: 0 };
  if (code === '101') {
    const total = Math.round(COPENHAGEN_2017_TOTAL * f);
    return { persons: base.persons, total, mean: Math.round((total * 1000) / base.persons) };
  }
  const mean = Math.round(base.mean * f);
  return { persons: base.persons, total: Math.round((base.persons * mean) / 1000), mean };
}

/** An INDKP106 cell: ENHED 103 persons, 110 income (1.000 kr.), 118 mean (kr.). */
export function income(area: string, enhed: string, period: string): number | null {
  const x = incomeOf(area, period);
  return enhed === '103' ? x.persons : enhed === '110' ? x.total : enhed === '118' ? x.mean : null;
}

export const ALDER_30_59 = ['30-34', '35-39', '40-44', '45-49', '50-54', '55-59'];

export function reportTables(): DoubleTable[] {
  return [
    {
      id: 'AULKP01',
      text: 'Fuldtidsledige i pct. af arbejdsstyrken',
      variables: [areas(), codes('ALDER', ['TOT', '16-24', '25-29']), codes('KØN', ['TOT', 'M', 'K']), time(quarters(2015, 2018))],
      value: (c) => round1(pick(c.OMRÅDE!, 7.1, 4.3, 4.1, 5, c.Tid)),
    },
    {
      id: 'INDKP106',
      text: 'Indkomst for personer over 14 år',
      // Like the real table: the country and the municipalities, no regions; ENHED 103/110/118;
      // INDKINTB "Alle" is 000.
      variables: [
        areas(false),
        labelled('ENHED', [
          ['103', 'Personer i gruppen (antal)'],
          ['110', 'Indkomstbeløb (1.000 kr.)'],
          ['118', 'Gennemsnit for personer i gruppen (kr.)'],
        ]),
        codes('KOEN', ['MOK', 'M', 'K']),
        codes('ALDER1', ['00', '15-19']),
        labelled('INDKINTB', [
          ['000', 'Alle'],
          ['100', 'Under 100.000 kr.'],
        ]),
        time(years(2012, 2017)),
      ],
      value: (c) => income(c.OMRÅDE!, c.ENHED!, c.Tid!),
    },
    {
      id: 'HFUDD11',
      text: 'Befolkningens højeste fuldførte uddannelse',
      variables: [
        { ...areas(), id: 'BOPOMR', text: 'bopælsområde' },
        codes('HERKOMST', ['TOT', '5']),
        codes('HFUDD', ['TOT', 'H10', 'H20']),
        codes('ALDER', ['25-29', ...ALDER_30_59, '60-64']),
        codes('KØN', ['TOT', 'M', 'K']),
        time(years(2013, 2017)),
      ],
      value: (c) => {
        const tot = Math.round(pick(c.BOPOMR!, 1000, 10000, 100000, 500, c.Tid));
        return c.HFUDD === 'H10' ? Math.round(pick(c.BOPOMR!, 287, 1490, 17800, 100, c.Tid)) : tot;
      },
    },
    {
      id: 'STRAFNA7',
      text: 'Skyldige personer efter område og overtrædelsens art',
      // Rows coded unlike STRAF42 (3210/3410 there), so only their labels find them.
      variables: [
        areas(),
        labelled('OVERTRÆD', [
          ['TOT', 'Overtrædelsens art i alt'],
          ['1', 'Straffelov i alt'],
          ['2', 'Færdselslov i alt'],
          ['32', 'Lov om euforiserende stoffer'],
          ['34', 'Våbenloven'],
        ]),
        time(years(2011, 2017)),
      ],
      value: (c) => {
        const share = { TOT: 1.2, '1': 0.8, '2': 0.2, '32': 0.16, '34': 0.04 }[c.OVERTRÆD as 'TOT'] ?? 0;
        return Math.round(share * pick(c.OMRÅDE!, 250, 14000, 40000, 50, c.Tid));
      },
    },
    {
      id: 'FOLK1E',
      text: 'Folketal den 1. i kvartalet efter område og herkomst',
      variables: [areas(), codes('KØN', ['TOT', '1', '2']), codes('ALDER', ['IALT', '0-4']), codes('HERKOMST', ['TOT', '5', '24', '25', '34', '35']), time(quarters(2015, 2017))],
      value: (c) => {
        const tot = Math.round(pick(c.OMRÅDE!, 22719, 1_800_000, 5_748_769, 10000, c.Tid));
        const nonWestern = Math.round(pick(c.OMRÅDE!, 7293, 226_800, 482_897, 500, c.Tid));
        return c.HERKOMST === 'TOT' ? tot : c.HERKOMST === '25' ? Math.round(nonWestern * 0.7) : c.HERKOMST === '35' ? nonWestern - Math.round(nonWestern * 0.7) : 0;
      },
    },
    {
      id: 'FOLK1A',
      text: 'Befolkningen den 1. i kvartalet',
      variables: [areas(), codes('KØN', ['TOT', '1', '2']), codes('ALDER', ['IALT', '0']), codes('CIVILSTAND', ['TOT', 'U']), time(quarters(2014, 2017))],
      value: (c) => Math.round(pick(c.OMRÅDE!, 22719, 1_750_000, 5_714_286, 10000, c.Tid)),
    },
  ];
}
