/**
 * Applies a pull to a workbook file (ExcelJS): reads the Data sheet and the log of the last pull,
 * and writes a plan's changes in place, so sheets, formats and anything else the user added stay
 * as they were. Formula cells get the results the mirror computes for the new contents.
 */
import ExcelJS from 'exceljs';
import { GEOGRAPHIES, STATBANK_INDICATORS } from '../model/indicators';
import { TREND_LENGTH } from '../model/statbank';
import type { CellValue } from '../scoring/excel';
import type { PullPlan } from '../statbank/apply';
import { DATA_AREAS, DATA_COLUMNS, DATA_SHEET, FIRST_ROW, LOG_SHEET, POPULATION_COLUMN, emptyData, trendRow, type DataContent, type StoredFigure } from './data-sheet';
import { normalFormula, rawValue, resolveName } from './reader';
import { describeWorkbook } from './template';

/** A stored value (formulas and errors read as blank: the Data sheet's inputs are plain values). */
function plain(cell: ExcelJS.Cell): CellValue {
  const raw = rawValue(cell);
  return 'value' in raw ? raw.value : null;
}
const num = (v: CellValue) => (typeof v === 'number' ? v : null);

/** The Data sheet's figures and the log of what the last pull wrote. */
export function readDataContent(wb: ExcelJS.Workbook): DataContent {
  const data = emptyData();
  const ws = wb.getWorksheet(DATA_SHEET);
  if (ws) {
    DATA_AREAS.forEach((area, i) => {
      const row = FIRST_ROW + i;
      const figures: Record<string, StoredFigure> = {};
      for (const ind of [...STATBANK_INDICATORS(), POPULATION_COLUMN]) {
        const c = DATA_COLUMNS.cols.get(ind.id)!;
        figures[ind.id] = c.taeller
          ? { taeller: num(plain(ws.getCell(`${c.taeller}${row}`))), naevner: num(plain(ws.getCell(`${c.naevner}${row}`))) }
          : { value: num(plain(ws.getCell(`${c.value}${row}`))) };
      }
      data.areas[area.code] = figures;
    });
    for (const ind of STATBANK_INDICATORS()) {
      const header = ws.getRow(trendRow(ind, 'Kommune') - 1);
      const periods = Array.from({ length: TREND_LENGTH }, (_, p) => plain(header.getCell(3 + p))).filter((p): p is string => typeof p === 'string');
      const figures = Object.fromEntries(
        GEOGRAPHIES.map((g) => {
          const row = ws.getRow(trendRow(ind, g.id));
          return [
            g.id,
            Array.from({ length: TREND_LENGTH }, (_, p) =>
              ind.andel ? { taeller: num(plain(row.getCell(4 + TREND_LENGTH + p))), naevner: num(plain(row.getCell(4 + 2 * TREND_LENGTH + p))) } : { value: num(plain(row.getCell(3 + p))) },
            ),
          ];
        }),
      ) as DataContent['trend'][string]['figures'];
      if (periods.length > 0) data.trend[ind.id] = { periods, figures };
    }
  }
  const log = wb.getWorksheet(LOG_SHEET);
  log?.eachRow((row, n) => {
    const name = plain(row.getCell(1));
    if (n > 1 && typeof name === 'string') data.written[name] = plain(row.getCell(2));
  });
  return data;
}

/** Writes the plan into the loaded workbook and returns the new file's bytes. */
export async function applyPlan(wb: ExcelJS.Workbook, plan: PullPlan): Promise<Buffer> {
  const spec = describeWorkbook(plan.assessment, plan.data);
  for (const change of plan.changed) {
    const at = resolveName(wb, change.name);
    if (at) wb.getWorksheet(at.sheet)!.getCell(at.cell).value = change.new;
  }
  const log = wb.getWorksheet(LOG_SHEET);
  if (log) for (let r = log.rowCount; r >= 2; r--) log.spliceRows(r, 1);
  for (const sheet of spec.sheets) {
    const ws = wb.getWorksheet(sheet.name);
    if (!ws) continue;
    const owned = sheet.name === DATA_SHEET || sheet.name === LOG_SHEET;
    for (const c of sheet.cells) {
      const cell = ws.getCell(c.ref);
      if (c.formula !== undefined) {
        const v = cell.value;
        const existing = v && typeof v === 'object' && 'formula' in v ? v.formula : undefined;
        if (existing !== undefined && normalFormula(existing) === normalFormula(c.formula)) {
          cell.value = { formula: existing, result: c.result } as ExcelJS.CellFormulaValue;
        }
      } else if (owned) {
        cell.value = c.value ?? null;
      }
    }
  }
  wb.calcProperties = { ...wb.calcProperties, fullCalcOnLoad: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

