/**
 * Writes a pull's plan into a workbook through the port, in one batch, over what a read of the
 * workbook found: the input cells it changes, the Data and log sheets it owns, and the cached
 * result of every formula that still holds the template's formula (a formula someone changed is
 * left alone, with its own result). Sheets, formats and anything else the user added stay.
 */
import type { SheetSpec } from '../workbook/description';
import { DATA_SHEET, LOG_SHEET } from '../workbook/layout';
import type { CellWrite, WorkbookPort, WriteBatch } from '../workbook/port';
import { logLastRow } from '../workbook/data-reader';
import { LOG_FIRST_ROW } from '../workbook/sheets/log';
import { cachedResultWrites } from '../workbook/refresh';
import { describeWorkbook } from '../workbook/template';
import type { ReadView } from '../workbook/view';
import type { PullPlan } from './plan';

/**
 * The writes of a pull. `alsoRefresh` are further described sheets whose formulas' cached
 * results change with the pull (an existing summary).
 */
export function pullWrites(plan: PullPlan, before: ReadView, alsoRefresh: readonly SheetSpec[] = []): WriteBatch {
  const spec = describeWorkbook(plan.assessment, plan.data);
  const cells: CellWrite[] = plan.changed.map((c) => ({ name: c.name, value: c.new }));
  // The log is written anew: rows of an older, longer log are cleared.
  const logRows = Object.keys(plan.data.written).length;
  for (let row = LOG_FIRST_ROW + logRows; row <= logLastRow(before); row++) {
    cells.push({ sheet: LOG_SHEET, ref: `A${row}`, value: null }, { sheet: LOG_SHEET, ref: `B${row}`, value: null });
  }
  // The Data and log sheets are the pull's own: every value on them is written.
  for (const sheet of spec.sheets.filter((x) => (x.name === DATA_SHEET || x.name === LOG_SHEET) && before.hasSheet(x.name))) {
    for (const c of sheet.cells) if (c.formula === undefined) cells.push({ sheet: sheet.name, ref: c.ref, value: c.value ?? null });
  }
  cells.push(...cachedResultWrites([...spec.sheets, ...alsoRefresh], before));
  return { cells };
}

export async function writePull(port: WorkbookPort, plan: PullPlan, before: ReadView, alsoRefresh: readonly SheetSpec[] = []): Promise<void> {
  await port.write(pullWrites(plan, before, alsoRefresh));
}
