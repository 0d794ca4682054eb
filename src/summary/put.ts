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
import { PREVIOUS_SHEET, describePreviousSheet, previousCycleOrder, previousFromView, previousRequest, type PreviousCycle } from './previous';

/**
 * What a rewrite reads of an existing summary: its used range (its formulas' cached results), and
 * the hidden sheet of the previous cycle, which a summary made again keeps using.
 */
export const summaryRequest = (): ReadRequest => ({ ranges: [{ sheet: SUMMARY_SHEET }, ...(previousRequest().ranges ?? [])] });

/**
 * The write that puts `summary` in place; `refresh` are the workbook's other described sheets,
 * whose formulas get the mirror's results (give them only when the assessment read is valid, so
 * the description is exactly what the sheet holds).
 */
export function summaryWrites(summary: SheetSpec, view: ReadView, refresh: readonly SheetSpec[] = [], previousSheet?: SheetSpec): WriteBatch {
  const replaced = [SUMMARY_SHEET, ...(previousSheet ? [PREVIOUS_SHEET] : [])];
  return {
    removeSheets: replaced.filter((name) => view.hasSheet(name)),
    putSheets: [{ sheet: summary, position: 'first' }, ...(previousSheet ? [{ sheet: previousSheet, position: 'last' as const }] : [])],
    cells: cachedResultWrites(refresh, view),
  };
}

export async function putSummary(port: WorkbookPort, made: MadeSummary, view: ReadView): Promise<void> {
  await port.write(summaryWrites(made.summary, view, made.refresh, made.previousSheet));
}

/** A summary made: the sheet, the described sheets whose cached results come along, and the previous cycle's sheet when it is new. */
export interface MadeSummary {
  summary: SheetSpec;
  refresh: SheetSpec[];
  /** The hidden sheet of the previous cycle, to put (replacing the one there); absent when the one there is kept or there is none. */
  previousSheet?: SheetSpec;
  /** The previous cycle the summary shows ("Sidste vurdering"), new or read back from its sheet. */
  previous?: PreviousCycle;
  /** Why the sheet there could not be used (Danish, naming the sheet and cell). */
  previousProblem?: string;
}

/**
 * The summary of a workbook as read (with `summaryRequest()` in the same read), as the CLI and the
 * task pane make it: described from the assessment read so far (a draft too), with the cells that
 * look like CPR numbers withheld; `refresh` are the workbook's described sheets whose cached
 * results come along (only when the assessment read is valid). With `previous` (a file of the
 * previous cycle, checked) the summary gets its "Sidste vurdering" column and its hidden sheet is
 * put; without it, the hidden sheet already in the workbook is read back and used, so the column
 * stays until that sheet is deleted. Undefined when the workbook's structure does not allow a
 * summary (its problems say why).
 */
export function summaryOf(read: WorkbookRead, generatedAt: Date, previous?: PreviousCycle): MadeSummary | undefined {
  const { result } = read;
  if (!result.partial || result.problems.some((p) => p.structural)) return undefined;
  const spec = describeWorkbook(result.partial, read.data);
  const kept = previous ? {} : previousFromView(read.view);
  const candidate = previous ?? kept.previous;
  // A previous cycle that is not older than this assessment is not shown (the dates may have changed since it was chosen).
  const order = candidate ? previousCycleOrder(candidate.file, candidate.dato, result.partial.vurderingDato) : undefined;
  const shown = order?.ok ? candidate : undefined;
  const problem = kept.problem ?? (order && !order.ok ? `${order.message} Resuméet er lavet uden sidste vurdering.` : undefined);
  return {
    summary: describeSummary(result.partial, spec, generatedAt, withheldNames(result.cells), shown),
    refresh: result.assessment ? spec.sheets : [],
    ...(previous && shown ? { previousSheet: describePreviousSheet(previous) } : {}),
    ...(shown ? { previous: shown } : {}),
    ...(problem ? { previousProblem: problem } : {}),
  };
}
