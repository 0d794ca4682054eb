/**
 * The Ledelsesresumé in the open workbook, made from the same description as `parathed summary`:
 * one read of the workbook (the assessment, the Data sheet and the list of sheets, without the
 * list of defined names), then the summary put in one write, an earlier one replaced. Its numbers
 * are live formulas on the defined names, which Excel computes itself; its native charts and print
 * setup are drawn in the same write where the host has them (the adapter's `native` features,
 * charts.ts), its in-cell bars either way.
 */
import { summaryOf, summaryWrites } from '../summary/put';
import { dataContentFrom, dataRequest } from '../workbook/data-reader';
import { assessmentFrom, assessmentRequest, type Problem, type WorkbookRead } from '../workbook/reader';
import { missingInputs } from '../workbook/validate';
import { ReadView, combineRequests } from '../workbook/view';
import type { NativeFeatures } from './charts';
import type { OfficeWorkbook } from './workbook';

export type SummaryOutcome =
  /** Made: what the host drew natively (with its message), and the problems and missing inputs the summary shows as "mangler". */
  | { made: true; features: NativeFeatures; problems: Problem[] }
  /** Not made: the workbook's structure does not allow it (the problems say why). */
  | { made: false; problems: Problem[] };

const NONE: NativeFeatures = { charts: false, chartFormats: false, pageLayout: false };

export async function regenerateSummary(port: OfficeWorkbook, generatedAt = new Date()): Promise<SummaryOutcome> {
  // The sheet list says whether a summary is there to replace; its content is not needed.
  const view = new ReadView(await port.read({ ...combineRequests(assessmentRequest(), dataRequest()), sheets: true, names: false }));
  const read: WorkbookRead = { view, result: assessmentFrom(view), data: dataContentFrom(view) };
  const made = summaryOf(read, generatedAt);
  if (!made) return { made: false, problems: read.result.problems };
  // Excel computes the formulas itself: no cached results to bring along.
  await port.write(summaryWrites(made.summary, read.view));
  return { made: true, features: port.nativeFeatures ?? NONE, problems: [...read.result.problems, ...missingInputs(read.result)] };
}
