/**
 * Puts the summary sheet into a workbook through the port, in one write: an earlier summary is
 * replaced, the new one becomes the first sheet, and every other sheet, name, validation and
 * protection stays as it was; the cached results of the other described sheets are brought up to
 * date on the way.
 */
import type { SheetSpec } from '../workbook/description';
import type { ReadRequest, WorkbookPort, WriteBatch } from '../workbook/port';
import { cachedResultWrites } from '../workbook/refresh';
import type { ReadView } from '../workbook/view';
import { SUMMARY_SHEET } from './summary';

/** What a rewrite reads of an existing summary: its used range (its formulas' cached results). */
export const summaryRequest = (): ReadRequest => ({ ranges: [{ sheet: SUMMARY_SHEET }] });

/**
 * The write that puts `summary` in place; `refresh` are the workbook's other described sheets,
 * whose formulas get the mirror's results (give them only when the assessment read is valid, so
 * the description is exactly what the sheet holds).
 */
export function summaryWrites(summary: SheetSpec, view: ReadView, refresh: readonly SheetSpec[] = []): WriteBatch {
  return {
    removeSheets: view.hasSheet(SUMMARY_SHEET) ? [SUMMARY_SHEET] : [],
    putSheets: [{ sheet: summary, position: 'first' }],
    cells: cachedResultWrites(refresh, view),
  };
}

export async function putSummary(port: WorkbookPort, summary: SheetSpec, view: ReadView, refresh: readonly SheetSpec[] = []): Promise<void> {
  await port.write(summaryWrites(summary, view, refresh));
}
