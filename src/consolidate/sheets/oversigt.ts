/**
 * Oversigt: an Excel table with one row per municipality (its newest accepted file), sorted by
 * Samlet score, highest first, incomplete rows last. The ratings are the counted values of the
 * file's rating cells; the scores are the template's own formulas (scoreFormulas) on the row's
 * ratings, with the mirror's results cached. Below the table: the count, mean and median of every
 * numeric column over all the complete rows (Samlet score above 0), right in any order of the
 * rows and unchanged by a filter, from the raw values (a score's mean is the mean of the rows'
 * ratings, never a mean of rounded means); colour scales on the ratings.
 */
import { INDICATORS, type Indicator } from '../../model/indicators';
import { ASSESSED_PARAMETERS, PARAMETERS, PARAMETER_KIND_LABEL, SELF_PARAMETERS } from '../../model/parameters';
import { SCALE_MAX, SCALE_MIN } from '../../model/scale';
import { isNumber, type FormulaValue } from '../../scoring/excel';
import { completeBlockMeanFormula, completeCountFormula, completeMeanFormula, completeMedianFormula, scoreFormulas } from '../../scoring/formulas';
import { completeBlockMeanValue, completeCountValue, completeMeanValue, completeMedianValue, type StatisticsRow } from '../../scoring/score';
import { SheetBuilder, columnLetter, type CellSpec, type SheetSpec } from '../../workbook/description';
import { NUMBER_FORMATS, isoToSerial } from '../../workbook/formats';
import { LIST_NAMES } from '../../workbook/layout';
import type { Consolidation, OverviewRow } from '../consolidate';

export const OVERSIGT_SHEET = 'Oversigt';
export const OVERSIGT_TABLE = 'Kommuneoversigt';

/** The headers the issue fixes; the parameters' and indicators' come from the model. */
const EGEN = 'Egen vurdering';
const SAMLET = 'Samlet score';
const CHANGE_FORMAT = '+0.0;-0.0;0.0';
const periodHeader = (ind: Indicator) => `${ind.navn}: periode`;

/** Column numbers (1 = A) of the table. */
const COL = (() => {
  const rating = (i: number) => 5 + i;
  const after = rating(PARAMETERS.length);
  const indicator = (i: number) => after + 5 + 2 * i;
  return { kode: 1, kommune: 2, region: 3, dato: 4, rating, egen: after, vurdering: after + 1, samlet: after + 2, niveau: after + 3, change: after + 4, indicator, fil: indicator(INDICATORS.length) };
})();

/** The headers, in column order. */
export function oversigtHeaders(): string[] {
  return [
    'Kode',
    'Kommune',
    'Region',
    'Vurderingsdato',
    ...PARAMETERS.map((p) => p.navn),
    EGEN,
    PARAMETER_KIND_LABEL.vurdering,
    SAMLET,
    'Niveau',
    'Ændring i samlet score',
    ...INDICATORS.flatMap((ind) => [ind.navn, periodHeader(ind)]),
    'Fil',
  ];
}

/** The columns of a block of parameters (they stand in the model's order, each kind together). */
function block(params: readonly { id: string }[]): [number, number] {
  const cols = params.map((p) => COL.rating(PARAMETERS.findIndex((q) => q.id === p.id)));
  if (cols.some((c, i) => i > 0 && c !== cols[i - 1]! + 1)) throw new Error('The parameters of one kind are not together in the model');
  return [cols[0]!, cols[cols.length - 1]!];
}
const range = (from: number, to: number, first: number, last: number) => `${columnLetter(from)}${first}:${columnLetter(to)}${last}`;
const absoluteRange = (from: number, to: number, first: number, last: number) => `$${columnLetter(from)}$${first}:$${columnLetter(to)}$${last}`;
const num = (v: FormulaValue | null) => (isNumber(v) ? v : null);

function rowCells(row: OverviewRow, r: number): Omit<CellSpec, 'ref'>[] {
  const { entry } = row;
  const [egenFrom, egenTo] = block(SELF_PARAMETERS);
  const [vurdFrom, vurdTo] = block(ASSESSED_PARAMETERS);
  const f = scoreFormulas({
    all: range(COL.rating(0), COL.rating(PARAMETERS.length - 1), r, r),
    egen: range(egenFrom, egenTo, r, r),
    vurdering: range(vurdFrom, vurdTo, r, r),
    samlet: `${columnLetter(COL.samlet)}${r}`,
    labels: LIST_NAMES.skala,
  });
  const score = (formula: string, result: FormulaValue, numFmt?: string): Omit<CellSpec, 'ref'> => ({ formula, result, style: 'result', ...(numFmt ? { numFmt } : {}) });
  return [
    { value: entry.kommune.dstCode, style: 'label' },
    { value: entry.kommune.navn, style: 'label' },
    { value: entry.kommune.region.navn, style: 'label' },
    { value: entry.dato === null ? null : isoToSerial(entry.dato), style: 'label', numFmt: NUMBER_FORMATS.date },
    ...entry.ratings.map((v) => ({ value: num(v), style: 'result' as const })),
    score(f.egen, entry.score.egen, NUMBER_FORMATS.score),
    score(f.vurdering, entry.score.vurdering, NUMBER_FORMATS.score),
    score(f.samlet, entry.score.samlet, NUMBER_FORMATS.score),
    score(f.niveau, entry.score.niveau),
    { value: num(row.change), style: 'result', numFmt: CHANGE_FORMAT },
    ...INDICATORS.flatMap((ind) => {
      const i = entry.indicators[ind.id]!;
      return [
        { value: i.figure, style: 'result' as const, numFmt: NUMBER_FORMATS[ind.enhed] },
        { value: i.periode, style: 'label' as const },
      ];
    }),
    { value: row.file, style: 'label' },
  ];
}

/** The numeric columns' statistics: which column, over which columns' values the mean is taken, its format. */
function statistics(): { col: number; meanOf: [number, number]; numFmt: string }[] {
  const ratings = PARAMETERS.map((_, i) => ({ col: COL.rating(i), meanOf: [COL.rating(i), COL.rating(i)] as [number, number], numFmt: '0.00' }));
  return [
    ...ratings,
    { col: COL.egen, meanOf: block(SELF_PARAMETERS), numFmt: '0.00' },
    { col: COL.vurdering, meanOf: block(ASSESSED_PARAMETERS), numFmt: '0.00' },
    { col: COL.samlet, meanOf: [COL.rating(0), COL.rating(PARAMETERS.length - 1)], numFmt: '0.00' },
    { col: COL.change, meanOf: [COL.change, COL.change], numFmt: '+0.00;-0.00;0.00' },
    ...INDICATORS.map((ind, i) => ({ col: COL.indicator(i), meanOf: [COL.indicator(i), COL.indicator(i)] as [number, number], numFmt: NUMBER_FORMATS[ind.enhed] })),
  ];
}

export function describeOversigt(c: Consolidation): SheetSpec {
  const headers = oversigtHeaders();
  const wide: Record<number, number> = { [COL.fil]: 36, [COL.kommune]: 20, [COL.region]: 20, [COL.niveau]: 14 };
  const widths = headers.map((h, i) => wide[i + 1] ?? Math.min(Math.max(10, Math.ceil(h.length / 2) + 2), 24));
  const s = new SheetBuilder(OVERSIGT_SHEET, widths, { tabColor: '1F4E79' });
  s.spec.unprotected = true;
  s.spec.frozenRows = 1;
  // Printed at full size, the headers and the municipality on every page (41 columns do not fit a page's width).
  s.spec.print = { paper: 'A4', orientation: 'landscape', fit: 'none', titleRows: '1:1', titleColumns: 'A:B' };
  headers.forEach((h, i) => s.text(i + 1, h, 'tableHeader'));
  s.height(60);
  s.next();
  const first = s.row;
  const rows = c.rows.map((row, i) => rowCells(row, first + i));
  for (const cells of rows) {
    cells.forEach((cell, i) => s.put(i + 1, cell));
    s.next();
  }
  const last = s.row - 1;
  s.spec.tables = [{ name: OVERSIGT_TABLE, range: `A1:${columnLetter(headers.length)}${last}` }];
  s.spec.colorScales = [
    {
      range: range(COL.rating(0), COL.rating(PARAMETERS.length - 1), first, last),
      min: { value: SCALE_MIN, color: 'F8696B' },
      mid: { value: (SCALE_MIN + SCALE_MAX) / 2, color: 'FFEB84' },
      max: { value: SCALE_MAX, color: '63BE7B' },
    },
  ];

  // The statistics: over the table's whole data body (absolute, so a sort or a filter of the
  // table changes nothing), the complete rows (Samlet score above 0) counted wherever they stand.
  const score = absoluteRange(COL.samlet, COL.samlet, first, last);
  const column = (from: number, to: number): StatisticsRow[] =>
    rows.map((cells) => ({
      score: cells[COL.samlet - 1]!.result ?? '',
      values: cells.slice(from - 1, to).map((cell) => (cell.formula !== undefined ? (cell.result ?? null) : (cell.value ?? null))),
    }));
  s.next();
  const labels = ['Antal (alle komplette rækker)', 'Gennemsnit af alle komplette rækker', 'Median af alle komplette rækker'];
  labels.forEach((label, k) => {
    s.text(COL.kode, label, 'labelStrong');
    s.merge(COL.kode, COL.dato);
    for (const st of statistics()) {
      const own = absoluteRange(st.col, st.col, first, last);
      const width = st.meanOf[1] - st.meanOf[0] + 1;
      if (k === 0) {
        s.put(st.col, { formula: completeCountFormula(own, score), result: completeCountValue(column(st.col, st.col)), style: 'result' });
      } else if (k === 1 && width > 1) {
        const block = absoluteRange(st.meanOf[0], st.meanOf[1], first, last);
        s.put(st.col, { formula: completeBlockMeanFormula(block, width, score), result: completeBlockMeanValue(column(st.meanOf[0], st.meanOf[1]), width), style: 'result', numFmt: st.numFmt });
      } else if (k === 1) {
        s.put(st.col, { formula: completeMeanFormula(own, score), result: completeMeanValue(column(st.col, st.col)), style: 'result', numFmt: st.numFmt });
      } else {
        s.put(st.col, { formula: completeMedianFormula(own, score), result: completeMedianValue(column(st.col, st.col)), style: 'result', numFmt: st.numFmt });
      }
    }
    s.next();
  });
  return s.spec;
}
