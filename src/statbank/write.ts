/**
 * Writes a pull's plan into a workbook through the port, in one batch, over what a read of the
 * workbook found: the input cells it changes, the Data and log sheets it owns, and the cached
 * result of every formula that still holds the template's formula (a formula someone changed is
 * left alone, with its own result). Sheets, formats and anything else the user added stay.
 */
import { DATA_SHEET, LOG_SHEET } from '../workbook/layout';
import type { CellWrite, WorkbookPort, WriteBatch } from '../workbook/port';
import { logLastRow } from '../workbook/data-reader';
import { LOG_FIRST_ROW } from '../workbook/sheets/log';
import { holdsFormula } from '../workbook/structure';
import { describeWorkbook } from '../workbook/template';
import type { ReadView } from '../workbook/view';
import type { PullPlan } from './plan';

export function pullWrites(plan: PullPlan, before: ReadView): WriteBatch {
  const spec = describeWorkbook(plan.assessment, plan.data);
  const cells: CellWrite[] = plan.changed.map((c) => ({ name: c.name, value: c.new }));
  // The log is written anew: rows of an older, longer log are cleared.
  const logRows = Object.keys(plan.data.written).length;
  for (let row = LOG_FIRST_ROW + logRows; row <= logLastRow(before); row++) {
    cells.push({ sheet: LOG_SHEET, ref: `A${row}`, value: null }, { sheet: LOG_SHEET, ref: `B${row}`, value: null });
  }
  for (const sheet of spec.sheets) {
    if (!before.hasSheet(sheet.name)) continue;
    const owned = sheet.name === DATA_SHEET || sheet.name === LOG_SHEET;
    for (const c of sheet.cells) {
      if (c.formula !== undefined) {
        const existing = before.cell(sheet.name, c.ref);
        if (holdsFormula(existing, c.formula)) cells.push({ sheet: sheet.name, ref: c.ref, formula: existing!.formula!, ...(c.result !== undefined ? { result: c.result } : {}) });
      } else if (owned) {
        cells.push({ sheet: sheet.name, ref: c.ref, value: c.value ?? null });
      }
    }
  }
  return { cells };
}

export async function writePull(port: WorkbookPort, plan: PullPlan, before: ReadView): Promise<void> {
  await port.write(pullWrites(plan, before));
}
