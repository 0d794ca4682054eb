/**
 * Puts the summary sheet into a workbook through the port: an earlier summary is replaced, the
 * new one becomes the first sheet, and every other sheet, name, validation and protection stays
 * as it was. One write.
 */
import type { SheetSpec } from '../workbook/description';
import type { SheetInfo, WorkbookPort, WriteBatch } from '../workbook/port';
import { SUMMARY_SHEET } from './summary';

export function summaryWrites(summary: SheetSpec, sheets: readonly SheetInfo[]): WriteBatch {
  return {
    removeSheets: sheets.some((s) => s.name === SUMMARY_SHEET) ? [SUMMARY_SHEET] : [],
    putSheets: [{ sheet: summary, position: 'first' }],
  };
}

export async function putSummary(port: WorkbookPort, summary: SheetSpec, sheets: readonly SheetInfo[]): Promise<void> {
  await port.write(summaryWrites(summary, sheets));
}
