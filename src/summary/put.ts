/**
 * Puts the summary sheet into a workbook through the port, in one write: an earlier summary is
 * replaced, the new one becomes the first sheet, and every other sheet, name, validation and
 * protection stays as it was; the cached results of the other described sheets are brought up to
 * date on the way.
 */
import type { SheetSpec } from '../workbook/description';
import type { ReadRequest, WorkbookPort, WriteBatch } from '../workbook/port';
import type { WorkbookRead } from '../workbook/reader';
import { cachedResultWrites } from '../workbook/refresh';
import { describeWorkbook } from '../workbook/template';
import type { ReadView } from '../workbook/view';
import { SUMMARY_SHEET, describeSummary } from './summary';
import { withheldNames } from '../workbook/cpr';

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

/**
 * The summary of a workbook as read (with `summaryRequest()` in the same read), as the CLI and the
 * task pane make it: described from the assessment read so far (a draft too), with the cells that
 * look like CPR numbers withheld; `refresh` are the workbook's described sheets whose cached
 * results come along (only when the assessment read is valid). Undefined when the workbook's
 * structure does not allow a summary (its problems say why).
 */
export function summaryOf(read: WorkbookRead, generatedAt: Date): { summary: SheetSpec; refresh: SheetSpec[] } | undefined {
  const { result } = read;
  if (!result.partial || result.problems.some((p) => p.structural)) return undefined;
  const spec = describeWorkbook(result.partial, read.data);
  return { summary: describeSummary(result.partial, spec, generatedAt, withheldNames(result.cells)), refresh: result.assessment ? spec.sheets : [] };
}
