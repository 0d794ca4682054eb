/**
 * Reads the Data sheet's figures and the log of what the last pull wrote (Hentninger) from a read
 * through the port: the content a pull plans against and a summary shows.
 */
import { AREAS } from '../model/geography';
import { GEOGRAPHIES, STATBANK_INDICATORS } from '../model/indicators';
import { TREND_LENGTH } from '../model/statbank';
import type { CellValue } from '../scoring/excel';
import { columnLetter, splitRef } from './description';
import { DATA_COLUMNS, DATA_END_ROW, DATA_SHEET, LOG_SHEET, POPULATION_COLUMN, TREND, dataColumns, dataRow, trendHeaderRow, trendRow } from './layout';
import type { CellRead, ReadRequest } from './port';
import { HENTET_CELL, NOT_PULLED, emptyData, type DataContent, type StoredFigure } from './sheets/data';
import { LOG_FIRST_ROW } from './sheets/log';
import type { ReadView } from './view';

/** The Data sheet's whole block, and the log sheet's used range. */
export function dataRequest(): ReadRequest {
  const lastCol = Math.max(DATA_COLUMNS.width, TREND.lastCol);
  return { ranges: [{ sheet: DATA_SHEET, range: `A1:${columnLetter(lastCol)}${DATA_END_ROW}` }, { sheet: LOG_SHEET }] };
}

/** A stored value (formulas and errors read as blank: the Data sheet's inputs are plain values). */
function plain(cell: CellRead | undefined): CellValue {
  if (!cell) return null;
  return cell.type === 'number' || cell.type === 'string' || cell.type === 'boolean' ? cell.value : null;
}
const num = (v: CellValue) => (typeof v === 'number' ? v : null);

export function dataContentFrom(view: ReadView): DataContent {
  const data = emptyData();
  if (view.hasSheet(DATA_SHEET)) {
    const at = (col: string | number, row: number) => plain(view.cell(DATA_SHEET, `${typeof col === 'number' ? columnLetter(col) : col}${row}`));
    const note = plain(view.cell(DATA_SHEET, HENTET_CELL));
    if (typeof note === 'string' && note !== NOT_PULLED && !note.includes('Endnu ikke hentet') && note.trim() !== '') data.hentet = note;
    AREAS.forEach((area, i) => {
      const row = dataRow(i);
      const figures: Record<string, StoredFigure> = {};
      for (const ind of [...STATBANK_INDICATORS(), POPULATION_COLUMN]) {
        const c = dataColumns(ind.id);
        figures[ind.id] = c.taeller ? { taeller: num(at(c.taeller, row)), naevner: num(at(c.naevner!, row)) } : { value: num(at(c.value, row)) };
      }
      data.areas[area.code] = figures;
    });
    for (const ind of STATBANK_INDICATORS()) {
      const header = trendHeaderRow(ind);
      const periods = Array.from({ length: TREND_LENGTH }, (_, p) => at(TREND.valueCol(p), header)).filter((p): p is string => typeof p === 'string');
      const figures = Object.fromEntries(
        GEOGRAPHIES.map((g) => {
          const row = trendRow(ind, g.id);
          return [
            g.id,
            Array.from({ length: TREND_LENGTH }, (_, p) =>
              ind.andel ? { taeller: num(at(TREND.taellerCol(p), row)), naevner: num(at(TREND.naevnerCol(p), row)) } : { value: num(at(TREND.valueCol(p), row)) },
            ),
          ];
        }),
      ) as DataContent['trend'][string]['figures'];
      if (periods.length > 0) data.trend[ind.id] = { periods, figures };
    }
  }
  const log = view.used(LOG_SHEET);
  if (log) {
    const origin = splitRef(log.origin);
    log.rows.forEach((line, i) => {
      const row = origin.row + i;
      const name = origin.col === 1 ? plain(line[0]) : null;
      if (row >= LOG_FIRST_ROW && typeof name === 'string') data.written[name] = plain(line[1]);
    });
  }
  return data;
}

/** The last row the log holds (for clearing what a new log does not overwrite). */
export function logLastRow(view: ReadView): number {
  const log = view.used(LOG_SHEET);
  return log ? splitRef(log.origin).row + log.rows.length - 1 : 0;
}
