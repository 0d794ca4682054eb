/**
 * The Data sheet: every municipality's, region's and the country's StatBank figures as a pull
 * wrote them, with formulas for each municipality's rank among all 98 (1 = best by the
 * indicator's direction), and the last periods of the municipality, its region and the country
 * with the change over them. Also what a pull puts there (`DataContent`) and the figures and
 * ranks the sheet shows for it.
 */
import { AREAS } from '../../model/geography';
import { GEOGRAPHIES, STATBANK_INDICATORS, rankHighestFirst, storedDecimals, type GeographyId, type Indicator } from '../../model/indicators';
import { CITATION } from '../../model/sources';
import { TREND_LENGTH } from '../../model/statbank';
import type { CellValue, FormulaValue } from '../../scoring/excel';
import { changeFormula, rankFormula, shareFormula } from '../../scoring/formulas';
import { changeValue, rankValue, shareValue } from '../../scoring/score';
import { SheetBuilder, colIndex, columnLetter, type SheetSpec } from '../description';
import { NUMBER_FORMATS } from '../formats';
import { DATA_COLUMNS, DATA_FIRST_KOMMUNE_ROW, DATA_FIRST_ROW, DATA_LAST_ROW, DATA_SHEET, POPULATION_COLUMN, TREND, TREND_START, dataColumns, trendHeaderRow, trendRow } from '../layout';

/** A figure as stored: a value, or the two counts of a share. */
export interface StoredFigure {
  value?: number | null;
  taeller?: number | null;
  naevner?: number | null;
}

export interface DataContent {
  /** From where and when the figures were retrieved ("Kilde: Danmarks Statistik. Hentet …"), shown at the top. */
  hentet: string | null;
  /** Per indicator id (and "Folketal"): the period of the figures. */
  periods: Record<string, string | null>;
  /** Per area code, per indicator id. */
  areas: Record<string, Record<string, StoredFigure>>;
  /** Per indicator id: the trend periods (oldest first) and, per geography, one figure per period. */
  trend: Record<string, { periods: string[]; figures: Record<GeographyId, StoredFigure[]> }>;
  /** What the last pull wrote into input cells, by defined name. */
  written: Record<string, CellValue>;
}

/** The Data sheet's note before any pull; after one it says the source and when (`hentet`). */
export const NOT_PULLED = `${CITATION}. Endnu ikke hentet: kør "parathed fetch".`;
/** Where the note is: the Data sheet's A2. */
export const HENTET_CELL = 'A2';

export function emptyData(): DataContent {
  return { hentet: null, periods: {}, areas: {}, trend: {}, written: {} };
}

export function changeResult(ind: Indicator, g: GeographyId, data: DataContent): CellValue | string {
  const t = data.trend[ind.id];
  const series = (t?.figures[g] ?? []).map((f) => figureValue(ind, f));
  return changeValue(series[0] ?? null, series[TREND_LENGTH - 1] ?? null, storedDecimals(ind));
}

/** The figure a stored value shows (a share is computed from its counts as the sheet does). */
export function figureValue(ind: Indicator, f: StoredFigure | undefined): CellValue | string {
  if (!f) return null;
  if (ind.andel) return shareValue(f.taeller ?? null, f.naevner ?? null, null, storedDecimals(ind));
  return f.value ?? null;
}

const numFmt = (ind: Indicator) => NUMBER_FORMATS[ind.enhed];

/** Every municipality's figure for an indicator and its rank among them, in AREAS order. */
export function kommuneRanks(ind: Indicator, data: DataContent): { values: CellValue[]; ranks: FormulaValue[] } {
  const values = AREAS.filter((a) => a.kommune).map((a) => figureValue(ind, data.areas[a.code]?.[ind.id])) as CellValue[];
  return { values, ranks: values.map((v) => rankValue(v, values, rankHighestFirst(ind))) };
}

export function describeDataSheet(data: DataContent): SheetSpec {
  const s = new SheetBuilder(DATA_SHEET, [8, 22, 22, ...Array.from({ length: DATA_COLUMNS.width }, () => 13)], { tabColor: '7F7F7F' });
  s.text(1, 'Tal for alle kommuner, regionerne og hele landet', 'title');
  s.height(26);
  s.next();
  s.put(1, { value: data.hentet ?? NOT_PULLED, style: 'note' });
  s.merge(1, 12);
  s.next();
  s.text(1, 'Placering: nr. 1 er den kommune, der står bedst efter indikatorens retning. Indikatorer uden retning (befolkningens sammensætning) rangeres fra den højeste (1.) uden at kaldes bedre eller dårligere.', 'note');
  s.merge(1, 12);
  s.next();
  // Row 4: indicator names and periods; row 5: column headers.
  for (const ind of [...STATBANK_INDICATORS(), POPULATION_COLUMN]) {
    const c = dataColumns(ind.id);
    const first = c.taeller ?? c.value;
    const period = data.periods[ind.id];
    s.put(colIndex(first), { value: `${ind.navn}${period ? ` (${period})` : ''}`, style: 'group' });
    const lastCol = colIndex(c.rank ?? c.value);
    if (lastCol > colIndex(first)) s.merge(colIndex(first), lastCol);
  }
  s.height(45);
  s.next();
  ['Kode', 'Område', 'Region'].forEach((h, i) => s.text(i + 1, h, 'tableHeader'));
  for (const ind of [...STATBANK_INDICATORS(), POPULATION_COLUMN]) {
    const c = dataColumns(ind.id);
    if (c.taeller) s.put(colIndex(c.taeller), { value: 'Tæller', style: 'tableHeader' });
    if (c.naevner) s.put(colIndex(c.naevner), { value: 'Nævner', style: 'tableHeader' });
    s.put(colIndex(c.value), { value: 'andel' in ind && ind.andel ? 'Andel' : 'Værdi', style: 'tableHeader' });
    if (c.rank) s.put(colIndex(c.rank), { value: 'Placering', style: 'tableHeader' });
  }
  s.spec.frozenRows = s.row;
  // Printed at full size over as many pages as it takes, the headers and the areas' names on each.
  s.spec.print = { ...s.spec.print, fit: 'none', titleRows: `${s.row - 1}:${s.row}`, titleColumns: 'A:B' };
  s.next();
  if (s.row !== DATA_FIRST_ROW) throw new Error('Data sheet layout out of step with DATA_FIRST_ROW in layout.ts');

  // Values first, so the ranks can be computed from the whole column.
  const ranksOf = new Map(STATBANK_INDICATORS().map((ind) => [ind.id, kommuneRanks(ind, data).ranks]));
  let kommuneIndex = 0;
  for (const area of AREAS) {
    s.text(1, area.code, 'label');
    s.text(2, area.navn, area.kommune ? 'label' : 'labelStrong');
    s.text(3, area.region, 'label');
    for (const ind of STATBANK_INDICATORS()) {
      const c = dataColumns(ind.id);
      const f = data.areas[area.code]?.[ind.id];
      if (ind.andel) {
        s.put(colIndex(c.taeller!), { value: f?.taeller ?? null, style: 'text', numFmt: '#,##0' });
        s.put(colIndex(c.naevner!), { value: f?.naevner ?? null, style: 'text', numFmt: '#,##0' });
        s.put(colIndex(c.value), {
          formula: shareFormula(`${c.taeller}${s.row}`, `${c.naevner}${s.row}`, `""`, storedDecimals(ind)),
          result: figureValue(ind, f) as number | string,
          style: 'result',
          numFmt: numFmt(ind),
        });
      } else {
        s.put(colIndex(c.value), { value: f?.value ?? null, style: 'text', numFmt: numFmt(ind) });
      }
      if (area.kommune) {
        const range = `$${c.value}$${DATA_FIRST_KOMMUNE_ROW}:$${c.value}$${DATA_LAST_ROW}`;
        s.put(colIndex(c.rank!), {
          formula: rankFormula(`${c.value}${s.row}`, range, rankHighestFirst(ind)),
          result: ranksOf.get(ind.id)![kommuneIndex]!,
          style: 'result',
        });
      }
    }
    const pop = dataColumns(POPULATION_COLUMN.id);
    s.put(colIndex(pop.value), { value: data.areas[area.code]?.[POPULATION_COLUMN.id]?.value ?? null, style: 'text', numFmt: '#,##0' });
    if (area.kommune) kommuneIndex++;
    s.next();
  }

  s.row = TREND_START;
  s.text(1, `Udvikling over de seneste ${TREND_LENGTH} perioder (kommunen, dens region og hele landet)`, 'heading');
  for (const ind of STATBANK_INDICATORS()) {
    const t = data.trend[ind.id];
    s.row = trendHeaderRow(ind);
    s.text(1, '', 'tableHeader');
    s.text(2, ind.navn, 'tableHeader');
    for (let p = 0; p < TREND_LENGTH; p++) s.put(TREND.valueCol(p), { value: t?.periods[p] ?? null, style: 'tableHeader' });
    s.text(TREND.changeCol, ind.enhed === 'andel' ? 'Ændring (pct.-point)' : 'Ændring', 'tableHeader');
    if (ind.andel) {
      s.text(TREND.taellerCol(0), 'Tællere', 'tableHeader');
      s.text(TREND.naevnerCol(0), 'Nævnere', 'tableHeader');
    }
    for (const g of GEOGRAPHIES) {
      s.row = trendRow(ind, g.id);
      const series = t?.figures[g.id] ?? [];
      s.text(2, g.navn, 'label');
      for (let p = 0; p < TREND_LENGTH; p++) {
        const f = series[p];
        if (ind.andel) {
          s.put(TREND.taellerCol(p), { value: f?.taeller ?? null, style: 'text', numFmt: '#,##0' });
          s.put(TREND.naevnerCol(p), { value: f?.naevner ?? null, style: 'text', numFmt: '#,##0' });
          s.put(TREND.valueCol(p), {
            formula: shareFormula(`${columnLetter(TREND.taellerCol(p))}${s.row}`, `${columnLetter(TREND.naevnerCol(p))}${s.row}`, `""`, storedDecimals(ind)),
            result: figureValue(ind, f) as number | string,
            style: 'result',
            numFmt: numFmt(ind),
          });
        } else {
          s.put(TREND.valueCol(p), { value: f?.value ?? null, style: 'text', numFmt: numFmt(ind) });
        }
      }
      s.put(TREND.changeCol, {
        formula: changeFormula(`${columnLetter(TREND.valueCol(0))}${s.row}`, `${columnLetter(TREND.valueCol(TREND_LENGTH - 1))}${s.row}`, storedDecimals(ind)),
        result: changeResult(ind, g.id, data) as number | string,
        style: 'result',
        numFmt: numFmt(ind),
      });
    }
  }
  return s.spec;
}
