/**
 * Puts the summary sheet into a workbook file (ExcelJS): replaces an earlier summary, adds the new
 * one as the first sheet, and leaves every other sheet, name, validation and protection as it
 * was. Native charts are not written: ExcelJS cannot write them, and @cj-tech-master/excelts
 * 5.1.17 (the newest for Node 20) has no chart API either; the summary uses in-cell data bars.
 */
import ExcelJS from 'exceljs';
import type { SheetSpec } from '../workbook/description';
import { addSheet } from '../workbook/xlsx-writer';
import { SUMMARY_SHEET } from './summary';

export async function putSummary(wb: ExcelJS.Workbook, summary: SheetSpec): Promise<Buffer> {
  const old = wb.getWorksheet(SUMMARY_SHEET);
  if (old) wb.removeWorksheet(old.id);
  const ws = addSheet(wb, summary);
  (ws as unknown as { orderNo: number }).orderNo = -1; // first tab
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  wb.calcProperties = { ...wb.calcProperties, fullCalcOnLoad: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
