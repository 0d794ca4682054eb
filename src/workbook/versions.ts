/**
 * Every released template version's layout, as data (`layouts/<version>.json`): its sheets, where
 * each defined name points, every formula, and the Data sheet's grid. The reader reads a workbook
 * through the layout of the version it says it is; the current version's data must equal what the
 * sheet descriptions give (a test fails otherwise), so a layout change needs a new
 * TEMPLATE_VERSION and its own file (`npm run layout` writes it).
 */
import { KNOWN_TEMPLATE_VERSIONS, STATBANK_INDICATORS, TEMPLATE_VERSION } from '../model/indicators';
import { DATA_COLUMNS, DATA_FIRST_KOMMUNE_ROW, DATA_FIRST_ROW, DATA_LAST_ROW, TREND_START, trendHeaderRow } from './layout';
import { columnLetter, splitRef } from './description';
import type { ReadRequest } from './port';
import { templateLayout, type Location } from './template';
import type { ReadView } from './view';
import v1_0 from './layouts/1.0.json';
import v1_1 from './layouts/1.1.json';

/** The Data sheet's grid: where a pull's figures are (a reader of that sheet needs it as it was). */
export interface DataGrid {
  firstRow: number;
  firstKommuneRow: number;
  lastRow: number;
  columns: Record<string, { value: string; taeller?: string; naevner?: string; rank?: string }>;
  trendStart: number;
  trendHeaderRows: Record<string, number>;
}

export interface LayoutData {
  version: string;
  /** The sheets, in tab order. */
  sheets: string[];
  /** Each defined name of one cell: "Sheet!A1". */
  names: Record<string, string>;
  /** Each defined name of a range (the lists): "Sheet!A2:A99". */
  ranges: Record<string, string>;
  /** Each computed cell's formula, by "Sheet!A1". */
  formulas: Record<string, string>;
  data: DataGrid;
}

const RELEASED: Record<string, LayoutData> = { '1.0': v1_0 as LayoutData, '1.1': v1_1 as LayoutData };

/** The layout of a released version, or undefined for one this release does not know. */
export function layoutOf(version: string): LayoutData | undefined {
  return KNOWN_TEMPLATE_VERSIONS.includes(version) ? RELEASED[version] : undefined;
}

/** The current version's layout. */
export const currentLayout = (): LayoutData => RELEASED[TEMPLATE_VERSION]!;

export function dataGrid(): DataGrid {
  const columns: DataGrid['columns'] = {};
  for (const [id, c] of DATA_COLUMNS.cols) columns[id] = { ...c };
  return {
    firstRow: DATA_FIRST_ROW,
    firstKommuneRow: DATA_FIRST_KOMMUNE_ROW,
    lastRow: DATA_LAST_ROW,
    columns,
    trendStart: TREND_START,
    trendHeaderRows: Object.fromEntries(STATBANK_INDICATORS().map((ind) => [ind.id, trendHeaderRow(ind)])),
  };
}

/** The layout the sheet descriptions give today: what `layouts/<TEMPLATE_VERSION>.json` must hold. */
export function describedLayout(): LayoutData {
  const t = templateLayout();
  const key = (l: Location) => `${l.sheet}!${l.cell}`;
  return {
    version: TEMPLATE_VERSION,
    sheets: [...t.sheets],
    names: Object.fromEntries([...t.locations].map(([name, l]) => [name, key(l)])),
    ranges: Object.fromEntries(t.rangeNames.map((r) => [r.name, `${r.sheet}!${r.range}`])),
    formulas: Object.fromEntries(t.formulas),
    data: dataGrid(),
  };
}

/** "Sheet!A1" as a location. */
export function location(ref: string): Location {
  const i = ref.lastIndexOf('!');
  return { sheet: ref.slice(0, i), cell: ref.slice(i + 1) };
}

/** What a reader needs to take a workbook's own layout from it. */
export const layoutRequest = (): ReadRequest => ({ sheets: true, names: true });

/**
 * A workbook's layout as it stands (its sheets, defined names and formulas), from a read that
 * listed sheets and names and read each sheet's used range: how a released template's layout is
 * taken from the file that release wrote.
 */
export function layoutOfWorkbook(view: ReadView, version: string): LayoutData {
  const names: Record<string, string> = {};
  const ranges: Record<string, string> = {};
  for (const n of view.result.names) {
    if (n.scope !== null || !n.target) continue;
    (n.target.range.includes(':') ? ranges : names)[n.name] = `${n.target.sheet}!${n.target.range}`;
  }
  const formulas: Record<string, string> = {};
  for (const r of view.result.ranges) {
    if (!r.exists) continue;
    const origin = splitRef(r.origin);
    r.rows.forEach((line, i) =>
      line.forEach((cell, j) => {
        if (cell.type === 'formula' && cell.formula !== undefined) formulas[`${r.sheet}!${columnLetter(origin.col + j)}${origin.row + i}`] = cell.formula;
      }),
    );
  }
  return { version, sheets: view.result.sheets.map((s) => s.name), names, ranges, formulas, data: dataGrid() };
}
