/**
 * The Ledelsesresumé in the open workbook, made from the same description as `parathed summary`:
 * one read of the workbook (the assessment, the Data sheet and the list of sheets, without the
 * list of defined names), then the summary put in one write, an earlier one replaced. Its numbers
 * are live formulas on the defined names, which Excel computes itself; its native charts and print
 * setup are drawn in the same write where the host has them (the adapter's `native` features,
 * charts.ts), its in-cell bars either way.
 */
import { previousRequest, type PreviousCycle } from '../summary/previous';
import { summaryOf, summaryWrites } from '../summary/put';
import { dataContentFrom, dataRequest } from '../workbook/data-reader';
import { assessmentFrom, assessmentRequest, type Problem, type WorkbookRead } from '../workbook/reader';
import { missingInputs } from '../workbook/validate';
import { ReadView, combineRequests } from '../workbook/view';
import type { NativeFeatures } from './charts';
import type { OfficeWorkbook } from './workbook';

export type SummaryOutcome =
  /** Made: what the host drew natively (with its message), and the problems and missing inputs the summary shows as "mangler". */
  | { made: true; features: NativeFeatures; problems: Problem[]; previous?: PreviousCycle; previousProblem?: string }
  /** Not made: the workbook's structure does not allow it (the problems say why). */
  | { made: false; problems: Problem[] };

const NONE: NativeFeatures = { charts: false, chartFormats: false, pageLayout: false };

/**
 * Makes the summary again; with `previous` (a checked file of the previous cycle) with its
 * "Sidste vurdering" column and hidden sheet, put in the same write. With 'sheet' (the workbook
 * holds the hidden sheet, as the pane's last read listed), that sheet is read in the same read and
 * used again. A range on a sheet that is not there would cost the adapter a second read, so the
 * sheet is asked for only when it is there.
 */
export async function regenerateSummary(port: OfficeWorkbook, generatedAt = new Date(), previous?: PreviousCycle | 'sheet'): Promise<SummaryOutcome> {
  // The sheet list says whether a summary is there to replace; its content is not needed.
  const request = combineRequests(assessmentRequest(), dataRequest(), ...(previous === 'sheet' ? [previousRequest()] : []));
  const view = new ReadView(await port.read({ ...request, sheets: true, names: false }));
  const read: WorkbookRead = { view, result: assessmentFrom(view), data: dataContentFrom(view) };
  const made = summaryOf(read, generatedAt, previous === 'sheet' ? undefined : previous);
  if (!made) return { made: false, problems: read.result.problems };
  // Excel computes the formulas itself: no cached results to bring along.
  await port.write(summaryWrites(made.summary, read.view, [], made.previousSheet));
  return {
    made: true,
    features: port.nativeFeatures ?? NONE,
    problems: [...read.result.problems, ...missingInputs(read.result)],
    ...(made.previous ? { previous: made.previous } : {}),
    ...(made.previousProblem ? { previousProblem: made.previousProblem } : {}),
  };
}
