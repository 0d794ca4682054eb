/**
 * Every fixed position of the template, computed here and nowhere else: the sheets, the named
 * lists, the Score sheet's rows, the columns of the Indikatorer table, the Data sheet's grid and
 * its trend block, and the summary's columns. The sheet descriptions, the readers, the pull and
 * the summary import these; where a description lays out rows as it goes, it checks that it
 * lands where this module says. A change here changes the template's layout.
 */
import { AREAS } from '../model/geography';
import { GEOGRAPHIES, STATBANK_INDICATORS, type GeographyId, type Indicator } from '../model/indicators';
import { PARAMETERS, type Parameter } from '../model/parameters';
import { TREND_LENGTH } from '../model/statbank';
import { columnLetter } from './description';

export const DATA_SHEET = 'Data';
export const LOG_SHEET = 'Hentninger';

/** The template's sheets, in tab order. */
export const SHEETS = {
  vejledning: 'Vejledning',
  kommune: 'Kommune',
  indikatorer: 'Indikatorer',
  selvevaluering: 'Selvevaluering',
  vurdering: 'Vurdering',
  score: 'Score',
  data: DATA_SHEET,
  hentninger: LOG_SHEET,
  lister: 'Lister',
} as const;

/** Defined names over the lists the validations and lookups use. */
export const LIST_NAMES = {
  skala: 'Skala_Etiketter',
  kommuneNavne: 'Liste_KommuneNavne',
  kommuneKoder: 'Liste_KommuneKoder',
  kommuneRegioner: 'Liste_KommuneRegioner',
  kommunePolitikredse: 'Liste_KommunePolitikredse',
  temaer: 'Liste_Temaer',
} as const;

// ---------------------------------------------------------------------------------------------
// Score sheet: one row per parameter from `firstRow`, the counted value in column C.

export const SCORE = {
  firstRow: 4,
  valueCol: 'C',
} as const;

/** The cell on the Score sheet holding the counted value of a parameter's rating ("C4"). */
export function scoreValueCell(p: Parameter): string {
  return `${SCORE.valueCol}${SCORE.firstRow + PARAMETERS.indexOf(p)}`;
}
/** The same as an absolute reference from another sheet ("Score!$C$4"). */
export function scoreValueRef(p: Parameter): string {
  return `${SHEETS.score}!$${SCORE.valueCol}$${SCORE.firstRow + PARAMETERS.indexOf(p)}`;
}

// ---------------------------------------------------------------------------------------------
// Indikatorer: the table's columns (1 = A).

export const INDIKATOR_COLUMNS = {
  navn: 1,
  periode: 5,
  placering: 6,
  udvikling: 7,
  geografi: 8,
  kilde: 9,
  koder: 10,
  hentet: 11,
  fodnote: 12,
  retning: 13,
  beskrivelse: 14,
  begrundelse: 15,
  vejledning: 16,
} as const;
export const GEO_COLUMNS: Record<GeographyId, number> = { Kommune: 2, Region: 3, Land: 4 };

// ---------------------------------------------------------------------------------------------
// Data sheet: one row per area (the country, the regions, the municipalities) from FIRST_ROW;
// columns D onwards per StatBank indicator (counts, share and rank, or value and rank), then the
// population; below, the trend block.

export const DATA_FIRST_ROW = 6;
export const DATA_FIRST_KOMMUNE_ROW = DATA_FIRST_ROW + AREAS.findIndex((a) => a.kommune);
export const DATA_LAST_ROW = DATA_FIRST_ROW + AREAS.length - 1;

/** The Data sheet row of an area (by its position in AREAS). */
export const dataRow = (areaIndex: number) => DATA_FIRST_ROW + areaIndex;

/** Where an indicator's columns are on the Data sheet. */
export interface DataColumns {
  value: string;
  taeller?: string;
  naevner?: string;
  rank?: string;
}

/** The population column's id on the Data sheet. */
export const POPULATION_COLUMN = { id: 'Folketal', navn: 'Folketal' } as const;

function layoutColumns() {
  const cols = new Map<string, DataColumns>();
  let next = 4;
  for (const ind of STATBANK_INDICATORS()) {
    if (ind.andel) {
      cols.set(ind.id, { taeller: columnLetter(next), naevner: columnLetter(next + 1), value: columnLetter(next + 2), rank: columnLetter(next + 3) });
      next += 4;
    } else {
      cols.set(ind.id, { value: columnLetter(next), rank: columnLetter(next + 1) });
      next += 2;
    }
  }
  cols.set(POPULATION_COLUMN.id, { value: columnLetter(next) });
  return { cols, width: next };
}
/** Columns per indicator id (and the population's), and the number of the last column. */
export const DATA_COLUMNS = layoutColumns();
export const dataColumns = (id: string): DataColumns => DATA_COLUMNS.cols.get(id)!;

/** Absolute references the Indikatorer sheet uses to look up the municipality's rank. */
export function dataRefs(ind: Indicator) {
  const c = dataColumns(ind.id);
  const range = (col: string) => `${DATA_SHEET}!$${col}$${DATA_FIRST_KOMMUNE_ROW}:$${col}$${DATA_LAST_ROW}`;
  return { codes: range('A'), values: range(c.value), ranks: range(c.rank!) };
}

/**
 * The trend block: per indicator a header row (the periods) and one row per geography, with the
 * figures in columns C.., the change after them, and for a share the counts further right.
 */
export const TREND_START = DATA_LAST_ROW + 4;
export const TREND = {
  /** Column (1 = A) of the p-th period's figure, p from 0. */
  valueCol: (p: number) => 3 + p,
  /** Column of the change over the periods. */
  changeCol: 3 + TREND_LENGTH,
  taellerCol: (p: number) => 4 + TREND_LENGTH + p,
  naevnerCol: (p: number) => 4 + 2 * TREND_LENGTH + p,
  /** The last column the block uses. */
  lastCol: 3 + 3 * TREND_LENGTH,
} as const;

export function trendRow(ind: Indicator, g: GeographyId): number {
  const i = STATBANK_INDICATORS().indexOf(ind);
  return TREND_START + 1 + i * (GEOGRAPHIES.length + 2) + 1 + GEOGRAPHIES.findIndex((x) => x.id === g);
}
export const trendHeaderRow = (ind: Indicator) => trendRow(ind, GEOGRAPHIES[0].id) - 1;
/** The last row the Data sheet uses. */
export const DATA_END_ROW = trendRow(STATBANK_INDICATORS()[STATBANK_INDICATORS().length - 1]!, GEOGRAPHIES[GEOGRAPHIES.length - 1]!.id);

/** The p-th trend figure of a geography, as "H120" and as an absolute reference from another sheet. */
export function trendCell(ind: Indicator, g: GeographyId, p: number): { cell: string; ref: string } {
  const col = columnLetter(TREND.valueCol(p));
  const row = trendRow(ind, g);
  return { cell: `${col}${row}`, ref: `${DATA_SHEET}!$${col}$${row}` };
}
/** The cell holding the change over the trend periods for a geography. */
export function changeRef(ind: Indicator, g: GeographyId): string {
  return `${DATA_SHEET}!$${columnLetter(TREND.changeCol)}$${trendRow(ind, g)}`;
}

// ---------------------------------------------------------------------------------------------
// Ledelsesresumé: its columns (1 = A) and their widths.

/** The summary's columns (1 = A); `sidste` and `sidstePeriode` only on a summary with the previous cycle. */
export interface SummaryColumns {
  /** Labels, indicator names, theme names; the self-evaluation's ratings. */
  label: number;
  /** The municipality's figure; the self-evaluation's scores. */
  kommune: number;
  /** "*" when the municipal figure covers another geography. */
  geografi: number;
  /** The previous cycle's figure or rating ("Sidste vurdering"), beside the current one. */
  sidste?: number;
  /** Regionalt; also where the assessed parameters' labels start. */
  region: number;
  land: number;
  /** "I forhold til landet"; also the Omfang labels, and the end of the assessed parameters' labels. */
  versus: number;
  /** Placering; also the assessed ratings. */
  placering: number;
  /** Periode; also the previous assessed ratings, or (without them) where the score's block starts. */
  periode: number;
  /** The previous cycle's period of an indicator; also where the score's block starts. */
  sidstePeriode?: number;
  /** The trend's TREND_LENGTH cells start here; the scale's levels sit in the same columns. */
  trend: number;
  /** Kilde; also Omfang's values and the score's values. */
  kilde: number;
}

/**
 * The summary's grid: without the previous cycle A to N, with it two more columns (the previous
 * figure after the municipality's, the previous period after the period). The columns are as
 * narrow as their headers and values allow at the summary's 9 pt ("2016/2017", "nr. 98 af 98",
 * "dårligere end landet"; all but the longest indicator's name on one line), so that the summary
 * prints on one A4 page, landscape, at 8 pt or more (src/summary/summary.ts says how).
 */
export function summaryGrid(previous: boolean): { C: SummaryColumns; widths: number[] } {
  const widths: number[] = [];
  const col = (width: number) => widths.push(width);
  const C = {} as { -readonly [K in keyof SummaryColumns]: SummaryColumns[K] };
  // With the previous cycle's two columns, the names and sources are a little narrower.
  C.label = col(previous ? 36 : 40);
  C.kommune = col(8);
  C.geografi = col(1.5);
  if (previous) C.sidste = col(7);
  C.region = col(8);
  C.land = col(8);
  C.versus = col(16);
  C.placering = col(9);
  C.periode = col(8);
  if (previous) C.sidstePeriode = col(8);
  C.trend = col(1.5);
  for (let p = 1; p < TREND_LENGTH; p++) col(1.5);
  C.kilde = col(previous ? 16 : 20);
  return { C, widths };
}

export const SUMMARY_WIDTHS = summaryGrid(false).widths;
