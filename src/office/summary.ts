/**
 * The Ledelsesresumé in the open workbook, made from the same description as `parathed summary`:
 * the workbook is read once, the summary put in one write (an earlier one replaced; its numbers
 * live formulas on the defined names, which Excel computes itself), then its native charts and
 * print setup drawn where the host has them (`drawNative`, one more sync).
 */
import { summaryOf, summaryRequest, summaryWrites } from '../summary/put';
import type { WorkbookPort } from '../workbook/port';
import { readThroughPort, type Problem } from '../workbook/reader';
import { missingInputs } from '../workbook/validate';
import { drawNative, type NativeFeatures } from './charts';
import type { IsSetSupported } from './requirements';
import type { ExcelRun } from './workbook';

export type SummaryOutcome =
  /** Made: what the host drew natively (with its message), and the problems and missing inputs the summary shows as "mangler". */
  | { made: true; features: NativeFeatures; problems: Problem[] }
  /** Not made: the workbook's structure does not allow it (the problems say why). */
  | { made: false; problems: Problem[] };

export async function regenerateSummary(port: WorkbookPort, run: ExcelRun, isSetSupported: IsSetSupported, generatedAt = new Date()): Promise<SummaryOutcome> {
  const read = await readThroughPort(port, summaryRequest());
  const made = summaryOf(read, generatedAt);
  if (!made) return { made: false, problems: read.result.problems };
  // Excel computes the formulas itself: no cached results to bring along.
  await port.write(summaryWrites(made.summary, read.view));
  const features = await drawNative(run, made.summary, isSetSupported);
  return { made: true, features, problems: [...read.result.problems, ...missingInputs(read.result)] };
}
